package dev.tiering.web;

/** Request examples shown in the OpenAPI document and Swagger UI. */
public final class OpenApiExamples {
    public static final String IREN =
            """
            {"ticker": "IREN", "name": "IREN Limited",
             "sites": [{"name": "Childress", "country": "US", "mw": 750, "aiDedicated": true, "status": "ENERGIZED"}],
             "gpuCloud": {"inHouse": true, "gpus": 23000, "containerOrchestration": true,
                          "scheduling": true, "enterpriseSupport": true},
             "miningRevenueShare": 0.6,
             "deals": [{"id": "msft-2025", "counterparty": "Microsoft", "counterpartyType": "HYPERSCALER",
                        "service": "BARE_METAL", "status": "BINDING", "valueUsd": 9700000000, "termYears": 5,
                        "mw": 200, "prepaymentUsd": 1940000000, "signed": "2025-11-03"},
                       {"id": "nvda-2026", "counterparty": "NVIDIA", "counterpartyType": "CHIPMAKER",
                        "service": "MANAGED_CLOUD", "status": "BINDING", "valueUsd": 3400000000, "termYears": 5,
                        "mw": 60, "signed": "2026-05-07"}]}\
            """;

    public static final String DEAL =
            """
            {"id": "hyperscaler-2026", "counterparty": "Microsoft", "counterpartyType": "HYPERSCALER",
             "service": "COLOCATION", "status": "BINDING", "valueUsd": 2000000000, "termYears": 10, "mw": 200,
             "takeOrPay": true, "tripleNet": true, "signed": "2026-09-01"}\
            """;

    public static final String WHAT_IF =
            """
            {"addDeals": [{"id": "hyperscaler-2026", "counterparty": "Microsoft", "counterpartyType": "HYPERSCALER",
                           "service": "COLOCATION", "status": "BINDING", "valueUsd": 2000000000, "termYears": 10,
                           "mw": 200}],
             "removeDeals": [], "asOf": "2026-12-31"}\
            """;

    private OpenApiExamples() {}
}
