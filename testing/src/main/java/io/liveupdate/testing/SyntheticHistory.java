package io.liveupdate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated codebase and its history of typical edits, every commit compilable: packages with a base class, a
 * constants class and components whose static methods call each other across packages. Edits: method bodies, an added
 * method and a caller, constant values, a new class and a user, a parameter widened or narrowed, a method renamed with
 * its callers, a class deleted with its uses, comment-only edits, and a build-file edit ({@code -parameters}
 * toggled). Used by {@code RandomHistoryTest} and by the benchmark harness ({@code bench/}).
 */
public final class SyntheticHistory {
    record Method(String name, boolean wide, int variant, List<String> calls) {}

    static final class Clazz {
        final String pkg;
        final String name;
        final boolean extendsBase;
        final List<Method> methods = new ArrayList<>();
        int comments;

        Clazz(String pkg, String name, boolean extendsBase) {
            this.pkg = pkg;
            this.name = name;
            this.extendsBase = extendsBase;
        }

        String fqn() {
            return pkg + "." + name;
        }

        String path() {
            return "src/main/java/" + pkg.replace('.', '/') + "/" + name + ".java";
        }
    }

    final Random random;
    final List<String> packages = new ArrayList<>();
    final Map<String, int[]> constants = new LinkedHashMap<>();
    final List<Clazz> classes = new ArrayList<>();
    int serial;
    boolean parameters;

    SyntheticHistory(long seed) {
        random = new Random(seed);
    }

    /**
     * Writes a repository at {@code repo} with {@code commits} commits; with {@code liveupdateRoot} non-null, the
     * first commit also holds that checkout's Maven Wrapper, so {@code ./mvnw} builds any export.
     */
    public static void generate(Path repo, Path liveupdateRoot, int classCount, int commits, long seed)
            throws Exception {
        generate(repo, liveupdateRoot, classCount, commits, seed, 0);
    }

    /**
     * As {@link #generate(Path, Path, int, int, long)}, and about {@code brokenPercent} % of the commits break the
     * build (an undefined name in one class), the next one fixing it along with its own edit, as real histories do.
     * The other edits are those of the same seed without breaks.
     */
    public static void generate(
            Path repo, Path liveupdateRoot, int classCount, int commits, long seed, int brokenPercent)
            throws Exception {
        GitHistory.deleteTree(repo);
        Random breaks = new Random(seed ^ 0x5DEECE66DL);
        SyntheticHistory s = new SyntheticHistory(seed);
        Map<String, String> initial = s.initial(classCount);
        if (liveupdateRoot != null) {
            initial.put("mvnw", Files.readString(liveupdateRoot.resolve("mvnw")));
            initial.put(
                    ".mvn/wrapper/maven-wrapper.properties",
                    Files.readString(liveupdateRoot.resolve(".mvn/wrapper/maven-wrapper.properties")));
        }
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("initial", initial);
            for (int i = 1; i < commits; i++) {
                Map<String, String> edit = new LinkedHashMap<>();
                if (i + 1 < commits && breaks.nextInt(100) < brokenPercent) {
                    Clazz c = s.classes.get(breaks.nextInt(s.classes.size()));
                    String good = s.render(c);
                    git.commit(
                            "work in progress on " + c.name,
                            Map.of(c.path(), good.replaceFirst("\\{\n", "{\n    int unfinished = notYetWritten;\n")));
                    i++;
                    edit.put(c.path(), good); // the fix, with the next edit
                }
                String message = s.edit(edit);
                git.commit(message, edit);
            }
        }
    }

    Map<String, String> initial(int classCount) {
        int packageCount = Math.max(1, classCount / 25);
        for (int p = 0; p < packageCount; p++) {
            String pkg = "com.acme.p" + p;
            packages.add(pkg);
            int[] values = new int[10];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(1000);
            }
            constants.put(pkg, values);
        }
        int perPackage = Math.max(1, (classCount - 2 * packageCount) / packageCount);
        for (String pkg : packages) {
            for (int k = 0; k < perPackage; k++) {
                classes.add(newClass(pkg));
            }
        }
        for (Clazz c : classes) {
            int n = 3 + random.nextInt(3);
            for (int m = 0; m < n; m++) {
                c.methods.add(newMethod());
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", pom());
        for (String pkg : packages) {
            files.put(path(pkg, "Base"), base(pkg));
            files.put(path(pkg, "K"), constantsClass(pkg));
        }
        for (Clazz c : classes) {
            files.put(c.path(), render(c));
        }
        return files;
    }

    Clazz newClass(String pkg) {
        return new Clazz(pkg, "Comp" + (serial++), random.nextBoolean());
    }

    Method newMethod() {
        List<String> calls = new ArrayList<>();
        int n = classes.size() < 2 ? 0 : random.nextInt(3);
        for (int i = 0; i < n; i++) {
            Clazz target = classes.get(random.nextInt(classes.size()));
            if (!target.methods.isEmpty()) {
                calls.add(target.fqn() + "#"
                        + target.methods
                                .get(random.nextInt(target.methods.size()))
                                .name());
            }
        }
        return new Method("m" + (serial++), false, random.nextInt(10_000), calls);
    }

    String edit(Map<String, String> out) {
        int roll = random.nextInt(100);
        if (roll < 58) {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                Clazz c = pick();
                int m = random.nextInt(c.methods.size());
                Method old = c.methods.get(m);
                c.methods.set(m, new Method(old.name(), old.wide(), random.nextInt(10_000), old.calls()));
                out.put(c.path(), render(c));
            }
            return "Change method bodies";
        } else if (roll < 68) {
            Clazz c = pick();
            Method added = newMethod();
            c.methods.add(added);
            out.put(c.path(), render(c));
            Clazz caller = pick();
            if (caller != c) {
                Method cm = caller.methods.get(0);
                List<String> calls = new ArrayList<>(cm.calls());
                calls.add(c.fqn() + "#" + added.name());
                caller.methods.set(0, new Method(cm.name(), cm.wide(), cm.variant(), calls));
                out.put(caller.path(), render(caller));
            }
            return "Add a method and use it";
        } else if (roll < 76) {
            String pkg = packages.get(random.nextInt(packages.size()));
            constants.get(pkg)[random.nextInt(10)] = random.nextInt(1000);
            out.put(path(pkg, "K"), constantsClass(pkg));
            return "Tune a constant";
        } else if (roll < 81) {
            String pkg = packages.get(random.nextInt(packages.size()));
            Clazz c = newClass(pkg);
            c.methods.add(newMethod());
            c.methods.add(newMethod());
            classes.add(c);
            out.put(c.path(), render(c));
            Clazz user = pick();
            if (user != c) {
                Method um = user.methods.get(user.methods.size() - 1);
                List<String> calls = new ArrayList<>(um.calls());
                calls.add(c.fqn() + "#" + c.methods.get(0).name());
                user.methods.set(user.methods.size() - 1, new Method(um.name(), um.wide(), um.variant(), calls));
                out.put(user.path(), render(user));
            }
            return "Add a class";
        } else if (roll < 86) {
            Clazz c = pick();
            int m = random.nextInt(c.methods.size());
            Method old = c.methods.get(m);
            c.methods.set(m, new Method(old.name(), !old.wide(), old.variant(), old.calls()));
            out.put(c.path(), render(c));
            return "Widen or narrow a parameter";
        } else if (roll < 90) {
            Clazz c = pick();
            int m = random.nextInt(c.methods.size());
            Method old = c.methods.get(m);
            String renamed = "m" + (serial++);
            c.methods.set(m, new Method(renamed, old.wide(), old.variant(), old.calls()));
            String from = c.fqn() + "#" + old.name();
            out.put(c.path(), render(c));
            for (Clazz other : classes) {
                boolean touched = false;
                for (int i = 0; i < other.methods.size(); i++) {
                    Method om = other.methods.get(i);
                    if (om.calls().contains(from)) {
                        List<String> calls = new ArrayList<>(om.calls());
                        calls.replaceAll(x -> x.equals(from) ? c.fqn() + "#" + renamed : x);
                        other.methods.set(i, new Method(om.name(), om.wide(), om.variant(), calls));
                        touched = true;
                    }
                }
                if (touched) {
                    out.put(other.path(), render(other));
                }
            }
            return "Rename a method and its callers";
        } else if (roll < 93 && classes.size() > 10) {
            Clazz c = pick();
            classes.remove(c);
            out.put(c.path(), null);
            String prefix = c.fqn() + "#";
            for (Clazz other : classes) {
                boolean touched = false;
                for (int i = 0; i < other.methods.size(); i++) {
                    Method om = other.methods.get(i);
                    if (om.calls().stream().anyMatch(x -> x.startsWith(prefix))) {
                        List<String> calls = new ArrayList<>(om.calls());
                        calls.removeIf(x -> x.startsWith(prefix));
                        other.methods.set(i, new Method(om.name(), om.wide(), om.variant(), calls));
                        touched = true;
                    }
                }
                if (touched) {
                    out.put(other.path(), render(other));
                }
            }
            return "Delete a class and its uses";
        } else if (roll < 98) {
            Clazz c = pick();
            c.comments++;
            out.put(c.path(), render(c));
            return "Comment";
        } else {
            parameters = !parameters;
            out.put("pom.xml", pom());
            return "Build: toggle -parameters";
        }
    }

    Clazz pick() {
        return classes.get(random.nextInt(classes.size()));
    }

    static String path(String pkg, String name) {
        return "src/main/java/" + pkg.replace('.', '/') + "/" + name + ".java";
    }

    String pom() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.acme</groupId>\n  <artifactId>synthetic</artifactId>\n"
                + "  <version>1.0-SNAPSHOT</version>\n  <properties>\n"
                + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                + "    <maven.compiler.release>17</maven.compiler.release>\n"
                + "    <maven.compiler.parameters>" + parameters + "</maven.compiler.parameters>\n  </properties>\n"
                + "  <build><pluginManagement><plugins>\n"
                + "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>\n"
                + "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>\n"
                + "  </plugins></pluginManagement></build>\n</project>\n";
    }

    static String base(String pkg) {
        return "package " + pkg + ";\n\n/** The root of this package's components. */\npublic abstract class Base {\n"
                + "    public abstract int apply(int x);\n\n    public int twice(int x) {\n        return apply(apply(x));\n    }\n}\n";
    }

    String constantsClass(String pkg) {
        StringBuilder sb = new StringBuilder("package " + pkg + ";\n\n/** Tunables. */\npublic final class K {\n");
        int[] v = constants.get(pkg);
        for (int i = 0; i < v.length; i++) {
            sb.append("    public static final int C")
                    .append(i)
                    .append(" = ")
                    .append(v[i])
                    .append(";\n");
        }
        return sb.append("\n    private K() {}\n}\n").toString();
    }

    String render(Clazz c) {
        StringBuilder sb = new StringBuilder("package " + c.pkg + ";\n\n");
        for (int i = 0; i < c.comments; i++) {
            sb.append("// revision note ").append(i).append('\n');
        }
        sb.append("/** Component ")
                .append(c.name)
                .append(". */\npublic class ")
                .append(c.name)
                .append(c.extendsBase ? " extends Base" : "")
                .append(" {\n");
        if (c.extendsBase) {
            sb.append("    @Override\n    public int apply(int x) {\n        return x + K.C")
                    .append(c.name.length() % 10)
                    .append(";\n    }\n\n");
        }
        for (Method m : c.methods) {
            sb.append("    public static int ")
                    .append(m.name())
                    .append('(')
                    .append(m.wide() ? "long" : "int")
                    .append(" x) {\n");
            sb.append("        int r = (int) x * ")
                    .append(m.variant() % 97 + 1)
                    .append(" + K.C")
                    .append(m.variant() % 10)
                    .append(";\n");
            if (m.variant() % 3 == 0) {
                sb.append("        java.util.function.IntUnaryOperator f = v -> v + ")
                        .append(m.variant() % 13)
                        .append(";\n");
                sb.append("        r = f.applyAsInt(r);\n");
            }
            for (String call : m.calls()) {
                String[] parts = call.split("#");
                sb.append("        r += ")
                        .append(parts[0])
                        .append('.')
                        .append(parts[1])
                        .append("(r);\n");
            }
            sb.append("        return r;\n    }\n\n");
        }
        sb.setLength(sb.length() - 1);
        return sb.append("}\n").toString();
    }
}
