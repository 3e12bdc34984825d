package dev.tiering.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiering.cli.CheckReport.Coverage;
import dev.tiering.cli.CheckReport.Problem;
import dev.tiering.cli.CheckReport.RuleRef;
import dev.tiering.cli.CheckReport.ScenarioOutcome;
import dev.tiering.cli.CheckReport.Status;
import dev.tiering.model.TierChange;
import java.util.List;

/**
 * The report as one JSON document ({@code --json}), for a program that runs the check in a process
 * of its own (the service vetting a candidate folder under a time budget, say): the exit code,
 * every error with file, line and column, each scenario's result and the rules it fired, the
 * coverage and the moves. It is printed in one piece at the end, so a process that died half-way (a
 * rule that called {@code System.exit}, a timeout) leaves no document rather than a partial one.
 * Field names are in docs/API.md.
 */
final class JsonReport {
    private JsonReport() {}

    static String render(CheckReport r, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("dir", r.dir());
        root.put("version", r.version());
        root.put("ok", r.exitCode() == CheckReport.OK);
        root.put("exitCode", r.exitCode());
        strings(root.putArray("failures"), r.failures());
        root.put("compiled", r.compiled());
        strings(root.putArray("ruleFiles"), r.ruleFiles());
        ArrayNode errors = root.putArray("errors");
        for (Problem p : r.errors()) {
            errors.addObject()
                    .put("path", p.path())
                    .put("file", p.file())
                    .put("line", p.line())
                    .put("column", p.column())
                    .put("message", p.message());
        }
        ObjectNode scenarios = root.putObject("scenarios");
        for (Status s : Status.values()) {
            scenarios.put(camel(s), r.count(s));
        }
        ArrayNode results = scenarios.putArray("results");
        for (ScenarioOutcome s : r.scenarios()) {
            ObjectNode o =
                    results.addObject()
                            .put("file", s.file())
                            .put("name", s.name())
                            .put("status", s.status().name())
                            .put("skipped", s.skipped())
                            .put("millis", s.millis());
            strings(o.putArray("differences"), s.differences());
            rules(o.putArray("firedRules"), s.fired());
        }
        Coverage c = r.coverage();
        if (c == null) {
            root.putNull("coverage");
        } else {
            ObjectNode o =
                    root.putObject("coverage")
                            .put("ratio", c.ratio())
                            .put("met", c.met())
                            .put("firedCount", c.fired().size())
                            .put("total", c.fired().size() + c.unfired().size());
            if (c.min() == null) {
                o.putNull("min");
            } else {
                o.put("min", c.min());
            }
            rules(o.putArray("fired"), c.fired());
            rules(o.putArray("unfired"), c.unfired());
            rules(o.putArray("notCounted"), c.notCounted());
        }
        if (r.moves() == null) {
            root.putNull("moves");
        } else {
            ObjectNode m =
                    root.putObject("moves")
                            .put("operatorsFile", r.moves().operatorsFile())
                            .put("baseline", r.moves().baseline())
                            .put("baselineVersion", r.moves().baselineVersion())
                            .put("operators", r.moves().operators());
            ArrayNode changes = m.putArray("changes");
            for (TierChange t : r.moves().changes()) {
                changes.addObject()
                        .put("ticker", t.ticker())
                        .put("from", t.from().name())
                        .put("to", t.to().name());
            }
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always writes
        }
    }

    private static void strings(ArrayNode to, List<String> values) {
        values.forEach(to::add);
    }

    private static void rules(ArrayNode to, List<RuleRef> rules) {
        for (RuleRef r : rules) {
            to.addObject().put("file", r.file()).put("line", r.line()).put("rule", r.rule());
        }
    }

    /** {@code NOT_RUN} → {@code notRun}. */
    private static String camel(Status s) {
        String[] parts = s.name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }
}
