package dev.tiering.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.Deal;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Site;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The research note's 13 operators (src/main/resources/seed/operators.json) and larger fleets made
 * from them.
 */
public final class Seed {
    /** JSON as the service reads and writes it: strict on input, ISO dates. */
    public static final ObjectMapper JSON = dev.tiering.codec.Json.mapper();

    /** One entry of the seed file, as the service reads it. */
    public record Entry(OperatorProfile profile) {}

    private Seed() {}

    /** The 13 seed profiles, in file order. */
    public static List<OperatorProfile> profiles() {
        try (InputStream in = Seed.class.getResourceAsStream("/seed/operators.json")) {
            if (in == null) {
                throw new IllegalStateException("seed/operators.json not on the class path");
            }
            return JSON
                    .readValue(
                            in,
                            new TypeReference<List<dev.tiering.operators.Seeder.SeedEntry>>() {})
                    .stream()
                    .map(dev.tiering.operators.Seeder.SeedEntry::profile)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code n} distinct operators: the seed profiles in turn, each with its own ticker ({@code
     * IREN-00042}) and deal values and MW scaled by a factor between 0.5 and 1.5, so the fleet
     * spreads over every tier, stage and risk as the seed does, and a rule change moves some of
     * them.
     */
    public static List<OperatorProfile> fleet(int n) {
        List<OperatorProfile> seed = profiles();
        List<OperatorProfile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OperatorProfile p = seed.get(i % seed.size());
            double f = 0.5 + ((i * 7919L) % 1001) / 1000.0;
            String ticker =
                    String.format(
                            "%s-%05d",
                            p.ticker().length() > 6 ? p.ticker().substring(0, 6) : p.ticker(), i);
            List<Site> sites =
                    p.sites().stream()
                            .map(
                                    s ->
                                            new Site(
                                                    s.name(),
                                                    s.country(),
                                                    s.mw() * f,
                                                    s.aiDedicated(),
                                                    s.status()))
                            .toList();
            List<Deal> deals = p.deals().stream().map(d -> scale(d, f)).toList();
            GpuCloud cloud = p.gpuCloud();
            out.add(
                    new OperatorProfile(
                            ticker, p.name(), sites, cloud, p.miningRevenueShare(), deals));
        }
        return out;
    }

    private static Deal scale(Deal d, double f) {
        return new Deal(
                d.id(),
                d.counterparty(),
                d.counterpartyType(),
                d.guarantor(),
                d.guarantorType(),
                d.service(),
                d.status(),
                d.valueUsd() == null ? null : Math.round(d.valueUsd() * f) * 1.0,
                d.termYears(),
                d.mw() == null ? null : d.mw() * f,
                d.prepaymentUsd() == null ? null : Math.round(d.prepaymentUsd() * f) * 1.0,
                d.takeOrPay(),
                d.tripleNet(),
                d.signed(),
                d.ended());
    }
}
