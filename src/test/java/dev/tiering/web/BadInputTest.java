package dev.tiering.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad requests, each sent to every endpoint that takes a body and whose body has the
 * part the case breaks: every one must get a 4xx problem body naming the field where there is one,
 * leak nothing of the inside, store nothing, and leave the endpoint working. Requests go over a
 * bare socket ({@link RawHttp}) so that the bytes are exactly the case's, invalid UTF-8 and a 12 MB
 * body included.
 */
@QuarkusTest
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stand-in for bytes that are not UTF-8; replaced on the wire by a lone continuation byte.
     */
    private static final String NOT_UTF8 = "\u0000NOT-UTF8\u0000";

    private static final int TWELVE_MB = 12 * 1024 * 1024;
    private static final String STORED_DEAL = "d1";
    private static final String NEW_DEAL = "d-new";

    /** What the body of an endpoint is. */
    enum Shape {
        PROFILE,
        BATCH,
        DEAL
    }

    enum Endpoint {
        CLASSIFY("POST", Shape.PROFILE),
        CLASSIFY_BATCH("POST", Shape.BATCH),
        PUT_OPERATOR("PUT", Shape.PROFILE),
        ADD_DEAL("POST", Shape.DEAL),
        AMEND_DEAL("PUT", Shape.DEAL);

        final String method;
        final Shape shape;

        Endpoint(String method, Shape shape) {
            this.method = method;
            this.shape = shape;
        }

        boolean stores() {
            return this != CLASSIFY && this != CLASSIFY_BATCH;
        }

        String path(String ticker) {
            return switch (this) {
                case CLASSIFY -> "/classify";
                case CLASSIFY_BATCH -> "/classify/batch";
                case PUT_OPERATOR -> "/operators/" + ticker;
                case ADD_DEAL -> "/operators/" + ticker + "/deals";
                case AMEND_DEAL -> "/operators/" + ticker + "/deals/" + STORED_DEAL;
            };
        }

        /**
         * The id a deal body carries: the stored one where it is amended, a new one where it is
         * added.
         */
        String dealId() {
            return this == AMEND_DEAL ? STORED_DEAL : NEW_DEAL;
        }

        /** A valid body for this endpoint. */
        String good(String ticker) {
            return switch (shape) {
                case DEAL -> obj(deal(dealId()));
                case PROFILE -> obj(profile(ticker, dealId()));
                case BATCH -> "[" + obj(profile(ticker, dealId())) + "]";
            };
        }
    }

    /**
     * One bad request. {@code body} makes it for an endpoint and the operator's ticker; {@code
     * field} is the JSON path the problem must name (null where there is none to name).
     */
    record Case(
            String name,
            Set<Endpoint> on,
            int status,
            String contentType,
            boolean chunked,
            BodyMaker body,
            Function<Endpoint, String> field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface BodyMaker {
        String make(Endpoint endpoint, String ticker);
    }

    // ---------------------------------------------------------------- bodies

    static Map<String, String> deal(String id) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("id", quote(id));
        d.put("counterparty", quote("Lambda"));
        d.put("counterpartyType", quote("NEOCLOUD"));
        d.put("service", quote("COLOCATION"));
        d.put("status", quote("BINDING"));
        d.put("valueUsd", "1000000");
        d.put("termYears", "2");
        d.put("mw", "5");
        d.put("prepaymentUsd", "100000");
        d.put("signed", quote("2026-01-15"));
        return d;
    }

    static Map<String, String> site() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("name", quote("Childress"));
        s.put("country", quote("US"));
        s.put("mw", "120");
        s.put("aiDedicated", "true");
        s.put("status", quote("ENERGIZED"));
        return s;
    }

    static Map<String, String> profile(String ticker, String dealId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ticker", quote(ticker));
        p.put("name", quote("Test Operator"));
        p.put("sites", "[" + obj(site()) + "]");
        p.put("gpuCloud", "{\"inHouse\":true,\"gpus\":100}");
        p.put("miningRevenueShare", "0.4");
        p.put("deals", "[" + obj(deal(dealId)) + "]");
        return p;
    }

    static String obj(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(k.startsWith("\u0001") ? v : quote(k) + ":" + v));
        return "{" + String.join(",", parts) + "}";
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static <K, V> Map<K, V> with(Map<K, V> m, K k, V v) {
        m.put(k, v);
        return m;
    }

    // ---------------------------------------------------------------- the corpus

    static final Set<Endpoint> ALL = EnumSet.allOf(Endpoint.class);
    static final Set<Endpoint> PROFILES =
            EnumSet.of(Endpoint.CLASSIFY, Endpoint.CLASSIFY_BATCH, Endpoint.PUT_OPERATOR);

    /** A broken whole body, the same on every endpoint. */
    static Case whole(
            String name,
            int status,
            String contentType,
            boolean chunked,
            BodyMaker body,
            String field) {
        return new Case(name, ALL, status, contentType, chunked, body, e -> field);
    }

    /** A broken value in the place of the one object of a body (for a batch: its first element). */
    static Case value(String name, Function<Endpoint, String> object, String field) {
        return new Case(
                name,
                ALL,
                400,
                "application/json",
                false,
                (e, t) -> {
                    String o = object.apply(e);
                    return e.shape == Shape.BATCH ? "[" + o + "]" : o;
                },
                e -> e.shape == Shape.BATCH ? join("[0]", field) : field);
    }

    /** A broken deal: the body of a deal endpoint, or the one deal of a profile. */
    static Case dealCase(String name, UnaryOperator<Map<String, String>> change, String field) {
        return new Case(
                "deal: " + name,
                ALL,
                400,
                "application/json",
                false,
                (e, t) -> {
                    String d = obj(change.apply(deal(e.dealId())));
                    if (e.shape == Shape.DEAL) {
                        return d;
                    }
                    Map<String, String> p = profile(t, e.dealId());
                    p.put("deals", "[" + d + "]");
                    return e.shape == Shape.BATCH ? "[" + obj(p) + "]" : obj(p);
                },
                e ->
                        switch (e.shape) {
                            case DEAL -> field;
                            case PROFILE -> join("deals[0]", field);
                            case BATCH -> join("[0].deals[0]", field);
                        });
    }

    /** A broken profile, on the endpoints that take one. */
    static Case profileCase(String name, UnaryOperator<Map<String, String>> change, String field) {
        return new Case(
                "profile: " + name,
                PROFILES,
                400,
                "application/json",
                false,
                (e, t) -> {
                    String p = obj(change.apply(profile(t, e.dealId())));
                    return e.shape == Shape.BATCH ? "[" + p + "]" : p;
                },
                e -> e.shape == Shape.BATCH ? join("[0]", field) : field);
    }

    static String join(String prefix, String field) {
        if (field.equals("$")) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    /** A body of over 12 MB that is otherwise well formed: one very long text field. */
    static String huge(Endpoint e, String ticker) {
        String text = quote(repeat("x", TWELVE_MB));
        return switch (e.shape) {
            case DEAL -> obj(with(deal(e.dealId()), "counterparty", text));
            case PROFILE -> obj(with(profile(ticker, e.dealId()), "name", text));
            case BATCH -> "[" + obj(with(profile(ticker, e.dealId()), "name", text)) + "]";
        };
    }

    static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        String json = "application/json";

        // Whole bodies that are not one JSON object of the right kind
        c.add(whole("empty body", 400, json, false, (e, t) -> "", "$"));
        c.add(whole("only whitespace", 400, json, false, (e, t) -> " \n\t ", "$"));
        c.add(
                whole(
                        "truncated JSON",
                        400,
                        json,
                        false,
                        (e, t) -> {
                            String good = e.good(t);
                            return good.substring(0, good.length() / 2);
                        },
                        null));
        c.add(whole("JSON null", 400, json, false, (e, t) -> "null", "$"));
        c.add(whole("a number", 400, json, false, (e, t) -> "42", "$"));
        c.add(whole("a string", 400, json, false, (e, t) -> "\"IREN\"", "$"));
        c.add(whole("a boolean", 400, json, false, (e, t) -> "true", "$"));
        c.add(
                whole(
                        "5000 nested arrays",
                        400,
                        json,
                        false,
                        (e, t) -> repeat("[", 5000) + repeat("]", 5000),
                        null));
        c.add(whole("5000 unclosed arrays", 400, json, false, (e, t) -> repeat("[", 5000), null));
        c.add(
                whole(
                        "3000 nested objects under an unknown field",
                        400,
                        json,
                        false,
                        (e, t) ->
                                "{\"zzz\":"
                                        + repeat("{\"a\":", 3000)
                                        + "1"
                                        + repeat("}", 3000)
                                        + "}",
                        null));
        c.add(
                whole(
                        "garbage after the JSON value",
                        400,
                        json,
                        false,
                        (e, t) -> e.good(t) + " trailing",
                        "$"));
        c.add(
                whole(
                        "two JSON values back to back",
                        400,
                        json,
                        false,
                        (e, t) -> e.good(t) + e.good(t),
                        "$"));
        c.add(whole("JavaScript comment", 400, json, false, (e, t) -> "/* hi */" + e.good(t), "$"));
        c.add(
                whole(
                        "single quotes",
                        400,
                        json,
                        false,
                        (e, t) -> e.good(t).replace('"', '\''),
                        null));
        c.add(
                whole(
                        "invalid UTF-8 between tokens",
                        400,
                        json,
                        false,
                        (e, t) -> NOT_UTF8 + e.good(t),
                        "$"));
        c.add(
                whole(
                        "12 MB body with its length declared",
                        413,
                        json,
                        false,
                        BadInputTest::huge,
                        "$"));
        c.add(whole("12 MB body sent chunked", 413, json, true, BadInputTest::huge, "$"));
        c.add(whole("text/plain", 415, "text/plain", false, (e, t) -> e.good(t), null));
        c.add(
                whole(
                        "XML",
                        415,
                        "application/xml",
                        false,
                        (e, t) -> "<profile ticker=\"A\"/>",
                        null));
        c.add(
                whole(
                        "a form",
                        415,
                        "application/x-www-form-urlencoded",
                        false,
                        (e, t) -> "ticker=A",
                        null));

        // The one object of a body replaced by something else
        c.add(value("an array where an object belongs", e -> "[]", "$"));
        c.add(value("a number where an object belongs", e -> "7", "$"));
        c.add(value("an empty object", e -> "{}", e -> e.shape == Shape.DEAL ? "id" : "ticker"));

        // A deal's values, alone or inside a profile
        c.add(dealCase("value 1e400 overflows", d -> with(d, "valueUsd", "1e400"), "valueUsd"));
        c.add(
                dealCase(
                        "value of 41 digits",
                        d -> with(d, "valueUsd", "1" + repeat("0", 40)),
                        "valueUsd"));
        // Over the parser's 64-digit cap: refused before any field is known, so the problem names
        // the deal.
        c.add(
                dealCase(
                        "value of 100 digits",
                        d -> with(d, "valueUsd", "9" + repeat("9", 99)),
                        "$"));
        c.add(dealCase("value NaN", d -> with(d, "valueUsd", "NaN"), "valueUsd"));
        c.add(dealCase("value Infinity", d -> with(d, "valueUsd", "Infinity"), "valueUsd"));
        c.add(dealCase("value -Infinity", d -> with(d, "valueUsd", "-Infinity"), "valueUsd"));
        c.add(dealCase("value negative", d -> with(d, "valueUsd", "-1"), "valueUsd"));
        c.add(dealCase("value as a string", d -> with(d, "valueUsd", "\"1000\""), "valueUsd"));
        c.add(dealCase("value as a boolean", d -> with(d, "valueUsd", "true"), "valueUsd"));
        c.add(dealCase("value null", d -> with(d, "valueUsd", "null"), "valueUsd"));
        c.add(dealCase("value over USD 10 trillion", d -> with(d, "valueUsd", "2e13"), "valueUsd"));
        c.add(
                dealCase(
                        "unknown counterparty type",
                        d -> with(d, "counterpartyType", "\"BANK\""),
                        "counterpartyType"));
        c.add(
                dealCase(
                        "counterparty type as a number",
                        d -> with(d, "counterpartyType", "3"),
                        "counterpartyType"));
        c.add(
                dealCase(
                        "counterparty type missing",
                        d -> {
                            d.remove("counterpartyType");
                            return d;
                        },
                        "counterpartyType"));
        c.add(dealCase("status in lower case", d -> with(d, "status", "\"binding\""), "status"));
        c.add(dealCase("unknown service", d -> with(d, "service", "\"GPU\""), "service"));
        c.add(dealCase("term zero", d -> with(d, "termYears", "0"), "termYears"));
        c.add(dealCase("term negative", d -> with(d, "termYears", "-2"), "termYears"));
        c.add(dealCase("term over 50 years", d -> with(d, "termYears", "51"), "termYears"));
        c.add(dealCase("mw zero", d -> with(d, "mw", "0"), "mw"));
        c.add(dealCase("mw negative", d -> with(d, "mw", "-5"), "mw"));
        c.add(dealCase("mw over a terawatt", d -> with(d, "mw", "1e7"), "mw"));
        c.add(
                dealCase(
                        "prepayment over the value",
                        d -> with(d, "prepaymentUsd", "2000000"),
                        "prepaymentUsd"));
        c.add(
                dealCase(
                        "prepayment negative",
                        d -> with(d, "prepaymentUsd", "-1"),
                        "prepaymentUsd"));
        c.add(
                dealCase(
                        "signed on 30 February",
                        d -> with(d, "signed", "\"2026-02-30\""),
                        "signed"));
        c.add(dealCase("signed 'yesterday'", d -> with(d, "signed", "\"yesterday\""), "signed"));
        c.add(
                dealCase(
                        "signed without zero padding",
                        d -> with(d, "signed", "\"2026-5-7\""),
                        "signed"));
        c.add(dealCase("signed as a number", d -> with(d, "signed", "20260507"), "signed"));
        c.add(dealCase("ended before signed", d -> with(d, "ended", "\"2025-01-01\""), "ended"));
        c.add(
                dealCase(
                        "id missing",
                        d -> {
                            d.remove("id");
                            return d;
                        },
                        "id"));
        c.add(dealCase("id with a space", d -> with(d, "id", "\"a b\""), "id"));
        c.add(dealCase("id of 65 characters", d -> with(d, "id", quote(repeat("a", 65))), "id"));
        c.add(dealCase("id given twice", d -> with(d, "\u0001dup", "\"id\":\"other\""), "id"));
        c.add(
                dealCase(
                        "counterparty blank",
                        d -> with(d, "counterparty", "\"   \""),
                        "counterparty"));
        c.add(
                dealCase(
                        "counterparty of 201 characters",
                        d -> with(d, "counterparty", quote(repeat("c", 201))),
                        "counterparty"));
        c.add(
                dealCase(
                        "guarantor of 100 000 characters",
                        d -> with(d, "guarantor", quote(repeat("g", 100_000))),
                        "guarantor"));
        c.add(
                dealCase(
                        "counterparty with invalid UTF-8",
                        d -> with(d, "counterparty", quote("Lam" + NOT_UTF8 + "bda")),
                        "counterparty"));
        c.add(dealCase("unknown field", d -> with(d, "discountRate", "0.1"), "discountRate"));
        c.add(
                dealCase(
                        "take-or-pay as a string",
                        d -> with(d, "takeOrPay", "\"yes\""),
                        "takeOrPay"));
        c.add(dealCase("take-or-pay as a number", d -> with(d, "takeOrPay", "1"), "takeOrPay"));
        // Model v3: a deal of USD 0 is no deal; a guarantee names who and what kind together, and
        // backs no more than the deal; a price per MW-year outside the plausible band is a typo
        c.add(dealCase("value zero", d -> with(d, "valueUsd", "0"), "valueUsd"));
        c.add(
                dealCase(
                        "guarantor without its type",
                        d -> with(d, "guarantor", quote("Google")),
                        "guarantorType"));
        c.add(
                dealCase(
                        "guarantor type without a guarantor",
                        d -> with(d, "guarantorType", quote("HYPERSCALER")),
                        "guarantor"));
        c.add(
                dealCase(
                        "guaranteed amount without a guarantor",
                        d -> with(d, "guaranteedUsd", "500000"),
                        "guaranteedUsd"));
        c.add(
                dealCase(
                        "guaranteed amount above the value",
                        d ->
                                with(
                                        with(
                                                with(d, "guarantor", quote("Google")),
                                                "guarantorType",
                                                quote("HYPERSCALER")),
                                        "guaranteedUsd",
                                        "2000000"),
                        "guaranteedUsd"));
        c.add(
                dealCase(
                        "guaranteed amount zero",
                        d ->
                                with(
                                        with(
                                                with(d, "guarantor", quote("Google")),
                                                "guarantorType",
                                                quote("HYPERSCALER")),
                                        "guaranteedUsd",
                                        "0"),
                        "guaranteedUsd"));
        c.add(
                dealCase(
                        "density of USD 100 per MW-year, below the plausible band",
                        d -> with(with(d, "valueUsd", "1000"), "prepaymentUsd", "0"),
                        "valueUsd"));
        c.add(
                dealCase(
                        "density of USD 1,000,000,000,000 per MW-year, above the plausible band",
                        d -> with(with(d, "mw", "0.001"), "termYears", "0.001"),
                        "valueUsd"));

        // A profile's own values
        c.add(profileCase("ticker in lower case", p -> with(p, "ticker", "\"iren\""), "ticker"));
        c.add(
                profileCase(
                        "ticker of 13 characters",
                        p -> with(p, "ticker", quote(repeat("A", 13))),
                        "ticker"));
        c.add(profileCase("ticker as a number", p -> with(p, "ticker", "42"), "ticker"));
        c.add(
                profileCase(
                        "name of 201 characters",
                        p -> with(p, "name", quote(repeat("n", 201))),
                        "name"));
        c.add(
                profileCase(
                        "name with invalid UTF-8",
                        p -> with(p, "name", quote("IREN" + NOT_UTF8)),
                        "name"));
        c.add(profileCase("sites as an object", p -> with(p, "sites", "{}"), "sites"));
        c.add(
                profileCase(
                        "site country 'usa'",
                        p -> with(p, "sites", "[" + obj(with(site(), "country", "\"usa\"")) + "]"),
                        "sites[0].country"));
        c.add(
                profileCase(
                        "site mw zero",
                        p -> with(p, "sites", "[" + obj(with(site(), "mw", "0")) + "]"),
                        "sites[0].mw"));
        c.add(
                profileCase(
                        "site mw missing",
                        p -> {
                            Map<String, String> s = site();
                            s.remove("mw");
                            return with(p, "sites", "[" + obj(s) + "]");
                        },
                        "sites[0].mw"));
        c.add(
                profileCase(
                        "unknown site status",
                        p -> with(p, "sites", "[" + obj(with(site(), "status", "\"ON\"")) + "]"),
                        "sites[0].status"));
        c.add(profileCase("a null site", p -> with(p, "sites", "[null]"), "sites[0]"));
        c.add(
                profileCase(
                        "501 sites",
                        p ->
                                with(
                                        p,
                                        "sites",
                                        "["
                                                + String.join(
                                                        ",", Collections.nCopies(501, obj(site())))
                                                + "]"),
                        "sites"));
        c.add(
                profileCase(
                        "501 deals",
                        p -> {
                            List<String> deals = new ArrayList<>();
                            for (int i = 0; i < 501; i++) {
                                deals.add(obj(deal("d" + i)));
                            }
                            return with(p, "deals", "[" + String.join(",", deals) + "]");
                        },
                        "deals"));
        c.add(
                profileCase(
                        "duplicate deal ids",
                        p ->
                                with(
                                        p,
                                        "deals",
                                        "[" + obj(deal("same")) + "," + obj(deal("same")) + "]"),
                        "deals[1].id"));
        c.add(
                profileCase(
                        "mining share above 1",
                        p -> with(p, "miningRevenueShare", "1.5"),
                        "miningRevenueShare"));
        c.add(
                profileCase(
                        "mining share negative",
                        p -> with(p, "miningRevenueShare", "-0.1"),
                        "miningRevenueShare"));
        c.add(
                profileCase(
                        "mining share NaN",
                        p -> with(p, "miningRevenueShare", "NaN"),
                        "miningRevenueShare"));
        c.add(
                profileCase(
                        "an estimate that points at no fact the profile gives",
                        p -> with(p, "estimates", "[\"deals[5].valueUsd\"]"),
                        "estimates[0]"));
        c.add(
                profileCase(
                        "a site's since that is no date",
                        p ->
                                with(
                                        p,
                                        "sites",
                                        "[" + obj(with(site(), "since", quote("soon"))) + "]"),
                        "sites[0].since"));
        c.add(
                profileCase(
                        "gpus negative",
                        p -> with(p, "gpuCloud", "{\"gpus\":-1}"),
                        "gpuCloud.gpus"));
        c.add(
                profileCase(
                        "gpus of 26 digits",
                        p -> with(p, "gpuCloud", "{\"gpus\":99999999999999999999999999}"),
                        "gpuCloud.gpus"));
        c.add(
                profileCase(
                        "gpus 1e400",
                        p -> with(p, "gpuCloud", "{\"gpus\":1e400}"),
                        "gpuCloud.gpus"));
        c.add(
                profileCase(
                        "gpus fractional",
                        p -> with(p, "gpuCloud", "{\"gpus\":1.5}"),
                        "gpuCloud.gpus"));
        c.add(
                profileCase(
                        "gpu cloud as a string", p -> with(p, "gpuCloud", "\"yes\""), "gpuCloud"));
        c.add(profileCase("unknown field", p -> with(p, "marketCap", "1"), "marketCap"));

        // Endpoint-specific
        c.add(
                new Case(
                        "profile: body ticker differs from the path",
                        EnumSet.of(Endpoint.PUT_OPERATOR),
                        400,
                        json,
                        false,
                        (e, t) -> obj(profile("OTHER", NEW_DEAL)),
                        e -> "ticker"));
        c.add(
                new Case(
                        "deal: body id differs from the path",
                        EnumSet.of(Endpoint.AMEND_DEAL),
                        400,
                        json,
                        false,
                        (e, t) -> obj(deal("another")),
                        e -> "id"));
        c.add(
                new Case(
                        "deal: another deal under an id the operator already has",
                        EnumSet.of(Endpoint.ADD_DEAL),
                        409,
                        json,
                        false,
                        (e, t) -> {
                            Map<String, String> other = deal(STORED_DEAL);
                            other.put("valueUsd", "2000000");
                            return obj(other);
                        },
                        e -> "id"));
        c.add(
                new Case(
                        "batch: an object instead of an array",
                        EnumSet.of(Endpoint.CLASSIFY_BATCH),
                        400,
                        json,
                        false,
                        (e, t) -> obj(profile(t, NEW_DEAL)),
                        e -> "$"));
        c.add(
                new Case(
                        "batch: a null profile",
                        EnumSet.of(Endpoint.CLASSIFY_BATCH),
                        400,
                        json,
                        false,
                        (e, t) -> "[null]",
                        e -> "[0]"));
        c.add(
                new Case(
                        "batch: 1001 profiles",
                        EnumSet.of(Endpoint.CLASSIFY_BATCH),
                        400,
                        json,
                        false,
                        (e, t) ->
                                "["
                                        + String.join(
                                                ",",
                                                Collections.nCopies(1001, "{\"ticker\":\"A\"}"))
                                        + "]",
                        e -> "$"));
        return c;
    }

    static Case value(
            String name, Function<Endpoint, String> object, Function<Endpoint, String> field) {
        return new Case(
                name,
                ALL,
                400,
                "application/json",
                false,
                (e, t) -> {
                    String o = object.apply(e);
                    return e.shape == Shape.BATCH ? "[" + o + "]" : o;
                },
                e -> e.shape == Shape.BATCH ? join("[0]", field.apply(e)) : field.apply(e));
    }

    static Stream<Arguments> requests() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : corpus()) {
            for (Endpoint e : c.on()) {
                out.add(Arguments.of(e, c));
            }
        }
        return out.stream();
    }

    // ---------------------------------------------------------------- the checks

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void a_bad_request_gets_a_clean_4xx_problem_stores_nothing_and_leaves_the_endpoint_working(
            Endpoint endpoint, Case bad) throws Exception {
        String ticker = Api.ticker("BAD");
        JsonNode storedBefore = null;
        int historyBefore = 0;
        if (endpoint.stores()) {
            RawHttp.Reply put =
                    send(
                            "PUT",
                            "/operators/" + ticker,
                            "analyst",
                            obj(profile(ticker, STORED_DEAL)));
            assertThat(put.status()).as(put.body()).isEqualTo(201);
            storedBefore = JSON.readTree(read("/operators/" + ticker)).get("profile");
            historyBefore = JSON.readTree(read("/operators/" + ticker + "/history")).size();
        }

        RawHttp.Reply reply =
                RawHttp.send(
                        RestAssured.port,
                        endpoint.method,
                        endpoint.path(ticker),
                        bad.contentType(),
                        "analyst",
                        "analyst-secret",
                        bytes(bad.body().make(endpoint, ticker)),
                        bad.chunked());

        assertThat(reply.status())
                .as("status of %s on %s: %s", bad, endpoint, reply.body())
                .isEqualTo(bad.status());
        assertThat(reply.header("content-type")).as("content type").startsWith(Problem.MEDIA_TYPE);
        assertClean(reply.body());
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.fieldNames())
                .toIterable()
                .contains("type", "title", "status", "detail", "errors");
        assertThat(problem.get("status").asInt()).isEqualTo(reply.status());
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("errors").isArray()).isTrue();
        String field = bad.field().apply(endpoint);
        if (field != null) {
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(err -> fields.add(err.path("field").asText()));
            assertThat(fields).as("errors[].field of %s", reply.body()).contains(field);
        }

        if (endpoint.stores()) {
            JsonNode storedAfter = JSON.readTree(read("/operators/" + ticker)).get("profile");
            assertThat(storedAfter).as("stored profile after a bad write").isEqualTo(storedBefore);
            assertThat(JSON.readTree(read("/operators/" + ticker + "/history")).size())
                    .as("history entries after a bad write")
                    .isEqualTo(historyBefore);
        }
        RawHttp.Reply good =
                RawHttp.send(
                        RestAssured.port,
                        endpoint.method,
                        endpoint.path(ticker),
                        "application/json",
                        "analyst",
                        "analyst-secret",
                        bytes(endpoint.good(ticker)),
                        false);
        assertThat(good.status())
                .as("a good request afterwards: %s", good.body())
                .isEqualTo(endpoint == Endpoint.ADD_DEAL ? 201 : 200);
        if (endpoint.stores()) {
            // Hundreds of leftover operators would crowd every other test that looks at the whole
            // store.
            assertThat(send("DELETE", "/operators/" + ticker, "analyst", null).status())
                    .isEqualTo(204);
        }
    }

    /*
     * The requests around each case go over RawHttp too: a few thousand of them, where a
     * RestAssured call costs more client CPU than the service's answer.
     */

    /** A request with a JSON body (or none) as {@code user} (or nobody). */
    static RawHttp.Reply send(String method, String path, String user, String json)
            throws Exception {
        return RawHttp.send(
                RestAssured.port,
                method,
                path,
                json == null ? null : "application/json",
                user,
                user == null ? null : user + "-secret",
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8),
                false);
    }

    /** The body of an anonymous GET, which must answer 200. */
    static String read(String path) throws Exception {
        RawHttp.Reply r = send("GET", path, null, null);
        assertThat(r.status()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    /** Nothing of the inside: no stack trace, no Java class or package name. */
    static void assertClean(String body) {
        assertThat(body)
                .doesNotContain(
                        "dev.tiering",
                        "java.",
                        "javax.",
                        "jakarta.",
                        "com.fasterxml",
                        "io.quarkus",
                        "io.vertx",
                        "org.jboss",
                        "org.hibernate",
                        "Exception",
                        "\tat ",
                        ".java:");
    }

    /**
     * UTF-8, with every {@link #NOT_UTF8} marker turned into a byte that cannot start a UTF-8
     * character.
     */
    static byte[] bytes(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 16);
        String[] parts = body.split(Pattern.quote(NOT_UTF8), -1);
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
            if (i < parts.length - 1) {
                out.write(0x80);
                out.write(0xff);
            }
        }
        return out.toByteArray();
    }
}
