package dev.tiering.web;

import static dev.tiering.codec.Spreadsheets.bool;
import static dev.tiering.codec.Spreadsheets.text;

import dev.tiering.codec.Spreadsheets;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import dev.tiering.operators.ChangeViews.ChangeView;
import dev.tiering.operators.ChangeViews.OutlineView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed as a spreadsheet (one row per event) and as a Markdown digest an analyst pastes
 * into a note: the moves grouped by the tier they went to, each with its reason ("Tier 3 → Tier 2:
 * BTDR, after a binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)").
 */
final class ChangeSheets {
    static final List<String> COLUMNS =
            List.of(
                    "id",
                    "cursor",
                    "time",
                    "ticker",
                    "cause",
                    "by",
                    "ruleSetVersion",
                    "beforeTier",
                    "beforeStage",
                    "beforeFullStack",
                    "beforeRisks",
                    "afterTier",
                    "afterStage",
                    "afterFullStack",
                    "afterRisks",
                    "reason");

    private ChangeSheets() {}

    static String csv(List<ChangeView> changes) {
        List<List<String>> rows = new ArrayList<>();
        for (ChangeView c : changes) {
            List<String> row = new ArrayList<>();
            row.add(c.id());
            row.add(c.cursor());
            row.add(c.time().toString());
            row.add(text(c.ticker()));
            row.add(c.cause().name());
            row.add(text(c.by()));
            row.add(text(c.ruleSetVersion()));
            outline(row, c.before());
            outline(row, c.after());
            row.add(text(c.reason()));
            rows.add(row);
        }
        return Spreadsheets.write(COLUMNS, rows);
    }

    private static void outline(List<String> row, OutlineView o) {
        row.add(o == null ? "" : o.tier().name());
        row.add(o == null || o.stage() == null ? "" : o.stage().name());
        row.add(o == null ? "" : bool(o.fullStack()));
        row.add(o == null ? "" : String.join(";", o.risks()));
    }

    /** The digest: a heading per tier moved to (and one for deletes), a line per event. */
    static String markdown(List<ChangeView> changes) {
        StringBuilder md = new StringBuilder("# Tier changes\n\n");
        if (changes.isEmpty()) {
            return md.append("No changes.\n").toString();
        }
        md.append(changes.size() == 1 ? "1 change" : changes.size() + " changes")
                .append(", ")
                .append(changes.get(0).time())
                .append(" to ")
                .append(changes.get(changes.size() - 1).time())
                .append(".\n");
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Tier t : Tier.values()) {
            groups.put(capitalised(t.words()), new ArrayList<>());
        }
        groups.put("Deleted", new ArrayList<>());
        for (ChangeView c : changes) {
            String group = c.after() == null ? "Deleted" : capitalised(c.after().tier().words());
            groups.get(group).add(line(c));
        }
        groups.forEach(
                (heading, lines) -> {
                    if (!lines.isEmpty()) {
                        md.append("\n## ").append(heading).append("\n\n");
                        lines.forEach(l -> md.append("- ").append(l).append('\n'));
                    }
                });
        return md.toString();
    }

    /** "Tier 3 → Tier 2: BTDR, after …", with what else moved in brackets. */
    static String line(ChangeView c) {
        OutlineView b = c.before();
        OutlineView a = c.after();
        StringBuilder s = new StringBuilder();
        if (a == null) {
            s.append(c.ticker()).append(" deleted (was ").append(b.tier().words()).append(')');
        } else if (b == null) {
            s.append("new in ").append(a.tier().words()).append(": ").append(c.ticker());
        } else if (b.tier() != a.tier()) {
            s.append(b.tier().words())
                    .append(" → ")
                    .append(a.tier().words())
                    .append(": ")
                    .append(c.ticker());
        } else {
            s.append(a.tier().words()).append(": ").append(c.ticker());
        }
        if (a != null && b != null) {
            List<String> also = new ArrayList<>();
            if (b.stage() != a.stage()) {
                also.add("stage " + stage(b.stage()) + " → " + stage(a.stage()));
            }
            if (b.fullStack() != a.fullStack()) {
                also.add(a.fullStack() ? "now full stack" : "no longer full stack");
            }
            List<String> added = new ArrayList<>(a.risks());
            added.removeAll(b.risks());
            List<String> removed = new ArrayList<>(b.risks());
            removed.removeAll(a.risks());
            if (!added.isEmpty()) {
                also.add("risk " + String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                also.add("no longer " + String.join(", ", removed));
            }
            if (!also.isEmpty()) {
                s.append(" (").append(String.join("; ", also)).append(')');
            }
        }
        if (c.reason() != null && !c.reason().isBlank()) {
            s.append(", after ").append(escape(c.reason()));
        }
        return s.toString();
    }

    private static String stage(Stage s) {
        return s == null ? "none" : s.words();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Free text (a counterparty's name) that Markdown would read as markup, made plain. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if ("\\`*_[]<>|#~".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
