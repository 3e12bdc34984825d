package dev.tiering.engine.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * What rule code may name and call, read from {@code allowlist.txt} beside this class (its header
 * says how to read it). Everything not listed is refused: the list says what a classification
 * needs, not what is dangerous, so a class nobody thought of is refused too.
 */
public final class Allowlist {
    private static final String RESOURCE = "allowlist.txt";
    private static final Allowlist SHIPPED = load();

    /** What one line allows of a class or package. */
    private static final class Entry {
        boolean all;
        final Set<String> names = new HashSet<>();
        final Set<String> signatures = new HashSet<>();
        final Set<String> deniedNames = new HashSet<>();
        final Set<String> deniedSignatures = new HashSet<>();
    }

    /** By internal name ({@code java/lang/String}). */
    private final Map<String, Entry> classes;

    /** By internal package name ({@code java/util/function}). */
    private final Map<String, Entry> packages;

    private final Set<String> denied;

    private Allowlist(Map<String, Entry> classes, Map<String, Entry> packages, Set<String> denied) {
        this.classes = classes;
        this.packages = packages;
        this.denied = denied;
    }

    /** The shipped allowlist. */
    public static Allowlist shipped() {
        return SHIPPED;
    }

    /** Whether rule code may name this type at all (a class, an array of one, or a primitive). */
    public boolean typeAllowed(Type type) {
        return switch (type.getSort()) {
            case Type.ARRAY -> typeAllowed(type.getElementType());
            case Type.OBJECT -> entry(type.getInternalName()) != null;
            case Type.METHOD -> throw new IllegalArgumentException("a method type: " + type);
            default -> true; // primitives and void
        };
    }

    /** Whether rule code may name the class of this internal name. */
    public boolean classAllowed(String internalName) {
        return typeAllowed(Type.getObjectType(internalName));
    }

    /**
     * Whether rule code may use {@code name} (a method, a constructor or a field) of {@code owner}.
     * The member's own line decides, then the refusals that hold for every class; a member whose
     * signature names a type that is not allowed is refused too.
     *
     * @param descriptor a method descriptor ({@code (I)V}) or a field descriptor ({@code I})
     */
    public boolean memberAllowed(String owner, String name, String descriptor) {
        return whyNot(owner, name, descriptor) == null;
    }

    /** Why rule code may not use that member, or null if it may. */
    public String whyNot(String owner, String name, String descriptor) {
        if (owner.startsWith("[")) {
            // an array's own copy and size
            return name.equals("clone") || name.equals("length") ? null : "not on the allowlist";
        }
        Entry e = entry(owner);
        if (e == null) {
            return "its class is not on the allowlist";
        }
        if (denied.contains(name)) {
            return "refused on every class";
        }
        boolean method = descriptor.startsWith("(");
        String signature =
                method ? name + descriptor.substring(0, descriptor.indexOf(')') + 1) : name;
        if (e.deniedSignatures.contains(signature)
                || e.deniedNames.contains(name)
                || !(e.all || e.names.contains(name) || e.signatures.contains(signature))) {
            return "not on the allowlist";
        }
        if (!signatureAllowed(descriptor)) {
            return "a type in its signature is not on the allowlist";
        }
        return null;
    }

    /** Whether every type a method or field descriptor names is allowed. */
    public boolean signatureAllowed(String descriptor) {
        if (descriptor.startsWith("(")) {
            Type t = Type.getMethodType(descriptor);
            for (Type arg : t.getArgumentTypes()) {
                if (!typeAllowed(arg)) {
                    return false;
                }
            }
            return typeAllowed(t.getReturnType());
        }
        return typeAllowed(Type.getType(descriptor));
    }

    private Entry entry(String internalName) {
        Entry e = classes.get(internalName);
        if (e != null) {
            return e;
        }
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? null : packages.get(internalName.substring(0, slash));
    }

    private static Allowlist load() {
        try (InputStream in = Allowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox's " + RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an allowlist in the format of {@code allowlist.txt}. */
    static Allowlist parse(String text) {
        Map<String, Entry> classes = new HashMap<>();
        Map<String, Entry> packages = new HashMap<>();
        Set<String> denied = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            List<String> words = List.of(l.split("\\s+"));
            if (words.get(0).equals("deny")) {
                denied.addAll(words.subList(1, words.size()));
                continue;
            }
            String name = words.get(0);
            Entry e = new Entry();
            for (String w : words.subList(1, words.size())) {
                boolean refuse = w.startsWith("-");
                String member = refuse ? w.substring(1) : w;
                if (member.equals("*") && !refuse) {
                    e.all = true;
                } else if (member.contains("(")) {
                    (refuse ? e.deniedSignatures : e.signatures).add(member);
                } else {
                    (refuse ? e.deniedNames : e.names).add(member);
                }
            }
            Entry was =
                    name.endsWith(".*")
                            ? packages.put(internal(name.substring(0, name.length() - 2)), e)
                            : classes.put(internal(name), e);
            if (was != null) {
                throw new IllegalStateException(
                        RESOURCE + ":" + number + ": " + name + " is listed twice");
            }
        }
        return new Allowlist(Map.copyOf(classes), Map.copyOf(packages), Set.copyOf(denied));
    }

    private static String internal(String dotted) {
        return dotted.replace('.', '/');
    }
}
