package dev.tiering.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rule files that are not what they seem: a link to a file elsewhere on the host, and a file in
 * another encoding. Both are refused naming the file; nothing of what the link points to reaches
 * any answer.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class RuleFolderSafetyTest {

    @AfterEach
    void restore() throws Exception {
        Files.deleteIfExists(RulesCopy.dir().resolve("x.drl"));
        Files.deleteIfExists(RulesCopy.dir().resolve("latin1.drl"));
        RulesCopy.restore(RulesCopy.dir());
        given().auth()
                .preemptive()
                .basic("admin", "admin-secret")
                .post("/rules/reload")
                .then()
                .statusCode(200);
    }

    @Test
    void a_symlinked_rule_file_is_refused_and_what_it_points_to_is_never_shown() throws Exception {
        Files.createSymbolicLink(RulesCopy.dir().resolve("x.drl"), Path.of("/etc/passwd"));

        String refusal =
                given().auth()
                        .preemptive()
                        .basic("admin", "admin-secret")
                        .post("/rules/reload")
                        .then()
                        .statusCode(422)
                        .body("errors.file", hasItem("x.drl"))
                        .extract()
                        .asString();
        assertThat(refusal).contains("symbolic link").doesNotContain("root:");
        String rules =
                given().get("/rules")
                        .then()
                        .statusCode(200)
                        .body("lastError.errors[0].file", equalTo("x.drl"))
                        .extract()
                        .asString();
        assertThat(rules).doesNotContain("root:");
    }

    @Test
    void a_rule_file_that_is_not_utf8_is_refused_naming_its_line() throws Exception {
        byte[] latin1 =
                "package rules;\n// caf\u00e9 in Latin-1\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(RulesCopy.dir().resolve("latin1.drl"), latin1);

        given().auth()
                .preemptive()
                .basic("admin", "admin-secret")
                .post("/rules/reload")
                .then()
                .statusCode(422)
                .body("errors[0].file", equalTo("latin1.drl"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("UTF-8"));
    }
}
