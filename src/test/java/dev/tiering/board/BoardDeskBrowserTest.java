package dev.tiering.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The analyst's desk on the board: the what-if panel of an operator (a hypothetical deal that moves its tier while
 * nothing is stored, then saved as a real deal). Screenshot: {@code target/board-whatif.png}.
 */
@QuarkusTest
class BoardDeskBrowserTest extends BoardPage {

    @Test
    void a_what_if_deal_moves_bitdeer_to_tier_one_stores_nothing_and_is_then_saved_for_real() throws IOException {
        storeExamples();
        String stored = given().get("/operators/BTDR").asString();
        String history = given().get("/operators/BTDR/history").asString();
        openBoard();

        cardIn("TIER_3", "BTDR").click();
        WebElement form = openWhatIf();
        // the deals of the operator, each one a box to leave it out
        assertThat(form.findElements(By.cssSelector("input[name=removeDeal]"))).extracting(e -> e.getAttribute("value"))
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

        WebElement result = wait(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-result")));
        wait(ExpectedConditions.attributeToBe(result, "data-after", "TIER_1"));
        assertThat(result.getAttribute("data-before")).isEqualTo("TIER_3");
        assertThat(result.getAttribute("data-tier-changed")).isEqualTo("true");
        assertThat(text(result)).contains("Tier 3", "Tier 1", "tier moves", "nothing stored", "+ Microsoft", "USD 2 B");
        // what moved is marked: tier, stage, backlog, the conversion upside of 200 MW of binding colocation
        assertThat(result.findElements(By.cssSelector("table.compare tr.moved"))).extracting(e -> e.getAttribute("data-row"))
                .contains("tier", "stage", "bindingBacklogUsd", "conversionUpsideUsdPerYear");
        WebElement upside = result.findElement(By.cssSelector("tr[data-row='conversionUpsideUsdPerYear']"));
        assertThat(text(upside)).contains("USD 0", "a year");
        // in Tier 1 no gap toward a tier is left: the one toward Tier 2 is closed
        assertThat(result.findElements(By.cssSelector(".gap-item.closed"))).extracting(e -> e.getAttribute("data-toward"))
                .contains("TIER_2");
        assertThat(result.findElements(By.cssSelector(".gap-item:not(.closed)"))).extracting(e -> e.getAttribute("data-toward"))
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
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-deals tr[data-deal='whatif-msft']")));
        given().get("/operators/BTDR").then().body("classification.tier", equalTo("TIER_1"))
                .body("profile.deals.id", hasItem("whatif-msft"));
        given().get("/operators/BTDR/history").then().body("[0].cause", equalTo("DEAL")).body("[0].by", equalTo("analyst"));
        // the history names who made each change
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#d-history tbody tr:first-child td.by"), "analyst"));
    }

    @Test
    void a_what_if_leaves_a_deal_out_and_a_bad_value_is_marked_beside_its_field() throws IOException {
        storeExamples();
        String stored = given().get("/operators/IREN").asString();
        openBoard();
        cardIn("TIER_1", "IREN").click();
        WebElement form = openWhatIf();

        // nothing asked: said so, nothing sent
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(text(wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-whatif .form-error")))))
                .contains("Nothing to try");

        // without Microsoft's USD 9.7 B, IREN is no longer Tier 1
        WebElement msft = form.findElement(By.cssSelector("input[name=removeDeal][value='msft-2025']"));
        msft.click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement result = wait(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-result")));
        wait(ExpectedConditions.attributeToBe(result, "data-tier-changed", "true"));
        assertThat(result.getAttribute("data-before")).isEqualTo("TIER_1");
        assertThat(result.getAttribute("data-after")).isNotEqualTo("TIER_1");
        assertThat(text(result)).contains("msft-2025 left out");
        assertThat(result.findElements(By.cssSelector(".gap-item.new"))).extracting(e -> e.getAttribute("data-toward"))
                .contains("TIER_1");

        // a negative value: the service's 400 names addDeals[0].valueUsd, shown beside the value
        msft.click();
        fill(form, "counterparty", "Lambda");
        fill(form, "value", "-5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-whatif .form-error")));
        wait(d -> text(error).startsWith("400"));
        assertThat(text(error)).contains("addDeals[0].valueUsd");
        WebElement value = form.findElement(By.name("value"));
        assertThat(value.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text(value.findElement(By.xpath("ancestor::label")).findElement(By.cssSelector(".field-error")))).isNotEmpty();

        assertThat(given().get("/operators/IREN").asString()).isEqualTo(stored);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Opens the what-if panel of the open operator; its form. */
    private static WebElement openWhatIf() {
        WebElement summary = wait(ExpectedConditions.elementToBeClickable(By.cssSelector("#what-if > summary")));
        scrollIntoView(summary);
        summary.click();
        WebElement form = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-whatif form.what-if-form")));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-whatif .removal-list input, #d-whatif .removal-list .muted:not(:empty)")));
        wait(d -> !form.findElements(By.cssSelector("input[name=removeDeal]")).isEmpty()
                || text(form.findElement(By.cssSelector(".removal-list"))).contains("No deals"));
        return form;
    }

    private static void scrollIntoView(WebElement e) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    }
}
