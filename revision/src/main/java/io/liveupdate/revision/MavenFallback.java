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
 * The exact fallback for builds javac alone cannot reproduce (annotation processors, generated sources, bytecode
 * plugins): exports the revision's tree from git objects to a temporary directory, runs the project's own Maven there
 * ({@code ./mvnw} when the revision has one, else {@code mvn} from the PATH, or the executable
 * {@link RevisionCompiler.Options#mavenExecutable()} names) with {@code compile}, reads each module's {@code target/classes}, and deletes the
 * export. Compile errors Maven prints as {@code /export/path/File.java:[line,col] message} become
 * {@code path:line: message}.
 */
final class MavenFallback {
    private static final Pattern MAVEN_ERROR = Pattern.compile("^\\[ERROR\\] (/\\S+?\\.java):\\[(\\d+),\\d+\\] (.*)$");
    private static final long TIMEOUT_MINUTES = 30;

    private MavenFallback() {}

    static RevisionResult build(
            RevCommit commit, GitRevisionFiles files, List<CompileSpec> specs, Path maven, long t0) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("liveupdate-export-");
            export(files, dir);
            List<String> command = command(dir, maven);
            command.addAll(List.of("-B", "-q", "compile", "-Dmaven.test.skip=true"));
            Path log = dir.resolve("liveupdate-maven.log");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return failed(commit, specs, List.of("maven: no result after " + TIMEOUT_MINUTES + " minutes"), t0);
            }
            if (process.exitValue() != 0) {
                return failed(commit, specs, diagnostics(log, dir), t0);
            }
            List<ModuleClasses> modules = new ArrayList<>();
            for (CompileSpec spec : specs) {
                Path classesDir =
                        (spec.module().isEmpty() ? dir : dir.resolve(spec.module())).resolve("target/classes");
                modules.add(new ModuleClasses(spec, BuildMode.MAVEN, readClasses(classesDir), Map.of(), -1));
            }
            return new RevisionResult.Compiled(commit.copy(), BuildMode.MAVEN, modules, RevisionCompiler.millis(t0));
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

    private static List<String> command(Path dir, Path maven) {
        List<String> command = new ArrayList<>();
        if (maven != null) {
            command.add(maven.toString());
        } else if (Files.isRegularFile(dir.resolve("mvnw"))) {
            command.add("sh");
            command.add("mvnw");
        } else {
            command.add("mvn");
        }
        return command;
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
