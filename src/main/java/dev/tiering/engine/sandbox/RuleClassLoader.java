package dev.tiering.engine.sandbox;

import java.util.HashMap;
import java.util.Map;

/**
 * Defines the classes of one rule set, and only those, from their checked and instrumented
 * bytecode; everything else comes from the service's own class loader. One loader per rule set, so
 * that a superseded rule set's classes go when it does.
 */
public final class RuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /**
     * @param classes internal name ({@code rules/Rules1A2B}) → class file, as {@link Instrumenter}
     *     made it
     */
    public RuleClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
        super("rules", parent);
        this.classes = new HashMap<>();
        classes.forEach((name, bytes) -> this.classes.put(name.replace('/', '.'), bytes));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!classes.containsKey(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] b = classes.get(name);
                c = defineClass(name, b, 0, b.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }
}
