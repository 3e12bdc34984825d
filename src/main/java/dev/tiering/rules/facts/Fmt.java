package dev.tiering.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats the numbers rules put in their reasons the way the research note writes them. */
public final class Fmt {
    private Fmt() {
    }

    /** USD 13.1 B, USD 450 M, USD 12,000. */
    public static String usd(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return "USD " + trim(v / 1e9, 2) + " B";
        }
        if (a >= 1e6) {
            return "USD " + trim(v / 1e6, 2) + " M";
        }
        return "USD " + String.format(java.util.Locale.ROOT, "%,.0f", v);
    }

    /** USD 10.08 M/MW/yr. */
    public static String density(Double v) {
        return v == null ? "unknown" : usd(v) + "/MW/yr";
    }

    /** 750 MW. */
    public static String mw(double v) {
        return trim(v, 1) + " MW";
    }

    /** 74.0%. */
    public static String pct(double share) {
        return trim(share * 100, 1) + "%";
    }

    /** A plain number without trailing zeros. */
    public static String num(double v) {
        return trim(v, 4);
    }

    private static String trim(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
