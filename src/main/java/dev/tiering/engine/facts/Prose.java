package dev.tiering.engine.facts;

import dev.tiering.model.Counterparties;
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

    /** The most decimals a figure takes to read apart from zero. */
    private static final int ZERO_DECIMALS = 3;

    private Prose() {}

    // ------------------------------------------------------------------------------------------------ templates

    /**
     * A message from a template with named slots, the values in the order the names first appear:
     * {@code say("established backlog {backlog} ≥ {threshold}: {customers}", backlog, threshold,
     * customers)}. A name used twice takes one value. The values are {@link Figure}s (or words: a
     * String, a tier, a service, a kind of customer, a date, a list of words), and this is where
     * they are written: all figures of one unit in the message are written together, each with as
     * many figures as it takes to read apart from every other one, and from zero (USD 999,999,999
     * beside USD 1,000,000,000; 0.04 MW, not 0 MW), so that no figure is rounded across another it
     * is compared with. A figure marked as an estimate reads "about … (estimate)".
     *
     * @throws IllegalArgumentException when the values do not match the slots one to one, or a
     *     value is a bare number (its unit would be a guess)
     */
    public static String say(String template, Object... values) {
        List<String> names = new ArrayList<>(4);
        List<int[]> slots = new ArrayList<>(4); // {start, end, index of the name}
        for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
            int end = template.indexOf('}', i);
            if (end < 0 || !isName(template, i + 1, end)) {
                continue;
            }
            String name = template.substring(i + 1, end);
            int index = names.indexOf(name);
            if (index < 0) {
                index = names.size();
                names.add(name);
            }
            slots.add(new int[] {i, end + 1, index});
        }
        if (names.size() != values.length) {
            throw new IllegalArgumentException(
                    "the message \""
                            + template
                            + "\" has "
                            + count(names.size(), "slot")
                            + " "
                            + names
                            + " but is given "
                            + count(values.length, "value"));
        }
        String[] written = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            written[i] = write(values[i], values);
        }
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int from = 0;
        for (int[] slot : slots) {
            String text = written[slot[2]];
            if (inBrackets(template, slot) && text.endsWith(ESTIMATE)) {
                // "(about USD 320 M, an estimate)", not "(about USD 320 M (estimate))"
                text = text.substring(0, text.length() - ESTIMATE.length()) + ", an estimate";
            }
            sb.append(template, from, slot[0]).append(text);
            from = slot[1];
        }
        return sb.append(template, from, template.length()).toString();
    }

    private static boolean isName(String s, int from, int to) {
        if (to <= from || !Character.isLetter(s.charAt(from))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** One value of a message, written against the other values of its unit in {@code all}. */
    private static String write(Object v, Object[] all) {
        if (v == null) {
            return "not disclosed";
        }
        if (v instanceof Figure f) {
            return write(f, all);
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Tier t) {
            return tier(t);
        }
        if (v instanceof Service s) {
            return service(s);
        }
        if (v instanceof CounterpartyType t) {
            return kind(t);
        }
        if (v instanceof java.time.LocalDate d) {
            return d.toString();
        }
        if (v instanceof List<?> list) {
            List<String> words = new ArrayList<>(list.size());
            for (Object o : list) {
                words.add(write(o, all));
            }
            return and(words);
        }
        throw new IllegalArgumentException(
                "a message value of type "
                        + v.getClass().getSimpleName()
                        + ": pass a Figure (Figure.usd(...), Figure.mw(...)) or words");
    }

    private static String write(Figure f, Object[] all) {
        if (f instanceof Figure.Usd u) {
            return estimate(usdApart(u.value(), all), u.estimate());
        }
        if (f instanceof Figure.Density d) {
            return d.value() == null
                    ? "not known"
                    : estimate(densityApart(d.value(), all), d.estimate());
        }
        if (f instanceof Figure.Mw m) {
            return estimate(mwApart(m.value(), all), m.estimate());
        }
        if (f instanceof Figure.Share s) {
            return estimate(pctApart(s.value(), all), s.estimate());
        }
        if (f instanceof Figure.Times t) {
            return number(t.value());
        }
        if (f instanceof Figure.Count c) {
            return count(c.n(), c.singular(), c.plural());
        }
        if (f instanceof Figure.Gpus g) {
            return estimate(gpus(g.n()), g.estimate() && g.n() != null);
        }
        if (f instanceof Figure.Customer c) {
            return customer(c.deal());
        }
        if (f instanceof Figure.Customers c) {
            return customers(c.deals());
        }
        return site((Figure.Site) f);
    }

    private static final String ESTIMATE = " (estimate)";

    private static String estimate(String written, boolean estimate) {
        return estimate ? "about " + written + ESTIMATE : written;
    }

    /** Whether a slot stands alone in brackets in its template: "({value})". */
    private static boolean inBrackets(String template, int[] slot) {
        return slot[0] > 0
                && template.charAt(slot[0] - 1) == '('
                && slot[1] < template.length()
                && template.charAt(slot[1]) == ')';
    }

    /**
     * "Sweetwater 2 (600 MW, US)"; a name that ends in brackets of its own takes the size into
     * them: "Colchis (JV with AEP; 1,000 MW, US)".
     */
    private static String site(Figure.Site s) {
        String size =
                estimate(mwApart(s.mw().value(), new Object[0]), s.mw().estimate())
                        + ", "
                        + s.country();
        if (s.name() == null) {
            return "without a name (" + size + ")";
        }
        return s.name().endsWith(")")
                ? s.name().substring(0, s.name().length() - 1) + "; " + size + ")"
                : s.name() + " (" + size + ")";
    }

    /** USD {@code v}, apart from every other USD amount of the message and from zero. */
    private static String usdApart(double v, Object[] all) {
        int f = FIGURES;
        for (Object o : all) {
            if (o instanceof Figure.Usd u && u.value() != v) {
                f = finer(f, figures(v, u.value()));
            }
        }
        f = finer(f, apartFromZero(v));
        return amount(new StringBuilder("USD "), v, f).toString();
    }

    private static String densityApart(double v, Object[] all) {
        int f = FIGURES;
        for (Object o : all) {
            if (o instanceof Figure.Density d && d.value() != null && d.value() != v) {
                f = finer(f, figures(v, d.value()));
            }
        }
        f = finer(f, apartFromZero(v));
        return amount(new StringBuilder("USD "), v, f).append("/MW/yr").toString();
    }

    private static String mwApart(double v, Object[] all) {
        int d = Math.min(ZERO_DECIMALS, Math.max(1, decimals(v, 0, 1)));
        for (Object o : all) {
            if (o instanceof Figure.Mw m && m.value() != v) {
                d = Math.max(d, decimals(v, m.value(), 1));
            }
        }
        return decimal(new StringBuilder(), v, d).append(" MW").toString();
    }

    private static String pctApart(double share, Object[] all) {
        int d = Math.min(ZERO_DECIMALS, decimals(share * 100, 0, 0));
        for (Object o : all) {
            if (o instanceof Figure.Share s && s.value() != share) {
                d = Math.max(d, decimals(share * 100, s.value() * 100, 0));
            }
        }
        return decimal(new StringBuilder(), share * 100, d).append(" %").toString();
    }

    /**
     * An amount below a unit is written with decimals so that it does not read as zero (USD 0.01
     * short, not USD 0 short), up to {@link #ZERO_DECIMALS}: a smaller figure is noise.
     */
    private static int apartFromZero(double v) {
        int f = figures(v, 0);
        return f > 0 ? f : -Math.min(ZERO_DECIMALS, -f);
    }

    /**
     * The finer of two ways to write an amount ({@link #figures}): the full form beats significant
     * figures, more decimals beat fewer.
     */
    private static int finer(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int figures) {
        return figures > 0 ? figures : 100 - figures;
    }

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
     * "Fluidstack, a neocloud, with NVIDIA, a chipmaker, as guarantor" where it is not. A name that
     * already says its kind is not told it twice: "Undisclosed investment-grade hyperscaler".
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
        if (!says(d.getCounterparty(), own)) {
            sb.append(", ").append(kind(own));
        }
        if (hasGuarantor && (own == null || !own.established())) {
            sb.append(", with ");
            if (d.getGuarantor() != null) {
                sb.append(d.getGuarantor());
                if (backer != null && !says(d.getGuarantor(), backer)) {
                    sb.append(", ").append(backer.withArticle()).append(',');
                }
            } else {
                sb.append(kind(backer));
            }
            sb.append(" as guarantor");
        }
        return sb.toString();
    }

    /** Whether a name already says its kind: "Undisclosed investment-grade hyperscaler". */
    private static boolean says(String name, CounterpartyType kind) {
        return kind != null
                && name.toLowerCase(Locale.ROOT).contains(kind.words().toLowerCase(Locale.ROOT));
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
     * A deal's value and price: "USD 9.7 B at USD 9.7 M/MW/yr". Rule files of earlier rule sets
     * call it; they stay in the archive and must compile again for a replay, a backtest or a
     * rollback.
     */
    public static String valueAndPrice(DealFact d) {
        String value = usd(d.getValueUsd());
        return d.getDensity() == null
                ? value + ", price per MW not known (MW or term not disclosed)"
                : value + " at " + density(d.getDensity());
    }

    /**
     * How big a deal is: "USD 3.4 B". Rule files of earlier rule sets call it (see {@link
     * #valueAndPrice}).
     */
    public static String size(DealFact d) {
        if (d.getValueUsd() > 0) {
            return usd(d.getValueUsd());
        }
        return d.getMw() != null ? mw(d.getMw()) + ", no value stated" : "no value or size stated";
    }

    /**
     * The deals grouped by customer (names compared as {@link Counterparties#key} does), largest
     * first, each with its deal ids: "Microsoft, a hyperscaler, deal msft-2025"; with more than one
     * deal, each deal's value: "Amazon Web Services, a hyperscaler, deal aws-2025 (USD 5.5 B);
     * Fluidstack, backed by Google as guarantor, deal fluidstack-barber-lake (USD 1.4 B of USD 3 B
     * guaranteed)". A deal that counts as established through its guarantor says for how much: the
     * guaranteed part, or "guarantee amount not disclosed" where all of it counts; an estimated
     * value reads "about USD 2.8 B, an estimate".
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
                    Counterparties.key(d.getCounterparty())
                            + '\u0000'
                            + (d.getGuarantor() == null
                                    ? ""
                                    : Counterparties.key(d.getGuarantor()));
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
                String detail = detail(d, values);
                ids.add(detail == null ? d.getId() : d.getId() + " (" + detail + ")");
            }
            sb.append(and(ids));
        }
        return sb.toString();
    }

    /**
     * What a list of customers says of one deal in brackets: its value where there are several, and
     * the part a guarantor backs where that is what makes it established; null for nothing.
     */
    private static String detail(DealFact d, boolean value) {
        if (d.isPartlyGuaranteed()) {
            return listed(
                    usd(d.getEstablishedUsd()) + " of " + usd(d.getValueUsd()) + " guaranteed",
                    d.estimates().guaranteed() || d.estimates().value());
        }
        String amount = listed(usd(d.getValueUsd()), d.estimates().value());
        if (d.isGuaranteeUndisclosed()) {
            return amount + ", guarantee amount not disclosed";
        }
        return value || d.estimates().value() ? amount : null;
    }

    /** An amount in a list: "USD 5.5 B", or "about USD 2.8 B, an estimate". */
    private static String listed(String amount, boolean estimate) {
        return estimate ? "about " + amount + ", an estimate" : amount;
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
