package dev.tiering.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tiering.lifecycle.RulesCopy;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The rule-set versions on the board, on a private, unwatched copy of the rule folder and the
 * research note's operators: the archive lists every activation, a version shows its diff against
 * the one before it and who it moves, an operator's history opens the version behind each entry,
 * and the admin rolls back from the panel (after which the folder differs). Screenshot: {@code
 * target/board-versions.png}.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class BoardRulesBrowserTest extends BoardPage {

    /** The moves shown below are the note's operators': only they are in the store. */
    @BeforeEach
    void onlyTheNotesOperators() {
        Api.deleteAllBut(Api.noteTickers());
    }

    @AfterEach
    void restoreTheRules() {
        RulesCopy.restore(RulesCopy.dir());
        admin().post("/rules/reload").then().statusCode(200);
    }

    @Test
    void the_panel_lists_every_activation_and_shows_a_versions_diff_and_who_it_moves()
            throws IOException {
        String shipped = RulesCopy.shippedVersion();
        String raised = raiseTheMassiveBacklogBar();
        openBoard();

        JsonPath versions = given().get("/rules/versions").jsonPath();
        int count = versions.getList("$").size();
        wait(d -> d.findElements(By.cssSelector("#versions-list .version-item")).size() == count);
        // The list may draw before GET /rules answers; the badge follows once the active version is
        // known.
        wait(d -> !d.findElements(By.cssSelector("#versions-list li.active")).isEmpty());
        List<WebElement> items =
                driver.findElements(By.cssSelector("#versions-list .version-item"));
        assertThat(items.get(0).getAttribute("data-version")).isEqualTo(raised);
        assertThat(textContent(items.get(0)))
                .contains(
                        raised.substring(0, 12),
                        "active",
                        "by admin",
                        "5 tier moves",
                        "after " + shipped.substring(0, 12));
        assertThat(driver.findElements(By.cssSelector("#versions-list li.active .version-item")))
                .extracting(e -> e.getAttribute("data-version"))
                .containsExactly(raised);
        assertThat(textContent(items.get(count - 1))).contains("by startup", "first archived");

        items.get(0).click();
        WebElement view =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#version-view[data-version='" + raised + "']")));
        WebElement tiers =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#version-view .file-diff[data-file='tiers.drl']")));
        assertThat(tiers.getAttribute("open")).isNotNull();
        assertThat(tiers.findElements(By.cssSelector(".dl.del .code")))
                .extracting(BoardPage::textContent)
                .contains(
                        "-function double massiveEstablishedBacklogUsd() { return 1000000000.0; }");
        assertThat(tiers.findElements(By.cssSelector(".dl.add .code")))
                .extracting(BoardPage::textContent)
                .contains(
                        "+function double massiveEstablishedBacklogUsd() { return 20000000000.0;"
                                + " }");
        assertThat(tiers.findElements(By.cssSelector(".dl.hunk"))).isNotEmpty();
        // a scenario's diff is there, folded; an unchanged file is not
        assertThat(
                        view.findElements(
                                By.cssSelector(
                                        ".file-diff[data-file='scenarios/iren.json']:not([open])")))
                .hasSize(1);
        assertThat(view.findElements(By.cssSelector(".file-diff[data-file='stages.drl']")))
                .isEmpty();
        // monospace and scrolling on its own
        WebElement pre = tiers.findElement(By.cssSelector("pre.diff"));
        assertThat(pre.getCssValue("font-family")).containsIgnoringCase("mono");
        assertThat(pre.getCssValue("overflow-x")).isEqualTo("auto");
        // the tier moves: the five Tier 1 operators of the note, each from Tier 1 to Tier 2
        List<WebElement> moves = view.findElements(By.cssSelector(".moves li"));
        assertThat(moves)
                .extracting(e -> e.getAttribute("data-ticker"))
                .containsExactlyInAnyOrder("IREN", "HUT", "APLD", "CIFR", "WULF");
        assertThat(moves)
                .extracting(e -> e.getAttribute("data-from") + ">" + e.getAttribute("data-to"))
                .containsOnly("TIER_1>TIER_2");
        assertThat(text(moves.get(0))).contains("Tier 1", "Tier 2");
        // without a sign-in, no rollback; the active version has none anyway
        assertThat(driver.findElements(By.id("version-rollback"))).isEmpty();

        driver.executeScript(
                "document.getElementById('versions').scrollIntoView({block: 'start'})");
        driver.executeScript("window.scrollBy(0, -70)");
        screenshot("board-versions.png", false);

        // a ticker of the moves opens its operator
        view.findElement(By.cssSelector(".moves li[data-ticker='IREN'] button")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        assertThat(text(By.id("d-title"))).isEqualTo("IREN");
    }

    @Test
    void an_operators_history_names_who_and_opens_the_rule_set_behind_each_entry() {
        String raised = raiseTheMassiveBacklogBar();
        openBoard();
        cardIn("TIER_2", "IREN").click();
        WebElement newest =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#d-history tbody tr:first-child")));
        assertThat(newest.getAttribute("data-version")).isEqualTo(raised);
        assertThat(text(newest.findElement(By.cssSelector("td.by")))).isEqualTo("admin");
        assertThat(text(newest)).contains("Tier 2", "Rules");

        newest.findElement(By.cssSelector("button.ver-link")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#version-view[data-version='" + raised + "'] .file-diff")));
        assertThat(
                        driver.findElement(
                                        By.cssSelector(
                                                "#versions-list"
                                                        + " .version-item[aria-pressed='true']"))
                                .getAttribute("data-version"))
                .isEqualTo(raised);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("version-title");

        // and back to the operator it came from
        driver.findElement(By.id("version-back")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        assertThat(text(By.id("d-title"))).isEqualTo("IREN");
    }

    @Test
    void the_admin_rolls_back_from_the_panel_an_analyst_may_not_and_the_folder_then_differs() {
        String shipped = RulesCopy.shippedVersion();
        String raised = raiseTheMassiveBacklogBar();
        openBoard();
        wait(d -> d.findElements(By.cssSelector("#versions-list .version-item")).size() >= 2);
        assertThat(driver.findElements(By.id("folder-differs"))).isEmpty();

        // an analyst is refused, and says why
        signIn("analyst", "analyst-secret");
        WebElement before =
                driver.findElements(By.cssSelector("#versions-list .version-item")).get(1);
        assertThat(before.getAttribute("data-version")).isEqualTo(shipped);
        before.click();
        // once its diff is in (the view is redrawn then)
        wait(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(
                                "#version-view[data-version='" + shipped + "'] .version-diff")));
        wait(ExpectedConditions.elementToBeClickable(By.id("version-rollback"))).click();
        confirm(true);
        WebElement answer =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#version-answer[data-outcome='refused']")));
        assertThat(text(answer)).contains("403", "admin role");
        given().get("/rules").then().body("version", equalTo(raised));

        // the admin: cancelling changes nothing and gives the focus back
        signOut();
        signIn("admin", "admin-secret");
        WebElement rollback =
                wait(ExpectedConditions.elementToBeClickable(By.id("version-rollback")));
        rollback.click();
        confirm(false);
        assertThat(driver.switchTo().activeElement().getAttribute("id"))
                .isEqualTo("version-rollback");
        given().get("/rules").then().body("version", equalTo(raised));

        // confirmed: the shipped rules again, the five operators back in Tier 1
        driver.findElement(By.id("version-rollback")).click();
        confirm(true);
        answer =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#version-answer[data-outcome='activated']")));
        assertThat(text(answer)).contains("is active again", "5 operators changed tier");
        assertThat(answer.findElements(By.cssSelector(".moves li")))
                .extracting(e -> e.getAttribute("data-to"))
                .containsOnly("TIER_1");
        given().get("/rules")
                .then()
                .body("version", equalTo(shipped))
                .body("folderDiffers", equalTo(true));
        cardIn("TIER_1", "IREN");
        // the panel follows: the rollback is the newest activation, by admin, and the folder
        // differs
        wait(
                d ->
                        shipped.equals(
                                d.findElement(
                                                By.cssSelector(
                                                        "#versions-list li.active .version-item"))
                                        .getAttribute("data-version")));
        assertThat(
                        textContent(
                                driver.findElements(By.cssSelector("#versions-list .version-item"))
                                        .get(0)))
                .contains("active", "by admin");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("folder-differs")));
        assertThat(textContent(driver.findElement(By.id("rules")))).contains("folder differs");
        assertThat(driver.findElements(By.cssSelector("#versions-folder .folder-differs")))
                .hasSize(1);
    }

    @Test
    void in_a_narrow_window_the_versions_stack_and_a_long_diff_scrolls_in_its_own_box()
            throws IOException {
        String raised = raiseTheMassiveBacklogBar();
        driver.manage().window().setSize(new Dimension(480, 900));
        openBoard();
        WebElement item =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector(
                                        "#versions-list .version-item[data-version='"
                                                + raised
                                                + "']")));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", item);
        item.click();
        WebElement pre =
                wait(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector(
                                        "#version-view .file-diff[data-file='tiers.drl']"
                                                + " pre.diff")));
        driver.findElement(By.cssSelector("#version-view .scenario-diffs > summary")).click();
        // the list above the diff, and nothing wider than the window: the diff scrolls sideways
        // inside its box
        assertThat(driver.findElement(By.id("version-view")).getRect().getY())
                .isGreaterThan(driver.findElement(By.id("versions-list")).getRect().getY());
        Number width = (Number) driver.executeScript("return window.innerWidth");
        Number scroll =
                (Number) driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).isLessThanOrEqualTo(width.intValue());
        assertThat(
                        (Boolean)
                                driver.executeScript(
                                        "return arguments[0].scrollWidth >"
                                                + " arguments[0].clientWidth",
                                        pre))
                .isTrue();
        driver.executeScript(
                "arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.id("version-view")));
        screenshot("board-versions-narrow.png", false);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Raises the massive-backlog bar to USD 20 B in the copy and activates it as admin: the new
     * version.
     */
    private static String raiseTheMassiveBacklogBar() {
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        return admin().post("/rules/reload")
                .then()
                .statusCode(200)
                .body("activated", equalTo(true))
                .extract()
                .path("version");
    }

    /** Answers the open confirmation dialog. */
    private static void confirm(boolean yes) {
        WebElement dialog =
                wait(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("dialog.confirm[open]")));
        assertThat(text(dialog)).contains("Roll back the rules?");
        dialog.findElement(By.cssSelector("button[data-answer='" + (yes ? "ok" : "cancel") + "']"))
                .click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.confirm")));
    }
}
