import io.liveupdate.differ.revision.RevisionCompiler;
import io.liveupdate.differ.revision.RevisionResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Benchmark of the revision compiler: per-commit milliseconds of incremental compilation over a history, of warm full
 * compilation, and of {@code ./mvnw -o -q compile} on a temporary export, all in one run.
 *
 * <p>{@code synthetic}: generates a codebase (12 packages, ~300 classes with a class hierarchy, constants, cross-package
 * calls) and a history of typical edits (method bodies, added methods, constant changes, new classes, signature
 * changes and renames with their callers, deletions, comment-only edits, build-file edits), then measures it.
 * {@code history}: measures the first-parent history of an existing repository up to a revision.
 */
public final class RevisionBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        Path root = Path.of("").toAbsolutePath();
        if (args.length > 0 && args[0].equals("synthetic")) {
            int classes = Integer.parseInt(opts.getOrDefault("--classes", "300"));
            int commits = Integer.parseInt(opts.getOrDefault("--commits", "1000"));
            int mavenSamples = Integer.parseInt(opts.getOrDefault("--maven-samples", "20"));
            Path repo = root.resolve("bench/work/synthetic");
            long t0 = System.nanoTime();
            Synthetic.generate(repo, root, classes, commits, 42);
            System.out.printf("generated %d commits of a %d-class codebase in %d s%n", commits, classes,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
            measure(repo, "HEAD", commits, mavenSamples, true);
        } else if (args.length > 0 && args[0].equals("history")) {
            Path repo = Path.of(opts.get("--repo"));
            measure(repo, opts.getOrDefault("--rev", "HEAD"), Integer.parseInt(opts.getOrDefault("--commits", "300")),
                    Integer.parseInt(opts.getOrDefault("--maven-samples", "0")), false);
        } else {
            System.err.println("usage: RevisionBench synthetic|history [options]");
            System.exit(2);
        }
    }

    static void measure(Path repoDir, String rev, int commits, int mavenSamples, boolean synthetic) throws Exception {
        List<Long> incremental = new ArrayList<>();
        List<Long> full = new ArrayList<>();
        List<Long> maven = new ArrayList<>();
        int mismatches = 0;
        int failed = 0;
        int compared = 0;
        try (RevisionCompiler compiler = RevisionCompiler.open(repoDir, RevisionCompiler.Options.defaults().withMavenFallback(false));
                RevisionCompiler fullCompiler = RevisionCompiler.open(repoDir, RevisionCompiler.Options.defaults().withMavenFallback(false))) {
            List<String> chain = new ArrayList<>();
            String at = compiler.resolve(rev);
            while (at != null && chain.size() < commits) {
                chain.add(at);
                at = compiler.parentOf(at);
            }
            Collections.reverse(chain);
            int fullEvery = Math.max(1, chain.size() / 50);
            // Warm both compilers up on the first commits (JIT, jar indexes, resolution cache).
            for (int i = 0; i < Math.min(3, chain.size()); i++) {
                fullCompiler.compile(chain.get(i));
            }
            RevisionResult previous = compiler.compile(chain.get(0));
            for (int i = 1; i < chain.size(); i++) {
                String commit = chain.get(i);
                long t = System.nanoTime();
                RevisionResult r = previous instanceof RevisionResult.Compiled c
                        ? compiler.compileIncremental(commit, c)
                        : compiler.compile(commit);
                long ms = (System.nanoTime() - t) / 1_000_000;
                if (r instanceof RevisionResult.Failed) {
                    failed++;
                } else if (previous instanceof RevisionResult.Compiled) {
                    incremental.add(ms);
                }
                if (i % fullEvery == 0) {
                    long f0 = System.nanoTime();
                    RevisionResult f = fullCompiler.compile(commit);
                    full.add((System.nanoTime() - f0) / 1_000_000);
                    if (f instanceof RevisionResult.Compiled fc && r instanceof RevisionResult.Compiled rc) {
                        compared++;
                        if (!RevisionCompiler.differences(fc, rc).isEmpty()) {
                            mismatches++;
                            System.out.println("MISMATCH at " + commit + ": " + RevisionCompiler.differences(fc, rc).get(0));
                        }
                    } else if (f.getClass() != r.getClass()) {
                        mismatches++;
                        System.out.println("MISMATCH at " + commit + ": full " + f.getClass().getSimpleName()
                                + ", incremental " + r.getClass().getSimpleName());
                    }
                }
                previous = r;
            }
            if (mavenSamples > 0) {
                int step = Math.max(1, chain.size() / mavenSamples);
                for (int i = step / 2; i < chain.size() && maven.size() < mavenSamples; i += step) {
                    maven.add(mavenCompile(compiler.repository(), chain.get(i)));
                }
            }
            System.out.printf("%s: %d commits (%d incremental steps measured, %d uncompilable), %d full compilations compared"
                            + " with incremental: %d mismatches%n",
                    repoDir.getFileName(), chain.size(), incremental.size(), failed, compared, mismatches);
        }
        report("incremental", incremental);
        report("warm full", full);
        if (!maven.isEmpty()) {
            report("./mvnw -o -q compile of an export", maven);
        }
        if (!incremental.isEmpty() && !full.isEmpty()) {
            System.out.printf("median ratio: full / incremental = %.1fx%n", (double) median(full) / Math.max(1, median(incremental)));
        }
        if (!incremental.isEmpty() && !maven.isEmpty()) {
            System.out.printf("median ratio: maven / incremental = %.1fx%n", (double) median(maven) / Math.max(1, median(incremental)));
        }
    }

    static void report(String what, List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("%-36s n=%4d  median %6d ms  p90 %6d ms  max %6d ms%n", what, sorted.size(), median(sorted),
                sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.9) - 1)), sorted.get(sorted.size() - 1));
    }

    static long median(List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Exports the commit's tree to a temporary directory and times {@code ./mvnw -o -q compile} there. */
    static long mavenCompile(Repository repo, String commit) throws Exception {
        Path dir = Files.createTempDirectory("liveupdate-bench-export-");
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                Path f = dir.resolve(tw.getPathString());
                Files.createDirectories(f.getParent());
                Files.write(f, reader.open(tw.getObjectId(0)).getBytes());
            }
        }
        long t = System.nanoTime();
        Process p = new ProcessBuilder("sh", "mvnw", "-o", "-q", "-B", "compile")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("maven.log").toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("maven failed on " + commit + ": " + Files.readString(dir.resolve("maven.log")));
        }
        long ms = (System.nanoTime() - t) / 1_000_000;
        try (Stream<Path> w = Files.walk(dir)) {
            w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return ms;
    }

    /** A generated codebase and its history of typical edits; every commit compiles. */
    static final class Synthetic {
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

        Synthetic(long seed) {
            random = new Random(seed);
        }

        static void generate(Path repo, Path liveupdateRoot, int classCount, int commits, long seed) throws Exception {
            if (Files.exists(repo)) {
                try (Stream<Path> w = Files.walk(repo)) {
                    w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            Files.createDirectories(repo);
            Synthetic s = new Synthetic(seed);
            Map<String, String> initial = s.initial(classCount);
            initial.put("mvnw", Files.readString(liveupdateRoot.resolve("mvnw")));
            initial.put(".mvn/wrapper/maven-wrapper.properties",
                    Files.readString(liveupdateRoot.resolve(".mvn/wrapper/maven-wrapper.properties")));
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                commit(git, repo, initial, "initial");
                for (int i = 1; i < commits; i++) {
                    Map<String, String> edit = new LinkedHashMap<>();
                    String message = s.edit(edit);
                    commit(git, repo, edit, message);
                }
            }
        }

        static void commit(Git git, Path repo, Map<String, String> files, String message) throws Exception {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = repo.resolve(e.getKey());
                if (e.getValue() == null) {
                    Files.deleteIfExists(p);
                    git.rm().addFilepattern(e.getKey()).call();
                } else {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
                    git.add().addFilepattern(e.getKey()).call();
                }
            }
            git.commit().setMessage(message).setAuthor("Bench", "bench@example.org")
                    .setCommitter("Bench", "bench@example.org").setAllowEmpty(true).call();
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
                    calls.add(target.fqn() + "#" + target.methods.get(random.nextInt(target.methods.size())).name());
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
                sb.append("    public static final int C").append(i).append(" = ").append(v[i]).append(";\n");
            }
            return sb.append("\n    private K() {}\n}\n").toString();
        }

        String render(Clazz c) {
            StringBuilder sb = new StringBuilder("package " + c.pkg + ";\n\n");
            for (int i = 0; i < c.comments; i++) {
                sb.append("// revision note ").append(i).append('\n');
            }
            sb.append("/** Component ").append(c.name).append(". */\npublic class ").append(c.name)
                    .append(c.extendsBase ? " extends Base" : "").append(" {\n");
            if (c.extendsBase) {
                sb.append("    @Override\n    public int apply(int x) {\n        return x + K.C").append(c.name.length() % 10)
                        .append(";\n    }\n\n");
            }
            for (Method m : c.methods) {
                sb.append("    public static int ").append(m.name()).append('(').append(m.wide() ? "long" : "int")
                        .append(" x) {\n");
                sb.append("        int r = (int) x * ").append(m.variant() % 97 + 1).append(" + K.C").append(m.variant() % 10)
                        .append(";\n");
                if (m.variant() % 3 == 0) {
                    sb.append("        java.util.function.IntUnaryOperator f = v -> v + ").append(m.variant() % 13).append(";\n");
                    sb.append("        r = f.applyAsInt(r);\n");
                }
                for (String call : m.calls()) {
                    String[] parts = call.split("#");
                    sb.append("        r += ").append(parts[0]).append('.').append(parts[1]).append("(r);\n");
                }
                sb.append("        return r;\n    }\n\n");
            }
            sb.setLength(sb.length() - 1);
            return sb.append("}\n").toString();
        }
    }
}
