package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * A failure nobody foresaw is a 500 the service logs, never a 400 that blames the client: not when
 * it is an Error rather than an Exception, not when it fails a Vert.x route after the body was read
 * (the body reader's failure handler matches every failure of the request, and once answered 400
 * with no body to an AssertionError from the database driver).
 */
@QuarkusTest
class UnexpectedFailuresTest {

    @Test
    void an_error_thrown_by_a_resource_is_a_500_problem() {
        Response r = postSomeJson("/test-only/throws-error");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("detail"))
                .isEqualTo("internal error; see the service log");
        assertThat(r.asString()).doesNotContain("AssertionError");
    }

    @Test
    void a_route_failing_after_the_body_was_read_is_a_500_not_a_400() {
        Response r = postSomeJson("/test-only/failing-route");
        assertThat(r.statusCode()).isEqualTo(500);
    }

    private static Response postSomeJson(String path) {
        return given().contentType("application/json").body("{\"any\":1}").post(path);
    }

    /** A resource that fails with an Error; hidden from the API's document. */
    @Path("/test-only/throws-error")
    public static class ThrowsError {
        @POST
        @Operation(hidden = true)
        public String post(String body) {
            throw new AssertionError("a library's own check failed");
        }
    }

    /** A Vert.x route, after the body reader, that fails the request. */
    @ApplicationScoped
    public static class FailingRoute {
        void install(@Observes Router router) {
            router.post("/test-only/failing-route")
                    .handler(ctx -> ctx.fail(new IllegalStateException("deliberate")));
        }
    }
}
