package io.liveupdate.revision;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one module of a revision is compiled: what Maven's compiler plugin would do for its main sources, recorded with
 * every result so a reader knows what was compiled and how.
 *
 * @param module repository-relative directory of the module ({@code ""} for the root)
 * @param groupId the module's groupId ({@code ""} for a project without a POM)
 * @param artifactId the module's artifactId (the directory name for a project without a POM)
 * @param version the module's version ({@code ""} for a project without a POM)
 * @param origin where the spec comes from: {@code "pom"} or {@code "defaults"} (no POM at the revision)
 * @param sourceRoots repository-relative directories whose {@code .java} files are the module's main sources
 * @param javacOptions the javac options Maven's compiler plugin would pass, minus paths ({@code -d},
 *     {@code -classpath}, {@code -sourcepath})
 * @param encoding the source encoding ({@code null}: the platform default, as javac would use)
 * @param classpath resolved dependency jars or directories, in Maven's classpath order
 * @param reactorDependencies modules of the same reactor this one compiles against, by {@link #module()}
 * @param fallbackReasons why compiling in memory could not reproduce Maven (annotation processors, generated sources,
 *     bytecode plugins); empty when the in-memory compiler is exact
 * @param packageInfoClasses whether a {@code package-info.class} is written for every {@code package-info.java} javac
 *     emits none for, as maven-compiler-plugin 3.10+ does ({@code createMissingPackageInfoClass})
 * @param notes what of the build was left out without changing the class files (repositories its POMs declare,
 *     which are never used), one line each
 * @param execution the compiler plugin execution this spec is ({@code default-compile} for the lifecycle's own); a
 *     module whose build compiles in several executions (multi-release builds) has one spec per execution, in the
 *     order Maven runs them, each later one compiling against the class files of the earlier ones
 * @param includes Ant-style patterns of the sources to compile, relative to a source root (empty: all)
 * @param excludes Ant-style patterns of sources not to compile
 * @param outputPrefix where the class files go in the module's output: {@code ""}, or
 *     {@code META-INF/versions/<release>/} for a {@code multiReleaseOutput} execution
 * @param staleSourcesOnly whether the execution skips sources whose class file an earlier execution already wrote
 *     (maven-compiler-plugin's stale-source scan, with {@code useIncrementalCompilation} off)
 */
public record CompileSpec(
        String module,
        String groupId,
        String artifactId,
        String version,
        String origin,
        List<String> sourceRoots,
        List<String> javacOptions,
        String encoding,
        List<Path> classpath,
        List<String> reactorDependencies,
        List<String> fallbackReasons,
        boolean packageInfoClasses,
        List<String> notes,
        String execution,
        List<String> includes,
        List<String> excludes,
        String outputPrefix,
        boolean staleSourcesOnly) {
    public CompileSpec {
        Objects.requireNonNull(module, "module");
        sourceRoots = List.copyOf(sourceRoots);
        javacOptions = List.copyOf(javacOptions);
        classpath = List.copyOf(classpath);
        reactorDependencies = List.copyOf(reactorDependencies);
        fallbackReasons = List.copyOf(fallbackReasons);
        notes = List.copyOf(notes);
        execution = execution == null ? "default-compile" : execution;
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        outputPrefix = outputPrefix == null ? "" : outputPrefix;
    }

    /**
     * The spec's identity within a revision: the module, and the execution when it is not {@code default-compile}
     * ({@code core#compile-java11}). Reactor dependencies name specs by it.
     */
    public String key() {
        return execution.equals("default-compile") ? module : module + "#" + execution;
    }

    /** This spec with other reactor dependencies. */
    public CompileSpec withReactorDependencies(List<String> dependencies) {
        return new CompileSpec(
                module,
                groupId,
                artifactId,
                version,
                origin,
                sourceRoots,
                javacOptions,
                encoding,
                classpath,
                dependencies,
                fallbackReasons,
                packageInfoClasses,
                notes,
                execution,
                includes,
                excludes,
                outputPrefix,
                staleSourcesOnly);
    }

    /** This spec with another classpath (used by {@code --classpath}, which overrides resolution). */
    public CompileSpec withClasspath(List<Path> newClasspath) {
        return new CompileSpec(
                module,
                groupId,
                artifactId,
                version,
                origin,
                sourceRoots,
                javacOptions,
                encoding,
                newClasspath,
                reactorDependencies,
                fallbackReasons,
                packageInfoClasses,
                notes,
                execution,
                includes,
                excludes,
                outputPrefix,
                staleSourcesOnly);
    }

    /** This spec with another project version (null: none). */
    public CompileSpec withVersion(String newVersion) {
        return new CompileSpec(
                module,
                groupId,
                artifactId,
                newVersion,
                origin,
                sourceRoots,
                javacOptions,
                encoding,
                classpath,
                reactorDependencies,
                fallbackReasons,
                packageInfoClasses,
                notes,
                execution,
                includes,
                excludes,
                outputPrefix,
                staleSourcesOnly);
    }

    /** A short one-line description: {@code module (groupId:artifactId) javac options}. */
    public String describe() {
        return (module.isEmpty() ? "." : module) + (execution.equals("default-compile") ? "" : " #" + execution) + " ("
                + groupId + ":" + artifactId + ") " + String.join(" ", javacOptions);
    }
}
