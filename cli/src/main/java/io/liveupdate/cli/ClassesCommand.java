package io.liveupdate.cli;

import io.liveupdate.revision.CompileSpec;
import io.liveupdate.revision.IncrementalVerification;
import io.liveupdate.revision.ModuleClasses;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.signer.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
        try (RevisionOptions.Session session = source.open()) {
            RevisionCompiler compiler = session.compiler();
            if (verifyIncremental) {
                return verify(compiler, stdout, stderr);
            }
            RevisionResult result = compiler.compile(compiler.resolve(rev));
            session.compiled();
            if (result instanceof RevisionResult.Failed failed) {
                return RevisionOptions.reportFailure(rev, failed, stderr);
            }
            RevisionResult.Compiled compiled = (RevisionResult.Compiled) result;
            List<ModuleClasses> modules = compiled.modules();
            if (source.module != null) {
                String wanted = RevisionCompiler.normalizeModule(source.module);
                modules = modules.stream()
                        .filter(m -> m.spec().module().equals(wanted))
                        .toList();
            }
            long moduleCount =
                    modules.stream().map(m -> m.spec().module()).distinct().count();
            int count = write(modules, moduleCount > 1);
            stdout.println(compiled.commit().name() + " "
                    + compiled.mode().name().toLowerCase(Locale.ROOT) + ": "
                    + count + " class files of " + moduleCount + " module(s) in " + compiled.millis() + " ms -> "
                    + out);
            stdout.println(
                    compiled.maven() != null
                            ? "  built by " + compiled.maven() + " (the repository's own build)"
                            : "  compiled in memory by javac "
                                    + Runtime.version().feature()
                                    + (compiled.deviations().isEmpty()
                                            ? ", as the repository's build compiles it"
                                            : ""));
            for (ModuleClasses m : modules) {
                CompileSpec s = m.spec();
                stdout.println("  " + (s.module().isEmpty() ? "." : s.module())
                        + (s.execution().equals("default-compile") ? "" : " #" + s.execution()) + " [" + s.origin()
                        + "] javac "
                        + String.join(" ", s.javacOptions()) + " ("
                        + s.classpath().size() + " classpath entries)");
                for (String note : s.notes()) {
                    stdout.println("    note: " + note);
                }
            }
            for (String deviation : compiled.deviations()) {
                stdout.println("  may differ from the repository's own build: " + deviation);
            }
            stdout.flush();
            return LiveUpdate.OK;
        }
    }

    /** Mismatches go to stdout, one line each; a failed verification says so in one line on stderr. */
    private int verify(RevisionCompiler compiler, PrintWriter stdout, PrintWriter stderr) {
        IncrementalVerification.Report report =
                new IncrementalVerification(compiler).verify(compiler.resolve(rev), commits);
        for (IncrementalVerification.CommitCheck check : report.commits()) {
            if (!check.agrees()) {
                List<String> d = check.differences();
                stdout.println(check.commit().name() + ": incremental differs from full: " + d.get(0)
                        + (d.size() > 1 ? " (and " + (d.size() - 1) + " more)" : ""));
            }
        }
        stdout.println("verified " + report.commits().size() + " commits up to " + rev + ": " + report.mismatches()
                + " mismatches (incremental " + report.incrementalMillis() + " ms, full " + report.fullMillis()
                + " ms in total)");
        stdout.flush();
        if (report.mismatches() > 0) {
            stderr.println("liveupdate: incremental compilation differs from full compilation at " + report.mismatches()
                    + " of " + report.commits().size() + " commits (listed on stdout)");
            stderr.flush();
            return LiveUpdate.NEGATIVE_VERDICT;
        }
        return LiveUpdate.OK;
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
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !AtomicFiles.isEmptyDirectory(absolute)) {
            throw new LiveUpdate.UsageException("--out " + out + ": already exists and is not an empty directory");
        }
    }

    /** Writes the class files into OUT, which appears only when complete. */
    private int write(List<ModuleClasses> modules, boolean nested) {
        int[] count = {0};
        AtomicFiles.writeDirectory(out, dir -> {
            for (ModuleClasses m : modules) {
                Path base = nested && !m.spec().module().isEmpty()
                        ? dir.resolve(m.spec().module())
                        : dir;
                for (Map.Entry<String, byte[]> e : m.classes().entrySet()) {
                    Path file = base.resolve(e.getKey()).normalize();
                    Files.createDirectories(file.getParent());
                    Files.write(file, e.getValue());
                    count[0]++;
                }
            }
        });
        return count[0];
    }
}
