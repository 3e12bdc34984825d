package dev.tiering.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The tier board (index.html, its ES modules, app.css) in a real headless Chromium ({@link
 * BoardPage}): columns, cards, the chart, the detail, adding a deal, the rules' words. Every test
 * stores its own operators through the API first. Screenshots go to {@code target/board*.png}.
 */
@QuarkusTest
class BoardBrowserTest extends BoardPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void the_research_notes_universe_lands_in_the_notes_columns() throws IOException {
        Map<String, String> universe = seedProfiles();
        universe.put("HASH", example("HASH"));
        storeOnly(universe);

        openBoard();
        for (String t : List.of("IREN", "HUT", "APLD", "CIFR", "WULF")) {
            cardIn("TIER_1", t);
        }
        for (String t : List.of("GLXY", "CORZ", "RIOT")) {
            cardIn("TIER_2", t);
        }
        for (String t : List.of("BTDR", "MARA", "CLSK", "BITF", "HIVE")) {
            cardIn("TIER_3", t);
        }
        cardIn("UNTIERED", "HASH");
        assertThat(driver.findElements(By.cssSelector(".card[data-ticker]"))).hasSize(14);
        assertThat(text(By.cssSelector("[data-column='TIER_1'] .count"))).isEqualTo("5");

        // the screen's picks are on the cards and in the header
        WebElement iren = card("IREN");
        assertThat(text(iren.findElement(By.cssSelector(".pick.p1"))))
                .contains("Full-stack leader");
        assertThat(text(card("HUT").findElement(By.cssSelector(".pick.p2"))))
                .contains("Contract-quality leader");
        assertThat(text(card("BTDR").findElement(By.cssSelector(".pick.hp"))))
                .contains("High potential");
        assertThat(text(By.id("screen-picks"))).contains("IREN", "HUT", "BTDR");

        // the chart draws one bar per operator with a density, over both bands of the note
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#chart .bar[data-ticker='IREN']")));
        assertThat(driver.findElements(By.cssSelector("#chart rect.band"))).hasSize(2);
        assertThat(text(By.id("chart"))).contains("Colocation ≈ 1.78 M", "9.7–11.0 M", "10.1 M");
        assertThat(driver.findElements(By.cssSelector("#chart .bar"))).hasSize(8);

        screenshot("board.png", true);
    }

    @Test
    void the_examples_get_their_tiers_stages_badges_risks_and_backlogs() throws IOException {
        storeExamples();
        openBoard();

        WebElement iren = cardIn("TIER_1", "IREN");
        cardIn("TIER_2", "GLXY");
        cardIn("TIER_3", "BTDR");
        cardIn("UNTIERED", "HASH");

        assertThat(litSteps(iren)).containsExactly("BARE_METAL", "NEOCLOUD");
        assertThat(
                        iren.findElement(By.cssSelector(".ladder li.current"))
                                .getAttribute("data-stage"))
                .isEqualTo("NEOCLOUD");
        assertThat(iren.findElements(By.cssSelector(".badge.fullstack"))).hasSize(1);
        assertThat(textContent(iren.findElement(By.cssSelector(".backlog-value"))))
                .isEqualTo("USD 13.1 B");
        assertThat(risks(iren))
                .containsExactly(
                        "COUNTERPARTY_CONCENTRATION", "HARDWARE_OBSOLESCENCE", "CRYPTO_EXPOSURE");

        WebElement glxy = card("GLXY");
        assertThat(litSteps(glxy)).containsExactly("COLOCATION");
        assertThat(glxy.findElements(By.cssSelector(".badge.fullstack"))).isEmpty();
        assertThat(textContent(glxy.findElement(By.cssSelector(".backlog-value"))))
                .isEqualTo("USD 15 B");

        WebElement btdr = card("BTDR");
        assertThat(litSteps(btdr)).isEmpty();
        assertThat(risks(btdr)).containsExactly("HARDWARE_OBSOLESCENCE", "CRYPTO_EXPOSURE");
        assertThat(risks(card("HASH"))).containsExactly("CRYPTO_EXPOSURE");
    }

    @Test
    void each_card_shows_what_would_move_it_up_a_tier_and_its_conversion_upside()
            throws IOException {
        storeExamples();
        openBoard();

        // Tier 1: nothing to reach; no colocation book, no upside
        WebElement iren = cardIn("TIER_1", "IREN");
        assertThat(iren.findElements(By.cssSelector(".gap"))).isEmpty();
        assertThat(iren.findElements(By.cssSelector(".upside"))).isEmpty();
        // Tier 2 on a newer cloud's lease: the first gap is toward Tier 1, and 800 MW of colocation
        // has an upside
        WebElement glxy = card("GLXY");
        WebElement gap = glxy.findElement(By.cssSelector(".gap"));
        assertThat(gap.getAttribute("data-toward")).isEqualTo("TIER_1");
        assertThat(textContent(gap))
                .startsWith(
                        "To Tier 1: a binding deal with a hyperscaler, an AI lab or an enterprise");
        assertThat(textContent(glxy.findElement(By.cssSelector(".upside"))))
                .isEqualTo("Conversion upside USD 6.76 B a year");
        // the nearest tier first: Tier 3 toward Tier 2, untiered toward Tier 3
        assertThat(card("BTDR").findElement(By.cssSelector(".gap")).getAttribute("data-toward"))
                .isEqualTo("TIER_2");
        assertThat(card("HASH").findElement(By.cssSelector(".gap")).getAttribute("data-toward"))
                .isEqualTo("TIER_3");

        // the detail lists every gap, tier and stage
        glxy.click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-gaps .gap-item")));
        assertThat(driver.findElements(By.cssSelector("#d-gaps .gap-item")))
                .extracting(e -> e.getAttribute("data-toward"))
                .containsExactly("TIER_1", "BARE_METAL", "NEOCLOUD");
        assertThat(text(By.id("d-metrics"))).contains("USD 6.76 B");
        screenshot("board-gaps.png", false);
    }

    @Test
    void a_card_opens_its_detail_with_deals_reasons_history_and_timeline() throws IOException {
        storeExamples();
        openBoard();

        cardIn("TIER_1", "IREN").click();
        WebElement detail = wait(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        assertThat(text(By.id("d-title"))).isEqualTo("IREN");
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-history tbody tr")));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-timeline li")));

        // deals from the profile
        assertThat(detail.findElements(By.cssSelector("#d-deals tr[data-deal]")))
                .extracting(e -> e.getAttribute("data-deal"))
                .containsExactly("msft-2025", "nvda-2026");
        // the reasons: rule, file, message
        List<WebElement> reasons = detail.findElements(By.cssSelector("#d-reasons .reason"));
        assertThat(reasons)
                .extracting(r -> text(r.findElement(By.cssSelector(".rule"))))
                .contains("Tier one: massive binding orders from established customers");
        assertThat(reasons)
                .extracting(r -> text(r.findElement(By.cssSelector(".file"))))
                .contains("tiers.drl", "stages.drl");
        assertThat(text(By.id("d-reasons"))).contains("USD 13.1 B", "Microsoft");
        // history (newest first) and timeline (a row per signing date)
        assertThat(text(By.id("d-history"))).contains("Tier 1");
        assertThat(text(By.id("d-timeline"))).contains("2025-11-03", "2026-05-07");
        // one number style (MODEL.md): three significant figures, a space before %
        assertThat(text(By.id("d-metrics")))
                .contains(
                        "USD 13.1 B",
                        "USD 10.1 M",
                        "per MW per year",
                        "2,150 MW",
                        "Microsoft",
                        "74 % of backlog");

        screenshot("board-detail.png", false);

        driver.findElement(By.id("d-close")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));
    }

    @Test
    void a_signed_in_analyst_adds_a_deal_and_the_card_moves_to_tier_one() throws IOException {
        storeExamples();
        openBoard();
        cardIn("TIER_3", "BTDR");

        signIn("analyst", "analyst-secret");
        card("BTDR").click();
        WebElement form =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add form.deal-form")));
        fill(form, "counterparty", "Microsoft");
        new Select(form.findElement(By.name("counterpartyType"))).selectByValue("HYPERSCALER");
        new Select(form.findElement(By.name("service"))).selectByValue("COLOCATION");
        new Select(form.findElement(By.name("status"))).selectByValue("BINDING");
        fill(form, "value", "2");
        new Select(form.findElement(By.name("unit"))).selectByValue("1000000000");
        fill(form, "id", "board-colo-2b");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement result = wait(ExpectedConditions.visibilityOfElementLocated(By.id("d-result")));
        wait(ExpectedConditions.attributeToBe(result, "data-after", "TIER_1"));
        assertThat(result.getAttribute("data-before")).isEqualTo("TIER_3");
        assertThat(result.getAttribute("data-tier-changed")).isEqualTo("true");
        assertThat(text(result)).contains("Tier 3", "Tier 1", "tier changed");

        // the card moves, the deal is listed, and the screen no longer calls BTDR high potential
        cardIn("TIER_1", "BTDR");
        wait(d -> card("BTDR").findElements(By.cssSelector(".pick.hp")).isEmpty());
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#d-deals tr[data-deal='board-colo-2b']")));
        assertThat(
                        driver.findElements(
                                By.cssSelector("[data-column='TIER_3'] .card[data-ticker='BTDR']")))
                .isEmpty();

        Number stored =
                given().get("/operators/BTDR")
                        .then()
                        .statusCode(200)
                        .body("classification.tier", equalTo("TIER_1"))
                        .body("profile.deals.id", hasItem("board-colo-2b"))
                        .extract()
                        .path("profile.deals.find { it.id == 'board-colo-2b' }.valueUsd");
        assertThat(stored.doubleValue()).as("USD 2 B typed as 2 with unit USD B").isEqualTo(2e9);
        given().get("/screen").then().body("highPotential", not(hasItem("BTDR")));

        screenshot("board-deal.png", false);
    }

    @Test
    void a_rejected_deal_shows_the_problem_and_marks_the_field() throws IOException {
        storeExamples();
        openBoard();
        signIn("analyst", "analyst-secret");
        cardIn("UNTIERED", "HASH").click();
        WebElement form =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add form.deal-form")));
        fill(form, "counterparty", "Lambda");
        fill(form, "value", "1");
        fill(form, "termYears", "99");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement error =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add .form-error")));
        assertThat(text(error)).startsWith("400").contains("termYears");
        assertThat(form.findElement(By.name("termYears")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        given().get("/operators/HASH").then().body("profile.deals.size()", is(0));
    }

    @Test
    void a_wrong_password_is_reported_and_signs_out() throws IOException {
        storeExamples();
        openBoard();
        signIn("analyst", "not-the-password");
        cardIn("UNTIERED", "HASH").click();
        WebElement form =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add form.deal-form")));
        fill(form, "counterparty", "Lambda");
        fill(form, "value", "1");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement error =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add .form-error")));
        assertThat(text(error)).startsWith("401").contains("Wrong username or password");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("signin-open")));
        given().get("/operators/HASH").then().body("profile.deals.size()", is(0));
    }

    @Test
    void the_board_follows_a_change_made_elsewhere_without_a_reload() throws IOException {
        storeExamples();
        openBoard();
        cardIn("UNTIERED", "HASH");
        driver.executeScript("document.body.dataset.loadedOnce = 'yes'");

        // another analyst gives HASH a binding deal with a newer cloud: Tier 2
        String hash =
                example("HASH")
                        .replace(
                                "\"deals\": []",
                                "\"deals\": [{\"id\": \"lambda-1\", \"counterparty\": \"Lambda\","
                                        + " \"counterpartyType\": \"NEOCLOUD\", \"service\":"
                                        + " \"COLOCATION\", \"status\": \"BINDING\", \"valueUsd\":"
                                        + " 300000000, \"termYears\": 5, \"mw\": 30}]");
        assertThat(hash).contains("lambda-1");
        analyst().body(hash).put("/operators/HASH").then().statusCode(200);

        cardIn("TIER_2", "HASH");
        assertThat(driver.executeScript("return document.body.dataset.loadedOnce"))
                .isEqualTo("yes");
        assertThat(
                        driver.findElements(
                                By.cssSelector(
                                        "[data-column='UNTIERED'] .card[data-ticker='HASH']")))
                .isEmpty();
    }

    @Test
    void the_rule_set_panel_shows_the_live_version_and_its_files() throws IOException {
        storeExamples();
        openBoard();
        String version = given().get("/rules").then().statusCode(200).extract().path("version");
        WebElement v = wait(ExpectedConditions.presenceOfElementLocated(By.id("rules-version")));
        wait(d -> version.equals(v.getAttribute("title")));
        String panel = textContent(driver.findElement(By.id("rules")));
        assertThat(panel)
                .contains(
                        "tiers.drl",
                        "stages.drl",
                        "risks.drl",
                        "screen.drl",
                        "Tier one: massive binding orders from established customers");
        assertThat(driver.findElements(By.cssSelector("#rules .last-error"))).isEmpty();
    }

    @Test
    void a_narrow_window_stacks_the_columns_without_sideways_scrolling() throws IOException {
        storeExamples();
        driver.manage().window().setSize(new Dimension(480, 900));
        openBoard();
        cardIn("UNTIERED", "HASH");
        Number width = (Number) driver.executeScript("return window.innerWidth");
        Number scroll =
                (Number) driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).isLessThanOrEqualTo(width.intValue());
        List<Integer> lefts = new ArrayList<>();
        for (WebElement col : driver.findElements(By.cssSelector("[data-column]"))) {
            lefts.add(col.getRect().getX());
        }
        assertThat(Set.copyOf(lefts)).hasSize(1);
        screenshot("board-narrow.png", true);
    }

    @Test
    void the_page_loads_without_console_errors() throws IOException {
        storeExamples();
        driver.manage()
                .logs()
                .get(LogType.BROWSER); // drops what earlier tests logged (a 401 is an error there)
        openBoard();
        cardIn("TIER_1", "IREN").click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-history tbody tr")));
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#chart .bar[data-ticker='IREN']")));
        driver.findElement(By.id("d-close")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));

        List<String> severe =
                driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                        .map(LogEntry::getMessage)
                        .toList();
        assertThat(severe).as("console errors and warnings").isEmpty();
        // every script is a module file of this origin: nothing inline for a script-src 'self'
        // policy to refuse
        assertThat(
                        (Boolean)
                                driver.executeScript(
                                        "return [...document.scripts].every(s => s.type ==="
                                                + " 'module' && s.src.startsWith(location.origin +"
                                                + " '/'))"))
                .isTrue();
        assertThat(
                        (Boolean)
                                driver.executeScript(
                                        "return [...document.querySelectorAll('*')].every(e =>"
                                                + " ![...e.attributes].some(a =>"
                                                + " a.name.startsWith('on')))"))
                .as("no inline handlers")
                .isTrue();
    }

    @Test
    void tier_words_bands_and_labels_are_those_of_the_rules_answer_and_follow_a_new_version()
            throws IOException {
        storeExamples();
        openBoard(rulesAnswer("test-words-1", "first tier", 2_500_000, "leased power"));
        signIn("analyst", "analyst-secret");

        // columns: the words and the rule sentences of the answer
        WebElement iren = cardIn("TIER_1", "IREN");
        cardIn("TIER_3", "BTDR");
        assertThat(textAt("[data-column='TIER_1'] .col-title")).isEqualTo("First tier");
        assertThat(textAt("[data-column='UNTIERED'] .col-title")).isEqualTo("No tier");
        assertThat(textAt("[data-column='TIER_1'] .hint"))
                .isEqualTo("Orders the test rules call massive");
        assertThat(
                        driver.findElement(By.cssSelector("[data-column='TIER_2']"))
                                .getAttribute("aria-label"))
                .isEqualTo("Second tier");
        assertThat(iren.getAttribute("aria-label")).contains("First tier");
        // stages and risks in the answer's words, a word starting a line capitalised
        assertThat(iren.findElements(By.cssSelector(".ladder .step-label")))
                .extracting(BoardBrowserTest::textContent)
                .containsExactly("Power lease", "Metal", "Cloud");
        assertThat(
                        textContent(
                                iren.findElement(
                                        By.cssSelector(
                                                ".chip[data-risk='COUNTERPARTY_CONCENTRATION']"))))
                .isEqualTo("One big customer 74 %");
        assertThat(
                        textContent(
                                iren.findElement(
                                        By.cssSelector(".chip[data-risk='CRYPTO_EXPOSURE']"))))
                .isEqualTo("Mining revenue");
        // the chart's bands: the answer's thresholds, labelled with its service words and the
        // board's number style
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#chart .bar[data-ticker='IREN']")));
        assertThat(driver.findElements(By.cssSelector("#chart rect.band"))).hasSize(2);
        assertThat(
                        driver.findElement(
                                        By.cssSelector(
                                                "#chart"
                                                    + " rect.band[data-thresholds='colocationRateUsd']"))
                                .getAttribute("data-mark"))
                .isEqualTo("2500000");
        WebElement metal =
                driver.findElement(
                        By.cssSelector(
                                "#chart rect.band[data-thresholds='bareMetalLowUsd"
                                        + " bareMetalHighUsd']"));
        assertThat(List.of(metal.getAttribute("data-from"), metal.getAttribute("data-to")))
                .containsExactly("7000000", "8500000");
        assertThat(text(By.id("chart")))
                .contains("Leased power ≈ 2.5 M", "Leased servers 7.0–8.5 M");
        assertThat(text(By.id("chart-foot")))
                .contains("First tier", "Second tier", "Third tier", "No tier");

        // the detail: customer types and services in the answer's words, in the deals and in the
        // form
        iren.click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-history tbody tr")));
        WebElement msft =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#d-deals tr[data-deal='msft-2025']")));
        assertThat(text(msft)).contains("Giant · msft-2025", "Leased servers");
        assertThat(text(By.id("d-history"))).contains("First tier");
        assertThat(text(By.id("d-timeline"))).contains("First tier", "Cloud");
        WebElement form =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add form.deal-form")));
        assertThat(new Select(form.findElement(By.name("counterpartyType"))).getOptions())
                .extracting(BoardBrowserTest::textContent)
                .containsExactly(
                        "Giant", "Lab", "Big company", "New cloud", "Chip company", "Someone else");
        assertThat(new Select(form.findElement(By.name("service"))).getOptions())
                .extracting(BoardBrowserTest::textContent)
                .containsExactly(
                        "Leased power", "Leased servers", "Managed GPUs", "Infer from density");
        driver.findElement(By.id("d-close")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));

        // a new rule-set version with other words and another threshold: redrawn with the next
        // poll, no reload
        driver.executeScript("document.body.dataset.loadedOnce = 'yes'");
        answerRules(rulesAnswer("test-words-2", "top tier", 3_000_000, "power only"));
        driver.executeScript("window.tierBoard.refresh()");
        wait(
                ExpectedConditions.textToBe(
                        By.cssSelector("[data-column='TIER_1'] .col-title"), "Top tier"));
        wait(
                d ->
                        "3000000"
                                .equals(
                                        d.findElement(
                                                        By.cssSelector(
                                                                "#chart"
                                                                    + " rect.band[data-thresholds='colocationRateUsd']"))
                                                .getAttribute("data-mark")));
        assertThat(text(By.id("chart"))).contains("Power only ≈ 3 M");
        assertThat(card("IREN").getAttribute("aria-label")).contains("Top tier");
        assertThat(driver.executeScript("return document.body.dataset.loadedOnce"))
                .isEqualTo("yes");
    }

    @Test
    void without_words_and_thresholds_in_the_rules_answer_the_board_shows_the_raw_codes()
            throws IOException {
        storeExamples();
        openBoard("{\"strip\": true}");
        signIn("analyst", "analyst-secret");

        WebElement iren = cardIn("TIER_1", "IREN");
        cardIn("TIER_2", "GLXY");
        cardIn("TIER_3", "BTDR");
        cardIn("UNTIERED", "HASH");
        assertThat(driver.findElements(By.cssSelector("[data-column] .col-title")))
                .extracting(BoardBrowserTest::textContent)
                .containsExactly("TIER_1", "TIER_2", "TIER_3", "UNTIERED");
        assertThat(driver.findElements(By.cssSelector("[data-column] .hint")))
                .extracting(BoardBrowserTest::textContent)
                .containsOnly("");
        assertThat(iren.findElements(By.cssSelector(".ladder .step-label")))
                .extracting(BoardBrowserTest::textContent)
                .containsExactly("COLOCATION", "BARE_METAL", "NEOCLOUD");
        assertThat(
                        textContent(
                                iren.findElement(
                                        By.cssSelector(".chip[data-risk='CRYPTO_EXPOSURE']"))))
                .isEqualTo("CRYPTO_EXPOSURE");
        // no threshold, no band; the bars are drawn all the same
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#chart .bar[data-ticker='IREN']")));
        assertThat(driver.findElements(By.cssSelector("#chart rect.band"))).isEmpty();
        assertThat(text(By.id("chart"))).contains("10.1 M");

        iren.click();
        WebElement msft =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#d-deals tr[data-deal='msft-2025']")));
        assertThat(text(msft)).contains("HYPERSCALER · msft-2025", "BARE_METAL");
        WebElement form =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-add form.deal-form")));
        assertThat(new Select(form.findElement(By.name("counterpartyType"))).getOptions())
                .extracting(BoardBrowserTest::textContent)
                .contains("HYPERSCALER", "AI_LAB");
    }

    @Test
    void the_board_draws_the_words_and_thresholds_the_service_answers() throws IOException {
        JsonNode rules =
                JSON.readTree(given().get("/rules").then().statusCode(200).extract().asString());
        JsonNode words = rules.path("words");
        storeExamples();
        openBoard();
        WebElement iren = cardIn("TIER_1", "IREN");

        for (JsonNode t : rules.path("tiers")) {
            String code = t.path("tier").asText();
            String word = words.path("tiers").path(code).asText(t.path("label").asText(code));
            WebElement col = driver.findElement(By.cssSelector("[data-column='" + code + "']"));
            assertThat(textContent(col.findElement(By.cssSelector(".col-title"))))
                    .as(code)
                    .isEqualTo(cap(word));
            String rule = t.path("rule").asText("");
            String hint = rule.contains(":") ? rule.substring(rule.indexOf(':') + 1).trim() : rule;
            assertThat(textContent(col.findElement(By.cssSelector(".hint"))))
                    .as(code + " hint")
                    .isEqualTo(cap(hint));
        }
        for (WebElement step : iren.findElements(By.cssSelector(".ladder li[data-stage]"))) {
            String code = step.getAttribute("data-stage");
            assertThat(textContent(step.findElement(By.cssSelector(".step-label"))))
                    .as(code)
                    .isEqualTo(cap(words.path("stages").path(code).asText(code)));
        }
        for (WebElement chip : iren.findElements(By.cssSelector(".chips .chip"))) {
            String code = chip.getAttribute("data-risk");
            assertThat(textContent(chip))
                    .as(code)
                    .startsWith(cap(words.path("risks").path(code).asText(code)));
        }
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#chart .bar[data-ticker='IREN']")));
        Map<String, Double> thresholds = new LinkedHashMap<>();
        rules.path("thresholds")
                .forEach(t -> thresholds.put(t.path("name").asText(), t.path("value").asDouble()));
        // the service itself declares the prices the chart's bands are drawn from (gaps.drl)
        assertThat(thresholds)
                .containsKeys("colocationRateUsd", "bareMetalLowUsd", "bareMetalHighUsd");
        WebElement colo =
                driver.findElement(
                        By.cssSelector("#chart rect.band[data-thresholds='colocationRateUsd']"));
        assertThat(Double.parseDouble(colo.getAttribute("data-mark")))
                .isEqualTo(thresholds.get("colocationRateUsd"));
        assertThat(text(By.id("chart")))
                .contains(
                        cap(words.path("services").path("COLOCATION").asText("COLOCATION"))
                                + " ≈ ");
        WebElement metal =
                driver.findElement(
                        By.cssSelector(
                                "#chart rect.band[data-thresholds='bareMetalLowUsd"
                                        + " bareMetalHighUsd']"));
        assertThat(Double.parseDouble(metal.getAttribute("data-from")))
                .isEqualTo(thresholds.get("bareMetalLowUsd"));
        assertThat(Double.parseDouble(metal.getAttribute("data-to")))
                .isEqualTo(thresholds.get("bareMetalHighUsd"));
        assertThat(text(By.id("chart")))
                .contains(cap(words.path("services").path("BARE_METAL").asText("BARE_METAL")));
    }

    // ------------------------------------------------------------------------------------------------ data

    /**
     * The research note's 13 operators, as the seed file describes them (seeding itself is off in
     * tests).
     */
    private static Map<String, String> seedProfiles() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = BoardBrowserTest.class.getResourceAsStream("/seed/operators.json")) {
            assertThat(in).as("seed/operators.json on the class path").isNotNull();
            for (JsonNode entry : json.readTree(in)) {
                JsonNode profile = entry.get("profile");
                out.put(profile.get("ticker").asText(), json.writeValueAsString(profile));
            }
        }
        assertThat(out).hasSize(13);
        return out;
    }

    /**
     * Stores exactly these operators: deletes any other an earlier test class left in the shared
     * store.
     */
    private static void storeOnly(Map<String, String> profiles) {
        List<String> stored =
                given().get("/operators").then().statusCode(200).extract().path("ticker");
        for (String t : stored) {
            if (!profiles.containsKey(t)) {
                analyst().delete("/operators/" + t).then().statusCode(anyOf(is(204), is(404)));
            }
        }
        profiles.forEach(
                (t, body) ->
                        analyst()
                                .body(body)
                                .put("/operators/" + t)
                                .then()
                                .statusCode(anyOf(is(200), is(201))));
    }

    /**
     * A GET /rules answer's words and thresholds unlike the service's, so that the board can only
     * show them by taking them from the answer: the tier words, the colocation rate and its service
     * word vary.
     */
    private static String rulesAnswer(
            String version, String tierOne, double colocationRate, String colocationWord)
            throws IOException {
        Map<String, Object> replace = new LinkedHashMap<>();
        replace.put("version", version);
        replace.put(
                "thresholds",
                List.of(
                        Map.of(
                                "name",
                                "colocationRateUsd",
                                "value",
                                colocationRate,
                                "file",
                                "gaps.drl",
                                "line",
                                3),
                        Map.of(
                                "name",
                                "bareMetalLowUsd",
                                "value",
                                7_000_000,
                                "file",
                                "gaps.drl",
                                "line",
                                4),
                        Map.of(
                                "name",
                                "bareMetalHighUsd",
                                "value",
                                8_500_000,
                                "file",
                                "gaps.drl",
                                "line",
                                5)));
        replace.put(
                "tiers",
                List.of(
                        Map.of(
                                "tier",
                                "TIER_1",
                                "label",
                                "T1",
                                "rule",
                                "Tier one: orders the test rules call massive",
                                "file",
                                "tiers.drl"),
                        Map.of(
                                "tier",
                                "TIER_2",
                                "label",
                                "T2",
                                "rule",
                                "Tier two: some binding order",
                                "file",
                                "tiers.drl"),
                        Map.of(
                                "tier",
                                "TIER_3",
                                "label",
                                "T3",
                                "rule",
                                "Tier three: power or a cloud",
                                "file",
                                "tiers.drl"),
                        Map.of(
                                "tier",
                                "UNTIERED",
                                "label",
                                "T0",
                                "rule",
                                "Untiered: nothing yet",
                                "file",
                                "tiers.drl")));
        replace.put(
                "words",
                Map.of(
                        "stages",
                                Map.of(
                                        "COLOCATION",
                                        "power lease",
                                        "BARE_METAL",
                                        "metal",
                                        "NEOCLOUD",
                                        "cloud"),
                        "risks",
                                Map.of(
                                        "COUNTERPARTY_CONCENTRATION",
                                        "one big customer",
                                        "GRID_INTERCONNECTION",
                                        "waiting for the grid",
                                        "HARDWARE_OBSOLESCENCE",
                                        "ageing GPUs",
                                        "CRYPTO_EXPOSURE",
                                        "mining revenue"),
                        "counterpartyTypes",
                                orderedMap(
                                        "HYPERSCALER",
                                        "giant",
                                        "AI_LAB",
                                        "lab",
                                        "ENTERPRISE",
                                        "big company",
                                        "NEOCLOUD",
                                        "new cloud",
                                        "CHIPMAKER",
                                        "chip company",
                                        "OTHER",
                                        "someone else"),
                        "services",
                                orderedMap(
                                        "COLOCATION",
                                        colocationWord,
                                        "BARE_METAL",
                                        "leased servers",
                                        "MANAGED_CLOUD",
                                        "managed GPUs"),
                        "tiers",
                                Map.of(
                                        "TIER_1",
                                        tierOne,
                                        "TIER_2",
                                        "second tier",
                                        "TIER_3",
                                        "third tier",
                                        "UNTIERED",
                                        "no tier")));
        return JSON.writeValueAsString(Map.of("replace", replace));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------------------------------------ browser

    private static List<String> litSteps(WebElement card) {
        return card.findElements(By.cssSelector(".ladder li.on")).stream()
                .map(e -> e.getAttribute("data-stage"))
                .toList();
    }

    private static List<String> risks(WebElement card) {
        return card.findElements(By.cssSelector(".chips .chip")).stream()
                .map(e -> e.getAttribute("data-risk"))
                .toList();
    }
}
