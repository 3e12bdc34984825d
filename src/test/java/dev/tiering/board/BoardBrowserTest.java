package dev.tiering.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tier board (index.html, its ES modules, app.css) in a real headless Chromium: Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium with explicit paths so Selenium Manager never downloads anything.
 * Every test stores its own operators through the API first. Skipped where {@code /usr/bin/chromium} is missing.
 * Screenshots go to {@code target/board*.png}.
 */
@QuarkusTest
class BoardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriverService service;
    private static ChromeDriver driver;
    private static Path profileDir;

    @TestHTTPResource("/")
    URL board;

    @BeforeAll
    static void startChromium() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + " (apt-get install chromium-driver)");
        profileDir = Files.createTempDirectory("board-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=1400,1000",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profileDir != null) {
            try (Stream<Path> files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void laptopWindow() {
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

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
        assertThat(text(iren.findElement(By.cssSelector(".pick.p1")))).contains("Full-stack leader");
        assertThat(text(card("HUT").findElement(By.cssSelector(".pick.p2")))).contains("Contract-quality leader");
        assertThat(text(card("BTDR").findElement(By.cssSelector(".pick.hp")))).contains("High potential");
        assertThat(text(By.id("screen-picks"))).contains("IREN", "HUT", "BTDR");

        // the chart draws one bar per operator with a density, over both bands of the note
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart .bar[data-ticker='IREN']")));
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
        assertThat(iren.findElement(By.cssSelector(".ladder li.current")).getAttribute("data-stage")).isEqualTo("NEOCLOUD");
        assertThat(iren.findElements(By.cssSelector(".badge.fullstack"))).hasSize(1);
        assertThat(textContent(iren.findElement(By.cssSelector(".backlog-value")))).isEqualTo("USD 13.1 B");
        assertThat(risks(iren)).containsExactly("COUNTERPARTY_CONCENTRATION", "HARDWARE_OBSOLESCENCE", "CRYPTO_EXPOSURE");

        WebElement glxy = card("GLXY");
        assertThat(litSteps(glxy)).containsExactly("COLOCATION");
        assertThat(glxy.findElements(By.cssSelector(".badge.fullstack"))).isEmpty();
        assertThat(textContent(glxy.findElement(By.cssSelector(".backlog-value")))).isEqualTo("USD 15 B");

        WebElement btdr = card("BTDR");
        assertThat(litSteps(btdr)).isEmpty();
        assertThat(risks(btdr)).containsExactly("HARDWARE_OBSOLESCENCE", "CRYPTO_EXPOSURE");
        assertThat(risks(card("HASH"))).containsExactly("CRYPTO_EXPOSURE");
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
                .extracting(e -> e.getAttribute("data-deal")).containsExactly("msft-2025", "nvda-2026");
        // the reasons: rule, file, message
        List<WebElement> reasons = detail.findElements(By.cssSelector("#d-reasons .reason"));
        assertThat(reasons).extracting(r -> text(r.findElement(By.cssSelector(".rule"))))
                .contains("Tier one: a massive binding backlog with an established customer");
        assertThat(reasons).extracting(r -> text(r.findElement(By.cssSelector(".file")))).contains("tiers.drl", "stages.drl");
        assertThat(text(By.id("d-reasons"))).contains("USD 13.1 B", "Microsoft");
        // history (newest first) and timeline (a row per signing date)
        assertThat(text(By.id("d-history"))).contains("Tier 1");
        assertThat(text(By.id("d-timeline"))).contains("2025-11-03", "2026-05-07");
        // one number style (MODEL.md): three significant figures, a space before %
        assertThat(text(By.id("d-metrics"))).contains("USD 13.1 B", "USD 10.1 M", "per MW per year", "2,150 MW", "Microsoft", "74 % of backlog");

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
        WebElement form = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-add form.deal-form")));
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
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-deals tr[data-deal='board-colo-2b']")));
        assertThat(driver.findElements(By.cssSelector("[data-column='TIER_3'] .card[data-ticker='BTDR']"))).isEmpty();

        Number stored = given().get("/operators/BTDR").then().statusCode(200)
                .body("classification.tier", equalTo("TIER_1"))
                .body("profile.deals.id", hasItem("board-colo-2b"))
                .extract().path("profile.deals.find { it.id == 'board-colo-2b' }.valueUsd");
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
        WebElement form = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-add form.deal-form")));
        fill(form, "counterparty", "Lambda");
        fill(form, "value", "1");
        fill(form, "termYears", "99");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement error = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-add .form-error")));
        assertThat(text(error)).startsWith("400").contains("termYears");
        assertThat(form.findElement(By.name("termYears")).getAttribute("aria-invalid")).isEqualTo("true");
        given().get("/operators/HASH").then().body("profile.deals.size()", is(0));
    }

    @Test
    void a_wrong_password_is_reported_and_signs_out() throws IOException {
        storeExamples();
        openBoard();
        signIn("analyst", "not-the-password");
        cardIn("UNTIERED", "HASH").click();
        WebElement form = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-add form.deal-form")));
        fill(form, "counterparty", "Lambda");
        fill(form, "value", "1");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement error = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-add .form-error")));
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
        String hash = example("HASH").replace("\"deals\": []", "\"deals\": [{\"id\": \"lambda-1\", "
                + "\"counterparty\": \"Lambda\", \"counterpartyType\": \"NEOCLOUD\", \"service\": \"COLOCATION\", "
                + "\"status\": \"BINDING\", \"valueUsd\": 300000000, \"termYears\": 5, \"mw\": 30}]");
        assertThat(hash).contains("lambda-1");
        analyst().body(hash).put("/operators/HASH").then().statusCode(200);

        cardIn("TIER_2", "HASH");
        assertThat(driver.executeScript("return document.body.dataset.loadedOnce")).isEqualTo("yes");
        assertThat(driver.findElements(By.cssSelector("[data-column='UNTIERED'] .card[data-ticker='HASH']"))).isEmpty();
    }

    @Test
    void the_rule_set_panel_shows_the_live_version_and_its_files() throws IOException {
        storeExamples();
        openBoard();
        String version = given().get("/rules").then().statusCode(200).extract().path("version");
        WebElement v = wait(ExpectedConditions.presenceOfElementLocated(By.id("rules-version")));
        wait(d -> version.equals(v.getAttribute("title")));
        String panel = textContent(driver.findElement(By.id("rules")));
        assertThat(panel).contains("tiers.drl", "stages.drl", "risks.drl", "screen.drl",
                "Tier one: a massive binding backlog with an established customer");
        assertThat(driver.findElements(By.cssSelector("#rules .last-error"))).isEmpty();
    }

    @Test
    void a_narrow_window_stacks_the_columns_without_sideways_scrolling() throws IOException {
        storeExamples();
        driver.manage().window().setSize(new Dimension(480, 900));
        openBoard();
        cardIn("UNTIERED", "HASH");
        Number width = (Number) driver.executeScript("return window.innerWidth");
        Number scroll = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).isLessThanOrEqualTo(width.intValue());
        List<Integer> lefts = new ArrayList<>();
        for (WebElement col : driver.findElements(By.cssSelector("[data-column]"))) {
            lefts.add(col.getRect().getX());
        }
        assertThat(Set.copyOf(lefts)).hasSize(1);
        screenshot("board-narrow.png", true);
    }

    // ------------------------------------------------------------------------------------------------ data

    private static RequestSpecification analyst() {
        return given().auth().preemptive().basic("analyst", "analyst-secret").contentType("application/json");
    }

    private static String example(String ticker) throws IOException {
        return Files.readString(Path.of("examples", ticker + ".json"));
    }

    /** The four shipped examples (examples/*.json), stored afresh: a PUT replaces earlier deals. */
    private static void storeExamples() throws IOException {
        for (String t : List.of("IREN", "GLXY", "BTDR", "HASH")) {
            analyst().body(example(t)).put("/operators/" + t).then().statusCode(anyOf(is(200), is(201)));
        }
    }

    /** The research note's 13 operators, as the seed file describes them (seeding itself is off in tests). */
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

    /** Stores exactly these operators: deletes any other an earlier test class left in the shared store. */
    private static void storeOnly(Map<String, String> profiles) {
        List<String> stored = given().get("/operators").then().statusCode(200).extract().path("ticker");
        for (String t : stored) {
            if (!profiles.containsKey(t)) {
                analyst().delete("/operators/" + t).then().statusCode(anyOf(is(204), is(404)));
            }
        }
        profiles.forEach((t, body) -> analyst().body(body).put("/operators/" + t).then().statusCode(anyOf(is(200), is(201))));
    }

    // ------------------------------------------------------------------------------------------------ browser

    /** A fresh page in a signed-out tab. */
    private void openBoard() {
        driver.get(board.toString());
        driver.executeScript("sessionStorage.clear()");
        driver.get(board.toString());
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#status .text"), "Live"));
    }

    private void signIn(String user, String password) {
        driver.findElement(By.id("signin-open")).click();
        WebElement form = wait(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        fill(form, "username", user);
        fill(form, "password", password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#account .who"), user));
    }

    private static void fill(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    /** Waits until the operator's card stands in that column. */
    private static WebElement cardIn(String column, String ticker) {
        return wait(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-column='" + column + "'] .card[data-ticker='" + ticker + "']")));
    }

    private static WebElement card(String ticker) {
        return driver.findElement(By.cssSelector(".card[data-ticker='" + ticker + "']"));
    }

    private static List<String> litSteps(WebElement card) {
        return card.findElements(By.cssSelector(".ladder li.on")).stream().map(e -> e.getAttribute("data-stage")).toList();
    }

    private static List<String> risks(WebElement card) {
        return card.findElements(By.cssSelector(".chips .chip")).stream().map(e -> e.getAttribute("data-risk")).toList();
    }

    private static String text(By by) {
        return text(driver.findElement(by));
    }

    private static String text(WebElement e) {
        return e.getText().trim();
    }

    /** The text as written, whatever CSS does to its case or visibility. */
    private static String textContent(WebElement e) {
        return e.getAttribute("textContent").trim();
    }

    private static <T> T wait(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        // cards are redrawn when the data changes: a reference may go stale between two polls
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Writes target/{name}: the whole page when fullPage, else the window as a user sees it. */
    private static void screenshot(String name, boolean fullPage) throws IOException {
        Path file = Path.of("target", name);
        Files.createDirectories(file.getParent());
        byte[] png;
        if (fullPage) {
            JavascriptExecutor js = driver;
            Number w = (Number) js.executeScript("return document.documentElement.scrollWidth");
            Number h = (Number) js.executeScript("return document.documentElement.scrollHeight");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } else {
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        Files.write(file, png);
    }
}
