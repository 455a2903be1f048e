package io.liveupdate.revision;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Class files of any git revision without a checkout: reads the revision's project model from its build files
 * ({@link ProjectModelReader}), then compiles each module in reactor order with in-process javac over the revision's
 * git objects. The working tree and index are never touched.
 *
 * <p>Two modes give the same bytes. {@link #compile(ObjectId)} compiles every module from all its sources.
 * {@link #compileIncremental(ObjectId, RevisionResult.Compiled)} derives a revision's class files from another
 * revision's result by recompiling only the sources whose class files can change:
 *
 * <ol>
 *   <li>changed and added sources (the class files of deleted and changed sources are dropped first);
 *   <li>users, by name, of anything whose ABI changed ({@link ClassAbi}): sources that mention a changed member name
 *       or the simple name of a changed, added or removed type ({@link SourceNames}: this covers inlined constants,
 *       overloads and simple names a new type may shadow), and classes whose constant pool refers to such a member
 *       name or type ({@link ClassRefs}: implicit uses such as {@code iterator()} in an enhanced for, or nested-class
 *       flags copied into InnerClasses);
 *   <li>all transitive subclasses and implementers of a type whose ABI changed, across modules;
 *   <li>repeated until a round changes no ABI; a module whose spec changed (a build file changed) is compiled in
 *       full, and so is a module whose incremental compile failed (so failures report what a full build reports).
 * </ol>
 *
 * <p>A module whose build configures annotation processors, generated sources or bytecode plugins cannot be reproduced
 * in memory; unless disabled, such a revision is built by the project's own Maven in a temporary export
 * ({@link MavenFallback}) and the result says {@link BuildMode#MAVEN}.
 *
 * <p>Keeps javac warm: one compiler, file managers per dependency classpath, one JGit {@link ObjectReader}, blob and
 * ABI caches. Not thread-safe: use one instance per thread (they may share the {@link Repository}).
 */
public final class RevisionCompiler implements AutoCloseable {
    /** Told when a revision goes to its own Maven build (so a front end can say so, and show progress). */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called before the fallback runs.
         *
         * @param maven which Maven runs ({@code "Maven 3.9.16"}, {@code "the repository's mvnw"})
         * @param reasons why, each {@code artifactId:goal@phase (why)}
         */
        void fallback(ObjectId commit, String maven, List<String> reasons);

        Listener NONE = (commit, maven, reasons) -> {};
    }

    /**
     * Options of a compiler.
     *
     * @param classpath when not null, every module's dependency classpath (no resolution)
     * @param module when not null, the repository-relative directory of the only module to report (its reactor
     *     dependencies are compiled too)
     * @param mavenFallback whether a revision that in-memory javac cannot reproduce exactly goes to its own Maven
     *     build (then only when {@code trustBuild}); off, every revision compiles in memory and the result lists its
     *     {@link RevisionResult.Compiled#deviations()}
     * @param artifacts resolves parents, imported BOMs, dependencies, plugin descriptors and the fallback's Maven
     *     from the configured repositories; null when none is configured (then only revisions that need nothing
     *     from outside, or a {@code classpath}, can be compiled)
     * @param mavenExecutable a Maven for the fallback to run instead of the default (the repository's own
     *     {@code mvnw} when it has one, else Maven {@link MavenDistribution#PINNED} resolved as an artifact); null
     *     for the default. A Maven from the PATH is never used.
     * @param trustBuild whether the repository's build may run (its plugins, processors and {@code mvnw} run
     *     code): without it, a revision that needs its own build is a {@link RevisionResult.Stage#UNTRUSTED}
     *     failure
     * @param cache liveupdate's own cache directory (committed jars as files, unpacked Maven distributions)
     * @param maxFileBytes the largest file of a revision the compiler reads (a source, a POM, a committed jar)
     * @param listener told when the fallback runs
     */
    public record Options(
            List<Path> classpath,
            String module,
            boolean mavenFallback,
            ArtifactResolver artifacts,
            Path mavenExecutable,
            boolean trustBuild,
            ToolCache cache,
            long maxFileBytes,
            Listener listener) {
        /** 32 MiB: no source file or POM comes near; a 300 MB "source" is an attack on the heap. */
        public static final long DEFAULT_MAX_FILE_BYTES = 32L << 20;

        public Options {
            classpath = classpath == null ? null : List.copyOf(classpath);
            cache = cache == null ? ToolCache.defaultCache() : cache;
            listener = listener == null ? Listener.NONE : listener;
            if (maxFileBytes <= 0) {
                throw new IllegalArgumentException("maxFileBytes must be positive");
            }
        }

        /**
         * No classpath override, every module, the fallback on but the build not trusted, no resolver, the default
         * Maven, the default cache and file limit.
         */
        public static Options defaults() {
            return new Options(null, null, true, null, null, false, null, DEFAULT_MAX_FILE_BYTES, null);
        }

        public Options withClasspath(List<Path> cp) {
            return new Options(
                    cp, module, mavenFallback, artifacts, mavenExecutable, trustBuild, cache, maxFileBytes, listener);
        }

        public Options withModule(String m) {
            return new Options(
                    classpath, m, mavenFallback, artifacts, mavenExecutable, trustBuild, cache, maxFileBytes, listener);
        }

        public Options withMavenFallback(boolean enabled) {
            return new Options(
                    classpath, module, enabled, artifacts, mavenExecutable, trustBuild, cache, maxFileBytes, listener);
        }

        public Options withArtifacts(ArtifactResolver resolver) {
            return new Options(
                    classpath,
                    module,
                    mavenFallback,
                    resolver,
                    mavenExecutable,
                    trustBuild,
                    cache,
                    maxFileBytes,
                    listener);
        }

        public Options withMavenExecutable(Path maven) {
            return new Options(
                    classpath, module, mavenFallback, artifacts, maven, trustBuild, cache, maxFileBytes, listener);
        }

        public Options withTrustBuild(boolean trusted) {
            return new Options(
                    classpath,
                    module,
                    mavenFallback,
                    artifacts,
                    mavenExecutable,
                    trusted,
                    cache,
                    maxFileBytes,
                    listener);
        }

        public Options withCache(ToolCache c) {
            return new Options(
                    classpath,
                    module,
                    mavenFallback,
                    artifacts,
                    mavenExecutable,
                    trustBuild,
                    c,
                    maxFileBytes,
                    listener);
        }

        public Options withMaxFileBytes(long max) {
            return new Options(
                    classpath, module, mavenFallback, artifacts, mavenExecutable, trustBuild, cache, max, listener);
        }

        public Options withListener(Listener l) {
            return new Options(
                    classpath, module, mavenFallback, artifacts, mavenExecutable, trustBuild, cache, maxFileBytes, l);
        }
    }

    private final Repository repository;
    private final boolean ownsRepository;
    private final Options options;
    private final ObjectReader reader;
    private final BlobCache blobs;
    private final ModuleCompiler javac;
    private final Map<ObjectId, Set<String>> namesByBlob = new HashMap<>();
    private final Map<byte[], ClassRefs> refsByClass = new WeakHashMap<>();
    private final Map<byte[], ClassAbi> abis = AbiDelta.newAbiCache();
    private ProjectModelReader modelReader;
    private ModelMemo lastModel;

    /** How many bytes of blobs one compiler keeps by default ({@link #open(Path, Options, long)} to share a budget). */
    public static final long DEFAULT_BLOB_CACHE_BYTES = 256L << 20;

    public RevisionCompiler(Repository repository, Options options) {
        this(repository, false, options, DEFAULT_BLOB_CACHE_BYTES);
    }

    private RevisionCompiler(Repository repository, boolean owns, Options options, long blobCacheBytes) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.ownsRepository = owns;
        this.options = Objects.requireNonNull(options, "options");
        this.reader = repository.newObjectReader();
        this.blobs = new BlobCache(blobCacheBytes, options.maxFileBytes());
        this.javac = new ModuleCompiler(options.cache());
    }

    /**
     * Opens the git repository at {@code dir} (a work tree or a bare repository).
     *
     * @throws RevisionException {@code NOT_A_REPOSITORY} when {@code dir} is not one
     */
    public static RevisionCompiler open(Path dir, Options options) {
        return open(dir, options, DEFAULT_BLOB_CACHE_BYTES);
    }

    /**
     * As {@link #open(Path, Options)}, keeping at most {@code blobCacheBytes} of blobs: callers that open one compiler
     * per thread give each its share of one budget, so the thread count does not multiply it.
     */
    public static RevisionCompiler open(Path dir, Options options, long blobCacheBytes) {
        if (blobCacheBytes < 0) {
            throw new IllegalArgumentException("blobCacheBytes must be >= 0");
        }
        if (!Files.isDirectory(dir)) {
            throw new RevisionException(
                    RevisionException.Reason.NOT_A_REPOSITORY, dir + ": not a git repository (no such directory)");
        }
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            if (Files.isDirectory(dir.resolve(".git")) || Files.isRegularFile(dir.resolve(".git"))) {
                builder.findGitDir(dir.toFile());
            } else {
                builder.setGitDir(dir.toFile());
            }
            Repository repo = builder.build();
            if (!repo.getObjectDatabase().exists()) {
                repo.close();
                throw new RepositoryNotFoundException(dir.toFile());
            }
            return new RevisionCompiler(repo, true, options, blobCacheBytes);
        } catch (RepositoryNotFoundException | IllegalArgumentException e) {
            throw new RevisionException(RevisionException.Reason.NOT_A_REPOSITORY, dir + ": not a git repository", e);
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.NOT_A_REPOSITORY,
                    dir + ": cannot open git repository: " + e.getMessage(),
                    e);
        }
    }

    public Repository repository() {
        return repository;
    }

    /**
     * Compiles of this compiler that run after {@code nanoTime} ({@link System#nanoTime()}; 0: none) are cancelled at
     * javac's next event and throw a {@link RevisionException.Reason#TIMEOUT} exception. May be called from another
     * thread than the one compiling.
     */
    public void deadline(long nanoTime) {
        javac.deadline(nanoTime);
    }

    /**
     * The commit {@code rev} names (any git revision string: sha, branch, tag, {@code HEAD~2}); the only place a
     * revision is a string.
     *
     * @throws RevisionException {@code UNKNOWN_REVISION} when it names no commit
     */
    public ObjectId resolve(String rev) {
        try {
            ObjectId id = repository.resolve(rev + "^{commit}");
            if (id == null) {
                throw new RevisionException(
                        RevisionException.Reason.UNKNOWN_REVISION, "unknown revision '" + rev + "' in " + describe());
            }
            return id.copy();
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException
                | org.eclipse.jgit.errors.AmbiguousObjectException
                | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new RevisionException(
                    RevisionException.Reason.UNKNOWN_REVISION,
                    "unknown revision '" + rev + "' in " + describe() + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot resolve revision '" + rev + "' in " + describe() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The commit object of {@code id} (its time, parents and tree), for services that report on revisions. */
    public RevCommit commitOf(ObjectId id) {
        return commit(id);
    }

    /** The effective project model of {@code id}, without compiling it. */
    public ProjectModel model(ObjectId id) {
        return readModel(new GitRevisionFiles(reader, commit(id).getTree(), blobs));
    }

    /** The options this compiler was opened with. */
    public Options options() {
        return options;
    }

    /** The first parent of {@code commit}, or null for a root commit. */
    public ObjectId parentOf(ObjectId commit) {
        RevCommit c = commit(commit);
        return c.getParentCount() == 0 ? null : c.getParent(0).copy();
    }

    /** Up to {@code max} commits of the first-parent chain ending at {@code tip}, oldest first. */
    public List<ObjectId> firstParentChain(ObjectId tip, int max) {
        List<ObjectId> chain = new ArrayList<>();
        ObjectId at = tip;
        while (at != null && chain.size() < max) {
            chain.add(at);
            at = parentOf(at);
        }
        java.util.Collections.reverse(chain);
        return chain;
    }

    /**
     * Compiles every module of {@code id} from all its sources, or, when in-memory javac cannot reproduce the build
     * and the repository is trusted, with its own Maven.
     */
    public RevisionResult compile(ObjectId id) {
        long t0 = System.nanoTime();
        RevCommit commit = commit(id);
        GitRevisionFiles files;
        ProjectModel model;
        List<CompileSpec> specs;
        try {
            files = new GitRevisionFiles(reader, commit.getTree(), blobs);
            model = readModel(files);
            specs = selected(model.modules());
        } catch (RevisionException e) {
            return modelFailure(commit, BuildMode.FULL, e, t0);
        }
        RevisionResult exact = exactBuild(commit, files, model, specs, t0);
        if (exact != null) {
            return exact;
        }
        Map<String, ModuleClasses> done = new LinkedHashMap<>();
        for (CompileSpec spec : specs) {
            Object r;
            try {
                r = compileModuleFull(commit, files, spec, done, t0);
            } catch (RevisionException e) {
                return modelFailure(commit, BuildMode.FULL, e, t0); // a source beyond the size limit
            }
            if (r instanceof RevisionResult.Failed f) {
                return f;
            }
            done.put(spec.key(), (ModuleClasses) r);
        }
        return compiled(commit, BuildMode.FULL, done, specs, t0);
    }

    /** Every module's reasons for its own build, each prefixed by the module ({@code core: ...}) when there are more. */
    private static List<String> reasons(List<CompileSpec> specs) {
        long modules = specs.stream().map(CompileSpec::module).distinct().count();
        Set<String> out = new LinkedHashSet<>();
        for (CompileSpec s : specs) {
            for (String r : s.fallbackReasons()) {
                out.add(modules > 1 ? (s.module().isEmpty() ? "." : s.module()) + ": " + r : r);
            }
        }
        return List.copyOf(out);
    }

    /**
     * What happens to a revision that in-memory javac cannot reproduce: null to compile in memory (no reason, or the
     * fallback is off), else the untrusted refusal or the fallback's result.
     */
    private RevisionResult exactBuild(
            RevCommit commit, GitRevisionFiles files, ProjectModel model, List<CompileSpec> specs, long t0) {
        List<String> reasons = reasons(specs);
        if (reasons.isEmpty() || !options.mavenFallback()) {
            return null;
        }
        if (!options.trustBuild()) {
            return new RevisionResult.Failed(
                    commit.copy(),
                    BuildMode.MAVEN,
                    RevisionResult.Stage.UNTRUSTED,
                    null,
                    reasons,
                    false,
                    specs,
                    millis(t0));
        }
        return MavenFallback.build(commit, files, specs, model.requiredMavenVersion(), options, reasons, t0);
    }
    /**
     * Derives the class files of {@code rev} from {@code from} (the result of another revision, typically its parent)
     * by recompiling only what can change; the bytes equal those {@link #compile(ObjectId)} gives.
     */
    public RevisionResult compileIncremental(ObjectId id, RevisionResult.Compiled from) {
        long t0 = System.nanoTime();
        RevCommit commit = commit(id);
        RevCommit base = commit(from.commit());
        if (from.mode() == BuildMode.MAVEN) {
            return compile(id);
        }
        List<Change> changes = changes(base, commit);
        GitRevisionFiles files;
        try {
            files = new GitRevisionFiles(reader, commit.getTree(), blobs);
        } catch (RevisionException e) {
            return modelFailure(commit, BuildMode.INCREMENTAL, e, t0);
        }
        boolean buildChanged = changes.stream().anyMatch(c -> isBuildFile(c.path()));
        List<CompileSpec> specs;
        if (buildChanged) {
            ProjectModel model;
            try {
                model = readModel(files);
                specs = selected(model.modules());
            } catch (RevisionException e) {
                return modelFailure(commit, BuildMode.INCREMENTAL, e, t0);
            }
            RevisionResult exact = exactBuild(commit, files, model, specs, t0);
            if (exact != null) {
                return exact;
            }
        } else {
            specs = from.specs();
        }
        Map<String, ModuleClasses> done = new LinkedHashMap<>();
        Map<String, AbiDelta> deltas = new HashMap<>();
        for (CompileSpec spec : specs) {
            ModuleClasses old = from.pass(spec.key());
            AbiDelta upstream = new AbiDelta(abis);
            spec.reactorDependencies().forEach(d -> {
                AbiDelta u = deltas.get(d);
                if (u != null) {
                    upstream.addAll(u);
                }
            });
            Object r;
            try {
                if (old != null
                        && old.spec().equals(spec)
                        && !spec.outputPrefix().isEmpty()
                        && upstream.isEmpty()
                        && changes.stream().noneMatch(c -> inRoots(c.path(), spec))) {
                    // A later execution (a multi-release pass) whose sources did not change and against whose inputs
                    // no ABI changed: javac would write the same class files.
                    r = new ModuleClasses(spec, BuildMode.INCREMENTAL, old.classes(), old.sources(), 0);
                } else if (old == null
                        || !sameCompile(old, spec)
                        || !spec.outputPrefix().isEmpty()) {
                    r = compileModuleFull(commit, files, spec, done, t0);
                } else {
                    r = compileModuleIncremental(commit, files, spec, old, changes, upstream, done, t0);
                }
            } catch (RevisionException e) {
                return modelFailure(commit, BuildMode.INCREMENTAL, e, t0);
            }
            if (r instanceof RevisionResult.Failed f) {
                return f;
            }
            ModuleClasses now = (ModuleClasses) r;
            done.put(spec.key(), now);
            AbiDelta delta = new AbiDelta(abis);
            Map<String, byte[]> before = old == null ? Map.of() : old.classes();
            Set<String> paths = new HashSet<>(before.keySet());
            paths.addAll(now.classes().keySet());
            for (String p : paths) {
                delta.add(p, before.get(p), now.classes().get(p));
            }
            deltas.put(spec.key(), delta);
        }
        return compiled(commit, BuildMode.INCREMENTAL, done, specs, t0);
    }

    /**
     * Whether {@code spec} compiles as {@code old}'s spec did, so that its class files can be derived incrementally:
     * equal specs, or specs that differ only in the project's version (a release commit) when the module holds no
     * {@code module-info.java} (the version reaches class files only as a named module's {@code --module-version}).
     */
    private static boolean sameCompile(ModuleClasses old, CompileSpec spec) {
        if (old.spec().equals(spec)) {
            return true;
        }
        if (old.sources().values().stream().anyMatch(ModuleCompiler::isModuleDescriptor)) {
            return false;
        }
        return old.spec().withVersion(null).equals(spec.withVersion(null));
    }

    /**
     * Differences between two results' class files (paths only in one, or with different bytes), for checking that
     * incremental output equals full output; empty when they are byte for byte equal.
     */
    public static List<String> differences(RevisionResult.Compiled a, RevisionResult.Compiled b) {
        List<String> diffs = new ArrayList<>();
        Map<String, byte[]> x = a.classes();
        Map<String, byte[]> y = b.classes();
        Set<String> all = new TreeSet<>(x.keySet());
        all.addAll(y.keySet());
        for (String p : all) {
            byte[] l = x.get(p);
            byte[] r = y.get(p);
            if (l == null) {
                diffs.add("only in " + b.mode() + ": " + p);
            } else if (r == null) {
                diffs.add("only in " + a.mode() + ": " + p);
            } else if (!Arrays.equals(l, r)) {
                diffs.add("bytes differ: " + p);
            }
        }
        return diffs;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Object compileModuleFull(
            ObjectId commit, GitRevisionFiles files, CompileSpec spec, Map<String, ModuleClasses> done, long t0) {
        Map<String, byte[]> sources = sources(files, spec);
        if (spec.staleSourcesOnly()) {
            // The stale-source scan of a later execution: a source whose class file an earlier one wrote is skipped.
            Set<String> written = new HashSet<>();
            done.values().stream()
                    .filter(m -> m.spec().module().equals(spec.module()))
                    .forEach(m -> written.addAll(m.classes().keySet()));
            sources.keySet().removeIf(path -> written.contains(spec.outputPrefix() + classFileOf(spec, path)));
        }
        ModuleCompiler.Outcome outcome = prefixed(
                spec,
                PackageInfoClasses.complete(
                        spec,
                        sources.keySet(),
                        javac.compile(spec, sources, upstreamClasses(spec, done), ownClasses(spec, done))));
        if (!outcome.success()) {
            return new RevisionResult.Failed(
                    commit,
                    BuildMode.FULL,
                    RevisionResult.Stage.COMPILATION,
                    spec.module(),
                    outcome.errors(),
                    false,
                    specsSoFar(done, spec),
                    millis(t0));
        }
        return new ModuleClasses(spec, BuildMode.FULL, outcome.classes(), outcome.sources(), sources.size());
    }

    private Object compileModuleIncremental(
            ObjectId commit,
            GitRevisionFiles files,
            CompileSpec spec,
            ModuleClasses old,
            List<Change> changes,
            AbiDelta upstream,
            Map<String, ModuleClasses> done,
            long t0) {
        Map<String, byte[]> classes = new HashMap<>(old.classes());
        Map<String, String> sourceOf = new HashMap<>(old.sources());
        Set<String> moduleSources = new LinkedHashSet<>();
        for (String root : spec.sourceRoots()) {
            for (String path : files.list(root, ".java")) {
                if (selects(spec, root, path)) {
                    moduleSources.add(path);
                }
            }
        }
        Set<String> batch = new TreeSet<>();
        AbiDelta initial = new AbiDelta(abis);
        initial.addAll(upstream);
        for (Change c : changes) {
            if (!c.path().endsWith(".java") || !inRoots(c.path(), spec)) {
                continue;
            }
            if (c.newId() == null) {
                for (String k : classesOf(sourceOf, c.path())) {
                    initial.add(k, classes.remove(k), null);
                    sourceOf.remove(k);
                }
            } else {
                batch.add(c.path());
            }
        }
        Map<String, byte[]> upstreamClasses = upstreamClasses(spec, done);
        batch.addAll(dependents(spec, initial, moduleSources, files, classes, sourceOf, upstreamClasses, batch));
        int compiled = 0;
        int rounds = 0;
        while (!batch.isEmpty()) {
            if (++rounds > 16) {
                return compileModuleFull(commit, files, spec, done, t0);
            }
            Map<String, byte[]> replaced = new HashMap<>();
            for (String s : batch) {
                for (String k : classesOf(sourceOf, s)) {
                    replaced.put(k, classes.remove(k));
                    sourceOf.remove(k);
                }
            }
            Map<String, byte[]> classpath = new HashMap<>(upstreamClasses);
            classpath.putAll(classes);
            Map<String, byte[]> batchSources = new TreeMap<>();
            for (String s : batch) {
                batchSources.put(s, files.bytes(files.blobId(s), s));
            }
            ModuleCompiler.Outcome outcome = PackageInfoClasses.complete(
                    spec, batchSources.keySet(), javac.compile(spec, batchSources, classpath));
            compiled += batch.size();
            boolean clash =
                    outcome.success() && outcome.classes().keySet().stream().anyMatch(classes::containsKey);
            if (!outcome.success() || clash) {
                // Let a full compile report exactly what a full build reports (a duplicate class, an error in a file
                // that was not recompiled, ...).
                return compileModuleFull(commit, files, spec, done, t0);
            }
            AbiDelta delta = new AbiDelta(abis);
            Set<String> paths = new HashSet<>(replaced.keySet());
            paths.addAll(outcome.classes().keySet());
            for (String p : paths) {
                delta.add(p, replaced.get(p), outcome.classes().get(p));
            }
            classes.putAll(outcome.classes());
            sourceOf.putAll(outcome.sources());
            // The sources of this batch were compiled together, so each already saw the others' new ABI.
            batch = new TreeSet<>(
                    dependents(spec, delta, moduleSources, files, classes, sourceOf, upstreamClasses, batch));
        }
        return new ModuleClasses(spec, BuildMode.INCREMENTAL, classes, sourceOf, compiled);
    }

    /** Sources of the module whose class files may change because of {@code delta}. */
    private Set<String> dependents(
            CompileSpec spec,
            AbiDelta delta,
            Set<String> moduleSources,
            GitRevisionFiles files,
            Map<String, byte[]> classes,
            Map<String, String> sourceOf,
            Map<String, byte[]> upstreamClasses,
            Set<String> exclude) {
        Set<String> out = new TreeSet<>();
        if (delta.isEmpty()) {
            return out;
        }
        Map<String, List<String>> bySource = new HashMap<>();
        sourceOf.forEach(
                (k, s) -> bySource.computeIfAbsent(s, x -> new ArrayList<>()).add(k));
        Map<String, Boolean> affected = new HashMap<>();
        Charset charset = charsetOf(spec);
        for (String source : moduleSources) {
            if (exclude.contains(source)) {
                continue;
            }
            if (!delta.names.isEmpty()) {
                Set<String> names = names(files, source, charset);
                if (delta.names.stream().anyMatch(names::contains)) {
                    out.add(source);
                    continue;
                }
            }
            for (String k : bySource.getOrDefault(source, List.of())) {
                ClassRefs refs = refs(classes.get(k));
                if (refs.memberNames().stream().anyMatch(delta.names::contains)
                        || refs.classes().stream().anyMatch(delta.types::contains)
                        || inheritsChanged(k.substring(0, k.length() - 6), delta, classes, upstreamClasses, affected)) {
                    out.add(source);
                    break;
                }
            }
        }
        return out;
    }

    /** Whether a supertype of {@code type} (transitively, within the compiled classes) had its ABI changed. */
    private boolean inheritsChanged(
            String type,
            AbiDelta delta,
            Map<String, byte[]> classes,
            Map<String, byte[]> upstream,
            Map<String, Boolean> memo) {
        Boolean known = memo.get(type);
        if (known != null) {
            return known;
        }
        memo.put(type, false);
        byte[] bytes = classes.get(type + ".class");
        if (bytes == null) {
            bytes = upstream.get(type + ".class");
        }
        boolean result = false;
        if (bytes != null) {
            for (String s : refs(bytes).supertypes()) {
                if (delta.abiTypes.contains(s) || inheritsChanged(s, delta, classes, upstream, memo)) {
                    result = true;
                    break;
                }
            }
        }
        memo.put(type, result);
        return result;
    }

    private ClassRefs refs(byte[] bytes) {
        return refsByClass.computeIfAbsent(bytes, ClassRefs::of);
    }

    private Set<String> names(GitRevisionFiles files, String source, Charset charset) {
        ObjectId id = files.blobId(source);
        Set<String> names = namesByBlob.get(id);
        if (names == null) {
            names = SourceNames.of(new String(files.bytes(id, source), charset));
            if (namesByBlob.size() > 200_000) {
                namesByBlob.clear();
            }
            namesByBlob.put(id.copy(), names);
        }
        return names;
    }

    private static List<String> classesOf(Map<String, String> sourceOf, String source) {
        List<String> out = new ArrayList<>();
        sourceOf.forEach((k, s) -> {
            if (s.equals(source)) {
                out.add(k);
            }
        });
        return out;
    }

    private static boolean inRoots(String path, CompileSpec spec) {
        for (String root : spec.sourceRoots()) {
            if (root.isEmpty() || path.startsWith(root + "/")) {
                return selects(spec, root, path);
            }
        }
        return false;
    }

    private static boolean isBuildFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("pom.xml") || path.startsWith(".mvn/");
    }

    private Map<String, byte[]> sources(GitRevisionFiles files, CompileSpec spec) {
        Map<String, byte[]> sources = new TreeMap<>();
        for (String root : spec.sourceRoots()) {
            for (String path : files.list(root, ".java")) {
                if (selects(spec, root, path)) {
                    sources.put(path, files.bytes(files.blobId(path), path));
                }
            }
        }
        return sources;
    }

    /**
     * Whether the execution compiles {@code path} of source root {@code root}: its includes (default
     * {@code **}{@code /*.java}) and excludes, Ant-style, as maven-compiler-plugin's source scan matches them.
     */
    static boolean selects(CompileSpec spec, String root, String path) {
        String relative = root.isEmpty() ? path : path.substring(root.length() + 1);
        boolean included = spec.includes().isEmpty()
                || spec.includes().stream()
                        .anyMatch(p -> org.codehaus.plexus.util.SelectorUtils.matchPath(p, relative, true));
        return included
                && spec.excludes().stream()
                        .noneMatch(p -> org.codehaus.plexus.util.SelectorUtils.matchPath(p, relative, true));
    }

    /** The class file a source compiles to first ({@code p/A.java} of root {@code src} gives {@code p/A.class}). */
    private static String classFileOf(CompileSpec spec, String path) {
        for (String root : spec.sourceRoots()) {
            if (root.isEmpty() || path.startsWith(root + "/")) {
                String relative = root.isEmpty() ? path : path.substring(root.length() + 1);
                return relative.substring(0, relative.length() - ".java".length()) + ".class";
            }
        }
        return path;
    }

    /** A multi-release execution's class files go under its {@code META-INF/versions/<release>/}. */
    private static ModuleCompiler.Outcome prefixed(CompileSpec spec, ModuleCompiler.Outcome outcome) {
        if (spec.outputPrefix().isEmpty() || !outcome.success()) {
            return outcome;
        }
        Map<String, byte[]> classes = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        outcome.classes().forEach((k, v) -> classes.put(spec.outputPrefix() + k, v));
        outcome.sources().forEach((k, v) -> sources.put(spec.outputPrefix() + k, v));
        return new ModuleCompiler.Outcome(true, classes, sources, outcome.errors());
    }

    /** The base class files earlier compile executions of the spec's own module wrote. */
    private static Map<String, byte[]> ownClasses(CompileSpec spec, Map<String, ModuleClasses> done) {
        Map<String, byte[]> own = new TreeMap<>();
        for (String dep : spec.reactorDependencies()) {
            ModuleClasses m = done.get(dep);
            if (m != null && m.spec().module().equals(spec.module())) {
                m.classes().forEach((path, bytes) -> {
                    if (!path.startsWith("META-INF/versions/")) {
                        own.put(path, bytes);
                    }
                });
            }
        }
        return own;
    }

    private static Map<String, byte[]> upstreamClasses(CompileSpec spec, Map<String, ModuleClasses> done) {
        Map<String, byte[]> cp = new HashMap<>();
        // Later entries win, as a later execution's class files overwrite an earlier one's in target/classes; the
        // versioned ones of a multi-release execution are not on the classpath (javac sees the base entries only).
        // Other modules: the first on the classpath wins, as in javac.
        for (String dep : spec.reactorDependencies()) {
            ModuleClasses m = done.get(dep);
            if (m != null) {
                boolean samePass = m.spec().module().equals(spec.module());
                m.classes().forEach((path, bytes) -> {
                    if (path.startsWith("META-INF/versions/")) {
                        return;
                    }
                    if (samePass) {
                        cp.put(path, bytes);
                    } else {
                        cp.putIfAbsent(path, bytes);
                    }
                });
            }
        }
        return cp;
    }

    private static RevisionResult compiled(
            ObjectId commit, BuildMode mode, Map<String, ModuleClasses> done, List<CompileSpec> specs, long t0) {
        // With a module filter, its reactor dependencies are kept too: an incremental step from this result needs them.
        return new RevisionResult.Compiled(
                commit, mode, new ArrayList<>(done.values()), millis(t0), null, reasons(specs));
    }

    private List<CompileSpec> selected(List<CompileSpec> all) {
        if (options.module() == null) {
            return all;
        }
        String wanted = normalizeModule(options.module());
        List<CompileSpec> targets =
                all.stream().filter(s -> s.module().equals(wanted)).toList();
        if (targets.isEmpty()) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_ARGUMENT,
                    "no module " + (wanted.isEmpty() ? "." : wanted) + " in the reactor (modules: "
                            + all.stream()
                                    .map(s -> s.module().isEmpty() ? "." : s.module())
                                    .distinct()
                                    .toList() + ")");
        }
        Map<String, CompileSpec> byKey = new HashMap<>();
        all.forEach(s -> byKey.put(s.key(), s));
        Set<String> keep = new HashSet<>();
        java.util.ArrayDeque<CompileSpec> pending = new java.util.ArrayDeque<>(targets);
        while (!pending.isEmpty()) {
            CompileSpec s = pending.removeFirst();
            if (keep.add(s.key())) {
                s.reactorDependencies().stream()
                        .map(byKey::get)
                        .filter(Objects::nonNull)
                        .forEach(pending::add);
            }
        }
        return all.stream().filter(s -> keep.contains(s.key())).toList();
    }

    /** A module path as the user may write it ("./core/", "core", ".") as the reactor names it. */
    public static String normalizeModule(String module) {
        String m = module.replace('\\', '/');
        while (m.startsWith("./")) {
            m = m.substring(2);
        }
        while (m.endsWith("/")) {
            m = m.substring(0, m.length() - 1);
        }
        return m.equals(".") ? "" : m;
    }

    private ProjectModel readModel(GitRevisionFiles files) {
        if (modelReader == null) {
            modelReader = new ProjectModelReader(options.artifacts(), options.classpath(), options.cache());
        }
        ModelMemo memo = lastModel;
        if (memo != null && memo.answersAlike(files)) {
            return memo.model();
        }
        memo = ModelMemo.read(modelReader, files); // a failure is not kept: it is read again next time
        lastModel = memo;
        return memo.model();
    }

    private RevisionResult modelFailure(ObjectId commit, BuildMode mode, RevisionException e, long t0) {
        if (e.reason() == RevisionException.Reason.TIMEOUT) {
            throw e; // the caller's deadline, not the revision's fault
        }
        return switch (e.reason()) {
            case ARTIFACTS_MISSING ->
                new RevisionResult.Failed(
                        commit,
                        mode,
                        RevisionResult.Stage.RESOLUTION,
                        null,
                        List.of(e.getMessage()),
                        true,
                        List.of(),
                        millis(t0));
            case INVALID_MODEL, UNSAFE_INPUT ->
                new RevisionResult.Failed(
                        commit,
                        mode,
                        RevisionResult.Stage.MODEL,
                        null,
                        List.of(e.getMessage()),
                        false,
                        List.of(),
                        millis(t0));
            default -> throw e;
        };
    }

    private static List<CompileSpec> specsSoFar(Map<String, ModuleClasses> done, CompileSpec failing) {
        List<CompileSpec> out = new ArrayList<>();
        done.values().forEach(m -> out.add(m.spec()));
        out.add(failing);
        return out;
    }

    private RevCommit commit(ObjectId id) {
        try (RevWalk walk = new RevWalk(reader)) {
            return walk.parseCommit(id);
        } catch (org.eclipse.jgit.errors.MissingObjectException
                | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new RevisionException(
                    RevisionException.Reason.UNKNOWN_REVISION, "no commit " + id.name() + " in " + describe(), e);
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot read commit " + id.name() + " in " + describe() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The repository's name for messages: its directory's name, never a path; "repository" when it has none. */
    String describe() {
        java.io.File dir = repository.isBare() ? repository.getDirectory() : repository.getWorkTree();
        if (dir == null) {
            return "repository"; // an in-memory repository
        }
        Path name = dir.toPath().getFileName();
        if (name != null && name.toString().equals(".git") && dir.getParentFile() != null) {
            name = dir.getParentFile().toPath().getFileName();
        }
        return name == null ? "repository" : name.toString();
    }

    /** A file that differs between two trees; a null id means the side has no such file. */
    record Change(String path, ObjectId oldId, ObjectId newId) {}

    private List<Change> changes(RevCommit from, RevCommit to) {
        List<Change> out = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(from.getTree());
            walk.addTree(to.getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) {
                ObjectId a = walk.getFileMode(0).getBits() == 0 ? null : walk.getObjectId(0);
                ObjectId b = walk.getFileMode(1).getBits() == 0 ? null : walk.getObjectId(1);
                out.add(new Change(walk.getPathString(), a, b));
            }
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot diff " + from.name() + " and " + to.name(), e);
        }
        return out;
    }

    static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static Charset charsetOf(CompileSpec spec) {
        try {
            return spec.encoding() == null ? Charset.defaultCharset() : Charset.forName(spec.encoding());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void close() {
        javac.close();
        reader.close();
        if (ownsRepository) {
            repository.close();
        }
    }
}
