package dev.tiering.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.PackagedApp;
import dev.tiering.store.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords, through the packaged service and its real log: a generated one is shown once and never
 * again; one from the environment is never shown; neither comes back in any answer.
 */
class PasswordsIT {
    private static final Pattern NOTICE =
            Pattern.compile(
                    "No password set for user '(analyst|admin)'.*generated for this run: (\\S+)");

    @TempDir Path dataDir;

    @Test
    void a_generated_password_is_logged_exactly_once_works_and_is_never_answered()
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TIERING_ANALYST_PASSWORD", null);
        env.put("TIERING_ADMIN_PASSWORD", null);
        try (PackagedApp app = new PackagedApp(dataDir, env).start()) {
            Map<String, String> generated = new HashMap<>();
            Matcher m = NOTICE.matcher(app.log());
            while (m.find()) {
                generated.put(m.group(1), m.group(2));
            }
            assertThat(generated).containsOnlyKeys("analyst", "admin");
            assertThat(generated.get("analyst"))
                    .isNotEqualTo(generated.get("admin"))
                    .hasSizeGreaterThanOrEqualTo(20);

            List<HttpResponse<String>> answers =
                    exercise(app, generated.get("analyst"), generated.get("admin"));
            app.stop();

            String log = app.log();
            for (String password : generated.values()) {
                assertThat(occurrences(log, password))
                        .as("times the password is in the log")
                        .isEqualTo(1);
                assertNotAnswered(answers, password);
            }
        }
    }

    @Test
    void passwords_from_the_environment_are_never_logged_nor_answered() throws Exception {
        String analyst = "env-analyst-Pw-7f3c91";
        String admin = "env-admin-Pw-a01b22";
        try (PackagedApp app =
                new PackagedApp(
                                dataDir,
                                Map.of(
                                        "TIERING_ANALYST_PASSWORD",
                                        analyst,
                                        "TIERING_ADMIN_PASSWORD",
                                        admin))
                        .start()) {
            List<HttpResponse<String>> answers = exercise(app, analyst, admin);
            app.stop();
            String log = app.log();
            assertThat(log).doesNotContain(analyst, admin, "generated for this run");
            assertNotAnswered(answers, analyst);
            assertNotAnswered(answers, admin);
        }
    }

    /**
     * Signs in, fails to sign in, writes, is refused, errs: everything that might echo a password.
     */
    private static List<HttpResponse<String>> exercise(
            PackagedApp app, String analyst, String admin) throws Exception {
        List<HttpResponse<String>> out = new ArrayList<>();
        String t = "PW";
        out.add(
                expect(
                        201,
                        app.send("PUT", "/operators/" + t, "analyst", analyst, Api.profile(t))));
        out.add(
                expect(
                        201,
                        app.send(
                                "POST",
                                "/operators/" + t + "/deals",
                                "analyst",
                                analyst,
                                Api.smallDeal("d1"))));
        out.add(
                expect(
                        400,
                        app.send(
                                "POST",
                                "/operators/" + t + "/deals",
                                "analyst",
                                analyst,
                                "{\"id\":")));
        out.add(
                expect(
                        401,
                        app.send(
                                "PUT",
                                "/operators/" + t,
                                "analyst",
                                analyst + "x",
                                Api.profile(t))));
        out.add(expect(401, app.send("PUT", "/operators/" + t, "admin", analyst, Api.profile(t))));
        out.add(expect(401, app.send("PUT", "/operators/" + t, null, null, Api.profile(t))));
        out.add(expect(403, app.send("POST", "/rules/reload", "analyst", analyst, null)));
        out.add(expect(200, app.send("POST", "/rules/reload", "admin", admin, null)));
        out.add(expect(200, app.send("GET", "/operators/" + t, "analyst", analyst, null)));
        out.add(expect(200, app.send("GET", "/rules", "admin", admin, null)));
        out.add(app.get("/q/health"));
        out.add(app.get("/q/metrics"));
        out.add(app.get("/q/openapi"));
        out.add(app.get("/nowhere"));
        return out;
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        assertThat(r.statusCode())
                .as("%s %s: %s", r.request().method(), r.request().uri(), r.body())
                .isEqualTo(status);
        return r;
    }

    private static void assertNotAnswered(List<HttpResponse<String>> answers, String password) {
        for (HttpResponse<String> r : answers) {
            assertThat(r.body()).as("body of %s", r.request().uri()).doesNotContain(password);
            assertThat(r.headers().map().toString())
                    .as("headers of %s", r.request().uri())
                    .doesNotContain(password);
        }
    }

    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
