package dev.tiering.engine;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The class loader a rule compile looks names up through: the one it was given, which it asks every
 * time, except for the names that loader has already said it does not have.
 *
 * <p>A compile of the shipped rules asks for about 900 names, and nearly 700 of them name nothing:
 * Drools and the Java compiler try every simple name in each imported package in turn, and ask of
 * every dotted name whether it is a class or a package. A class loader over a flat class path (the
 * checker JVM's 240 jars, a test JVM's 300) answers each of those by looking in every jar, and
 * again at the next compile; in the test suite that was a sixth of the test JVM's CPU. A class
 * loader's class path does not change while the loader lives, so its "not here" holds.
 *
 * <p>Nothing is defined here and no answer is changed: a name is found, or not, exactly as the
 * given loader finds it. What the rules then run is loaded by their own class loader, on the given
 * one, and checked by the sandbox as before.
 */
final class KnownMisses extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Rule text can name anything: past this many names for one loader, it starts afresh. */
    static final int MAX_NAMES = 50_000;

    /** Names each loader did not have. Weak keys: a loader that goes (a dev-mode reload) goes. */
    private static final Map<ClassLoader, Set<String>> MISSES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Set<String> misses;

    private KnownMisses(ClassLoader loader, Set<String> misses) {
        super(loader);
        this.misses = misses;
    }

    /** {@code loader}, with the misses it answered to earlier compiles remembered. */
    static ClassLoader over(ClassLoader loader) {
        return new KnownMisses(
                loader, MISSES.computeIfAbsent(loader, l -> ConcurrentHashMap.newKeySet()));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (misses.contains(name)) {
            throw new ClassNotFoundException(name);
        }
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            remember(name);
            throw e;
        }
    }

    @Override
    public URL getResource(String name) {
        return unlessMissing(name, getParent()::getResource);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return unlessMissing(name, getParent()::getResourceAsStream);
    }

    /** Null for a name the loader lacked before; else what {@code ask} finds, a miss remembered. */
    private <T> T unlessMissing(String name, Function<String, T> ask) {
        if (misses.contains(name)) {
            return null;
        }
        T found = ask.apply(name);
        if (found == null) {
            remember(name);
        }
        return found;
    }

    private void remember(String name) {
        if (misses.size() >= MAX_NAMES) {
            misses.clear();
        }
        misses.add(name);
    }
}
