package dev.tiering.cli;

import dev.tiering.cli.CheckReport.Problem;
import dev.tiering.cli.CheckReport.ScenarioOutcome;
import dev.tiering.cli.CheckReport.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report as JUnit XML ({@code --junit FILE}), the format CI systems (GitLab, Jenkins, GitHub
 * test reporters) read: a suite {@code compile} with one test case per rule file, a suite {@code
 * scenarios} with one per scenario file (a difference is a failure, a scenario written for other
 * thresholds is skipped, one that did not run because the rules do not compile is skipped too),
 * and, with {@code --min-coverage}, a suite {@code coverage} whose one case fails under the bar.
 */
final class JunitReport {
    private JunitReport() {}

    /**
     * One test case: a name, and a failure message and text, or a skip message, or neither
     * (passed).
     */
    private record Case(
            String classname,
            String name,
            String file,
            double seconds,
            String failure,
            String text,
            String skipped) {}

    static String render(CheckReport r) {
        // Suites and class names start with the folder's own name (rules.scenarios), whatever path
        // led to it.
        Path folder = Path.of(r.dir()).toAbsolutePath().normalize().getFileName();
        String base = folder == null ? "rules" : folder.toString();
        List<Case> compile = new ArrayList<>();
        List<Problem> folderErrors = r.errors().stream().filter(p -> p.file().isEmpty()).toList();
        if (r.version() == null || !folderErrors.isEmpty()) {
            compile.add(failed(base, "rule folder", r.dir(), folderErrors));
        }
        for (String file : r.ruleFiles()) {
            List<Problem> mine = r.errors().stream().filter(p -> p.file().equals(file)).toList();
            compile.add(failed(base, file, path(r, file), mine));
        }
        List<Case> scenarios = new ArrayList<>();
        for (ScenarioOutcome s : r.scenarios()) {
            String name = s.file().substring(s.file().lastIndexOf('/') + 1) + ": " + s.name();
            String path = path(r, s.file());
            double seconds = s.millis() / 1000.0;
            scenarios.add(
                    switch (s.status()) {
                        case PASSED ->
                                new Case(
                                        base + ".scenarios", name, path, seconds, null, null, null);
                        case SKIPPED, NOT_RUN ->
                                new Case(
                                        base + ".scenarios",
                                        name,
                                        path,
                                        seconds,
                                        null,
                                        null,
                                        s.skipped());
                        case FAILED, UNREADABLE -> {
                            List<String> lines = new ArrayList<>(s.differences());
                            if (!s.fired().isEmpty()) {
                                lines.add(
                                        "rules fired: "
                                                + s.fired().stream()
                                                        .map(
                                                                f ->
                                                                        f.file() + ":" + f.line()
                                                                                + " '" + f.rule()
                                                                                + "'")
                                                        .collect(Collectors.joining(", ")));
                            }
                            yield new Case(
                                    base + ".scenarios",
                                    name,
                                    path,
                                    seconds,
                                    (s.status() == Status.UNREADABLE ? "unreadable: " : "")
                                            + String.join("; ", s.differences()),
                                    String.join("\n", lines),
                                    null);
                        }
                    });
        }
        List<Case> coverage = new ArrayList<>();
        if (r.coverage() != null && r.coverage().min() != null) {
            var c = r.coverage();
            String text =
                    c.unfired().stream()
                            .map(
                                    u ->
                                            path(r, u.file())
                                                    + ":"
                                                    + u.line()
                                                    + ": no scenario fires rule '"
                                                    + u.rule()
                                                    + "'")
                            .collect(Collectors.joining("\n"));
            coverage.add(
                    new Case(
                            base + ".coverage",
                            "coverage at least " + CheckReport.decimal(c.min()),
                            r.dir(),
                            0,
                            c.met()
                                    ? null
                                    : "coverage "
                                            + CheckReport.decimal(c.ratio())
                                            + " is under "
                                            + CheckReport.decimal(c.min()),
                            text,
                            null));
        }

        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        List<List<Case>> all = List.of(compile, scenarios, coverage);
        xml.append("<testsuites name=\"").append(esc("tiering-check " + r.dir())).append('"');
        counts(xml, all.stream().flatMap(List::stream).toList());
        xml.append(">\n");
        suite(xml, base + ".compile", compile);
        suite(xml, base + ".scenarios", scenarios);
        if (!coverage.isEmpty()) {
            suite(xml, base + ".coverage", coverage);
        }
        return xml.append("</testsuites>\n").toString();
    }

    private static Case failed(String base, String name, String path, List<Problem> problems) {
        if (problems.isEmpty()) {
            return new Case(base + ".compile", name, path, 0, null, null, null);
        }
        String text =
                problems.stream()
                        .map(
                                p ->
                                        TextReport.diagnostic(
                                                p.file().isEmpty()
                                                        ? p.path()
                                                        : TextReport.position(
                                                                p.path(), p.line(), p.column()),
                                                "error",
                                                p.message()))
                        .collect(Collectors.joining("\n"));
        return new Case(
                base + ".compile",
                name,
                path,
                0,
                problems.get(0).message().lines().findFirst().orElse(""),
                text,
                null);
    }

    private static void suite(StringBuilder xml, String name, List<Case> cases) {
        xml.append("  <testsuite name=\"").append(esc(name)).append('"');
        counts(xml, cases);
        xml.append(">\n");
        for (Case c : cases) {
            xml.append("    <testcase classname=\"")
                    .append(esc(c.classname()))
                    .append("\" name=\"")
                    .append(esc(c.name()))
                    .append("\" file=\"")
                    .append(esc(c.file()))
                    .append("\" time=\"")
                    .append(seconds(c.seconds()))
                    .append('"');
            if (c.failure() == null && c.skipped() == null) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n");
            if (c.failure() != null) {
                xml.append("      <failure message=\"")
                        .append(esc(c.failure()))
                        .append("\" type=\"")
                        .append(esc(c.classname().substring(c.classname().lastIndexOf('.') + 1)))
                        .append("\">")
                        .append(esc(c.text()))
                        .append("</failure>\n");
            } else {
                xml.append("      <skipped message=\"").append(esc(c.skipped())).append("\"/>\n");
            }
            xml.append("    </testcase>\n");
        }
        xml.append("  </testsuite>\n");
    }

    private static void counts(StringBuilder xml, List<Case> cases) {
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        long skipped = cases.stream().filter(c -> c.skipped() != null).count();
        double seconds = cases.stream().mapToDouble(Case::seconds).sum();
        xml.append(" tests=\"")
                .append(cases.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\" skipped=\"")
                .append(skipped)
                .append("\" time=\"")
                .append(seconds(seconds))
                .append('"');
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Escaped for an XML attribute or text; characters XML 1.0 cannot hold become U+FFFD. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints()
                .forEach(
                        c -> {
                            switch (c) {
                                case '&' -> b.append("&amp;");
                                case '<' -> b.append("&lt;");
                                case '>' -> b.append("&gt;");
                                case '"' -> b.append("&quot;");
                                case '\'' -> b.append("&apos;");
                                default -> {
                                    boolean allowed =
                                            c == '\t'
                                                    || c == '\n'
                                                    || c == '\r'
                                                    || (c >= 0x20 && c <= 0xD7FF)
                                                    || (c >= 0xE000 && c <= 0xFFFD)
                                                    || c >= 0x10000;
                                    b.appendCodePoint(allowed ? c : 0xFFFD);
                                }
                            }
                        });
        return b.toString();
    }

    private static String path(CheckReport r, String file) {
        return Path.of(r.dir()).resolve(file).toString();
    }
}
