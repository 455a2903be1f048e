package io.liveupdate.cli;

import io.liveupdate.differ.project.CompileSpec;
import io.liveupdate.differ.revision.ModuleClasses;
import io.liveupdate.differ.revision.RevisionCompiler;
import io.liveupdate.differ.revision.RevisionResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liveupdate classes}: the class files of a git revision, compiled in memory from git objects (no checkout),
 * written to a directory that appears only when complete.
 */
@Command(
        name = "classes",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the class files of a git revision, compiled from git objects without a checkout.",
            "One module: its classes go to OUT. Several: OUT/<module path>/..., unless --module picks one.",
            "Exit 0: written; 1: --verify-incremental found a difference; 2: bad input, or the revision does not"
                    + " compile (diagnostics on stderr)."
        })
final class ClassesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RevisionOptions source;

    @Option(
            names = "--rev",
            required = true,
            paramLabel = "REV",
            description = "The revision: sha, branch, tag, HEAD~3, ...")
    String rev;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the class files (must not exist, or be empty).")
    Path out;

    @Option(
            names = "--verify-incremental",
            description = "Instead of writing classes: compile the last --commits first-parent commits up to REV both"
                    + " incrementally and in full, and check the class files are byte for byte equal.")
    boolean verifyIncremental;

    @Option(
            names = "--commits",
            defaultValue = "20",
            paramLabel = "N",
            description = "How many commits --verify-incremental checks (default ${DEFAULT-VALUE}).")
    int commits;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (source.repo == null) {
            throw new LiveUpdate.UsageException("classes: missing required option '--repo=DIR'");
        }
        if (!verifyIncremental) {
            checkOut();
        }
        try (RevisionCompiler compiler = source.open()) {
            if (verifyIncremental) {
                return verify(compiler, stdout, stderr);
            }
            RevisionResult result = compiler.compile(rev);
            if (result instanceof RevisionResult.Failed failed) {
                return RevisionOptions.reportFailure(rev, failed, stderr);
            }
            RevisionResult.Compiled compiled = (RevisionResult.Compiled) result;
            List<ModuleClasses> modules = new ArrayList<>(compiled.modules());
            if (source.module != null) {
                modules = List.of(compiled.modules().stream()
                        .filter(m -> m.spec().module().equals(normalized(source.module)))
                        .findFirst()
                        .orElseThrow());
            }
            int count = write(modules);
            stdout.println(compiled.commit() + " " + compiled.mode().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + count + " class files of " + modules.size() + " module(s) in " + compiled.millis() + " ms -> "
                    + out);
            for (ModuleClasses m : modules) {
                CompileSpec s = m.spec();
                stdout.println("  " + (s.module().isEmpty() ? "." : s.module()) + " [" + s.origin() + "] javac "
                        + String.join(" ", s.javacOptions()) + " ("
                        + s.classpath().size() + " classpath entries)");
                if (!s.fallbackReasons().isEmpty()) {
                    stdout.println("    exact only with Maven: " + String.join("; ", s.fallbackReasons()));
                }
            }
            stdout.flush();
            return LiveUpdate.OK;
        }
    }

    private int verify(RevisionCompiler compiler, PrintWriter stdout, PrintWriter stderr) {
        List<String> chain = new ArrayList<>();
        String at = compiler.resolve(rev);
        while (at != null && chain.size() < Math.max(1, commits)) {
            chain.add(at);
            at = compiler.parentOf(at);
        }
        Collections.reverse(chain);
        RevisionResult previous = null;
        int mismatches = 0;
        long incrementalMs = 0;
        long fullMs = 0;
        for (String commit : chain) {
            RevisionResult full = compiler.compile(commit);
            RevisionResult incremental =
                    previous instanceof RevisionResult.Compiled c ? compiler.compileIncremental(commit, c) : full;
            fullMs += full.millis();
            incrementalMs += incremental.millis();
            List<String> diffs;
            if (full instanceof RevisionResult.Compiled f && incremental instanceof RevisionResult.Compiled i) {
                diffs = RevisionCompiler.differences(f, i);
            } else if (full.getClass() != incremental.getClass()) {
                diffs = List.of("full: " + describe(full) + ", incremental: " + describe(incremental));
            } else {
                diffs = List.of();
            }
            if (!diffs.isEmpty()) {
                mismatches++;
                stderr.println("liveupdate: " + commit + ": incremental differs from full: " + diffs.get(0)
                        + (diffs.size() > 1 ? " (and " + (diffs.size() - 1) + " more)" : ""));
            }
            previous = incremental;
        }
        stdout.println("verified " + chain.size() + " commits up to " + rev + ": " + mismatches + " mismatches"
                + " (incremental " + incrementalMs + " ms, full " + fullMs + " ms in total)");
        stdout.flush();
        stderr.flush();
        return mismatches == 0 ? LiveUpdate.OK : LiveUpdate.NEGATIVE_VERDICT;
    }

    private static String describe(RevisionResult r) {
        return r instanceof RevisionResult.Failed f ? "failed (" + f.message() + ")" : "compiled";
    }

    private void checkOut() {
        if (out == null) {
            throw new LiveUpdate.UsageException("classes: missing required option '--out=DIR'");
        }
        Path absolute = out.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new LiveUpdate.UsageException("--out " + out + ": parent directory does not exist");
        }
        if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
            throw new LiveUpdate.UsageException("--out " + out + ": already exists and is not an empty directory");
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes into a temporary sibling of OUT, then moves it into place: OUT is complete or absent. */
    private int write(List<ModuleClasses> modules) {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
            int count = 0;
            boolean nested = modules.size() > 1;
            for (ModuleClasses m : modules) {
                Path base = nested && !m.spec().module().isEmpty()
                        ? tmp.resolve(m.spec().module())
                        : tmp;
                for (Map.Entry<String, byte[]> e : m.classes().entrySet()) {
                    Path file = base.resolve(e.getKey()).normalize();
                    Files.createDirectories(file.getParent());
                    Files.write(file, e.getValue());
                    count++;
                }
            }
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort on a temporary directory.
        }
    }

    private static String normalized(String m) {
        String s = m.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }
}
