package dev.tiering.engine.facts;

import dev.tiering.model.CounterpartyType;
import dev.tiering.model.Service;
import dev.tiering.model.Tier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one formatter of the rule files' messages: numbers and words as MODEL.md prints them, the
 * style of the board's {@code format.js}. USD 9.7 B, USD 311 M, USD 11.3 M/MW/yr, USD 450,000,
 * 2,150 MW, 74 %, 23,000 GPUs; "Tier 1", "bare metal", "Microsoft, a hyperscaler", "Fluidstack,
 * backed by Google as guarantor"; a fact left out reads "not disclosed".
 *
 * <p>Amounts of a million and more are written in M or B with three significant figures, smaller
 * ones in full. A comparison must read true, so the two-argument forms ({@code usd(value,
 * against)}) write a figure with as many figures as it takes to tell it from the other one: USD
 * 999,999,999 against USD 1,000,000,000, 49.9 % against 50 %. Call them on both sides of a
 * comparison; they agree on the precision.
 *
 * <p>Runs in every classification: plain {@code long} arithmetic into a {@link StringBuilder}, no
 * {@code String.format}, no {@code BigDecimal}.
 */
public final class Prose {
    private static final long[] TEN = {
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L
    };

    /**
     * Significant figures of a short amount, and the most a comparison may add before writing the
     * amount in full.
     */
    private static final int FIGURES = 3;

    private static final int MAX_FIGURES = 4;

    private Prose() {}

    // ------------------------------------------------------------------------------------------------ numbers

    /** USD 13.1 B, USD 311 M, USD 1.78 M, USD 450,000, USD 0. */
    public static String usd(double v) {
        return amount(new StringBuilder("USD "), v, FIGURES).toString();
    }

    /** {@code v} in USD, with enough figures to tell it from {@code against}. */
    public static String usd(double v, double against) {
        return amount(new StringBuilder("USD "), v, figures(v, against)).toString();
    }

    /**
     * A price per MW and year, USD 11.3 M/MW/yr; "not known" where the deal's MW or term is
     * missing.
     */
    public static String density(Double v) {
        return v == null
                ? "not known"
                : amount(new StringBuilder("USD "), v, FIGURES).append("/MW/yr").toString();
    }

    /** A price per MW and year, with enough figures to tell it from {@code against}. */
    public static String density(double v, double against) {
        return amount(new StringBuilder("USD "), v, figures(v, against))
                .append("/MW/yr")
                .toString();
    }

    /** 2,150 MW, 7.2 MW, 0 MW: thousands grouped, at most one decimal. */
    public static String mw(double v) {
        return decimal(new StringBuilder(), v, 1).append(" MW").toString();
    }

    /** MW with enough decimals to tell {@code v} from {@code against}: 0.04 MW against 0 MW. */
    public static String mw(double v, double against) {
        return decimal(new StringBuilder(), v, decimals(v, against, 1)).append(" MW").toString();
    }

    /** A share from 0 to 1 as a whole percentage, 74 %. */
    public static String pct(double share) {
        return decimal(new StringBuilder(), share * 100, 0).append(" %").toString();
    }

    /**
     * A percentage with enough decimals to tell {@code share} from {@code against}: 49.9 % against
     * 50 %.
     */
    public static String pct(double share, double against) {
        return decimal(new StringBuilder(), share * 100, decimals(share * 100, against * 100, 0))
                .append(" %")
                .toString();
    }

    /** A plain figure, thousands grouped, at most one decimal: 23,000; 7.5. */
    public static String number(double v) {
        return decimal(new StringBuilder(), v, 1).toString();
    }

    /**
     * "1 binding deal", "2 binding deals", "0 binding deals": a count with its noun, never
     * "deal(s)".
     */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** "1 AI-dedicated site", with the plural given where an "s" would not do. */
    public static String count(long n, String singular, String plural) {
        return decimal(new StringBuilder(), n, 0)
                .append(' ')
                .append(n == 1 ? singular : plural)
                .toString();
    }

    /**
     * "2,000 GPUs", "no GPUs", or "GPU count not disclosed" (never "0 GPUs" for a count nobody
     * gave).
     */
    public static String gpus(Long n) {
        return n == null ? "GPU count not disclosed" : n == 0 ? "no GPUs" : count(n, "GPU");
    }

    // ------------------------------------------------------------------------------------------------ words

    /** "Tier 1", "untiered". */
    public static String tier(Tier t) {
        return t == null ? "untiered" : t.words();
    }

    /** "managed cloud"; "no service" for none. */
    public static String service(Service s) {
        return s == null ? "no service" : s.words();
    }

    /** "a hyperscaler", "an AI lab". */
    public static String kind(CounterpartyType t) {
        return t == null ? "a customer of unstated kind" : t.withArticle();
    }

    /**
     * The kinds of customer that count as established, as a choice: "a hyperscaler, an AI lab or an
     * enterprise".
     */
    public static String establishedKinds() {
        List<String> kinds = new ArrayList<>();
        for (CounterpartyType t : CounterpartyType.values()) {
            if (t.established()) {
                kinds.add(t.withArticle());
            }
        }
        return either(kinds);
    }

    /**
     * Who a deal is with, as a note names a customer: "Microsoft, a hyperscaler"; "Fluidstack,
     * backed by Google as guarantor" where the guarantor is what makes the customer established;
     * "Fluidstack, a neocloud, with NVIDIA, a chipmaker, as guarantor" where it is not.
     */
    public static String customer(DealFact d) {
        StringBuilder sb = new StringBuilder(d.getCounterparty());
        CounterpartyType own = d.getCounterpartyType();
        CounterpartyType backer = d.getGuarantorType();
        boolean hasGuarantor = d.getGuarantor() != null || backer != null;
        if (hasGuarantor
                && (own == null || !own.established())
                && backer != null
                && backer.established()) {
            return sb.append(", backed by ")
                    .append(d.getGuarantor() != null ? d.getGuarantor() : backer.withArticle())
                    .append(" as guarantor")
                    .toString();
        }
        sb.append(", ").append(kind(own));
        if (hasGuarantor && (own == null || !own.established())) {
            sb.append(", with ");
            if (d.getGuarantor() != null) {
                sb.append(d.getGuarantor());
                if (backer != null) {
                    sb.append(", ").append(backer.withArticle()).append(',');
                }
            } else {
                sb.append(kind(backer));
            }
            sb.append(" as guarantor");
        }
        return sb.toString();
    }

    /**
     * A deal's service as a sentence gives it: "bare metal", or "bare metal (inferred from its
     * price)".
     */
    public static String serviceOf(DealFact d) {
        String words = service(d.getEffectiveService());
        return d.getService() == null && d.getEffectiveService() != null
                ? words + " (inferred from its price)"
                : words;
    }

    /**
     * A deal's value and price: "USD 9.7 B at USD 9.7 M/MW/yr", or "USD 311 M, price per MW not
     * known".
     */
    public static String valueAndPrice(DealFact d) {
        String value = usd(d.getValueUsd());
        return d.getDensity() == null
                ? value + ", price per MW not known (MW or term not disclosed)"
                : value + " at " + density(d.getDensity());
    }

    /**
     * How big a deal is, for one that may carry no value: "USD 3.4 B", "180 MW", "no value or size
     * stated".
     */
    public static String size(DealFact d) {
        if (d.getValueUsd() > 0) {
            return usd(d.getValueUsd());
        }
        return d.getMw() != null ? mw(d.getMw()) + ", no value stated" : "no value or size stated";
    }

    /**
     * The deals grouped by customer, largest first, each with its deal ids: "Microsoft, a
     * hyperscaler, deal msft-2025"; with more than one deal, each deal's value: "Amazon Web
     * Services, a hyperscaler, deal aws-2025 (USD 5.5 B); Fluidstack, backed by Google as
     * guarantor, deal fluidstack-barber-lake (USD 3 B)".
     */
    public static String customers(Collection<?> deals) {
        Map<String, List<DealFact>> byCustomer = new LinkedHashMap<>();
        List<DealFact> sorted = new ArrayList<>(deals.size());
        for (Object o : deals) {
            sorted.add((DealFact) o);
        }
        sorted.sort(
                Comparator.comparingDouble(DealFact::getValueUsd)
                        .reversed()
                        .thenComparing(DealFact::getId));
        for (DealFact d : sorted) {
            String key =
                    d.getCounterparty().trim().toLowerCase(Locale.ROOT)
                            + '\u0000'
                            + (d.getGuarantor() == null
                                    ? ""
                                    : d.getGuarantor().trim().toLowerCase(Locale.ROOT));
            byCustomer.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        boolean values = sorted.size() > 1;
        StringBuilder sb = new StringBuilder();
        for (List<DealFact> group : byCustomer.values()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(customer(group.get(0))).append(group.size() == 1 ? ", deal " : ", deals ");
            List<String> ids = new ArrayList<>(group.size());
            for (DealFact d : group) {
                ids.add(values ? d.getId() + " (" + usd(d.getValueUsd()) + ")" : d.getId());
            }
            sb.append(and(ids));
        }
        return sb.toString();
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        return join(items, " and ");
    }

    /** "a", "a or b", "a, b or c". */
    public static String either(List<String> items) {
        return join(items, " or ");
    }

    private static String join(List<String> items, String last) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = items.size(); i < n; i++) {
            if (i > 0) {
                sb.append(i == n - 1 ? last : ", ");
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ the arithmetic

    /**
     * How to write {@code v} so that it reads apart from {@code against} (or the short form if they
     * are equal): a positive number is the significant figures of the short form, zero or less the
     * decimals of the full form, negated.
     */
    private static int figures(double v, double against) {
        if (v == against) {
            return FIGURES;
        }
        for (int f = FIGURES; f <= MAX_FIGURES; f++) {
            if (shown(v, f) != shown(against, f)) {
                return f;
            }
        }
        return -decimals(v, against, 0);
    }

    /** Decimals, from {@code least}, that show {@code v} and {@code against} apart; at most six. */
    private static int decimals(double v, double against, int least) {
        int d = least;
        while (d < 6 && v != against && Math.round(v * TEN[d]) == Math.round(against * TEN[d])) {
            d++;
        }
        return d;
    }

    /** The value an amount shows with {@code figures} significant figures. */
    private static double shown(double v, int figures) {
        double a = Math.abs(v);
        if (a < 999_999.5) {
            return Math.signum(v) * Math.round(a);
        }
        Scaled s = scale(a, figures);
        return Math.signum(v) * s.rounded * s.unit / TEN[s.decimals];
    }

    /**
     * An amount: from a million on in B or M with {@code figures} significant figures, below whole
     * and grouped; with {@code figures} of zero or less, in full with that many decimals (negated).
     */
    private static StringBuilder amount(StringBuilder sb, double v, int figures) {
        if (figures <= 0) {
            return decimal(sb, v, -figures);
        }
        if (v < 0) {
            sb.append('-');
        }
        double a = Math.abs(v);
        if (a < 999_999.5) {
            return grouped(sb, Math.round(a));
        }
        Scaled s = scale(a, figures);
        write(sb, s.rounded, s.decimals);
        return sb.append(s.unit == 1e9 ? " B" : " M");
    }

    private record Scaled(double unit, long rounded, int decimals) {}

    private static Scaled scale(double a, int figures) {
        double unit = a >= 1e9 ? 1e9 : 1e6;
        Scaled s = scaleIn(a, unit, figures);
        if (unit == 1e6 && s.rounded >= 1000 * TEN[s.decimals]) {
            s = scaleIn(a, 1e9, figures); // 999.96 M shows as 1 B, not 1000 M
        }
        return s;
    }

    private static Scaled scaleIn(double a, double unit, int figures) {
        double x = a / unit;
        int whole = x >= 100 ? 3 : x >= 10 ? 2 : 1;
        int decimals = Math.max(0, figures - whole);
        return new Scaled(unit, Math.round(a / (unit / TEN[decimals])), decimals);
    }

    /** {@code v} rounded half up to {@code decimals}, grouped, trailing zeros dropped. */
    private static StringBuilder decimal(StringBuilder sb, double v, int decimals) {
        if (v < 0 && Math.round(-v * TEN[decimals]) != 0) {
            sb.append('-');
        }
        write(sb, Math.round(Math.abs(v) * TEN[decimals]), decimals);
        return sb;
    }

    /**
     * {@code scaled / 10^decimals}: the whole part grouped, the fraction without trailing zeros.
     */
    private static void write(StringBuilder sb, long scaled, int decimals) {
        grouped(sb, scaled / TEN[decimals]);
        long fraction = scaled % TEN[decimals];
        if (fraction == 0) {
            return;
        }
        int digits = decimals;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        sb.append('.');
        for (long p = TEN[digits - 1]; p > fraction && p > 1; p /= 10) {
            sb.append('0');
        }
        sb.append(fraction);
    }

    /** 2,150; 1,000,000. */
    private static StringBuilder grouped(StringBuilder sb, long n) {
        if (n < 1000) {
            return sb.append(n);
        }
        grouped(sb, n / 1000);
        long rest = n % 1000;
        return sb.append(',').append(rest < 100 ? (rest < 10 ? "00" : "0") : "").append(rest);
    }
}
