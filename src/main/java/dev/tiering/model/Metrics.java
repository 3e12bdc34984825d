package dev.tiering.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of MODEL.md behind a classification. A figure is rounded (USD to the dollar, MW to
 * 0.001, shares to 0.0001) only where rounding does not make it a rounder number than it is: USD
 * 999,999,999.99 stays 999999999.99, never 1000000000, so no figure reads across the threshold it
 * is compared with.
 *
 * @param establishedBacklogUsd the orders' value with an established customer, directly or through
 *     a guarantor for the part it backs
 * @param largestCounterparty the counterparty holding {@code largestCounterpartyShare} (null
 *     without binding deals)
 * @param densityUsdPerMwYear null where no binding deal has both mw and termYears
 * @param conversionUpsideUsdPerYear what the binding colocation MW would earn more a year as bare
 *     metal (0 without any); null where a binding colocation deal lacks its MW
 */
public record Metrics(
        BigDecimal bindingBacklogUsd,
        BigDecimal establishedBacklogUsd,
        double northAmericaAiMw,
        String largestCounterparty,
        double largestCounterpartyShare,
        Long densityUsdPerMwYear,
        BigDecimal conversionUpsideUsdPerYear) {

    /** The most decimals a figure takes to stay apart from a rounder number. */
    private static final int MOST_DECIMALS = 12;

    /**
     * {@code v} to {@code decimals}, unless rounding carried it into a rounder number (its last
     * place a zero: 999,999,999.99 to 1,000,000,000; 0.49999 to 0.5000); then with as many more
     * decimals as it takes. Whole numbers come out without decimals ({@code 13100000000}).
     */
    public static BigDecimal figure(double v, int decimals) {
        BigDecimal exact = new BigDecimal(Double.toString(v));
        for (int d = decimals; d <= MOST_DECIMALS; d++) {
            BigDecimal r = exact.setScale(d, RoundingMode.HALF_UP);
            if (r.compareTo(exact) == 0
                    || r.unscaledValue().mod(java.math.BigInteger.TEN).signum() != 0) {
                return plain(r);
            }
        }
        return plain(exact);
    }

    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
