package dev.tiering.profile;

import jakarta.enterprise.context.ApplicationScoped;
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
 * Checks profiles and deals against API.md: Bean Validation for single fields, plus the rules that span fields
 * (unique deal ids, prepayment within value, ended not before signed). Every error names its JSON path.
 */
@ApplicationScoped
public class ProfileValidator {
    private final Validator validator;

    public ProfileValidator(Validator validator) {
        this.validator = validator;
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
            addViolations(validator.validate(deal), prefix, errors);
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
        addViolations(validator.validate(profile), prefix, errors);
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

    private static <T> void addViolations(Set<ConstraintViolation<T>> violations, String prefix,
            List<FieldError> errors) {
        violations.stream()
                .map(v -> new FieldError(join(prefix, jsonPath(v.getPropertyPath())), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .forEach(errors::add);
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
