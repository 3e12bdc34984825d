package dev.tiering.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The analyst's desk on the board: the what-if panel of an operator (a hypothetical deal that moves
 * its tier while nothing is stored, then saved as a real deal), the spreadsheet downloads, and the
 * import dialog. Screenshots: {@code target/board-whatif.png}, {@code
 * target/board-import-errors.png}.
 */
@QuarkusTest
class BoardDeskBrowserTest extends BoardPage {

    @Test
    void a_what_if_deal_moves_bitdeer_to_tier_one_stores_nothing_and_is_then_saved_for_real()
            throws IOException {
        storeExamples();
        String stored = given().get("/operators/BTDR").asString();
        String history = given().get("/operators/BTDR/history").asString();
        openBoard();

        cardIn("TIER_3", "BTDR").click();
        WebElement form = openWhatIf();
        // the deals of the operator, each one a box to leave it out
        assertThat(form.findElements(By.cssSelector("input[name=removeDeal]")))
                .extracting(e -> e.getAttribute("value"))
                .containsExactly("tydal-lease");
        fill(form, "counterparty", "Microsoft");
        new Select(form.findElement(By.name("counterpartyType"))).selectByValue("HYPERSCALER");
        new Select(form.findElement(By.name("service"))).selectByValue("COLOCATION");
        new Select(form.findElement(By.name("status"))).selectByValue("BINDING");
        fill(form, "value", "2");
        new Select(form.findElement(By.name("unit"))).selectByValue("1000000000");
        fill(form, "termYears", "10");
        fill(form, "mw", "200");
        fill(form, "id", "whatif-msft");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement result =
                wait(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-result")));
        wait(ExpectedConditions.attributeToBe(result, "data-after", "TIER_1"));
        assertThat(result.getAttribute("data-before")).isEqualTo("TIER_3");
        assertThat(result.getAttribute("data-tier-changed")).isEqualTo("true");
        assertThat(text(result))
                .contains(
                        "Tier 3",
                        "Tier 1",
                        "tier moves",
                        "nothing stored",
                        "+ Microsoft",
                        "USD 2 B");
        // what moved is marked: tier, stage, backlog, the conversion upside of 200 MW of binding
        // colocation
        assertThat(result.findElements(By.cssSelector("table.compare tr.moved")))
                .extracting(e -> e.getAttribute("data-row"))
                .contains("tier", "stage", "bindingBacklogUsd", "conversionUpsideUsdPerYear");
        WebElement upside =
                result.findElement(By.cssSelector("tr[data-row='conversionUpsideUsdPerYear']"));
        assertThat(text(upside)).contains("USD 0", "a year");
        // in Tier 1 no gap toward a tier is left: the one toward Tier 2 is closed
        assertThat(result.findElements(By.cssSelector(".gap-item.closed")))
                .extracting(e -> e.getAttribute("data-toward"))
                .contains("TIER_2");
        assertThat(result.findElements(By.cssSelector(".gap-item:not(.closed)")))
                .extracting(e -> e.getAttribute("data-toward"))
                .doesNotContain("TIER_1", "TIER_2", "TIER_3");
        // signed out: no saving, a way to sign in
        assertThat(driver.findElements(By.id("whatif-save"))).isEmpty();
        assertThat(text(result)).contains("Sign in as analyst");
        scrollIntoView(result);
        screenshot("board-whatif.png", false);

        // nothing was stored: the operator, its history and the board as they were
        assertThat(given().get("/operators/BTDR").asString()).isEqualTo(stored);
        assertThat(given().get("/operators/BTDR/history").asString()).isEqualTo(history);
        cardIn("TIER_3", "BTDR");

        // signed in as analyst, the hypothetical deal becomes a real one
        result.findElement(By.cssSelector(".signin-hint button")).click();
        completeSignIn("analyst", "analyst-secret");
        WebElement save = wait(ExpectedConditions.elementToBeClickable(By.id("whatif-save")));
        save.click();
        WebElement added = wait(ExpectedConditions.visibilityOfElementLocated(By.id("d-result")));
        wait(ExpectedConditions.attributeToBe(added, "data-after", "TIER_1"));
        assertThat(added.getAttribute("data-tier-changed")).isEqualTo("true");
        assertThat(text(added)).contains("whatif-msft", "tier changed");
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("whatif-result")));
        cardIn("TIER_1", "BTDR");
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#d-deals tr[data-deal='whatif-msft']")));
        given().get("/operators/BTDR")
                .then()
                .body("classification.tier", equalTo("TIER_1"))
                .body("profile.deals.id", hasItem("whatif-msft"));
        given().get("/operators/BTDR/history")
                .then()
                .body("[0].cause", equalTo("DEAL"))
                .body("[0].by", equalTo("analyst"));
        // the history names who made each change
        wait(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#d-history tbody tr:first-child td.by"), "analyst"));
    }

    @Test
    void a_what_if_leaves_a_deal_out_and_a_bad_value_is_marked_beside_its_field()
            throws IOException {
        storeExamples();
        String stored = given().get("/operators/IREN").asString();
        openBoard();
        cardIn("TIER_1", "IREN").click();
        WebElement form = openWhatIf();

        // nothing asked: said so, nothing sent
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(
                        text(
                                wait(
                                        ExpectedConditions.visibilityOfElementLocated(
                                                By.cssSelector("#d-whatif .form-error")))))
                .contains("Nothing to try");

        // without Microsoft's USD 9.7 B, IREN is no longer Tier 1
        WebElement msft =
                form.findElement(By.cssSelector("input[name=removeDeal][value='msft-2025']"));
        msft.click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement result =
                wait(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-result")));
        wait(ExpectedConditions.attributeToBe(result, "data-tier-changed", "true"));
        assertThat(result.getAttribute("data-before")).isEqualTo("TIER_1");
        assertThat(result.getAttribute("data-after")).isNotEqualTo("TIER_1");
        assertThat(text(result)).contains("msft-2025 left out");
        assertThat(result.findElements(By.cssSelector(".gap-item.new")))
                .extracting(e -> e.getAttribute("data-toward"))
                .contains("TIER_1");

        // a negative value: the service's 400 names addDeals[0].valueUsd, shown beside the value
        msft.click();
        fill(form, "counterparty", "Lambda");
        fill(form, "value", "-5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-whatif .form-error")));
        wait(d -> text(error).startsWith("400"));
        assertThat(text(error)).contains("addDeals[0].valueUsd");
        WebElement value = form.findElement(By.name("value"));
        assertThat(value.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(
                        text(
                                value.findElement(By.xpath("ancestor::label"))
                                        .findElement(By.cssSelector(".field-error"))))
                .isNotEmpty();

        assertThat(given().get("/operators/IREN").asString()).isEqualTo(stored);
    }

    @Test
    void the_spreadsheets_download_as_the_service_writes_them() throws IOException {
        storeExamples();
        openBoard();
        cardIn("TIER_1", "IREN");
        for (String f : List.of("operators.csv", "deals.csv", "IREN-history.csv")) {
            forgetDownload(f);
        }

        driver.findElement(By.id("csv-operators")).click();
        String operators = downloaded("operators.csv");
        assertThat(operators).startsWith("ticker,name,tier,stage,fullStack,bindingBacklogUsd,");
        assertThat(operators).isEqualTo(given().accept("text/csv").get("/operators").asString());
        int stored = given().get("/operators").jsonPath().getList("ticker").size();
        wait(
                ExpectedConditions.attributeToBe(
                        By.id("sheets-status"), "data-rows", String.valueOf(stored)));
        assertThat(text(By.id("sheets-status"))).contains("operators.csv", stored + " rows");

        driver.findElement(By.id("csv-deals")).click();
        String deals = downloaded("deals.csv");
        assertThat(deals)
                .startsWith("ticker,id,counterparty,counterpartyType,")
                .contains("IREN,msft-2025,Microsoft");
        assertThat(deals).isEqualTo(given().get("/deals").asString());

        card("IREN").click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-history tbody tr")));
        driver.findElement(By.id("d-history-csv")).click();
        String history = downloaded("IREN-history.csv");
        assertThat(history)
                .startsWith("at,tier,stage,fullStack,risks,ruleSetVersion,cause,detail,by");
        assertThat(history)
                .isEqualTo(given().accept("text/csv").get("/operators/IREN/history").asString());
        wait(
                ExpectedConditions.attributeToBe(
                        By.id("d-history-csv-status"), "data-file", "IREN-history.csv"));
    }

    @Test
    void the_import_dialog_lists_the_bad_rows_stores_nothing_and_then_imports() throws IOException {
        storeExamples();
        String before = given().get("/operators/BTDR").asString();
        openBoard();
        cardIn("TIER_3", "BTDR");

        // signed out, the dialog says who may import
        driver.findElement(By.id("import-open")).click();
        WebElement dialog = wait(ExpectedConditions.visibilityOfElementLocated(By.id("import")));
        assertThat(text(By.id("import-account"))).contains("Sign in as analyst");
        assertThat(dialog.findElement(By.name("file")).isEnabled()).isFalse();
        dialog.findElement(By.id("import-close")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("import")));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("import-open");

        signIn("analyst", "analyst-secret");
        String head =
                "ticker,id,counterparty,counterpartyType,service,status,valueUsd,termYears,mw,signed\n";
        String good =
                "BTDR,import-msft,Microsoft,HYPERSCALER,COLOCATION,BINDING,2000000000,10,200,2026-01-15\n";
        Path bad =
                csvFile(
                        "deals-bad.csv",
                        head
                                + good
                                + "HASH,import-lambda,Lambda,NEOCLOUD,COLOCATION,BINDING,lots,5,30,2026-01-15\n"
                                + "HASH,import-y,Lambda,CLOUDISH,COLOCATION,BINDING,1000000,5,30,2026-01-15\n");
        driver.findElement(By.id("import-open")).click();
        dialog = wait(ExpectedConditions.visibilityOfElementLocated(By.id("import")));
        dialog.findElement(By.name("file")).sendKeys(bad.toString());
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.attributeToBe(By.id("import-result"), "data-outcome", "refused"));
        WebElement refused = driver.findElement(By.id("import-result"));
        assertThat(text(refused))
                .contains("deals-bad.csv was not imported: nothing was stored", "400");
        assertThat(refused.findElements(By.cssSelector(".import-errors li code")))
                .extracting(BoardPage::textContent)
                .containsExactly("row 3: valueUsd", "row 4: counterpartyType");
        screenshot("board-import-errors.png", false);
        assertThat(given().get("/operators/BTDR").asString()).isEqualTo(before);

        Path fixed = csvFile("deals-fixed.csv", head + good);
        dialog.findElement(By.name("file")).sendKeys(fixed.toString());
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.attributeToBe(By.id("import-result"), "data-outcome", "imported"));
        WebElement row =
                driver.findElement(By.cssSelector("#import-result tr[data-ticker='BTDR']"));
        assertThat(row.getAttribute("class")).contains("moved");
        assertThat(text(row)).contains("Tier 3", "Tier 1", "tier changed");
        assertThat(text(By.id("import-result")))
                .contains("Imported deals-fixed.csv", "1 operator touched, 1 changed tier");
        given().get("/operators/BTDR")
                .then()
                .body("classification.tier", equalTo("TIER_1"))
                .body("profile.deals.id", hasItem("import-msft"));
        given().get("/operators/HASH")
                .then()
                .body("profile.deals.id", not(hasItem("import-lambda")));

        dialog.findElement(By.id("import-close")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("import")));
        cardIn("TIER_1", "BTDR");
    }

    @Test
    void in_a_narrow_window_the_what_if_fits_the_drawer() throws IOException {
        storeExamples();
        driver.manage().window().setSize(new Dimension(400, 860));
        openBoard();
        WebElement glxy = cardIn("TIER_2", "GLXY");
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", glxy);
        glxy.click();
        WebElement form = openWhatIf();
        fill(form, "counterparty", "Microsoft");
        fill(form, "value", "5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement result =
                wait(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-result")));
        wait(ExpectedConditions.attributeToBe(result, "data-after", "TIER_1"));
        WebElement body = driver.findElement(By.cssSelector("#detail .detail-body"));
        assertThat(
                        (Boolean)
                                driver.executeScript(
                                        "return arguments[0].scrollWidth <="
                                                + " arguments[0].clientWidth",
                                        body))
                .as("nothing in the drawer wider than the window")
                .isTrue();
        scrollIntoView(result);
        screenshot("board-whatif-narrow.png", false);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Opens the what-if panel of the open operator; its form. */
    private static WebElement openWhatIf() {
        WebElement summary =
                wait(ExpectedConditions.elementToBeClickable(By.cssSelector("#what-if > summary")));
        scrollIntoView(summary);
        summary.click();
        WebElement form =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#d-whatif form.what-if-form")));
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(
                                "#d-whatif .removal-list input, #d-whatif .removal-list"
                                        + " .muted:not(:empty)")));
        wait(
                d ->
                        !form.findElements(By.cssSelector("input[name=removeDeal]")).isEmpty()
                                || text(form.findElement(By.cssSelector(".removal-list")))
                                        .contains("No deals"));
        return form;
    }

    private static void scrollIntoView(WebElement e) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    }

    private static Path csvFile(String name, String content) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "board-csv").toAbsolutePath());
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
