package dev.tiering.model;

import java.util.List;

/**
 * The JSON paths of a profile's {@code estimates}: {@code miningRevenueShare}, {@code
 * gpuCloud.gpus}, {@code sites[0].mw}, {@code deals[2].valueUsd}, or a whole {@code gpuCloud},
 * {@code sites[0]}, {@code deals[2]}. A path must point at a fact the profile gives.
 */
public final class EstimatePath {
    private static final List<String> PROFILE = List.of("name", "miningRevenueShare", "gpuCloud");
    private static final List<String> CLOUD =
            List.of(
                    "inHouse",
                    "gpus",
                    "containerOrchestration",
                    "scheduling",
                    "enterpriseSupport",
                    "since",
                    "capabilitiesSince");
    private static final List<String> SITE =
            List.of("name", "country", "mw", "aiDedicated", "status", "since");
    private static final List<String> DEAL =
            List.of(
                    "id",
                    "counterparty",
                    "counterpartyType",
                    "guarantor",
                    "guarantorType",
                    "guaranteedUsd",
                    "service",
                    "status",
                    "valueUsd",
                    "termYears",
                    "mw",
                    "prepaymentUsd",
                    "takeOrPay",
                    "tripleNet",
                    "signed",
                    "ended");

    private EstimatePath() {}

    /** A path into a list: {@code deals[2].valueUsd} is ("deals", 2, ".valueUsd"). */
    record Parsed(String list, int index, String rest) {}

    /** The list, index and rest of a path into {@code sites} or {@code deals}, else null. */
    static Parsed parse(String path) {
        int open = path.indexOf('[');
        int close = path.indexOf(']');
        if (open <= 0 || close < open + 2 || close - open > 10) {
            return null;
        }
        for (int i = open + 1; i < close; i++) {
            if (path.charAt(i) < '0' || path.charAt(i) > '9') {
                return null;
            }
        }
        return new Parsed(
                path.substring(0, open),
                Integer.parseInt(path.substring(open + 1, close)),
                path.substring(close + 1));
    }

    /** Whether {@code path} is one of {@code estimates}, or lies inside one ({@code deals[2]}). */
    static boolean covers(List<String> estimates, String path) {
        for (String e : estimates) {
            if (path.startsWith(e)
                    && (path.length() == e.length()
                            || path.charAt(e.length()) == '.'
                            || path.charAt(e.length()) == '[')) {
                return true;
            }
        }
        return false;
    }

    /** Whether the path names a field of the profile that holds a value. */
    public static boolean pointsAtAFact(OperatorProfile p, String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        Parsed in = parse(path);
        if (in == null) {
            int dot = path.indexOf('.');
            String head = dot < 0 ? path : path.substring(0, dot);
            if (!PROFILE.contains(head)) {
                return false;
            }
            if (head.equals("gpuCloud")) {
                return p.gpuCloud() != null
                        && (dot < 0 || given(p.gpuCloud(), CLOUD, path.substring(dot + 1)));
            }
            return dot < 0 && (head.equals("name") ? p.name() : p.miningRevenueShare()) != null;
        }
        String field = in.rest().isEmpty() ? null : in.rest().substring(1);
        if (!in.rest().isEmpty() && !in.rest().startsWith(".")) {
            return false;
        }
        if (in.list().equals("sites")) {
            return in.index() < p.sites().size()
                    && p.sites().get(in.index()) != null
                    && (field == null || given(p.sites().get(in.index()), SITE, field));
        }
        if (in.list().equals("deals")) {
            return in.index() < p.deals().size()
                    && p.deals().get(in.index()) != null
                    && (field == null || given(p.deals().get(in.index()), DEAL, field));
        }
        return false;
    }

    /** Whether a record of the profile gives a value for {@code field}. */
    private static boolean given(Record r, List<String> fields, String field) {
        if (!fields.contains(field)) {
            return false;
        }
        return value(r, field) != null;
    }

    private static Object value(Record r, String field) {
        if (r instanceof GpuCloud c) {
            return switch (field) {
                case "gpus" -> c.gpus();
                case "since" -> c.since();
                case "capabilitiesSince" -> c.capabilitiesSince();
                default -> Boolean.TRUE; // the flags are always given
            };
        }
        if (r instanceof Site s) {
            return switch (field) {
                case "name" -> s.name();
                case "country" -> s.country();
                case "mw" -> s.mw();
                case "status" -> s.status();
                case "since" -> s.since();
                default -> Boolean.TRUE;
            };
        }
        Deal d = (Deal) r;
        return switch (field) {
            case "id" -> d.id();
            case "counterparty" -> d.counterparty();
            case "counterpartyType" -> d.counterpartyType();
            case "guarantor" -> d.guarantor();
            case "guarantorType" -> d.guarantorType();
            case "guaranteedUsd" -> d.guaranteedUsd();
            case "service" -> d.service();
            case "status" -> d.status();
            case "valueUsd" -> d.valueUsd();
            case "termYears" -> d.termYears();
            case "mw" -> d.mw();
            case "prepaymentUsd" -> d.prepaymentUsd();
            case "takeOrPay" -> d.takeOrPay();
            case "tripleNet" -> d.tripleNet();
            case "signed" -> d.signed();
            default -> d.ended();
        };
    }
}
