package dev.tiering.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser test of the board shares: a real headless Chromium (Debian's {@code chromium}
 * and {@code chromium-driver}, driven by Selenium with explicit paths so Selenium Manager never
 * downloads anything), started once per test class and skipped where {@code /usr/bin/chromium} is
 * missing; the page hook; downloads into a folder of the class's own; and the helpers that open the
 * board, sign in, find cards and take screenshots ({@code target/board*.png}).
 *
 * <p>Every page gets {@link #PAGE_HOOK} before its own scripts: it collects script errors (checked
 * after each test), and lets a test strip the words and thresholds of {@code GET /rules} or answer
 * others ({@link #openBoard(String)}); otherwise the page sees the service's own answer.
 */
abstract class BoardPage {
    /** Debian's paths, unless {@code -Dboard.chromium=} and {@code -Dboard.chromedriver=} say. */
    private static final Path CHROMIUM =
            Path.of(System.getProperty("board.chromium", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("board.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriverService service;
    static ChromeDriver driver;
    private static Path profileDir;

    /** Where the browser saves what the board downloads. */
    static Path downloads;

    /**
     * Runs in every page before the board's modules: collects uncaught errors, failed script loads,
     * unhandled rejections, Content-Security-Policy violations and console.error calls in {@code
     * window.__boardErrors}; and wraps fetch so that, with {@code
     * sessionStorage['boardTest.rules']} = {@code {"strip": true}}, the answer of {@code GET
     * /rules} goes without its thresholds, tiers and words, and with {@code {"replace": {...}}}
     * those fields are replaced. Without that item the service's answer goes through untouched.
     */
    private static final String PAGE_HOOK =
            """
            (() => {
              const errors = [];
              Object.defineProperty(window, '__boardErrors', { value: errors });
              const note = m => errors.push(String(m));
              window.addEventListener('error', e => {
                const t = e.target;
                note(t && t !== window && (t.src || t.href) ? 'failed to load ' + (t.src || t.href)
                  : (e.message || 'error') + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
              }, true);
              window.addEventListener('unhandledrejection', e => note('unhandled rejection: ' + ((e.reason && e.reason.stack) || e.reason)));
              window.addEventListener('securitypolicyviolation', e => note('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
              const error = console.error.bind(console);
              console.error = (...a) => { note('console.error: ' + a.join(' ')); error(...a); };
              const FIELDS = ['thresholds', 'tiers', 'words'];
              const realFetch = window.fetch.bind(window);
              window.fetch = async (input, init) => {
                const res = await realFetch(input, init);
                const url = new URL(typeof input === 'string' ? input : input.url, location.href);
                if (!res.ok || url.pathname !== '/rules') return res;
                let how = null;
                try { how = JSON.parse(sessionStorage.getItem('boardTest.rules') || 'null'); } catch (e) { how = null; }
                if (!how) return res;
                const body = await res.clone().json();
                if (how.strip) for (const k of FIELDS) delete body[k];
                else if (how.replace) Object.assign(body, how.replace);
                return new Response(JSON.stringify(body), { status: res.status, statusText: res.statusText, headers: res.headers });
              };
            })();
            """;

    @TestHTTPResource("/")
    URL board;

    @BeforeAll
    static void startChromium() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium)");
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMEDRIVER + " (apt-get install chromium-driver)");
        profileDir = Files.createTempDirectory("board-chromium-");
        service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1400,1000",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        downloads = Files.createTempDirectory("board-downloads-");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false,
                        "download.directory_upgrade",
                        true));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument", Map.of("source", PAGE_HOOK));
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        for (Path dir : new Path[] {profileDir, downloads}) {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void laptopWindow() {
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    /**
     * Whatever a test did, the page threw nothing, failed to load no script and broke no policy.
     */
    @AfterEach
    void noScriptErrors() {
        if (driver == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> errors =
                (List<Object>)
                        driver.executeScript(
                                "return window.__boardErrors ? Array.from(window.__boardErrors) :"
                                        + " []");
        assertThat(errors).as("script errors on the page").isEmpty();
    }

    static RequestSpecification analyst() {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("application/json");
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-secret");
    }

    static String example(String ticker) throws IOException {
        return Files.readString(Path.of("examples", ticker + ".json"));
    }

    /** The four shipped examples (examples/*.json), stored afresh: a PUT replaces earlier deals. */
    static void storeExamples() throws IOException {
        for (String t : List.of("IREN", "GLXY", "BTDR", "HASH")) {
            analyst()
                    .body(example(t))
                    .put("/operators/" + t)
                    .then()
                    .statusCode(anyOf(is(200), is(201)));
        }
    }

    /** The text as written of the element at that CSS selector. */
    static String textAt(String css) {
        return textContent(driver.findElement(By.cssSelector(css)));
    }

    /** A fresh page in a signed-out tab. */
    void openBoard() {
        openBoard(null);
    }

    /**
     * A fresh page in a tab whose GET /rules answers go through {@link #PAGE_HOOK} as rulesHow says
     * ({@code {"strip": true}}, {@code {"replace": {...}}}, or null for the service's answer),
     * signed out.
     */
    void openBoard(String rulesHow) {
        // The session is cleared on a page of the board's origin; a small one, since the board
        // itself is loaded next anyway.
        driver.get(board.toString() + "q/health/live");
        driver.executeScript(
                "sessionStorage.clear(); if (arguments[0])"
                        + " sessionStorage.setItem('boardTest.rules', arguments[0])",
                rulesHow);
        driver.get(board.toString());
        wait(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#status .text"), "Live"));
    }

    /** From now on the page's GET /rules answers go through {@link #PAGE_HOOK} as rulesHow says. */
    static void answerRules(String rulesHow) {
        driver.executeScript("sessionStorage.setItem('boardTest.rules', arguments[0])", rulesHow);
    }

    void signIn(String user, String password) {
        driver.findElement(By.id("signin-open")).click();
        completeSignIn(user, password);
    }

    /** Fills and sends the sign-in popover, however it was opened. */
    static void completeSignIn(String user, String password) {
        WebElement form = wait(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        fill(form, "username", user);
        fill(form, "password", password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#account .who"), user));
    }

    static void signOut() {
        driver.findElement(By.id("signout")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("signin-open")));
    }

    static void fill(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    /** Waits until the operator's card stands in that column. */
    static WebElement cardIn(String column, String ticker) {
        return wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(
                                "[data-column='"
                                        + column
                                        + "'] .card[data-ticker='"
                                        + ticker
                                        + "']")));
    }

    /**
     * The tickers of a column's cards, top to bottom (in one script: an attribute per round trip
     * takes seconds).
     */
    @SuppressWarnings("unchecked")
    static List<String> tickersIn(String column) {
        return (List<String>)
                driver.executeScript(
                        "return [...document.querySelectorAll(arguments[0])]"
                                + ".map(c => c.dataset.ticker)",
                        "[data-column='" + column + "'] .card[data-ticker]");
    }

    /** Clicks the column's "Show more" once it can be clicked. */
    static void showMore(String column) {
        WebElement more =
                wait(
                        ExpectedConditions.elementToBeClickable(
                                By.cssSelector(
                                        "[data-column='" + column + "'] .col-foot button.more")));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", more);
        more.click();
    }

    static WebElement card(String ticker) {
        return driver.findElement(By.cssSelector(".card[data-ticker='" + ticker + "']"));
    }

    /**
     * The text of the element that matches now: a panel the board draws again as its data arrives
     * replaces its elements, and one found a moment before is then stale (seen in the suite: the
     * detail's title, read right after the detail opened).
     */
    static String text(By by) {
        return wait(d -> d.findElement(by).getText().trim());
    }

    static String text(WebElement e) {
        return e.getText().trim();
    }

    /** The text as written, whatever CSS does to its case or visibility. */
    static String textContent(WebElement e) {
        return e.getAttribute("textContent").trim();
    }

    static <T> T wait(
            java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        // cards are redrawn when the data changes: a reference may go stale between two polls
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Writes target/{name}: the whole page when fullPage, else the window as a user sees it. */
    static void screenshot(String name, boolean fullPage) throws IOException {
        Path file = Path.of("target", name);
        Files.createDirectories(file.getParent());
        byte[] png;
        if (fullPage) {
            JavascriptExecutor js = driver;
            Number w = (Number) js.executeScript("return document.documentElement.scrollWidth");
            Number h = (Number) js.executeScript("return document.documentElement.scrollHeight");
            Map<String, Object> shot =
                    driver.executeCdpCommand(
                            "Page.captureScreenshot",
                            Map.of(
                                    "captureBeyondViewport",
                                    true,
                                    "clip",
                                    Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } else {
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        Files.write(file, png);
    }

    /**
     * The text of the file the browser saved under that name in {@link #downloads}, once it is
     * complete; any earlier file of that name is deleted first by {@link #forgetDownload(String)}.
     */
    static String downloaded(String name) throws IOException {
        Path file = downloads.resolve(name);
        wait(
                d ->
                        Files.isRegularFile(file)
                                && !Files.exists(downloads.resolve(name + ".crdownload")));
        return Files.readString(file);
    }

    static void forgetDownload(String name) throws IOException {
        Files.deleteIfExists(downloads.resolve(name));
    }
}
