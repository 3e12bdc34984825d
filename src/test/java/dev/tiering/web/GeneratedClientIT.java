package dev.tiering.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import dev.tiering.WebhookReceiver;
import dev.tiering.client.ApiClient;
import dev.tiering.client.ApiException;
import dev.tiering.client.ApiResponse;
import dev.tiering.client.api.ChangesApi;
import dev.tiering.client.api.ClassifyApi;
import dev.tiering.client.api.DealsApi;
import dev.tiering.client.api.OperatorsApi;
import dev.tiering.client.api.RulesApi;
import dev.tiering.client.api.ScreenApi;
import dev.tiering.client.api.SubscriptionsApi;
import dev.tiering.client.model.ChangeCause;
import dev.tiering.client.model.ChangeView;
import dev.tiering.client.model.Classification;
import dev.tiering.client.model.CounterpartyType;
import dev.tiering.client.model.Deal;
import dev.tiering.client.model.DealChange;
import dev.tiering.client.model.DealStatus;
import dev.tiering.client.model.DeliveryView;
import dev.tiering.client.model.GpuCloud;
import dev.tiering.client.model.HistoryEntry;
import dev.tiering.client.model.Imported;
import dev.tiering.client.model.OperatorProfile;
import dev.tiering.client.model.OperatorSummary;
import dev.tiering.client.model.Problem;
import dev.tiering.client.model.ProblemError;
import dev.tiering.client.model.ReloadReport;
import dev.tiering.client.model.Service;
import dev.tiering.client.model.Site;
import dev.tiering.client.model.SiteStatus;
import dev.tiering.client.model.StoredOperator;
import dev.tiering.client.model.SubscriptionRequest;
import dev.tiering.client.model.SubscriptionView;
import dev.tiering.client.model.Tier;
import dev.tiering.client.model.TimelineEntry;
import dev.tiering.client.model.VersionDiff;
import dev.tiering.client.model.VersionSummary;
import dev.tiering.client.model.WhatIf;
import dev.tiering.codec.Spreadsheets;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java client generated from the OpenAPI document (the build generates it from docs/openapi.json
 * into target/, pom.xml) works for every operation of the packaged service, as a Java shop would
 * use it: typed answers, typed errors ({@link Problem}), typed parameters, both spreadsheets. The
 * client reads strictly — a field the service answers but the document does not declare fails the
 * read — and every request it sends is recorded, so the last test can hold the operations called
 * against the operations of the document: an operation nothing here exercises fails the build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedClientIT {
    private static final String ANALYST_PASSWORD = "client-analyst-pw";
    private static final String ADMIN_PASSWORD = "client-admin-pw";

    @TempDir static Path dataDir;
    @TempDir static Path rulesDir;

    private static PackagedApp app;
    private static JsonNode document;

    /** Every answer the generated client got: method, path and status. */
    private static final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    private static OperatorsApi operators;
    private static ClassifyApi classify;
    private static DealsApi deals;
    private static RulesApi rules;
    private static ScreenApi screen;
    private static ChangesApi changes;
    private static SubscriptionsApi subscriptions;
    private static ApiClient analystClient;

    /**
     * Where the subscription of the webhook test points: a receiver on loopback, which the service
     * is told to allow (TIERING_WEBHOOKS_ALLOW_PRIVATE), so that a delivery really happens and its
     * log line and a redelivery have something to be about.
     */
    private static WebhookReceiver receiver;

    record Call(String method, String path, int status) {}

    @BeforeAll
    static void startTheServiceAndReadItsDocument() throws Exception {
        copyRules(Path.of("rules"), rulesDir);
        receiver = new WebhookReceiver();
        app =
                new PackagedApp(
                                dataDir,
                                Map.of(
                                        "TIERING_ANALYST_PASSWORD", ANALYST_PASSWORD,
                                        "TIERING_ADMIN_PASSWORD", ADMIN_PASSWORD,
                                        "TIERING_WEBHOOKS_ALLOW_PRIVATE", "true"))
                        .rules(rulesDir)
                        // reloads are asked for here, never picked up from the folder
                        .property("tiering.rules.watch", "false")
                        // the checker JVM is tested elsewhere; a candidate is checked in process
                        .property("tiering.rules.isolated-check", "false")
                        .start();
        HttpResponse<String> served = app.get("/q/openapi?format=json");
        assertThat(served.statusCode()).isEqualTo(200);
        document = new ObjectMapper().readTree(served.body());
        assertThat(
                        OpenApiDocumentTest.differences(
                                new ObjectMapper()
                                        .readTree(OpenApiDocumentTest.CHECKED_IN.toFile()),
                                document))
                .as(
                        "the client was generated from %s, which must be what the packaged"
                                + " service serves (OpenApiDocumentTest says how to update it)",
                        OpenApiDocumentTest.CHECKED_IN)
                .isEmpty();

        analystClient = client("analyst", ANALYST_PASSWORD);
        operators = new OperatorsApi(analystClient);
        classify = new ClassifyApi(client(null, null));
        deals = new DealsApi(analystClient);
        rules = new RulesApi(client("admin", ADMIN_PASSWORD));
        screen = new ScreenApi(client(null, null));
        changes = new ChangesApi(client(null, null));
        subscriptions = new SubscriptionsApi(client("admin", ADMIN_PASSWORD));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void classifies_a_profile_and_a_batch_with_typed_dates() throws ApiException {
        Classification now = classify.classifyProfile(profile("CLS"), null, null);
        assertThat(now.getTicker()).isEqualTo("CLS");
        assertThat(now.getTier()).isNotNull();
        assertThat(now.getReasons()).isNotEmpty();

        // before the deal was signed it does not count: asOf is a LocalDate, not a string
        Classification before =
                classify.classifyProfile(profile("CLS"), LocalDate.of(2020, 1, 1), null);
        assertThat(before.getAsOf()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(before.getMetrics().getBindingBacklogUsd()).isZero();

        List<Classification> batch =
                classify.classifyBatch(List.of(profile("B1"), profile("B2")), null, null);
        assertThat(batch).extracting(Classification::getTicker).containsExactly("B1", "B2");
    }

    @Test
    @Order(2)
    void bad_input_is_a_typed_problem_naming_the_field() {
        Problem bad =
                problem(
                        400,
                        () ->
                                classify.classifyProfile(
                                        profile("BAD").miningRevenueShare(2.0), null, null));
        assertThat(bad.getTitle()).isEqualTo("Invalid request");
        assertThat(bad.getErrors())
                .extracting(ProblemError::getField)
                .contains("miningRevenueShare");

        Problem unknownRules =
                problem(404, () -> classify.classifyProfile(profile("X"), null, "no-such-version"));
        assertThat(unknownRules.getErrors()).extracting(ProblemError::getField).contains("rules");

        Problem limit = problem(400, () -> operators.listOperators(null, null, 0));
        assertThat(limit.getErrors()).extracting(ProblemError::getField).containsExactly("limit");
    }

    @Test
    @Order(3)
    void stores_lists_and_reads_operators() throws ApiException {
        ApiResponse<Classification> created =
                operators.putOperatorWithHttpInfo("ACME", profile("ACME"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getData().getTicker()).isEqualTo("ACME");
        ApiResponse<Classification> replaced =
                operators.putOperatorWithHttpInfo("ACME", profile("ACME").name("Acme Compute"));
        assertThat(replaced.getStatusCode()).isEqualTo(200);
        operators.putOperator("ZETA", profile("ZETA"));

        List<OperatorSummary> page = operators.listOperators(null, null, 1);
        assertThat(page).extracting(OperatorSummary::getTicker).containsExactly("ACME");
        List<OperatorSummary> next = operators.listOperators(null, "ACME", 1);
        assertThat(next).extracting(OperatorSummary::getTicker).containsExactly("ZETA");
        Tier tier = page.get(0).getTier();
        assertThat(operators.listOperators(tier, null, null))
                .extracting(OperatorSummary::getTier)
                .containsOnly(tier);

        assertThat(operators.countOperators().getTotal()).isEqualTo(2);
        StoredOperator acme = operators.getOperator("ACME");
        assertThat(acme.getProfile().getName()).isEqualTo("Acme Compute");
        assertThat(acme.getClassification().getTicker()).isEqualTo("ACME");
        assertThat(screen.getScreen().getRuleSetVersion()).isNotBlank();
    }

    @Test
    @Order(4)
    void adds_amends_tries_and_removes_deals() throws ApiException {
        Deal lease = lease("hyperscaler-1", DealStatus.NON_BINDING);
        ApiResponse<DealChange> added = operators.addDealWithHttpInfo("ACME", lease);
        assertThat(added.getStatusCode()).isEqualTo(201);
        assertThat(added.getData().getAfter().getTicker()).isEqualTo("ACME");

        // the same deal again, a retry whose answer was lost: 200 and nothing changes
        ApiResponse<DealChange> again = operators.addDealWithHttpInfo("ACME", lease);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getData().getTierChanged()).isFalse();
        // another deal under the same id: 409 naming the id
        Problem other =
                problem(
                        409,
                        () ->
                                operators.addDeal(
                                        "ACME", lease("hyperscaler-1", DealStatus.BINDING)));
        assertThat(other.getErrors()).extracting(ProblemError::getField).containsExactly("id");

        assertThat(operators.getDeal("ACME", "hyperscaler-1").getStatus())
                .isEqualTo(DealStatus.NON_BINDING);
        DealChange binding =
                operators.amendDeal(
                        "ACME", "hyperscaler-1", lease("hyperscaler-1", DealStatus.BINDING));
        assertThat(binding.getAfter().getMetrics().getBindingBacklogUsd())
                .isGreaterThan(binding.getBefore().getMetrics().getBindingBacklogUsd());

        DealChange whatIf =
                operators.whatIf(
                        "ACME",
                        new WhatIf()
                                .addDeals(List.of(lease("hyperscaler-2", DealStatus.BINDING)))
                                .asOf(LocalDate.of(2027, 1, 1)));
        assertThat(whatIf.getAfter().getAsOf()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(operators.getOperator("ACME").getProfile().getDeals())
                .extracting(Deal::getId)
                .doesNotContain("hyperscaler-2");

        DealChange removed = operators.removeDeal("ACME", "hyperscaler-1");
        // figures are decimals (model v3: never rounded across a threshold)
        assertThat(removed.getAfter().getMetrics().getBindingBacklogUsd())
                .isEqualByComparingTo(
                        removed.getBefore()
                                .getMetrics()
                                .getBindingBacklogUsd()
                                .subtract(java.math.BigDecimal.valueOf(2_000_000_000L)));
        problem(404, () -> operators.getDeal("ACME", "hyperscaler-1"));
    }

    @Test
    @Order(5)
    void reads_history_and_timeline() throws ApiException {
        List<HistoryEntry> history = operators.getOperatorHistory("ACME");
        assertThat(history).isNotEmpty();
        assertThat(history.get(history.size() - 1).getBy()).isEqualTo("analyst");
        List<TimelineEntry> timeline = operators.getOperatorTimeline("ACME", null);
        assertThat(timeline).isNotEmpty();
        assertThat(timeline.get(0).getDate()).isNotNull();
        problem(404, () -> operators.getOperatorHistory("NOBODY"));
    }

    @Test
    @Order(6)
    void exports_and_imports_the_deals_spreadsheet() throws ApiException, IOException {
        operators.addDeal("ZETA", lease("zeta-1", DealStatus.BINDING));
        File exported = deals.exportDeals();
        List<String> rows = Files.readAllLines(exported.toPath(), StandardCharsets.UTF_8);
        assertThat(rows.get(0)).startsWith("ticker,id,");
        assertThat(rows).anyMatch(row -> row.startsWith("ZETA,zeta-1,"));

        String sheet =
                "ticker,id,counterparty,counterpartyType,service,status,valueUsd,termYears,mw,signed\r\n"
                    + "ACME,sheet-1,Microsoft,HYPERSCALER,COLOCATION,BINDING,2000000000,10,200,2025-06-01\r\n";
        List<Imported> imported = deals.importDeals(sheet);
        assertThat(imported).extracting(Imported::getTicker).containsExactly("ACME");
        assertThat(operators.getDeal("ACME", "sheet-1").getValueUsd()).isEqualTo(2e9);

        Problem badRow = problem(400, () -> deals.importDeals(sheet.replace("2000000000", "lots")));
        assertThat(badRow.getErrors())
                .extracting(ProblemError::getField)
                .containsExactly("row 2: valueUsd");
    }

    /**
     * Where a path answers JSON and a spreadsheet, the generated method asks for JSON (as it must:
     * it returns the typed list); the spreadsheet the document declares beside it is asked for
     * here, for every such operation of the document.
     */
    @Test
    @Order(7)
    void the_spreadsheets_declared_beside_json_answer_text_csv() throws Exception {
        List<String> besideJson = new ArrayList<>();
        forEachOperation(
                (method, path, op) -> {
                    JsonNode content = op.at("/responses/200/content");
                    if (content.has("application/json") && content.has(Spreadsheets.MEDIA_TYPE)) {
                        besideJson.add(path);
                    }
                });
        assertThat(besideJson).contains("/operators", "/operators/{ticker}/history");
        for (String path : besideJson) {
            String concrete = path.replace("{ticker}", "ACME");
            HttpResponse<String> csv =
                    analystClient
                            .getHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    java.net.URI.create(
                                                            analystClient.getBaseUri() + concrete))
                                            .header("Accept", Spreadsheets.MEDIA_TYPE)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).as(concrete).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse(""))
                    .as(concrete)
                    .startsWith(Spreadsheets.MEDIA_TYPE);
            assertThat(csv.body().lines().count())
                    .as("%s: a header and rows", concrete)
                    .isGreaterThan(1);
        }
    }

    @Test
    @Order(8)
    void reads_reloads_compares_and_rolls_back_rule_sets() throws ApiException {
        String active = rules.getRules().getVersion();
        ReloadReport dryRun = rules.reloadRules(true);
        assertThat(dryRun.getDryRun()).isTrue();
        assertThat(dryRun.getActivated()).isFalse();
        assertThat(rules.reloadRules(false).getVersion()).isEqualTo(active);

        List<VersionSummary> versions = rules.listRuleVersions();
        assertThat(versions).extracting(VersionSummary::getVersion).contains(active);
        assertThat(rules.getRuleVersion(active).getFiles()).isNotEmpty();
        VersionDiff same = rules.diffRuleVersions(active, active);
        assertThat(same.getChanges()).isEmpty();
        assertThat(rules.activateRuleVersion(active).getVersion()).isEqualTo(active);

        Problem unknown = problem(404, () -> rules.getRuleVersion("no-such-version"));
        assertThat(unknown.getErrors()).extracting(ProblemError::getField).containsExactly("rules");
    }

    @Test
    @Order(9)
    void a_refused_reload_is_a_problem_naming_file_and_line() throws Exception {
        Path broken = rulesDir.resolve("broken.drl");
        Files.writeString(
                broken,
                "package rules;\n\n"
                        + "rule \"Broken\"\n"
                        + "when\n"
                        + "    this is not a condition\n"
                        + "then\n"
                        + "end\n");
        try {
            Problem refused = problem(422, () -> rules.reloadRules(false));
            assertThat(refused.getErrors()).isNotEmpty();
            ProblemError first = refused.getErrors().get(0);
            assertThat(first.getFile()).isEqualTo("broken.drl");
            assertThat(first.getLine()).isPositive();
            assertThat(first.getMessage()).isNotBlank();
            assertThat(rules.getRules().getLastError()).isNotNull();
        } finally {
            Files.delete(broken);
        }
    }

    @Test
    @Order(10)
    void refuses_missing_credentials_and_missing_roles_as_problems() {
        OperatorsApi anonymous = new OperatorsApi(client(null, null));
        Problem unauthorized = problem(401, () -> anonymous.putOperator("ANON", profile("ANON")));
        assertThat(unauthorized.getTitle()).isEqualTo("Unauthorized");
        RulesApi analystRules = new RulesApi(analystClient);
        problem(403, () -> analystRules.reloadRules(true));
    }

    @Test
    @Order(11)
    void deletes_an_operator() throws ApiException {
        ApiResponse<Void> deleted = operators.deleteOperatorWithHttpInfo("ZETA");
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        Problem gone = problem(404, () -> operators.getOperator("ZETA"));
        assertThat(gone.getDetail()).contains("ZETA");
        problem(404, () -> operators.deleteOperator("ZETA"));
    }

    @Test
    @Order(12)
    void reads_the_change_feed_a_page_at_a_time_and_its_latest() throws Exception {
        List<ChangeView> all = await(() -> feed(null, 1000, null), page -> page.size() >= 2);
        assertThat(all).extracting(ChangeView::getTicker).contains("ACME", "ZETA");
        ChangeView created = all.get(0);
        assertThat(created.getCause()).isEqualTo(ChangeCause.PROFILE);
        assertThat(created.getBefore()).isNull();
        assertThat(created.getAfter().getTier()).isNotNull();
        assertThat(created.getTime()).isNotNull();

        List<ChangeView> first = changes.listChanges(null, 1, null);
        assertThat(first).extracting(ChangeView::getId).containsExactly(created.getId());
        List<ChangeView> second = changes.listChanges(first.get(0).getCursor(), 1, null);
        assertThat(second).extracting(ChangeView::getId).containsExactly(all.get(1).getId());
        // since is an OffsetDateTime, sent as an ISO instant
        assertThat(changes.listChanges(null, null, OffsetDateTime.now().plusDays(1))).isEmpty();

        // latest counts events not yet given a cursor too; once all are, its newest is the
        // feed's last
        await(
                () -> List.of(latest(1), feed(null, 1000, null)),
                both ->
                        both.get(0).size() == 1
                                && both.get(0)
                                        .get(0)
                                        .getId()
                                        .equals(both.get(1).get(both.get(1).size() - 1).getId()));

        Problem limit = problem(400, () -> changes.listChanges(null, 0, null));
        assertThat(limit.getErrors()).extracting(ProblemError::getField).containsExactly("limit");
        Problem cursor = problem(400, () -> changes.listChanges("not-a-cursor", null, null));
        assertThat(cursor.getErrors()).extracting(ProblemError::getField).containsExactly("after");

        HttpResponse<String> digest =
                analystClient
                        .getHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        analystClient.getBaseUri() + "/changes"))
                                        .header("Accept", "text/markdown")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(digest.statusCode()).isEqualTo(200);
        assertThat(digest.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/markdown");
        assertThat(digest.body()).contains("ACME");
    }

    @Test
    @Order(13)
    void subscribes_a_receiver_reads_its_deliveries_redelivers_and_unsubscribes() throws Exception {
        SubscriptionView subscription =
                subscriptions.createSubscription(
                        new SubscriptionRequest().url(receiver.url()).secret(receiver.secret));
        assertThat(subscription.getId()).isNotBlank();
        assertThat(subscription.getTypes()).containsExactly("dev.tiering.classification.changed");
        assertThat(subscription.getCreatedAt()).isNotNull();
        assertThat(subscriptions.listSubscriptions())
                .extracting(SubscriptionView::getId)
                .containsExactly(subscription.getId());

        operators.putOperator("HOOK", profile("HOOK"));
        java.util.function.Predicate<DeliveryView> hookDelivered =
                d -> "HOOK".equals(d.getTicker()) && "DELIVERED".equals(d.getState());
        DeliveryView delivered =
                await(
                                () -> deliveries(subscription.getId()),
                                log -> log.stream().anyMatch(hookDelivered))
                        .stream()
                        .filter(hookDelivered)
                        .findFirst()
                        .orElseThrow();
        assertThat(delivered.getAttempts()).isEqualTo(1);
        assertThat(delivered.getLastStatus()).isBetween(200, 299);
        assertThat(delivered.getDeliveredAt()).isNotNull();
        assertThat(receiver.of(Set.of("HOOK")))
                .singleElement()
                .matches(WebhookReceiver.Received::signatureValid);

        ApiResponse<Void> again =
                subscriptions.redeliverWithHttpInfo(subscription.getId(), delivered.getEventId());
        assertThat(again.getStatusCode()).isEqualTo(202);
        await(() -> receiver.of(Set.of("HOOK")), received -> received.size() >= 2);
        assertThat(receiver.of(Set.of("HOOK")))
                .extracting(WebhookReceiver.Received::webhookId)
                .containsOnly(delivered.getEventId());
        problem(404, () -> subscriptions.redeliver(subscription.getId(), "no-such-event"));

        ApiResponse<Void> removed =
                subscriptions.deleteSubscriptionWithHttpInfo(subscription.getId());
        assertThat(removed.getStatusCode()).isEqualTo(204);
        assertThat(subscriptions.listSubscriptions()).isEmpty();
        problem(404, () -> subscriptions.listDeliveries(subscription.getId()));
        problem(404, () -> subscriptions.deleteSubscription(subscription.getId()));
    }

    @Test
    @Order(14)
    void refuses_a_bad_secret_and_callers_who_are_not_the_admin_as_problems() {
        Problem secret =
                problem(
                        400,
                        () ->
                                subscriptions.createSubscription(
                                        new SubscriptionRequest()
                                                .url(receiver.url())
                                                .secret("not-a-secret")));
        assertThat(secret.getErrors()).extracting(ProblemError::getField).containsExactly("secret");
        problem(
                401,
                () ->
                        new SubscriptionsApi(client(null, null))
                                .createSubscription(
                                        new SubscriptionRequest()
                                                .url(receiver.url())
                                                .secret(receiver.secret)));
        problem(403, () -> new SubscriptionsApi(analystClient).listSubscriptions());
    }

    private static List<ChangeView> feed(String after, Integer limit, OffsetDateTime since) {
        try {
            return changes.listChanges(after, limit, since);
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ChangeView> latest(Integer limit) {
        try {
            return changes.latestChanges(limit);
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<DeliveryView> deliveries(String subscription) {
        try {
            return subscriptions.listDeliveries(subscription);
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code read} answers once {@code done} holds of it; at most 30 s. */
    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < until) {
            Thread.sleep(100);
            value = read.get();
        }
        assertThat(done.test(value)).as("in 30 s: %s", value).isTrue();
        return value;
    }

    /** The operations of the document, each called through the generated client and answered. */
    @Test
    @Order(Integer.MAX_VALUE)
    void every_operation_of_the_document_was_called_and_answered_with_success() {
        Map<String, Operation> all = new TreeMap<>();
        forEachOperation(
                (method, path, op) ->
                        all.put(
                                op.path("operationId").asText(),
                                new Operation(method.toUpperCase(), path)));
        Set<String> succeeded = new TreeSet<>();
        for (Call call : calls) {
            String id = operationOf(all, call);
            assertThat(id)
                    .as("%s %s is no operation of the document", call.method(), call.path())
                    .isNotNull();
            if (call.status() / 100 == 2) {
                succeeded.add(id);
            }
        }
        assertThat(succeeded)
                .as("operations answered 2xx through the generated client")
                .containsExactlyInAnyOrderElementsOf(all.keySet());
    }

    record Operation(String method, Pattern path, int templates) {
        Operation(String method, String template) {
            this(
                    method,
                    Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")),
                    template.split("\\{", -1).length - 1);
        }
    }

    /**
     * The operation a call was, preferring a literal path ({@code /operators/counts}) to a
     * template.
     */
    private static String operationOf(Map<String, Operation> all, Call call) {
        return all.entrySet().stream()
                .filter(e -> e.getValue().method().equals(call.method()))
                .filter(e -> e.getValue().path().matcher(call.path()).matches())
                .min(Comparator.comparingInt(e -> e.getValue().templates()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        document.path("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                op -> {
                                                    if (op.getValue().has("operationId")) {
                                                        visitor.visit(
                                                                op.getKey(),
                                                                path.getKey(),
                                                                op.getValue());
                                                    }
                                                }));
    }

    interface ClientCall {
        void run() throws ApiException;
    }

    /**
     * The error a call ends in, read as the generated {@link Problem}: the status it was to be, in
     * the body and the status line, and {@code application/problem+json}.
     */
    private static Problem problem(int status, ClientCall call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("an error %d", status).isNotNull();
        assertThat(e.getCode()).as("status; body %s", e.getResponseBody()).isEqualTo(status);
        assertThat(e.getResponseHeaders().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        try {
            Problem problem =
                    analystClient.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
            assertThat(problem.getStatus()).isEqualTo(status);
            assertThat(problem.getDetail()).isNotBlank();
            return problem;
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    /**
     * A client of the packaged service for one user (none: anonymous) that reads strictly and
     * records every answer.
     */
    private static ApiClient client(String user, String password) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + app.port());
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setObjectMapper(
                ApiClient.createDefaultObjectMapper()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        if (user != null) {
            String basic =
                    Base64.getEncoder()
                            .encodeToString(
                                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            client.setRequestInterceptor(
                    request -> request.header("Authorization", "Basic " + basic));
        }
        client.setResponseInterceptor(
                response ->
                        calls.add(
                                new Call(
                                        response.request().method(),
                                        response.request().uri().getPath(),
                                        response.statusCode())));
        return client;
    }

    /** A profile of one energized AI site and one binding colocation deal signed in 2025. */
    private static OperatorProfile profile(String ticker) {
        return new OperatorProfile()
                .ticker(ticker)
                .name(ticker + " Mining")
                .sites(
                        List.of(
                                new Site()
                                        .name("Plant")
                                        .country("US")
                                        .mw(300.0)
                                        .aiDedicated(true)
                                        .status(SiteStatus.ENERGIZED)))
                .gpuCloud(new GpuCloud().inHouse(true).gpus(1000L))
                .miningRevenueShare(0.5)
                .deals(
                        List.of(
                                new Deal()
                                        .id("colo-2025")
                                        .counterparty("CoreWeave")
                                        .counterpartyType(CounterpartyType.NEOCLOUD)
                                        .service(Service.COLOCATION)
                                        .status(DealStatus.BINDING)
                                        .valueUsd(500_000_000.0)
                                        .termYears(10.0)
                                        .mw(100.0)
                                        .signed(LocalDate.of(2025, 6, 1))));
    }

    /** A USD 2 B, 10-year colocation lease with a hyperscaler, signed in 2026. */
    private static Deal lease(String id, DealStatus status) {
        return new Deal()
                .id(id)
                .counterparty("Microsoft")
                .counterpartyType(CounterpartyType.HYPERSCALER)
                .service(Service.COLOCATION)
                .status(status)
                .valueUsd(2_000_000_000.0)
                .termYears(10.0)
                .mw(200.0)
                .signed(LocalDate.of(2026, 3, 1));
    }

    private static void copyRules(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
