package dev.tiering.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rule change through the API with the checker on, as in production: a function that never ends
 * is stopped by its budget and refused with its rule, file and line, the service keeps classifying
 * with the rules it had, and a change that holds goes live.
 */
@QuarkusTest
@TestProfile(RulesCopy.Checked.class)
class RuleVettingTest {

    @AfterEach
    void restore() {
        RulesCopy.restore(RulesCopy.dir());
        reload().then().statusCode(200);
    }

    @Test
    void a_function_that_never_ends_is_refused_and_the_service_keeps_serving() {
        String before = given().get("/rules").then().statusCode(200).extract().path("version");
        RulesCopy.write(
                RulesCopy.dir().resolve("spin.drl"),
                """
                package rules;
                import dev.tiering.engine.facts.OperatorFact;
                function int spin(int n) { int i = 0; while (n > 0) { i = i + 1; } return i; }
                rule "Spin for ever"
                when
                    OperatorFact()
                then
                    spin(1);
                end
                """);

        long started = System.nanoTime();
        reload().then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.file", hasItem("spin.drl"))
                .body("errors[0].line", equalTo(4))
                .body("errors[0].message", containsString("Spin for ever"))
                .body("errors[0].message", containsString("steps"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("stopped by its budget, long before the checker's time is up")
                .isLessThan(Duration.ofSeconds(10));

        given().get("/rules")
                .then()
                .statusCode(200)
                .body("version", equalTo(before))
                .body("lastError.errors[0].file", equalTo("spin.drl"));
        given().contentType("application/json")
                .body("{\"ticker\":\"LIVE\",\"name\":\"Still served\"}")
                .post("/classify")
                .then()
                .statusCode(200);
    }

    @Test
    void code_that_reaches_outside_is_refused_at_its_line_and_never_runs() throws Exception {
        Path canary = Files.createTempDirectory("canary").resolve("written");
        RulesCopy.write(
                RulesCopy.dir().resolve("exec.drl"),
                """
                package rules;
                import dev.tiering.engine.facts.OperatorFact;
                rule "Reaches Runtime.exec"
                when
                    OperatorFact()
                then
                    Object c = new java.beans.Expression(Class.class, "for" + "Name", new Object[] {"java.lang.Run" + "time"}).getValue();
                    new java.util.Formatter("%s").close();
                end
                """
                        .replace("%s", canary.toString()));

        reload().then()
                .statusCode(422)
                .body("errors[0].file", equalTo("exec.drl"))
                .body("errors[0].line", equalTo(7))
                .body("errors[0].message", containsString("java.beans.Expression"));
        assertThat(canary).doesNotExist();
    }

    @Test
    void a_change_that_holds_goes_live_through_the_checker() throws Exception {
        RulesCopy.replace(
                RulesCopy.dir().resolve("risks.drl"),
                "function double cryptoRevenueShare() { return 0.5; }",
                "function double cryptoRevenueShare() { return 0.6; }");
        String version = reload().then().statusCode(200).extract().path("version");
        assertThat(version).isNotEqualTo(RulesCopy.shippedVersion());
        assertThat(Files.readString(RulesCopy.dir().resolve("risks.drl"))).contains("return 0.6;");
    }

    @Test
    void a_broken_file_is_still_named_with_its_line_by_the_gate() {
        RulesCopy.write(
                RulesCopy.dir().resolve("broken.drl"),
                "package rules;\n\nrule \"half\" when then\n");
        reload().then()
                .statusCode(422)
                .body("errors[0].file", equalTo("broken.drl"))
                .body("errors[0].line", org.hamcrest.Matchers.greaterThan(0));
    }

    private static io.restassured.response.Response reload() {
        return given().auth().preemptive().basic("admin", "admin-secret").post("/rules/reload");
    }
}
