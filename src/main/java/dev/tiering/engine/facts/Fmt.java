package dev.tiering.engine.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats the numbers rules put in their reasons the way the research note writes them. */
public final class Fmt {
    private Fmt() {
    }

    /**
     * USD 13.1 B, USD 450 M, USD 12,000. A value that the short form would round (999,999,999 is not "USD 1000 M")
     * is written out in full, so a message never shows a boundary the number does not meet.
     */
    public static String usd(double v) {
        double a = Math.abs(v);
        if (a >= 1e9 && exact(v, 1e9)) {
            return "USD " + trim(v / 1e9, 3) + " B";
        }
        if (a >= 1e6 && exact(v, 1e6)) {
            return "USD " + trim(v / 1e6, 3) + " M";
        }
        String full = String.format(java.util.Locale.ROOT, "%,.2f", v);
        return "USD " + (full.endsWith(".00") ? full.substring(0, full.length() - 3) : full);
    }

    private static boolean exact(double v, double unit) {
        double shown = BigDecimal.valueOf(v / unit).setScale(3, RoundingMode.HALF_UP).doubleValue() * unit;
        return Math.abs(shown - v) <= Math.abs(v) * 1e-12;
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
