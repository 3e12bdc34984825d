package dev.tiering.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The class files the executable model made of one rule set's sources, as the compiler wrote them
 * (before the sandbox instruments them). They can be kept and handed on, so that a rule set is
 * compiled once: by the checker for the service, or at one start for the next. Whoever takes them
 * checks them against the allowlist again before loading a class of them, so bytes from elsewhere
 * are never trusted.
 *
 * @param version the version of the sources they were compiled from
 * @param classes internal name ({@code rules/Rules1A2B}) → class file
 */
public record CompiledRules(String version, Map<String, byte[]> classes) {
    public CompiledRules {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /** The class files as one zip archive, the version as its comment. */
    public byte[] toZip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment(version);
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                zip.putNextEntry(new ZipEntry(c.getKey() + ".class"));
                zip.write(c.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads what {@link #toZip()} wrote, for the sources of {@code version}. */
    public static CompiledRules fromZip(String version, byte[] zip) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                if (!name.endsWith(".class") || name.contains("..")) {
                    throw new IOException("not a class file of a rule set: " + name);
                }
                classes.put(
                        name.substring(0, name.length() - ".class".length()), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CompiledRules(version, classes);
    }
}
