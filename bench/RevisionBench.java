import io.liveupdate.resolver.StandaloneResolver;
import io.liveupdate.revision.RepositorySystemArtifacts;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
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
        } else {
            System.err.println("usage: RevisionBench synthetic|history [options]");
            System.exit(2);
        }
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
}
