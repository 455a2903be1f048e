package io.liveupdate.differ.oracle;

import java.util.Map;

/**
 * Defines the classes of one build from their bytes, child-first, so the JVM sees exactly that build and every
 * oracle case starts from fresh, never redefined classes. Used by the oracle suite and bench/RealWorldOracle.
 */
public final class BuildLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    /** @param classes class bytes by binary name */
    public BuildLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && classes.containsKey(name)) {
                byte[] b = classes.get(name);
                c = defineClass(name, b, 0, b.length);
            }
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
