package dev.tiering.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the check command, parsed and checked before anything is compiled.
 *
 * @param dir the rule folder to check
 * @param junit where to write a JUnit XML report, or null
 * @param minCoverage the lowest rule coverage that passes (0 to 1), or null for no bar
 * @param operators a JSON array of profiles to classify with {@code baseline} and with {@code dir},
 *     or null
 * @param baseline the rule folder the change is measured against (given with {@code operators}), or
 *     null
 * @param json print one JSON document instead of the text report
 */
public record CheckOptions(
        Path dir, Path junit, Double minCoverage, Path operators, Path baseline, boolean json) {

    static final String USAGE =
            "usage: java -jar tiering-check.jar [--junit FILE] [--min-coverage F]"
                    + " [--operators FILE --baseline DIR] [--json] DIR";

    /**
     * The command line is wrong: the message says how, and the command exits 2 with the usage line.
     */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --help} or {@code -h}: print the help and exit 0. */
    static final class HelpRequested extends Exception {
        HelpRequested() {
            super("help");
        }
    }

    /**
     * Parses {@code args}: options (as {@code --name value} or {@code --name=value}) in any order,
     * and exactly one rule folder.
     */
    static CheckOptions parse(String[] args) throws UsageException, HelpRequested {
        Path junit = null;
        Double minCoverage = null;
        Path operators = null;
        Path baseline = null;
        boolean json = false;
        List<String> folders = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                folders.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--" -> optionsEnded = true;
                case "-h", "--help" -> throw new HelpRequested();
                case "--json" -> {
                    if (value != null) {
                        throw new UsageException("--json takes no value");
                    }
                    json = true;
                }
                case "--junit", "--min-coverage", "--operators", "--baseline" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        throw new UsageException(name + " needs a value");
                    }
                    switch (name) {
                        case "--junit" -> junit = Path.of(value);
                        case "--min-coverage" -> minCoverage = coverage(value);
                        case "--operators" -> operators = Path.of(value);
                        default -> baseline = Path.of(value);
                    }
                }
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (folders.isEmpty()) {
            throw new UsageException("no rule folder given");
        }
        if (folders.size() > 1) {
            throw new UsageException(
                    "one rule folder, not " + folders.size() + ": " + String.join(" ", folders));
        }
        Path dir = Path.of(folders.get(0));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("rule folder " + dir + " does not exist or is not a folder");
        }
        if ((operators == null) != (baseline == null)) {
            throw new UsageException("--operators and --baseline go together");
        }
        if (operators != null && !Files.isRegularFile(operators)) {
            throw new UsageException("operators file " + operators + " does not exist");
        }
        if (baseline != null && !Files.isDirectory(baseline)) {
            throw new UsageException(
                    "baseline folder " + baseline + " does not exist or is not a folder");
        }
        return new CheckOptions(dir, junit, minCoverage, operators, baseline, json);
    }

    private static double coverage(String value) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--min-coverage takes a number from 0 to 1, not '" + value + "'");
        }
        if (!(v >= 0 && v <= 1)) {
            throw new UsageException(
                    "--min-coverage takes a number from 0 to 1, not '" + value + "'");
        }
        return v;
    }
}
