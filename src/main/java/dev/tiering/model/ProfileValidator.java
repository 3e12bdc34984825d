package dev.tiering.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks profiles and deals against API.md in one pass: required fields, ranges and patterns, the
 * configured sizes ({@link ProfileLimits}), text free of characters that spoof what a reader sees,
 * and the rules that span fields (unique deal ids, prepayment within value, ended not before
 * signed). Every error names its JSON path.
 *
 * <p>Plain Java rather than Bean Validation: the service, the scenario check and the check command
 * run the same code, and a request is validated once. The records' constraint annotations say the
 * same for the OpenAPI schema; {@code ValidationAgreementTest} holds the two together. It runs past
 * 250 lines because it is the whole request contract of API.md in one place, field by field; split,
 * the contract would be harder to read against API.md.
 */
public final class ProfileValidator {
    static final String TICKER_PATTERN = "[A-Z0-9.-]{1,12}";
    static final String DEAL_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    static final String COUNTRY_MESSAGE =
            "must be an ISO 3166 alpha-2 code of two upper-case letters";

    private final ProfileLimits limits;

    public ProfileValidator(ProfileLimits limits) {
        this.limits = limits;
    }

    /** With the default limits. */
    public ProfileValidator() {
        this(ProfileLimits.DEFAULTS);
    }

    public ProfileLimits limits() {
        return limits;
    }

    /**
     * Throws {@link InvalidProfileException} unless the profile is valid; {@code prefix} is its
     * JSON path.
     */
    public void check(OperatorProfile profile, String prefix) {
        throwIfAny(errors(profile, prefix));
    }

    /** Checks a batch; paths start with the profile's index ({@code [3].deals[0].mw}). */
    public void checkAll(List<OperatorProfile> profiles) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            errors.addAll(errors(profiles.get(i), "[" + i + "]"));
        }
        throwIfAny(errors);
    }

    /** Checks one deal on its own (the body of a deal endpoint). */
    public void checkDeal(Deal deal, String prefix) {
        throwIfAny(dealErrors(deal, prefix));
    }

    /**
     * Every problem of a profile, fields first (sorted by path), then those that span fields; empty
     * if valid.
     */
    public List<FieldError> errors(OperatorProfile profile, String prefix) {
        if (profile == null) {
            return List.of(new FieldError(prefix.isEmpty() ? "$" : prefix, "must not be null"));
        }
        List<FieldError> fields = new ArrayList<>();
        if (profile.ticker() == null) {
            fields.add(new FieldError(join(prefix, "ticker"), "must not be null"));
        } else if (!isTicker(profile.ticker())) {
            fields.add(new FieldError(join(prefix, "ticker"), "must match " + TICKER_PATTERN));
        }
        text(profile.name(), join(prefix, "name"), fields);
        if (profile.sites().size() > limits.maxSites()) {
            fields.add(
                    new FieldError(
                            join(prefix, "sites"), "at most " + limits.maxSites() + " sites"));
        }
        for (int i = 0; i < profile.sites().size(); i++) {
            site(profile.sites().get(i), join(prefix, "sites[" + i + "]"), fields);
        }
        GpuCloud cloud = profile.gpuCloud();
        if (cloud != null && cloud.gpus() != null) {
            long gpus = cloud.gpus();
            if (gpus < 0) {
                fields.add(
                        new FieldError(
                                join(prefix, "gpuCloud.gpus"),
                                "must be greater than or equal to 0"));
            } else if (gpus > Limits.MAX_GPUS) {
                fields.add(
                        new FieldError(
                                join(prefix, "gpuCloud.gpus"),
                                "must be less than or equal to " + Limits.MAX_GPUS));
            }
        }
        Double share = profile.miningRevenueShare();
        if (share != null) {
            if (!(share >= 0)) {
                fields.add(
                        new FieldError(
                                join(prefix, "miningRevenueShare"),
                                "must be greater than or equal to 0"));
            } else if (share > 1) {
                fields.add(
                        new FieldError(
                                join(prefix, "miningRevenueShare"),
                                "must be less than or equal to 1"));
            }
        }
        if (profile.deals().size() > limits.maxDeals()) {
            fields.add(
                    new FieldError(
                            join(prefix, "deals"), "at most " + limits.maxDeals() + " deals"));
        }
        for (int i = 0; i < profile.deals().size(); i++) {
            Deal deal = profile.deals().get(i);
            String path = join(prefix, "deals[" + i + "]");
            if (deal == null) {
                fields.add(new FieldError(path, "must not be null"));
            } else {
                dealFields(deal, path, fields);
            }
        }
        estimates(profile, prefix, fields);
        List<FieldError> errors = sorted(fields);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < profile.deals().size(); i++) {
            Deal deal = profile.deals().get(i);
            if (deal == null) {
                continue;
            }
            String path = join(prefix, "deals[" + i + "]");
            if (deal.id() != null && !ids.add(deal.id())) {
                errors.add(
                        new FieldError(
                                path + ".id",
                                "duplicate deal id '" + deal.id() + "' in this profile"));
            }
            crossCheck(deal, path, errors);
        }
        return errors;
    }

    /**
     * Each estimate is a JSON path to a fact the profile gives (a misspelt or stale path would mark
     * nothing, silently).
     */
    private void estimates(OperatorProfile profile, String prefix, List<FieldError> errors) {
        List<String> paths = profile.estimates();
        int most = 8 * (limits.maxSites() + limits.maxDeals()) + 8;
        if (paths.size() > most) {
            errors.add(new FieldError(join(prefix, "estimates"), "at most " + most + " paths"));
            return;
        }
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            String at = join(prefix, "estimates[" + i + "]");
            if (path == null) {
                errors.add(new FieldError(at, "must not be null"));
            } else if (path.length() > limits.maxText()) {
                errors.add(new FieldError(at, "at most " + limits.maxText() + " characters"));
            } else if (!EstimatePath.pointsAtAFact(profile, path)) {
                errors.add(
                        new FieldError(
                                at,
                                "points at no fact the profile gives (a JSON path such as"
                                        + " gpuCloud.gpus or deals[0].valueUsd)"));
            }
        }
    }

    /** Every problem of one deal; empty if valid. */
    public List<FieldError> dealErrors(Deal deal, String prefix) {
        if (deal == null) {
            return List.of(new FieldError(prefix.isEmpty() ? "$" : prefix, "must not be null"));
        }
        List<FieldError> fields = new ArrayList<>();
        dealFields(deal, prefix, fields);
        List<FieldError> errors = sorted(fields);
        crossCheck(deal, prefix, errors);
        return errors;
    }

    private void site(Site site, String path, List<FieldError> errors) {
        if (site == null) {
            errors.add(new FieldError(path, "must not be null"));
            return;
        }
        text(site.name(), join(path, "name"), errors);
        if (site.country() == null) {
            errors.add(new FieldError(join(path, "country"), "must not be null"));
        } else if (!isCountry(site.country())) {
            errors.add(new FieldError(join(path, "country"), COUNTRY_MESSAGE));
        }
        if (site.mw() == null) {
            errors.add(new FieldError(join(path, "mw"), "must not be null"));
        } else {
            positive(site.mw(), Limits.MAX_MW_VALUE, Limits.MAX_MW, join(path, "mw"), errors);
        }
    }

    private void dealFields(Deal deal, String path, List<FieldError> errors) {
        if (deal.id() == null) {
            errors.add(new FieldError(join(path, "id"), "must not be null"));
        } else if (!isDealId(deal.id())) {
            errors.add(new FieldError(join(path, "id"), "must match " + DEAL_ID_PATTERN));
        }
        if (deal.counterparty() == null || deal.counterparty().isBlank()) {
            errors.add(new FieldError(join(path, "counterparty"), "must not be blank"));
        } else {
            text(deal.counterparty(), join(path, "counterparty"), errors);
        }
        if (deal.counterpartyType() == null) {
            errors.add(new FieldError(join(path, "counterpartyType"), "must not be null"));
        }
        text(deal.guarantor(), join(path, "guarantor"), errors);
        if (deal.status() == null) {
            errors.add(new FieldError(join(path, "status"), "must not be null"));
        }
        if (deal.valueUsd() == null) {
            errors.add(new FieldError(join(path, "valueUsd"), "must not be null"));
        } else {
            positive(
                    deal.valueUsd(),
                    Limits.MAX_USD_VALUE,
                    Limits.MAX_USD,
                    join(path, "valueUsd"),
                    errors);
        }
        if (deal.guaranteedUsd() != null) {
            positive(
                    deal.guaranteedUsd(),
                    Limits.MAX_USD_VALUE,
                    Limits.MAX_USD,
                    join(path, "guaranteedUsd"),
                    errors);
        }
        if (deal.termYears() != null) {
            positive(
                    deal.termYears(),
                    Limits.MAX_TERM_YEARS_VALUE,
                    Limits.MAX_TERM_YEARS,
                    join(path, "termYears"),
                    errors);
        }
        if (deal.mw() != null) {
            positive(deal.mw(), Limits.MAX_MW_VALUE, Limits.MAX_MW, join(path, "mw"), errors);
        }
        if (deal.prepaymentUsd() != null) {
            positiveOrZero(
                    deal.prepaymentUsd(),
                    Limits.MAX_USD_VALUE,
                    Limits.MAX_USD,
                    join(path, "prepaymentUsd"),
                    errors);
        }
    }

    private void crossCheck(Deal deal, String path, List<FieldError> errors) {
        if (deal.guarantor() != null && deal.guarantorType() == null) {
            errors.add(
                    new FieldError(
                            join(path, "guarantorType"),
                            "must be given with guarantor: the kind of customer that backs the"
                                    + " deal"));
        } else if (deal.guarantor() == null && deal.guarantorType() != null) {
            errors.add(
                    new FieldError(
                            join(path, "guarantor"),
                            "must be given with guarantorType: who backs the deal"));
        }
        if (deal.guaranteedUsd() != null && deal.guarantor() == null) {
            errors.add(
                    new FieldError(
                            join(path, "guaranteedUsd"),
                            "must be given with guarantor: the part of the deal it backs"));
        } else if (deal.guaranteedUsd() != null
                && deal.valueUsd() != null
                && deal.guaranteedUsd() > deal.valueUsd()) {
            errors.add(new FieldError(join(path, "guaranteedUsd"), "must not exceed valueUsd"));
        }
        Double density = density(deal);
        if (density != null
                && (density < limits.minDensityUsd() || density > limits.maxDensityUsd())) {
            errors.add(
                    new FieldError(
                            join(path, "valueUsd"),
                            "gives a density of USD "
                                    + plain(density)
                                    + " per MW-year (valueUsd / (mw × termYears)), outside the"
                                    + " plausible USD "
                                    + plain(limits.minDensityUsd())
                                    + " to USD "
                                    + plain(limits.maxDensityUsd())));
        }
        if (deal.prepaymentUsd() != null
                && deal.valueUsd() != null
                && deal.prepaymentUsd() > deal.valueUsd()) {
            errors.add(new FieldError(join(path, "prepaymentUsd"), "must not exceed valueUsd"));
        }
        if (deal.signed() != null && deal.ended() != null && deal.ended().isBefore(deal.signed())) {
            errors.add(new FieldError(join(path, "ended"), "must not be before signed"));
        }
    }

    /**
     * valueUsd / (mw × termYears) where all three are given and in range (an out-of-range one has
     * its own error), else null.
     */
    private static Double density(Deal d) {
        if (!inRange(d.valueUsd(), Limits.MAX_USD_VALUE)
                || !inRange(d.mw(), Limits.MAX_MW_VALUE)
                || !inRange(d.termYears(), Limits.MAX_TERM_YEARS_VALUE)) {
            return null;
        }
        return d.valueUsd() / (d.mw() * d.termYears());
    }

    private static boolean inRange(Double v, double max) {
        return v != null && v > 0 && v <= max;
    }

    /** 10,000; 1,000,000,000; 0.25: a figure for an error message, whole where it is large. */
    private static String plain(double v) {
        return v >= 100
                ? String.format(java.util.Locale.ROOT, "%,.0f", v)
                : java.math.BigDecimal.valueOf(v)
                        .round(new java.math.MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    private static void positive(
            double v, double max, String maxText, String path, List<FieldError> errors) {
        if (!(v > 0)) {
            errors.add(
                    new FieldError(
                            path, Double.isNaN(v) ? "must be a number" : "must be greater than 0"));
        } else if (v > max) {
            errors.add(new FieldError(path, "must be less than or equal to " + maxText));
        }
    }

    private static void positiveOrZero(
            double v, double max, String maxText, String path, List<FieldError> errors) {
        if (!(v >= 0)) {
            errors.add(
                    new FieldError(
                            path,
                            Double.isNaN(v)
                                    ? "must be a number"
                                    : "must be greater than or equal to 0"));
        } else if (v > max) {
            errors.add(new FieldError(path, "must be less than or equal to " + maxText));
        }
    }

    /**
     * Free text: within the configured length, and nothing that hides or reorders what a reader
     * sees.
     */
    private void text(String value, String path, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > limits.maxText()) {
            errors.add(new FieldError(path, "at most " + limits.maxText() + " characters"));
            return;
        }
        String bad = Text.firstUnsafe(value);
        if (bad != null) {
            errors.add(new FieldError(path, bad));
        }
    }

    static boolean isTicker(String s) {
        int n = s.length();
        if (n < 1 || n > 12) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isDealId(String s) {
        int n = s.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCountry(String s) {
        return s.length() == 2
                && s.charAt(0) >= 'A'
                && s.charAt(0) <= 'Z'
                && s.charAt(1) >= 'A'
                && s.charAt(1) <= 'Z';
    }

    private static List<FieldError> sorted(List<FieldError> errors) {
        if (errors.size() > 1) {
            errors.sort(Comparator.comparing(FieldError::field));
        }
        return errors;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
    }

    /**
     * {@code deals[2]} + {@code valueUsd} = {@code deals[2].valueUsd}; an empty prefix adds
     * nothing.
     */
    public static String join(String prefix, String field) {
        if (prefix == null || prefix.isEmpty()) {
            return field;
        }
        if (field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }
}
