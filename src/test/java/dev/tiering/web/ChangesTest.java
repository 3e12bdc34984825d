package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The change feed: every change of a stored classification's outline is an event, with what moved
 * it, read a page at a time by cursor, as JSON, CSV or a Markdown digest.
 */
@QuarkusTest
class ChangesTest {
    /** A binding USD 2 B colocation deal with Microsoft, signed 2026-09-01. */
    static String microsoftDeal(String id) {
        return "{\"id\":\""
                + id
                + "\",\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\","
                + "\"service\":\"COLOCATION\",\"status\":\"BINDING\",\"valueUsd\":2000000000,"
                + "\"termYears\":10,\"mw\":200,\"signed\":\"2026-09-01\"}";
    }

    /** Every published event of the given operators since {@code since}, oldest first. */
    static List<Map<String, Object>> eventsOf(Instant since, Set<String> tickers) {
        List<Map<String, Object>> out = new ArrayList<>();
        String next = "/changes?limit=1000&since=" + since;
        while (next != null) {
            Response r = follow(next).accept("application/json").get(next);
            r.then().statusCode(200);
            List<Map<String, Object>> page = r.jsonPath().getList("$");
            page.stream().filter(e -> tickers.contains(e.get("ticker"))).forEach(out::add);
            next = nextLink(r);
        }
        return out;
    }

    /** An event of the feed, read by path. */
    static JsonPath path(Map<String, Object> event) {
        try {
            return JsonPath.from(
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request for a path the test wrote (encoded by RestAssured) or a {@code Link} the service
     * gave (encoded already).
     */
    static io.restassured.specification.RequestSpecification follow(String path) {
        return given().urlEncodingEnabled(!path.contains("%"));
    }

    static String nextLink(Response r) {
        String link = r.header("Link");
        if (link == null) {
            return null;
        }
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
        return m.find() ? m.group(1) : null;
    }

    /** Waits until the feed holds {@code n} events of the tickers (it publishes within moments). */
    static List<Map<String, Object>> awaitEvents(Instant since, Set<String> tickers, int n)
            throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        List<Map<String, Object>> events = eventsOf(since, tickers);
        while (events.size() < n && System.nanoTime() < until) {
            Thread.sleep(50);
            events = eventsOf(since, tickers);
        }
        return events;
    }

    @Test
    void a_deal_that_moves_the_tier_is_an_event_that_names_the_deal_in_json_csv_and_markdown()
            throws InterruptedException {
        Instant since = Instant.now().minusSeconds(1);
        String t = Api.ticker("CHG");
        Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        String before =
                Api.analyst()
                        .body(microsoftDeal("msft-colo"))
                        .post("/operators/" + t + "/deals")
                        .then()
                        .statusCode(201)
                        .body("tierChanged", equalTo(true))
                        .extract()
                        .path("before.tier");

        List<Map<String, Object>> events = awaitEvents(since, Set.of(t), 2);
        assertThat(events).hasSize(2);
        JsonPath created = path((events.get(0)));
        assertThat(created.getString("cause")).isEqualTo("PROFILE");
        assertThat(created.getString("before")).isNull();
        assertThat(created.getString("after.tier")).isEqualTo(before);
        assertThat(created.getString("by")).isEqualTo("analyst");
        assertThat(created.getString("reason")).isEqualTo("its profile was created");

        JsonPath moved = path((events.get(1)));
        assertThat(moved.getString("cause")).isEqualTo("DEAL");
        assertThat(moved.getString("before.tier")).isEqualTo(before);
        String after = moved.getString("after.tier");
        assertThat(after).isNotEqualTo(before);
        assertThat(moved.getString("reason"))
                .isEqualTo("a binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)");
        assertThat(moved.getString("ruleSetVersion")).isNotBlank();
        assertThat(Long.parseLong(moved.getString("cursor")))
                .isGreaterThan(Long.parseLong(created.getString("cursor")));
        assertThat(moved.getString("id")).isNotEqualTo(created.getString("id"));

        String from = created.getString("after.tier");
        String csv =
                given().accept("text/csv")
                        .get("/changes?limit=1000&since=" + since)
                        .then()
                        .statusCode(200)
                        .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                        .extract()
                        .asString();
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo(
                        "id,cursor,time,ticker,cause,by,ruleSetVersion,beforeTier,beforeStage,"
                                + "beforeFullStack,beforeRisks,afterTier,afterStage,afterFullStack,"
                                + "afterRisks,reason");
        assertThat(csv)
                .contains(moved.getString("id") + "," + moved.getString("cursor") + ",")
                .contains(t + ",DEAL,analyst," + moved.getString("ruleSetVersion") + "," + from);

        String digest =
                given().accept("text/markdown")
                        .get("/changes?limit=1000&since=" + since)
                        .then()
                        .statusCode(200)
                        .contentType(org.hamcrest.Matchers.startsWith("text/markdown"))
                        .extract()
                        .asString();
        String tierWords = words(after);
        assertThat(digest).startsWith("# Tier changes").contains("\n## " + tierWords + "\n");
        assertThat(digest)
                .containsPattern(
                        Pattern.quote("- " + words(from) + " → " + tierWords + ": " + t)
                                + "( \\([^)]*\\))?"
                                + Pattern.quote(
                                        ", after a binding USD 2 B colocation deal with Microsoft"
                                                + " (signed 2026-09-01)\n"));
        Api.analyst().delete("/operators/" + t);
    }

    private static String words(String tier) {
        return tier.equals("UNTIERED") ? "Untiered" : "Tier " + tier.substring(5);
    }

    @Test
    void a_write_that_moves_nothing_is_no_event_and_a_delete_is_one_without_after()
            throws InterruptedException {
        Instant since = Instant.now().minusSeconds(1);
        String t = Api.ticker("CHG");
        Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(200);
        Api.analyst().delete("/operators/" + t).then().statusCode(204);

        List<Map<String, Object>> events = awaitEvents(since, Set.of(t), 2);
        Thread.sleep(300); // a third event, were there one, would be published by now
        events = eventsOf(since, Set.of(t));
        assertThat(events).extracting(e -> e.get("cause")).containsExactly("PROFILE", "DELETE");
        JsonPath deleted = path((events.get(1)));
        assertThat(deleted.getString("after")).isNull();
        assertThat(deleted.getString("before.tier"))
                .isEqualTo(path((events.get(0))).getString("after.tier"));
        assertThat(deleted.getString("reason")).isEqualTo("it was deleted");
    }

    @Test
    void the_feed_is_read_a_page_at_a_time_by_cursor_following_the_link()
            throws InterruptedException {
        Instant since = Instant.now().minusSeconds(1);
        Set<String> tickers = Set.of(Api.ticker("PG"), Api.ticker("PG"), Api.ticker("PG"));
        for (String t : tickers) {
            Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        }
        awaitEvents(since, tickers, 3);

        List<String> cursors = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        String next = "/changes?limit=1&since=" + since;
        int pages = 0;
        while (next != null) {
            Response r = follow(next).get(next);
            r.then().statusCode(200);
            List<Map<String, Object>> page = r.jsonPath().getList("$");
            assertThat(page).hasSizeLessThanOrEqualTo(1);
            page.forEach(
                    e -> {
                        cursors.add((String) e.get("cursor"));
                        seen.add(e.get("ticker"));
                    });
            next = nextLink(r);
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).containsAll(tickers);
        assertThat(cursors).doesNotHaveDuplicates();
        assertThat(cursors.stream().map(Long::parseLong).toList()).isSorted();

        String last = cursors.get(cursors.size() - 1);
        given().get("/changes?after=" + last + "&since=" + since)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        tickers.forEach(t -> Api.analyst().delete("/operators/" + t));
    }

    @Test
    void a_cursor_limit_or_since_it_cannot_read_is_a_400_naming_it() {
        for (String[] bad :
                new String[][] {
                    {"after=abc", "after"},
                    {"after=-1", "after"},
                    {"limit=0", "limit"},
                    {"limit=1001", "limit"},
                    {"since=yesterday", "since"}
                }) {
            given().get("/changes?" + bad[0])
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad[1]));
        }
    }
}
