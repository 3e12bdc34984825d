package dev.tiering.cli;

import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Compiles a rule folder at build time and writes its class files as {@code <version>.zip}: the
 * build runs it on the shipped {@code rules/}, so that a first start of the service with those
 * rules loads them (checked by the sandbox like any class files) instead of compiling them cold.
 * Where the folder the service reads holds other rules, it compiles them as always.
 *
 * <p>{@code Precompile RULE_DIR OUT_DIR [CODE_DIR]}: with {@code CODE_DIR} (the build's class
 * folder), a zip for the rules' version that is newer than every class file there is kept as it is,
 * so that a build with nothing changed does not spend three seconds compiling the same rules again.
 * Zips of other versions are removed.
 */
public final class Precompile {
    private Precompile() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: Precompile RULE_DIR OUT_DIR [CODE_DIR]");
        }
        RuleSources sources = RuleSources.read(Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[1]));
        Path zip = out.resolve(sources.version() + ".zip");
        if (args.length == 3 && upToDate(zip, Path.of(args[2]), out)) {
            System.out.println("Rules " + sources.version() + " are compiled already: " + zip);
            return;
        }
        RuleSet rules = new RuleCompiler().compile(sources);
        try (Stream<Path> old = Files.list(out)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().endsWith(".zip") && !p.equals(zip)) {
                    Files.delete(p);
                }
            }
        }
        Files.write(zip, rules.compiled().toZip());
    }

    /** The zip exists and no class file of the code that compiled it is newer. */
    private static boolean upToDate(Path zip, Path code, Path out) throws IOException {
        if (!Files.isRegularFile(zip)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(zip);
        try (Stream<Path> files = Files.walk(code)) {
            return files.filter(p -> !p.startsWith(out))
                    .filter(p -> p.toString().endsWith(".class"))
                    .noneMatch(p -> newer(p, made));
        }
    }

    private static boolean newer(Path p, FileTime than) {
        try {
            return Files.getLastModifiedTime(p).compareTo(than) > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
