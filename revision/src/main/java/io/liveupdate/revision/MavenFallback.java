package io.liveupdate.revision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The exact fallback for builds in-memory javac cannot reproduce (a plugin goal that changes sources or classes,
 * annotation processors, compiler options off the allow-list), for trusted repositories only: exports the revision's
 * tree from git objects to a temporary directory, runs Maven there with {@code compile} (the revision's own
 * {@code mvnw} when it has one, else the Maven {@link MavenDistribution} resolves, or the executable
 * {@link RevisionCompiler.Options#mavenExecutable()} names; never one from the PATH), reads each module's
 * {@code target/classes}, and deletes the export. Maven uses the resolver's local repository and offline setting.
 * Compile errors Maven prints as {@code /export/path/File.java:[line,col] message} become {@code path:line: message}.
 */
final class MavenFallback {
    private static final Pattern MAVEN_ERROR = Pattern.compile("^\\[ERROR\\] (/\\S+?\\.java):\\[(\\d+),\\d+\\] (.*)$");
    private static final long TIMEOUT_MINUTES = 30;

    private MavenFallback() {}

    /** The Maven to run: its command and how results name it. */
    private record Maven(List<String> command, String name) {}

    static RevisionResult build(
            RevCommit commit,
            GitRevisionFiles files,
            List<CompileSpec> specs,
            String requiredMavenVersion,
            RevisionCompiler.Options options,
            List<String> reasons,
            long t0) {
        Maven maven;
        try {
            maven = maven(files, requiredMavenVersion, options);
        } catch (RevisionException e) {
            return failed(commit, specs, List.of("maven: " + e.getMessage()), t0);
        }
        options.listener().fallback(commit.copy(), maven.name(), reasons);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("liveupdate-export-");
            export(files, dir);
            List<String> command = new ArrayList<>(maven.command());
            command.addAll(List.of("-B", "-q", "compile", "-Dmaven.test.skip=true"));
            if (options.artifacts() != null) {
                options.artifacts().localRepository().ifPresent(r -> command.add("-Dmaven.repo.local=" + r));
                if (options.artifacts().offline()) {
                    command.add("-o");
                }
            }
            Path log = dir.resolve("liveupdate-maven.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            // The JDK liveupdate runs on, not whatever JAVA_HOME the environment names.
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return failed(commit, specs, List.of("maven: no result after " + TIMEOUT_MINUTES + " minutes"), t0);
            }
            if (process.exitValue() != 0) {
                return failed(commit, specs, diagnostics(log, dir), t0);
            }
            List<ModuleClasses> modules = new ArrayList<>();
            java.util.Set<String> read = new java.util.HashSet<>();
            for (CompileSpec spec : specs) {
                if (!read.add(spec.module())) {
                    continue; // another compile execution of the same module: one target/classes holds both
                }
                Path classesDir =
                        (spec.module().isEmpty() ? dir : dir.resolve(spec.module())).resolve("target/classes");
                modules.add(new ModuleClasses(spec, BuildMode.MAVEN, readClasses(classesDir), Map.of(), -1));
            }
            return new RevisionResult.Compiled(
                    commit.copy(), BuildMode.MAVEN, modules, RevisionCompiler.millis(t0), maven.name(), List.of());
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.FALLBACK_FAILED,
                    "cannot run Maven on an export of " + commit.name() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevisionException(RevisionException.Reason.FALLBACK_FAILED, "interrupted while Maven ran", e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static Maven maven(GitRevisionFiles files, String requiredMavenVersion, RevisionCompiler.Options options) {
        if (options.mavenExecutable() != null) {
            return new Maven(
                    List.of(options.mavenExecutable().toString()),
                    options.mavenExecutable().getFileName().toString());
        }
        if (files.blobId("mvnw") != null) {
            return new Maven(List.of("sh", "mvnw"), "the repository's mvnw");
        }
        if (options.artifacts() == null) {
            throw new RevisionException(
                    RevisionException.Reason.FALLBACK_FAILED,
                    "the revision has no mvnw and no artifact resolver is configured to fetch a Maven");
        }
        String version = MavenDistribution.choose(options.artifacts(), requiredMavenVersion);
        return new Maven(
                List.of(MavenDistribution.mvn(options.artifacts(), options.cache(), version)
                        .toString()),
                "Maven " + version);
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void export(GitRevisionFiles files, Path dir) throws IOException {
        for (String path : files.all().keySet()) {
            Path target = dir.resolve(path).normalize();
            if (!target.startsWith(dir)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, files.bytes(files.blobId(path), path));
        }
    }

    private static List<String> diagnostics(Path log, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String root = dir.toString() + "/";
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = MAVEN_ERROR.matcher(line);
            if (m.matches() && out.size() < ModuleCompiler.MAX_DIAGNOSTICS) {
                String file = m.group(1).startsWith(root) ? m.group(1).substring(root.length()) : m.group(1);
                out.add(file + ":" + m.group(2) + ": " + m.group(3));
            } else if (line.startsWith("[ERROR]") && errors.size() < ModuleCompiler.MAX_DIAGNOSTICS) {
                String text = line.substring("[ERROR]".length()).trim().replace(root, "");
                if (!text.isEmpty()) {
                    errors.add("maven: " + text);
                }
            }
        }
        if (out.isEmpty()) {
            out.addAll(errors.isEmpty() ? List.of("maven: build failed (no error line)") : errors);
        }
        return out;
    }

    private static RevisionResult failed(RevCommit commit, List<CompileSpec> specs, List<String> diagnostics, long t0) {
        boolean missing = diagnostics.stream()
                .anyMatch(d -> d.contains("Could not resolve dependencies") || d.contains("Non-resolvable"));
        return new RevisionResult.Failed(
                commit.copy(),
                BuildMode.MAVEN,
                missing ? RevisionResult.Stage.RESOLUTION : RevisionResult.Stage.MAVEN,
                null,
                diagnostics,
                missing,
                specs,
                RevisionCompiler.millis(t0));
    }

    /** The {@code .class} files under {@code dir}, by path relative to it. */
    static Map<String, byte[]> readClasses(Path dir) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return classes;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
                classes.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return classes;
    }

    static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // A temporary export; the OS cleans what is left.
        }
    }
}
