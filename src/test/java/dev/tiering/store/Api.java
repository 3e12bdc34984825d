package dev.tiering.store;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers for the HTTP tests: users, unique tickers, shipped example profiles. */
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

    public static String smallDeal(String id) {
        return "{\"id\":\""
                + id
                + "\",\"counterparty\":\"Lambda\",\"counterpartyType\":\"NEOCLOUD\","
                + "\"service\":\"COLOCATION\",\"status\":\"BINDING\",\"valueUsd\":1000000,\"termYears\":1,"
                + "\"mw\":1}";
    }
}
