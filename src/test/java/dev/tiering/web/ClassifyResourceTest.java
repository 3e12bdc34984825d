package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * POST /classify and /classify/batch on the shipped examples, with the outcomes of
 * examples/expected.md.
 */
@QuarkusTest
class ClassifyResourceTest {

    static String example(String ticker) throws IOException {
        return Files.readString(Path.of("examples", ticker + ".json"));
    }

    @Test
    void iren_is_tier_one_full_stack_neocloud() throws IOException {
        given().contentType("application/json")
                .body(example("IREN"))
                .when()
                .post("/classify")
                .then()
                .statusCode(200)
                .body("ticker", equalTo("IREN"))
                .body("tier", equalTo("TIER_1"))
                .body("stage", equalTo("NEOCLOUD"))
                .body("stages", contains("BARE_METAL", "NEOCLOUD"))
                .body("fullStack", equalTo(true))
                .body("metrics.bindingBacklogUsd", equalTo(13100000000L))
                .body("metrics.densityUsdPerMwYear", equalTo(10076923))
                .body(
                        "risks.code",
                        contains(
                                "COUNTERPARTY_CONCENTRATION",
                                "HARDWARE_OBSOLESCENCE",
                                "CRYPTO_EXPOSURE"))
                .body("reasons.file", hasItem("tiers.drl"))
                .body("metrics.establishedBacklogUsd", equalTo(9700000000L))
                .body("metrics.conversionUpsideUsdPerYear", equalTo(0))
                .body(
                        "reasons.rule",
                        hasItem("Tier one: massive binding orders from established customers"))
                .body(
                        "reasons.message",
                        hasItem(
                                "established backlog USD 9.7 B ≥ USD 1 B: Microsoft, a hyperscaler,"
                                        + " deal msft-2025"))
                .body("gaps", hasSize(0))
                .body("ruleSet.version", notNullValue());
    }

    @Test
    void glxy_is_tier_two_colocation_with_concentration() throws IOException {
        given().contentType("application/json")
                .body(example("GLXY"))
                .when()
                .post("/classify")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_2"))
                .body("stage", equalTo("COLOCATION"))
                .body("stages", contains("COLOCATION"))
                .body("fullStack", equalTo(false))
                .body("risks.code", contains("COUNTERPARTY_CONCENTRATION"))
                // 800 MW of binding colocation priced at bare metal's USD 9.7 M instead of its own
                // USD 1.25 M a MW-year
                .body("metrics.conversionUpsideUsdPerYear", equalTo(6760000000L))
                .body("metrics.establishedBacklogUsd", equalTo(0))
                .body("gaps.toward", contains("TIER_1", "BARE_METAL", "NEOCLOUD"))
                .body("gaps[0].file", equalTo("gaps.drl"))
                .body(
                        "gaps[0].rule",
                        equalTo("Toward Tier one: a massive order from an established customer"))
                .body(
                        "gaps[0].message",
                        startsWith(
                                "a binding deal with a hyperscaler, an AI lab or an enterprise"));
    }

    @Test
    void btdr_is_tier_three_without_a_stage() throws IOException {
        given().contentType("application/json")
                .body(example("BTDR"))
                .when()
                .post("/classify")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_3"))
                .body("stage", nullValue())
                .body("stages", empty())
                .body("fullStack", equalTo(false))
                .body("risks.code", contains("HARDWARE_OBSOLESCENCE", "CRYPTO_EXPOSURE"));
    }

    @Test
    void hash_is_untiered_with_crypto_exposure() throws IOException {
        given().contentType("application/json")
                .body(example("HASH"))
                .when()
                .post("/classify")
                .then()
                .statusCode(200)
                .body("tier", equalTo("UNTIERED"))
                .body("stage", nullValue())
                .body("risks.code", contains("CRYPTO_EXPOSURE"));
    }

    @Test
    void batch_answers_in_request_order() throws IOException {
        String body =
                "["
                        + example("HASH")
                        + ","
                        + example("IREN")
                        + ","
                        + example("BTDR")
                        + ","
                        + example("GLXY")
                        + "]";
        given().contentType("application/json")
                .body(body)
                .when()
                .post("/classify/batch")
                .then()
                .statusCode(200)
                .body("ticker", contains("HASH", "IREN", "BTDR", "GLXY"))
                .body("tier", contains("UNTIERED", "TIER_1", "TIER_3", "TIER_2"));
    }

    @Test
    void model_v3_in_one_answer_a_deal_too_small_an_empty_cloud_and_an_upside_not_known() {
        given().contentType("application/json")
                .body(
                        "{\"ticker\":\"V3\",\"sites\":[{\"name\":\"A\",\"country\":\"US\","
                            + "\"mw\":50,\"aiDedicated\":true}],\"gpuCloud\":{\"inHouse\":true,"
                            + "\"gpus\":0},\"deals\":[{\"id\":\"tiny\",\"counterparty\":\"Microsoft\","
                            + "\"counterpartyType\":\"HYPERSCALER\",\"service\":\"COLOCATION\","
                            + "\"status\":\"BINDING\",\"valueUsd\":1},{\"id\":\"lease\",\"counterparty\":\"CoreWeave,"
                            + " Inc.\",\"counterpartyType\":\"NEOCLOUD\","
                            + "\"service\":\"COLOCATION\",\"status\":\"BINDING\","
                            + "\"valueUsd\":50000000}]}")
                .when()
                .post("/classify")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_2"))
                .body("metrics.bindingBacklogUsd", equalTo(50000000))
                .body("metrics.establishedBacklogUsd", equalTo(0))
                // present, and null: the lease does not state its MW
                .body("metrics", org.hamcrest.Matchers.hasKey("conversionUpsideUsdPerYear"))
                .body("metrics.conversionUpsideUsdPerYear", nullValue())
                .body("risks.code", contains("COUNTERPARTY_CONCENTRATION"))
                .body(
                        "reasons.message",
                        hasItem(
                                "binding deal tiny with Microsoft, a hyperscaler, USD 1, is below"
                                        + " the minimum order of USD 10 M: too small to count"))
                .body(
                        "reasons.message",
                        hasItem("its in-house GPU cloud states no GPUs, so it counts as no cloud"));
    }

    @Test
    void a_negative_deal_value_is_a_400_naming_the_field() {
        given().contentType("application/json")
                .body(
                        "{\"ticker\":\"X\",\"deals\":[{\"id\":\"a\",\"counterparty\":\"C\",\"counterpartyType\":\"OTHER\","
                            + "\"status\":\"BINDING\",\"valueUsd\":1},{\"id\":\"b\",\"counterparty\":\"C\","
                            + "\"counterpartyType\":\"OTHER\",\"status\":\"BINDING\",\"valueUsd\":-5}]}")
                .when()
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains("deals[1].valueUsd"));
    }

    @Test
    void an_unknown_enum_value_is_a_400_naming_the_field() {
        given().contentType("application/json")
                .body(
                        "{\"ticker\":\"X\",\"sites\":[{\"country\":\"US\",\"mw\":5,\"status\":\"ON_FIRE\"}]}")
                .when()
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("sites[0].status"))
                .body("errors[0].message", startsWith("unknown value 'ON_FIRE'"));
    }

    @Test
    void an_unknown_field_is_a_400_naming_it() {
        given().contentType("application/json")
                .body("{\"ticker\":\"X\",\"tier\":\"TIER_1\"}")
                .when()
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("tier"));
    }

    @Test
    void a_wrong_type_is_a_400_naming_the_field() {
        given().contentType("application/json")
                .body("{\"ticker\":\"X\",\"miningRevenueShare\":\"lots\"}")
                .when()
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("miningRevenueShare"));
    }

    @Test
    void duplicate_deal_ids_are_a_400() {
        String deal =
                "{\"id\":\"a\",\"counterparty\":\"C\",\"counterpartyType\":\"OTHER\",\"status\":\"BINDING\",\"valueUsd\":1}";
        given().contentType("application/json")
                .body("{\"ticker\":\"X\",\"deals\":[" + deal + "," + deal + "]}")
                .when()
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("deals[1].id"));
    }

    @Test
    void malformed_json_is_a_400() {
        given().contentType("application/json")
                .body("{\"ticker\": ")
                .when()
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bad_input_in_a_batch_names_the_profile_index() throws IOException {
        given().contentType("application/json")
                .body("[" + example("IREN") + ",{\"ticker\":\"bad ticker\"}]")
                .when()
                .post("/classify/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("[1].ticker"));
    }
}
