package dev.tiering.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import dev.tiering.operators.OperatorService;
import dev.tiering.operators.Seeder;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The board over a store of thousands of operators: each column counts its whole tier but shows one
 * page of it in ticker order, "Show more" appends the next page, a card of a later page opens its
 * detail, and a poll with nothing changed reads no page. While it runs the store holds its
 * operators alone (what other test classes left is deleted first), and none of them after, so no
 * other test sees them.
 */
@QuarkusTest
class BoardLargeBrowserTest extends BoardPage {
    /** Operators stored: every tier holds more than a page of them. */
    static final int OPERATORS = 3000;

    /** Cards a column shows at first, and each "Show more" adds (columns.js PAGE). */
    static final int PAGE = 100;

    @Inject OperatorService operators;
    @Inject Seeder seeder;
    @Inject ObjectMapper json;

    @BeforeEach
    void anEmptyStore() {
        Api.deleteAllBut(Set.of());
    }

    /** Thousands of deletes: through the store itself on a few threads, not one request each. */
    @AfterEach
    void deleteWhatItStored() throws Exception {
        List<String> tickers = new ArrayList<>();
        operators.forEachPage(null, page -> page.forEach(o -> tickers.add(o.ticker())));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> deleted = new ArrayList<>();
            for (String t : tickers) {
                deleted.add(pool.submit(() -> operators.delete(t, "analyst")));
            }
            for (Future<Boolean> d : deleted) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void columns_count_the_whole_tier_show_a_page_append_the_next_and_poll_without_reading_pages()
            throws Exception {
        Map<Tier, List<String>> tiers = store();

        openBoard();
        for (Tier t : Tier.values()) {
            String column = t.name();
            wait(
                    ExpectedConditions.textToBe(
                            By.cssSelector("[data-column='" + column + "'] .count"),
                            grouped(tiers.get(t).size())));
            int shown = Math.min(PAGE, tiers.get(t).size());
            wait(d -> tickersIn(column).size() == shown);
            assertThat(tickersIn(column))
                    .as(column + ": the first page in ticker order")
                    .isEqualTo(tiers.get(t).subList(0, shown));
            assertThat(textAt("[data-column='" + column + "'] .col-foot .shown"))
                    .isEqualTo(grouped(shown) + " of " + grouped(tiers.get(t).size()));
        }
        wait(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#status .text"),
                        "Live · " + grouped(OPERATORS) + " operators"));

        // "Show more" appends the tier's next page, in ticker order after the first
        List<String> tierOne = tiers.get(Tier.TIER_1);
        showMore("TIER_1");
        wait(d -> tickersIn("TIER_1").size() == 2 * PAGE);
        assertThat(tickersIn("TIER_1")).isEqualTo(tierOne.subList(0, 2 * PAGE));
        assertThat(tickersIn("TIER_2")).hasSize(PAGE);
        driver.executeScript(
                "document.getElementById('board').scrollIntoView()"); // the counts in sight
        screenshot("board-large.png", false);

        // a poll with nothing changed asks for the counts (and the rules), never a page or the
        // screen
        driver.executeScript(
                "window.__calls = []; const f = window.fetch; window.fetch = (input, init) => {"
                        + " window.__calls.push(String(input)); return f(input, init); };");
        // two polls at least (tierBoard.poll is what the 4-second timer runs)
        wait(
                d -> {
                    ((JavascriptExecutor) d)
                            .executeAsyncScript(
                                    "window.tierBoard.poll().then(arguments[arguments.length -"
                                            + " 1])");
                    return calls().stream().filter("operators/counts"::equals).count() >= 2;
                });
        List<String> quiet = calls();
        assertThat(quiet)
                .as("requests of two quiet polls")
                .contains("operators/counts", "rules")
                .noneMatch(u -> u.startsWith("operators?") || u.equals("screen"));

        // a write elsewhere: only its column reads its pages again, as many as it shows, and the
        // count follows
        String first = "A" + tierOne.get(0).substring(1);
        analyst()
                .body(
                        example("IREN")
                                .replace("\"ticker\": \"IREN\"", "\"ticker\": \"" + first + "\""))
                .put("/operators/" + first)
                .then()
                .statusCode(201);
        wait(
                ExpectedConditions.textToBe(
                        By.cssSelector("[data-column='TIER_1'] .count"),
                        grouped(tierOne.size() + 1)));
        wait(d -> first.equals(tickersIn("TIER_1").get(0)));
        assertThat(tickersIn("TIER_1")).hasSize(2 * PAGE).endsWith(tierOne.get(2 * PAGE - 2));
        List<String> pages = calls().stream().filter(u -> u.startsWith("operators?")).toList();
        assertThat(pages)
                .isNotEmpty()
                .allMatch(u -> u.contains("tier=TIER_1") && u.contains("limit=" + 2 * PAGE));

        // a card of the second page opens its detail
        String later = tierOne.get(PAGE + 42);
        WebElement card = cardIn("TIER_1", later);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", card);
        card.click();
        wait(ExpectedConditions.textToBe(By.id("d-title"), later));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-history tbody tr")));
        wait(d -> card(later).getAttribute("class").contains("open"));
        assertThat(driver.getCurrentUrl()).endsWith("#" + later);
        driver.findElement(By.id("d-close")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));

        // and one the board has not loaded at all opens from its link (a new page: a hash alone is
        // no reload)
        String unloaded = tiers.get(Tier.TIER_3).get(tiers.get(Tier.TIER_3).size() - 1);
        driver.get("about:blank");
        driver.get(board + "#" + unloaded);
        wait(ExpectedConditions.textToBe(By.id("d-title"), unloaded));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-history tbody tr")));
        assertThat(driver.findElements(By.cssSelector(".card[data-ticker='" + unloaded + "']")))
                .isEmpty();
    }

    /**
     * Stores {@link #OPERATORS} variants of the research note's operators and of the untiered
     * example, through the store's own write path on a few threads; each tier's tickers in ticker
     * order, as the store classified them.
     */
    private Map<Tier, List<String>> store() throws Exception {
        List<OperatorProfile> bases =
                new ArrayList<>(seeder.read().stream().map(Seeder.SeedEntry::profile).toList());
        OperatorProfile untiered = json.readValue(example("HASH"), OperatorProfile.class);
        bases.add(untiered);
        bases.add(untiered);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Tier>> stored = new ArrayList<>();
        try {
            for (int i = 0; i < OPERATORS; i++) {
                OperatorProfile base = bases.get(i % bases.size());
                OperatorProfile p =
                        new OperatorProfile(
                                String.format("L%04d", i),
                                base.name(),
                                base.sites(),
                                base.gpuCloud(),
                                base.miningRevenueShare(),
                                base.deals());
                stored.add(pool.submit(() -> operators.put(p, "test").classification().tier()));
            }
            Map<Tier, List<String>> tiers = new EnumMap<>(Tier.class);
            for (Tier t : Tier.values()) {
                tiers.put(t, new ArrayList<>());
            }
            for (int i = 0; i < OPERATORS; i++) {
                tiers.get(stored.get(i).get())
                        .add(String.format("L%04d", i)); // in ticker order already
            }
            System.out.printf(
                    "BoardLargeBrowserTest: %d operators stored in %d ms: %s%n",
                    OPERATORS,
                    (System.nanoTime() - start) / 1_000_000,
                    tiers.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue().size())
                            .toList());
            tiers.values()
                    .forEach(
                            list ->
                                    assertThat(list)
                                            .as("every tier holds more than a page")
                                            .hasSizeGreaterThan(PAGE));
            return tiers;
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> calls() {
        return (List<String>)
                driver.executeScript("return window.__calls ? Array.from(window.__calls) : []");
    }

    private static String grouped(int n) {
        return String.format(Locale.US, "%,d", n);
    }
}
