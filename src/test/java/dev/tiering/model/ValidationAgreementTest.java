package dev.tiering.model;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The records' Bean Validation annotations document the contract in the OpenAPI schema; {@link
 * ProfileValidator} enforces it. On thousands of random profiles, good and bad, both must flag
 * exactly the same fields for every single-field constraint, so the schema a client reads is the
 * one the service applies.
 */
@Execution(ExecutionMode.CONCURRENT)
class ValidationAgreementTest {
    private static ValidatorFactory factory;
    private static Validator beanValidation;
    private final ProfileValidator validator = new ProfileValidator();

    @BeforeAll
    static void start() {
        factory =
                Validation.byDefaultProvider()
                        .configure()
                        .messageInterpolator(new ParameterMessageInterpolator())
                        .buildValidatorFactory();
        beanValidation = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @Test
    void the_annotations_and_the_validator_flag_the_same_fields() {
        Random random = new Random(20261202);
        int invalid = 0;
        for (int i = 0; i < 3000; i++) {
            OperatorProfile p = profile(random);
            Set<String> annotated = new TreeSet<>();
            for (ConstraintViolation<OperatorProfile> v : beanValidation.validate(p)) {
                annotated.add(path(v.getPropertyPath()));
            }
            Set<String> enforced = new TreeSet<>();
            for (FieldError e : validator.errors(p, "")) {
                if (!e.message().startsWith("at most")
                        && !e.message().startsWith("duplicate")
                        && !e.message().startsWith("must not exceed")
                        && !e.message().startsWith("must not be before")
                        && !e.message().startsWith("must not contain")
                        && !e.message().startsWith("must be given with")
                        && !e.message().startsWith("gives a density")) {
                    enforced.add(e.field());
                }
            }
            assertThat(enforced).as("profile %d: %s", i, p).isEqualTo(annotated);
            invalid += annotated.isEmpty() ? 0 : 1;
        }
        // The generator must reach both sides, or agreement proves little.
        assertThat(invalid).isBetween(500, 2900);
    }

    private static OperatorProfile profile(Random r) {
        List<Site> sites = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            sites.add(
                    new Site(
                            pick(r, "Childress", null),
                            pick(r, "US", "CA", "us", "USA", null),
                            number(r, 750.0, 0.0, -1.0, 2_000_000.0, null),
                            r.nextBoolean(),
                            SiteStatus.ENERGIZED));
        }
        List<Deal> deals = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            deals.add(
                    new Deal(
                            pick(r, "d" + i, "bad id!", "", null),
                            pick(r, "Microsoft", " ", null),
                            r.nextInt(8) == 0 ? null : CounterpartyType.HYPERSCALER,
                            null,
                            null,
                            Service.BARE_METAL,
                            r.nextInt(8) == 0 ? null : DealStatus.BINDING,
                            number(r, 1e9, 0.0, -5.0, 2e13, null),
                            number(r, 5.0, 0.0, -1.0, 51.0, 50.0, null),
                            number(r, 200.0, 0.0, -3.0, 2_000_000.0, null),
                            number(r, 1e8, 0.0, -1.0, 2e13, null),
                            false,
                            false,
                            LocalDate.of(2026, 1, 1),
                            null));
        }
        GpuCloud cloud =
                r.nextBoolean()
                        ? null
                        : new GpuCloud(
                                true,
                                r.nextInt(6) == 0 ? -1L : r.nextInt(6) == 0 ? 200_000_000L : 100L,
                                true,
                                true,
                                true);
        return new OperatorProfile(
                pick(r, "IREN", "iren", "TOO-LONG-TICKER", "", null),
                "Name",
                sites,
                cloud,
                number(r, 0.6, 0.0, 1.0, -0.1, 1.5, null),
                deals);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        // The first option (a valid value) half of the time, so most profiles are nearly valid.
        return r.nextBoolean() ? options[0] : options[r.nextInt(options.length)];
    }

    private static Double number(Random r, Double... options) {
        return pick(r, options);
    }

    /**
     * Bean Validation's path ({@code deals}, {@code [2] valueUsd}) as a JSON path ({@code
     * deals[2].valueUsd}).
     */
    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
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
}
