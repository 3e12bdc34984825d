package dev.tiering.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks profiles and deals against API.md: Bean Validation for single fields, the configured sizes
 * ({@link ProfileLimits}), and the rules that span fields (unique deal ids, prepayment within value, ended not
 * before signed). Every error names its JSON path.
 */
@ApplicationScoped
public class ProfileValidator {
    private final Validator validator;
    private final ProfileLimits limits;

    @Inject
    public ProfileValidator(Validator validator, ProfileLimits limits) {
        this.validator = validator;
        this.limits = limits;
    }

    /** With the default limits, for code that runs without Quarkus. */
    public ProfileValidator(Validator validator) {
        this(validator, ProfileLimits.defaults());
    }

    /** Throws {@link InvalidProfileException} unless the profile is valid; {@code prefix} is its JSON path. */
    public void check(OperatorProfile profile, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        collect(profile, prefix, errors);
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
    }

    /** Checks a batch; paths start with the profile's index ({@code [3].deals[0].mw}). */
    public void checkAll(List<OperatorProfile> profiles) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            collect(profiles.get(i), "[" + i + "]", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
    }

    /** Checks one deal on its own (the body of a deal endpoint). */
    public void checkDeal(Deal deal, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (deal == null) {
            errors.add(new FieldError(prefix.isEmpty() ? "$" : prefix, "must not be null"));
        } else {
            List<FieldError> fieldErrors = violations(validator.validate(deal), prefix);
            dealTexts(deal, prefix, fieldErrors);
            addSorted(fieldErrors, errors);
            crossCheck(deal, prefix, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
    }

    private void collect(OperatorProfile profile, String prefix, List<FieldError> errors) {
        if (profile == null) {
            errors.add(new FieldError(prefix.isEmpty() ? "$" : prefix, "must not be null"));
            return;
        }
        List<FieldError> fieldErrors = violations(validator.validate(profile), prefix);
        sizes(profile, prefix, fieldErrors);
        addSorted(fieldErrors, errors);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < profile.deals().size(); i++) {
            Deal deal = profile.deals().get(i);
            if (deal == null) {
                continue;
            }
            String path = join(prefix, "deals[" + i + "]");
            if (deal.id() != null && !ids.add(deal.id())) {
                errors.add(new FieldError(path + ".id", "duplicate deal id '" + deal.id() + "' in this profile"));
            }
            crossCheck(deal, path, errors);
        }
    }

    private static void crossCheck(Deal deal, String path, List<FieldError> errors) {
        if (deal.prepaymentUsd() != null && deal.valueUsd() != null && deal.prepaymentUsd() > deal.valueUsd()) {
            errors.add(new FieldError(join(path, "prepaymentUsd"), "must not exceed valueUsd"));
        }
        if (deal.signed() != null && deal.ended() != null && deal.ended().isBefore(deal.signed())) {
            errors.add(new FieldError(join(path, "ended"), "must not be before signed"));
        }
    }

    private static <T> List<FieldError> violations(Set<ConstraintViolation<T>> violations, String prefix) {
        List<FieldError> out = new ArrayList<>();
        violations.forEach(v -> out.add(new FieldError(join(prefix, jsonPath(v.getPropertyPath())), v.getMessage())));
        return out;
    }

    private static void addSorted(List<FieldError> fieldErrors, List<FieldError> errors) {
        fieldErrors.stream().sorted(Comparator.comparing(FieldError::field)).forEach(errors::add);
    }

    /** The configured counts and text lengths of a profile, its sites and its deals. */
    private void sizes(OperatorProfile profile, String prefix, List<FieldError> errors) {
        text(profile.name(), join(prefix, "name"), errors);
        if (profile.sites().size() > limits.maxSites()) {
            errors.add(new FieldError(join(prefix, "sites"), "at most " + limits.maxSites() + " sites"));
        }
        for (int i = 0; i < profile.sites().size(); i++) {
            Site site = profile.sites().get(i);
            if (site != null) {
                text(site.name(), join(prefix, "sites[" + i + "].name"), errors);
            }
        }
        if (profile.deals().size() > limits.maxDeals()) {
            errors.add(new FieldError(join(prefix, "deals"), "at most " + limits.maxDeals() + " deals"));
        }
        for (int i = 0; i < profile.deals().size(); i++) {
            Deal deal = profile.deals().get(i);
            if (deal != null) {
                dealTexts(deal, join(prefix, "deals[" + i + "]"), errors);
            }
        }
    }

    private void dealTexts(Deal deal, String path, List<FieldError> errors) {
        text(deal.counterparty(), join(path, "counterparty"), errors);
        text(deal.guarantor(), join(path, "guarantor"), errors);
    }

    private void text(String value, String path, List<FieldError> errors) {
        if (value != null && value.length() > limits.maxText()) {
            errors.add(new FieldError(path, "at most " + limits.maxText() + " characters"));
        }
    }

    /** Turns Bean Validation's path ({@code deals}, {@code [2] valueUsd}) into {@code deals[2].valueUsd}. */
    static String jsonPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            // Hibernate Validator puts a list index on the node that follows the list.
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.toString();
    }

    static String join(String prefix, String field) {
        if (prefix == null || prefix.isEmpty()) {
            return field;
        }
        if (field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }
}
