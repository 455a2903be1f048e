import io.liveupdate.resolver.StandaloneResolver;
import io.liveupdate.revision.RepositorySystemArtifacts;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.testing.GitHistory;
import io.liveupdate.testing.SyntheticHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
            Path repo = root.resolve("bench/scratch/synthetic");
            long t0 = System.nanoTime();
            SyntheticHistory.generate(repo, root, classes, commits, 42);
            System.out.printf("generated %d commits of a %d-class codebase in %d s%n", commits, classes,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
            measure(repo, "HEAD", commits, mavenSamples, Integer.parseInt(opts.getOrDefault("--full-samples", "50")));
        } else if (args.length > 0 && args[0].equals("history")) {
            Path repo = Path.of(opts.get("--repo"));
            measure(repo, opts.getOrDefault("--rev", "HEAD"), Integer.parseInt(opts.getOrDefault("--commits", "300")),
                    Integer.parseInt(opts.getOrDefault("--maven-samples", "0")),
                    Integer.parseInt(opts.getOrDefault("--full-samples", "20")));
        } else if (args.length > 0 && args[0].equals("fidelity")) {
            fidelity(Path.of(opts.get("--repo")), opts.getOrDefault("--rev", "HEAD"),
                    Integer.parseInt(opts.getOrDefault("--commits", "100")),
                    Integer.parseInt(opts.getOrDefault("--maven-samples", "10")), root.resolve("mvnw"));
        } else if (args.length > 0 && args[0].equals("walk")) {
            walk(root,
                    Integer.parseInt(opts.getOrDefault("--classes", "300")),
                    Integer.parseInt(opts.getOrDefault("--commits", "2000")),
                    Integer.parseInt(opts.getOrDefault("--broken-percent", "2")),
                    Integer.parseInt(opts.getOrDefault("--maven-samples", "20")));
        } else {
            System.err.println("usage: RevisionBench synthetic|history|fidelity|walk [options]");
            System.exit(2);
        }
    }

    /**
     * The history analyzer's benchmark: generates a codebase and a history of typical edits, some of which break the
     * build, then times {@code liveupdate history} on all of it (the shipped jar, with the launcher's JVM flags for
     * history, in its own process under {@code /usr/bin/time} for the peak RSS): once with an empty cache, once again
     * with that cache. The naive way for the ratio: export each of {@code mavenSamples} commits (evenly spread) and run
     * {@code ./mvnw -o -q compile} there, one build per commit (a naive walk reuses the previous commit's build as the
     * parent's).
     */
    static void walk(Path root, int classCount, int commits, int brokenPercent, int mavenSamples) throws Exception {
        Path repo = root.resolve("bench/scratch/walk-history");
        Path cache = root.resolve("bench/scratch/walk-cache");
        Path jar = root.resolve("cli/target/liveupdate.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -q package -DskipTests");
        }
        long t0 = System.nanoTime();
        SyntheticHistory.generate(repo, root, classCount, commits, 42, brokenPercent);
        System.out.printf("generated %d commits of a %d-class codebase (%d %% breaking the build) in %d s%n",
                commits, classCount, brokenPercent, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        GitHistory.deleteTree(cache);
        double perCommitMs = 0;
        for (String run : List.of("first walk (empty cache)", "second walk (same cache)")) {
            Path json = root.resolve("bench/scratch/walk-" + (run.startsWith("first") ? 1 : 2) + ".json");
            Path timing = root.resolve("bench/scratch/walk-time.txt");
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", timing.toString(),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "history", "--repo", repo.toString(), "--cache", cache.toString(), "--json", json.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(root.resolve("bench/scratch/walk.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("liveupdate history failed: "
                        + Files.readString(root.resolve("bench/scratch/walk.log")));
            }
            String[] t = Files.readString(timing).trim().split("\\s+");
            double seconds = Double.parseDouble(t[t.length - 2]);
            long rssKb = Long.parseLong(t[t.length - 1]);
            String report = Files.readString(json);
            System.out.printf("%s: %d commits in %.1f s, %.1f commits/s, peak RSS %d MB; %s%n", run, commits, seconds,
                    commits / seconds, rssKb / 1024, summaryOf(report));
            System.out.println("  " + Files.readAllLines(root.resolve("bench/scratch/walk.log")).get(0));
            if (run.startsWith("first")) {
                perCommitMs = seconds * 1000 / commits;
            }
        }
        if (mavenSamples > 0) {
            List<Long> maven = new ArrayList<>();
            try (Repository r = GitHistory.open(repo.resolve(".git")); RevWalk walk = new RevWalk(r)) {
                List<ObjectId> chain = new ArrayList<>();
                for (RevCommit c = walk.parseCommit(r.resolve("HEAD")); ; c = walk.parseCommit(c.getParent(0))) {
                    chain.add(c.copy());
                    if (c.getParentCount() == 0) {
                        break;
                    }
                }
                for (int i = 0; i < mavenSamples; i++) {
                    ObjectId id = chain.get(i * (chain.size() - 1) / Math.max(1, mavenSamples - 1));
                    try {
                        maven.add(mavenCompile(r, id));
                    } catch (IllegalStateException broken) {
                        maven.add(-1L); // a breaking commit: Maven fails too; not timed
                    }
                }
            }
            maven.removeIf(ms -> ms < 0);
            long median = median(maven);
            System.out.printf("naive: export + ./mvnw -o -q compile, %d commits: median %d ms per commit%n",
                    maven.size(), median);
            System.out.printf("ratio per commit: %.0fx (naive median %d ms / liveupdate %.1f ms)%n",
                    median / perCommitMs, median, perCommitMs);
        }
    }

    /** The summary counts and headline shares of a history report, from its JSON. */
    static String summaryOf(String json) {
        StringBuilder b = new StringBuilder();
        for (String key : List.of("attempted", "analyzed", "uncompilable", "skipped")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\" : (\\d+)").matcher(json);
            if (m.find()) {
                b.append(key).append(' ').append(m.group(1)).append(", ");
            }
        }
        java.util.regex.Matcher levels = java.util.regex.Pattern.compile("\"levels\" : \\{([^}]*)\\}").matcher(json);
        if (levels.find()) {
            b.append("levels {").append(levels.group(1).replaceAll("\\s+", " ").trim()).append('}');
        }
        return b.toString();
    }

    static void measure(Path repoDir, String rev, int commits, int mavenSamples, int fullSamples) throws Exception {
        List<Long> incremental = new ArrayList<>();
        List<Long> full = new ArrayList<>();
        List<Long> maven = new ArrayList<>();
        try (StandaloneResolver resolver = StandaloneResolver.open(StandaloneResolver.Settings.defaults())) {
            RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                    .withMavenFallback(false)
                    .withArtifacts(new RepositorySystemArtifacts(resolver.system(), resolver.session()));
            measure(repoDir, rev, commits, mavenSamples, fullSamples, options, incremental, full, maven);
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

    static void measure(Path repoDir, String rev, int commits, int mavenSamples, int fullSamples,
            RevisionCompiler.Options options, List<Long> incremental, List<Long> full, List<Long> maven)
            throws Exception {
        int mismatches = 0;
        int failed = 0;
        int compared = 0;
        try (RevisionCompiler compiler = RevisionCompiler.open(repoDir, options);
                RevisionCompiler fullCompiler = RevisionCompiler.open(repoDir, options)) {
            List<ObjectId> chain = compiler.firstParentChain(compiler.resolve(rev), commits);
            int fullEvery = Math.max(1, chain.size() / Math.max(1, fullSamples));
            // Warm both compilers up on the first commits (JIT, jar indexes, resolution cache).
            for (int i = 0; i < Math.min(3, chain.size()); i++) {
                fullCompiler.compile(chain.get(i));
            }
            RevisionResult previous = compiler.compile(chain.get(0));
            for (int i = 1; i < chain.size(); i++) {
                ObjectId commit = chain.get(i);
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
    static long mavenCompile(Repository repo, ObjectId commit) throws Exception {
        Path dir = Files.createTempDirectory("liveupdate-bench-export-");
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            RevCommit c = walk.parseCommit(commit);
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

    /**
     * With default options (the fallback on, the repository not trusted), how many of the last {@code commits}
     * first-parent commits compile in memory, why the others do not, and, for {@code mavenSamples} of those that do
     * (evenly spread), whether every class file is byte-identical to what this project's Maven Wrapper (Maven 3.9.16)
     * writes for an export of the same commit.
     */
    static void fidelity(Path repoDir, String rev, int commits, int mavenSamples, Path wrapper) throws Exception {
        try (StandaloneResolver resolver = StandaloneResolver.open(StandaloneResolver.Settings.defaults())) {
            RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                    .withArtifacts(new RepositorySystemArtifacts(resolver.system(), resolver.session()));
            try (RevisionCompiler compiler = RevisionCompiler.open(repoDir, options)) {
                List<ObjectId> chain = compiler.firstParentChain(compiler.resolve(rev), commits);
                Map<String, Integer> outcomes = new java.util.TreeMap<>();
                Map<String, Integer> reasons = new java.util.TreeMap<>();
                List<ObjectId> inMemory = new ArrayList<>();
                RevisionResult previous = null;
                long t0 = System.nanoTime();
                for (ObjectId commit : chain) {
                    RevisionResult r = previous instanceof RevisionResult.Compiled c
                            ? compiler.compileIncremental(commit, c)
                            : compiler.compile(commit);
                    String outcome;
                    if (r instanceof RevisionResult.Compiled c) {
                        outcome = "in memory";
                        inMemory.add(commit);
                    } else {
                        RevisionResult.Failed f = (RevisionResult.Failed) r;
                        outcome = f.stage().name();
                        for (String d : f.stage() == RevisionResult.Stage.UNTRUSTED ? f.diagnostics() : List.of(f.message())) {
                            reasons.merge(d.length() > 160 ? d.substring(0, 160) : d, 1, Integer::sum);
                        }
                    }
                    outcomes.merge(outcome, 1, Integer::sum);
                    previous = r;
                }
                String name = repoDir.getFileName().toString().equals("repo")
                        ? repoDir.getParent().getFileName().toString()
                        : repoDir.getFileName().toString();
                System.out.printf("%s: %d first-parent commits up to %s in %d s: %s%n", name,
                        chain.size(), rev, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), outcomes);
                reasons.forEach((reason, n) -> System.out.printf("  %3d x %s%n", n, reason));
                int step = Math.max(1, inMemory.size() / Math.max(1, mavenSamples));
                int identical = 0;
                int compared = 0;
                for (int i = step / 2; i < inMemory.size() && compared < mavenSamples; i += step) {
                    ObjectId commit = inMemory.get(i);
                    RevisionResult.Compiled ours = (RevisionResult.Compiled) compiler.compile(commit);
                    Map<String, Map<String, byte[]>> maven = mavenClasses(compiler.repository(), commit, wrapper, ours);
                    compared++;
                    String difference = null;
                    int classFiles = 0;
                    for (Map.Entry<String, Map<String, byte[]>> module : maven.entrySet()) {
                        Map<String, byte[]> mine = new java.util.TreeMap<>();
                        ours.modules().stream()
                                .filter(m -> m.spec().module().equals(module.getKey()))
                                .forEach(m -> mine.putAll(m.classes()));
                        classFiles += module.getValue().size();
                        java.util.Set<String> all = new java.util.TreeSet<>(mine.keySet());
                        all.addAll(module.getValue().keySet());
                        for (String path : all) {
                            if (!java.util.Arrays.equals(mine.get(path), module.getValue().get(path))) {
                                difference = (module.getKey().isEmpty() ? "." : module.getKey()) + "/" + path
                                        + (mine.get(path) == null ? " only Maven's" : module.getValue().get(path) == null
                                                ? " only ours" : " differs");
                                break;
                            }
                        }
                    }
                    if (difference == null) {
                        identical++;
                    }
                    System.out.printf("  %s: %d class files, %s%n", commit.abbreviate(8).name(), classFiles,
                            difference == null ? "byte-identical to Maven's" : "FIRST DIFFERENCE " + difference);
                }
                System.out.printf("%s: %d of %d compiled in memory; %d of %d compared with Maven byte-identical%n",
                        name, inMemory.size(), chain.size(), identical, compared);
            }
        }
    }

    /** Every module's {@code target/classes} class files after the wrapper's {@code mvn compile} of an export. */
    static Map<String, Map<String, byte[]>> mavenClasses(
            Repository repo, ObjectId commit, Path wrapper, RevisionResult.Compiled ours) throws Exception {
        Path dir = Files.createTempDirectory("liveupdate-fidelity-export-");
        try {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
                    TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(walk.parseCommit(commit).getTree());
                tw.setRecursive(true);
                while (tw.next()) {
                    Path f = dir.resolve(tw.getPathString()).normalize();
                    if (!f.startsWith(dir) || tw.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                        continue;
                    }
                    Files.createDirectories(f.getParent());
                    Files.write(f, reader.open(tw.getObjectId(0)).getBytes());
                }
            }
            // The log lives outside the export: a file in it would fail checks such as apache-rat's.
            Path log = Files.createTempFile("liveupdate-fidelity-", ".log");
            Process p = new ProcessBuilder(wrapper.toString(), "-q", "-B", "compile", "-Dmaven.test.skip=true")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ok = p.waitFor(20, TimeUnit.MINUTES) && p.exitValue() == 0;
            String firstError = Files.readString(log).lines().filter(l -> l.contains("ERROR")).findFirst().orElse("?");
            Files.delete(log);
            if (!ok) {
                throw new IllegalStateException("maven failed on " + commit.name() + ": " + firstError);
            }
            Map<String, Map<String, byte[]>> out = new java.util.TreeMap<>();
            for (String module : ours.modules().stream().map(m -> m.spec().module()).distinct().toList()) {
                Path classes = (module.isEmpty() ? dir : dir.resolve(module)).resolve("target/classes");
                Map<String, byte[]> files = new java.util.TreeMap<>();
                if (Files.isDirectory(classes)) {
                    try (Stream<Path> w = Files.walk(classes)) {
                        for (Path f : (Iterable<Path>) w.filter(x -> x.toString().endsWith(".class"))::iterator) {
                            files.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                        }
                    }
                }
                out.put(module, files);
            }
            return out;
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
