package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * What an operator of the service looks at: readiness, the OpenAPI document, Swagger UI, metrics.
 */
@QuarkusTest
class OperationsTest {

    @Test
    void readiness_reports_the_loaded_rule_set() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("rules"))
                .body("checks.find { it.name == 'rules' }.data.loaded", equalTo(true))
                .body("checks.find { it.name == 'rules' }.data.version", notNullValue());
    }

    @Test
    void the_openapi_document_describes_the_payloads_with_examples() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", notNullValue())
                // on the bodies' schemas, where Swagger UI shows them and a client generator
                // does not warn of them (ClientTypesFilter)
                .body(
                        "paths.'/classify'.post.requestBody.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/OperatorProfile"))
                .body("components.schemas.OperatorProfile.example.ticker", equalTo("IREN"))
                .body("components.schemas.Deal.example.counterparty", equalTo("Microsoft"))
                .body("components.schemas.WhatIf.example.addDeals", notNullValue())
                // what would move an operator, and the conversion upside, are part of every
                // classification
                .body("components.schemas.Classification.properties.gaps", notNullValue())
                .body(
                        "components.schemas.Gap.properties.keySet()",
                        hasItems("toward", "rule", "file", "message"))
                .body(
                        "components.schemas.Metrics.properties.conversionUpsideUsdPerYear",
                        notNullValue())
                .body(
                        "components.schemas.Metrics.properties.establishedBacklogUsd",
                        notNullValue());
    }

    @Test
    void swagger_ui_is_on() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
