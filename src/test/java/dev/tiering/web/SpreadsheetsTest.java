package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Spreadsheets in and out: the operators, every deal and a history as CSV; deals imported all or
 * nothing; an export imports back; a name a spreadsheet would run as a formula comes out as text.
 * Each test reads back only the operators it stored, and deletes them.
 */
@QuarkusTest
class SpreadsheetsTest {
    @Test
    void the_operators_as_csv_with_plain_numbers_and_json_still_the_default() {
        String t = Api.ticker("CSV");
        analyst().body(Api.example("IREN", t)).put("/operators/" + t).then().statusCode(201);
        String csv =
                given().accept("text/csv")
                        .get("/operators")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .header("Content-Disposition", startsWith("attachment"))
                        .extract()
                        .asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0])
                .isEqualTo(
                        "ticker,name,tier,stage,fullStack,bindingBacklogUsd,establishedBacklogUsd,"
                            + "northAmericaAiMw,largestCounterpartyShare,densityUsdPerMwYear,conversionUpsideUsdPerYear,risks,"
                            + "ruleSetVersion");
        String row =
                List.of(lines).stream()
                        .filter(l -> l.startsWith(t + ","))
                        .findFirst()
                        .orElseThrow();
        assertThat(row)
                .contains(",TIER_1,NEOCLOUD,true,13100000000,9700000000,")
                .contains("COUNTERPARTY_CONCENTRATION;")
                .doesNotContain("E9")
                .doesNotContain("1,3");
        // Without an Accept header, or with */*, the list is JSON as before.
        given().get("/operators").then().contentType(startsWith("application/json"));
        given().accept("*/*").get("/operators").then().contentType(startsWith("application/json"));
        analyst().delete("/operators/" + t);
    }

    @Test
    void a_name_that_a_spreadsheet_would_run_comes_out_as_text() {
        String t = Api.ticker("FORM");
        String evil = "=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")";
        analyst()
                .body(
                        Api.profile(t)
                                .replace("{\"ticker\"", "{\"name\":\"" + evil + "\",\"ticker\""))
                .put("/operators/" + t)
                .then()
                .statusCode(201);
        String csv = given().accept("text/csv").get("/operators").asString();
        assertThat(csv)
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",")
                .doesNotContain(",=HYPERLINK");
        analyst().delete("/operators/" + t);
    }

    @Test
    void every_deal_exported_imports_back_into_a_store_without_deals() {
        String a = Api.ticker("RTA");
        String b = Api.ticker("RTB");
        analyst().body(Api.example("IREN", a)).put("/operators/" + a).then().statusCode(201);
        analyst().body(Api.example("BTDR", b)).put("/operators/" + b).then().statusCode(201);
        analyst()
                .body(Api.smallDeal("-dash").replace("Lambda", "+plus"))
                .post("/operators/" + b + "/deals")
                .then()
                .statusCode(201);
        List<Object> dealsA = given().get("/operators/" + a).jsonPath().getList("profile.deals");
        List<Object> dealsB = given().get("/operators/" + b).jsonPath().getList("profile.deals");
        String export =
                given().get("/deals")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .extract()
                        .asString();

        // The same operators without their deals, then the export back in.
        analyst()
                .body(
                        Api.example("IREN", a)
                                .replaceAll("(?s)\"deals\":\\s*\\[.*\\]", "\"deals\": []"))
                .put("/operators/" + a)
                .then()
                .statusCode(200);
        analyst()
                .body(
                        Api.example("BTDR", b)
                                .replaceAll("(?s)\"deals\":\\s*\\[.*\\]", "\"deals\": []"))
                .put("/operators/" + b)
                .then()
                .statusCode(200);
        assertThat(given().get("/operators/" + a).jsonPath().getList("profile.deals")).isEmpty();
        String mine =
                String.join(
                                "\r\n",
                                export.lines()
                                        .filter(
                                                l ->
                                                        l.startsWith("ticker,")
                                                                || l.startsWith(a + ",")
                                                                || l.startsWith(b + ","))
                                        .toList())
                        + "\r\n";
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(mine)
                .post("/deals/import")
                .then()
                .statusCode(200)
                .body("ticker", hasItem(a))
                .body("find { it.ticker == '" + a + "' }.after.tier", equalTo("TIER_1"));

        assertThat(given().get("/operators/" + a).jsonPath().getList("profile.deals"))
                .isEqualTo(dealsA);
        assertThat(given().get("/operators/" + b).jsonPath().getList("profile.deals"))
                .isEqualTo(dealsB);
        given().get("/operators/" + a + "/history")
                .then()
                .body("[0].cause", equalTo("DEAL"))
                .body("[0].by", equalTo("analyst"));
        analyst().delete("/operators/" + a);
        analyst().delete("/operators/" + b);
    }

    @Test
    void an_amending_row_keeps_the_part_the_guarantor_backs_which_the_sheet_has_no_column_for() {
        String t = Api.ticker("GUA");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(
                        "{\"id\":\"fs-1\",\"counterparty\":\"Fluidstack\","
                                + "\"counterpartyType\":\"NEOCLOUD\",\"guarantor\":\"Google\","
                                + "\"guarantorType\":\"HYPERSCALER\",\"guaranteedUsd\":600000000,"
                                + "\"service\":\"COLOCATION\",\"status\":\"BINDING\","
                                + "\"valueUsd\":2000000000,\"termYears\":10,\"mw\":100}")
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201);
        String header =
                "ticker,id,counterparty,counterpartyType,guarantor,guarantorType,service,status,"
                        + "valueUsd,termYears,mw\r\n";

        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(
                        header
                                + t
                                + ",fs-1,Fluidstack,NEOCLOUD,Google,HYPERSCALER,COLOCATION,BINDING,"
                                + "2100000000,10,100\r\n")
                .post("/deals/import")
                .then()
                .statusCode(200);
        given().get("/operators/" + t)
                .then()
                .body("profile.deals[0].valueUsd", equalTo(2.1e9f))
                .body("profile.deals[0].guaranteedUsd", equalTo(6e8f))
                .body("classification.metrics.establishedBacklogUsd", equalTo(600000000));

        // a value below what the guarantor backs: the row is refused, naming its value
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(
                        header
                                + t
                                + ",fs-1,Fluidstack,NEOCLOUD,Google,HYPERSCALER,COLOCATION,BINDING,"
                                + "500000000,10,100\r\n")
                .post("/deals/import")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("row 2: valueUsd")));
        analyst().delete("/operators/" + t);
    }

    @Test
    void one_bad_row_in_five_hundred_stores_nothing_and_names_the_row() {
        String t = Api.ticker("IMP");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        String before = given().get("/operators/" + t).asString();
        StringBuilder csv =
                new StringBuilder("valueUsd,ticker,id,counterparty,counterpartyType,status\r\n");
        for (int i = 0; i < 500; i++) {
            csv.append(i == 300 ? "-5" : "1000000")
                    .append(',')
                    .append(t)
                    .append(",d")
                    .append(i)
                    .append(",Lambda,NEOCLOUD,BINDING\r\n");
        }
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(csv.toString())
                .post("/deals/import")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", equalTo(List.of("row 302: valueUsd")));
        assertThat(given().get("/operators/" + t).asString()).isEqualTo(before);
        analyst().delete("/operators/" + t);
    }

    @Test
    void each_kind_of_bad_row_is_named_and_the_limits_hold() {
        String t = Api.ticker("BADR");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        String head = "ticker,id,counterparty,counterpartyType,status,valueUsd,signed\r\n";
        Map<String, String> bad =
                Map.of(
                        "NOPE-X,d1,Lambda,NEOCLOUD,BINDING,1,",
                        "row 2: ticker",
                        t + ",d1,Lambda,CLOUDISH,BINDING,1,",
                        "row 2: counterpartyType",
                        t + ",d1,Lambda,NEOCLOUD,BINDING,1,2026-13-01",
                        "row 2: signed",
                        t + ",d1,Lambda,NEOCLOUD,BINDING,\"1,000\",",
                        "row 2: valueUsd",
                        t + ",d1,Lambda,NEOCLOUD,,1,",
                        "row 2: status");
        bad.forEach(
                (row, field) ->
                        given().auth()
                                .preemptive()
                                .basic("analyst", "analyst-secret")
                                .contentType("text/csv")
                                .body(head + row + "\r\n")
                                .post("/deals/import")
                                .then()
                                .statusCode(400)
                                .body("errors.field", hasItem(field)));
        // The same (ticker, id) twice in one file.
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(
                        head
                                + t
                                + ",d1,Lambda,NEOCLOUD,BINDING,1,\r\n"
                                + t
                                + ",d1,Lambda,NEOCLOUD,BINDING,2,\r\n")
                .post("/deals/import")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("row 3: id"));
        // An unknown column, and a file over the row limit.
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body("ticker,id,colour\r\n")
                .post("/deals/import")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("row 1: colour"));
        int maxRows = ConfigProvider.getConfig().getValue("tiering.import.max-rows", Integer.class);
        StringBuilder many = new StringBuilder(head);
        for (int i = 0; i < maxRows + 1; i++) {
            many.append(t).append(",m").append(i).append(",Lambda,NEOCLOUD,BINDING,1,\r\n");
        }
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(many.toString())
                .post("/deals/import")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("row " + (maxRows + 2)));
        // Only analysts import.
        given().contentType("text/csv").body(head).post("/deals/import").then().statusCode(401);
        analyst().delete("/operators/" + t);
    }

    @Test
    void the_list_comes_a_page_at_a_time_with_a_link_to_the_next() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String t = "PG" + i;
            analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
            mine.add(t);
        }
        List<String> seen = new ArrayList<>();
        String next = "/operators?limit=2&after=PF";
        while (next != null) {
            io.restassured.response.Response page = given().get(next);
            page.then().statusCode(200);
            List<String> tickers = page.jsonPath().getList("ticker", String.class);
            assertThat(tickers.size()).isLessThanOrEqualTo(2);
            seen.addAll(tickers.stream().filter(x -> x.startsWith("PG")).toList());
            String link = page.header("Link");
            next =
                    link == null || !tickers.stream().allMatch(x -> x.startsWith("PG"))
                            ? null
                            : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        assertThat(seen).isEqualTo(mine);
        given().queryParam("limit", "0")
                .get("/operators")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().queryParam("limit", "5001").get("/operators").then().statusCode(400);
        mine.forEach(t -> analyst().delete("/operators/" + t));
    }

    @Test
    void an_operators_history_as_csv() {
        String t = Api.ticker("HCSV");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.hyperscalerDeal("msft"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201);
        String csv =
                given().accept("text/csv")
                        .get("/operators/" + t + "/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        List<String> lines = new ArrayList<>(csv.lines().toList());
        assertThat(lines.get(0))
                .isEqualTo("at,tier,stage,fullStack,risks,ruleSetVersion,cause,detail,by");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",TIER_1,").contains(",DEAL,").endsWith(",analyst");
        analyst().delete("/operators/" + t);
    }

    private static RequestSpecification analyst() {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("application/json");
    }
}
