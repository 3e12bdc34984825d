package dev.tiering.web;

/** Query parameters read the same way by every resource, each refusal a 400 naming it. */
final class QueryParams {
    private QueryParams() {}

    /** A page size: {@code byDefault} when absent, else a whole number from 1 to {@code max}. */
    static int limit(String limit, int byDefault, int max) {
        if (limit == null || limit.isBlank()) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + max);
    }
}
