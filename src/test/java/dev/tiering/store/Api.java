package dev.tiering.store;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers for the HTTP tests: users, unique tickers, shipped example profiles, the research note's
 * operators.
 */
public final class Api {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Api() {}

    public static RequestSpecification analyst() {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("application/json");
    }

    public static RequestSpecification admin() {
        return given().auth()
                .preemptive()
                .basic("admin", "admin-secret")
                .contentType("application/json");
    }

    public static RequestSpecification anonymous() {
        return given().contentType("application/json");
    }

    /** A ticker no other test uses. */
    public static String ticker(String base) {
        return (base + "-" + SEQ.incrementAndGet()).toUpperCase();
    }

    /**
     * The tickers of the research note's operators ({@code seed/operators.json}): what a first
     * start with {@code tiering.seed=true} stores.
     */
    public static Set<String> noteTickers() {
        try (InputStream in =
                Api.class.getClassLoader().getResourceAsStream("seed/operators.json")) {
            Set<String> out = new TreeSet<>();
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                out.add(entry.get("profile").get("ticker").asText());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes every stored operator but {@code keep}: what the test classes before this one left on
     * the service they share, for a test that counts or lists the whole store.
     */
    public static void deleteAllBut(Set<String> keep) {
        List<String> others = new ArrayList<>();
        String after = null;
        while (true) {
            RequestSpecification page = anonymous().queryParam("limit", 5000);
            if (after != null) {
                page.queryParam("after", after);
            }
            Response r = page.get("/operators");
            r.then().statusCode(200);
            List<String> tickers = r.jsonPath().getList("ticker", String.class);
            if (tickers.isEmpty()) {
                break;
            }
            tickers.stream().filter(t -> !keep.contains(t)).forEach(others::add);
            after = tickers.get(tickers.size() - 1);
        }
        for (String t : others) {
            analyst().delete("/operators/" + t);
        }
    }

    /** A shipped example profile (examples/*.json) stored under another ticker. */
    public static String example(String ticker, String as) {
        try {
            return Files.readString(Path.of("examples", ticker + ".json"))
                    .replace("\"ticker\": \"" + ticker + "\"", "\"ticker\": \"" + as + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String profile(String ticker) {
        return "{\"ticker\":\""
                + ticker
                + "\",\"sites\":[{\"name\":\"A\",\"country\":\"US\",\"mw\":120,"
                + "\"aiDedicated\":true,\"status\":\"ENERGIZED\"}],\"gpuCloud\":{\"inHouse\":true,\"gpus\":10}}";
    }

    /** A binding USD 2 B colocation deal with a hyperscaler. */
    public static String hyperscalerDeal(String id) {
        return "{\"id\":\""
                + id
                + "\",\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\","
                + "\"service\":\"COLOCATION\",\"status\":\"BINDING\",\"valueUsd\":2000000000,\"termYears\":10,"
                + "\"mw\":200,\"signed\":\"2026-01-15\"}";
    }

    /** A binding colocation deal with a neocloud of USD 10 M, the minimum order: it counts. */
    public static String smallDeal(String id) {
        return "{\"id\":\""
                + id
                + "\",\"counterparty\":\"Lambda\",\"counterpartyType\":\"NEOCLOUD\","
                + "\"service\":\"COLOCATION\",\"status\":\"BINDING\",\"valueUsd\":10000000,\"termYears\":1,"
                + "\"mw\":1}";
    }
}
