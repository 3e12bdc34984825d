package dev.tiering.cli;

import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles a rule folder at build time and writes its class files as {@code <version>.zip}: the
 * build runs it on the shipped {@code rules/}, so that a first start of the service with those
 * rules loads them (checked by the sandbox like any class files) instead of compiling them cold.
 * Where the folder the service reads holds other rules, it compiles them as always.
 *
 * <p>{@code Precompile RULE_DIR OUT_DIR}
 */
public final class Precompile {
    private Precompile() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Precompile RULE_DIR OUT_DIR");
        }
        RuleSet rules = new RuleCompiler().compile(RuleSources.read(Path.of(args[0])));
        Path out = Files.createDirectories(Path.of(args[1]));
        Files.write(out.resolve(rules.version() + ".zip"), rules.compiled().toZip());
    }
}
