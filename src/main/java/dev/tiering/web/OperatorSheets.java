package dev.tiering.web;

import static dev.tiering.codec.Spreadsheets.bool;
import static dev.tiering.codec.Spreadsheets.number;
import static dev.tiering.codec.Spreadsheets.text;

import dev.tiering.codec.Spreadsheets;
import dev.tiering.operators.Views.HistoryEntry;
import dev.tiering.operators.Views.OperatorSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operators and an operator's history as spreadsheets, in the CSV dialect of {@link
 * Spreadsheets}: the columns of API.md, one row per operator or per history entry.
 */
final class OperatorSheets {
    /** The columns of {@code GET /operators} as CSV (API.md). */
    static final List<String> OPERATOR_COLUMNS =
            List.of(
                    "ticker",
                    "name",
                    "tier",
                    "stage",
                    "fullStack",
                    "bindingBacklogUsd",
                    "establishedBacklogUsd",
                    "northAmericaAiMw",
                    "largestCounterpartyShare",
                    "densityUsdPerMwYear",
                    "conversionUpsideUsdPerYear",
                    "risks",
                    "ruleSetVersion");

    static final List<String> HISTORY_COLUMNS =
            List.of(
                    "at",
                    "tier",
                    "stage",
                    "fullStack",
                    "risks",
                    "ruleSetVersion",
                    "cause",
                    "detail",
                    "by");

    private OperatorSheets() {}

    static Spreadsheets.Sheet operators(OutputStream out) throws IOException {
        return Spreadsheets.Sheet.of(out, OPERATOR_COLUMNS);
    }

    /** One row per operator. */
    static void operators(Spreadsheets.Sheet sheet, List<OperatorSummary> operators)
            throws IOException {
        for (OperatorSummary o : operators) {
            sheet.row(
                    List.of(
                            text(o.ticker()),
                            text(o.name()),
                            o.tier().name(),
                            o.stage() == null ? "" : o.stage().name(),
                            Boolean.toString(o.fullStack()),
                            number(o.bindingBacklogUsd()),
                            number(o.establishedBacklogUsd()),
                            number(o.northAmericaAiMw()),
                            number(o.largestCounterpartyShare()),
                            o.densityUsdPerMwYear() == null ? "" : number(o.densityUsdPerMwYear()),
                            number(o.conversionUpsideUsdPerYear()),
                            o.risks().stream().map(Enum::name).collect(Collectors.joining(";")),
                            text(o.ruleSetVersion())));
        }
    }

    /** An operator's history, newest first. */
    static String history(List<HistoryEntry> history) {
        List<List<String>> rows = new ArrayList<>();
        for (HistoryEntry h : history) {
            rows.add(
                    List.of(
                            h.at().toString(),
                            h.tier().name(),
                            h.stage() == null ? "" : h.stage().name(),
                            bool(h.fullStack()),
                            h.risks() == null
                                    ? ""
                                    : h.risks().stream()
                                            .map(Enum::name)
                                            .collect(Collectors.joining(";")),
                            text(h.ruleSetVersion()),
                            h.cause().name(),
                            text(h.detail()),
                            text(h.by())));
        }
        return Spreadsheets.write(HISTORY_COLUMNS, rows);
    }
}
