package io.liveupdate.revision;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Profile;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuilder;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.ArtifactProperties;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Reads the project model of a revision from its build files, without a checkout: Maven's model builder computes each
 * POM's effective model (parents from the same revision or from repositories, properties, dependency management,
 * profiles activated by the running JDK and system properties), then every module with sources becomes a
 * {@link CompileSpec}. External dependencies are resolved through an {@link ArtifactResolver} (cached per
 * dependency set); modules of the same reactor are never resolved as artifacts: they are listed in
 * {@link CompileSpec#reactorDependencies()} and compiled first from the same revision, and their own dependencies are
 * added to the dependent's request as Maven's reactor resolution would.
 *
 * <p>A revision without a root {@code pom.xml} gets documented defaults: one module at the root whose sources are
 * {@code src/main/java} when that directory exists, else every {@code .java} file of the tree; options {@code -g},
 * {@code --release <running JDK's feature version>}, {@code -encoding UTF-8}; no dependencies.
 *
 * <p>Known limits: file-based profile activation ({@code <activation><file>}) sees no files (profiles depending on it
 * stay inactive); {@code settings.xml} (mirrors, servers, its profiles) is not read.
 */
public final class ProjectModelReader {
    /** Where the model builder believes the revision lives; only used to make build paths relative again. */
    private static final File ROOT = new File("/liveupdate-revision");

    private final ArtifactResolver artifacts;
    private final List<Path> classpathOverride;
    private final PluginDescriptors descriptors;
    private final ToolCache treeFiles;
    private final ModelBuilder modelBuilder = new DefaultModelBuilderFactory().newInstance();
    private final Map<Path, Boolean> processorJars = new HashMap<>();

    /**
     * @param artifacts resolves external parents and dependencies; may be null when {@code classpathOverride} is given
     *     and every parent POM is in the revision
     * @param classpathOverride when not null, every module's external classpath (resolution is skipped)
     */
    public ProjectModelReader(ArtifactResolver artifacts, List<Path> classpathOverride) {
        this(artifacts, classpathOverride, ToolCache.defaultCache());
    }

    /**
     * @param cache where files a revision commits and the compile needs as files (system-scoped jars) are kept, by
     *     content
     */
    public ProjectModelReader(ArtifactResolver artifacts, List<Path> classpathOverride, ToolCache cache) {
        this.artifacts = artifacts;
        this.classpathOverride = classpathOverride == null ? null : List.copyOf(classpathOverride);
        this.descriptors = new PluginDescriptors(artifacts);
        this.treeFiles = java.util.Objects.requireNonNull(cache, "cache");
    }

    /**
     * Reads the model of the revision whose files are {@code files}.
     *
     * @throws RevisionException {@code INVALID_MODEL} when a POM cannot be built, {@code ARTIFACTS_MISSING} when a
     *     parent or dependency cannot be resolved
     */
    public ProjectModel read(RevisionFiles files) {
        if (files.read("pom.xml").isEmpty()) {
            return defaults(files);
        }
        Map<String, String> reactorPoms = scanReactor(files);
        // Per read: the same coordinates may name different POM contents at another revision.
        Map<String, Object> modelCache = new HashMap<>();
        Map<String, Model> effective = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("pom.xml"));
        while (!pending.isEmpty()) {
            String pom = pending.removeFirst();
            if (effective.containsKey(pom)) {
                continue;
            }
            Model model = build(files, pom, reactorPoms, modelCache);
            effective.put(pom, model);
            for (String module : model.getModules()) {
                String target = modulePom(files, parentDir(pom), module);
                if (target != null) {
                    pending.addLast(target);
                }
            }
        }
        Map<String, String> moduleByGa = new HashMap<>();
        effective.forEach(
                (pom, model) -> moduleByGa.put(ga(model.getGroupId(), model.getArtifactId()), parentDir(pom)));
        Map<String, Model> byModule = new LinkedHashMap<>();
        effective.forEach((pom, model) -> byModule.put(parentDir(pom), model));

        List<CompileSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Model> e : byModule.entrySet()) {
            Model model = e.getValue();
            if ("pom".equals(model.getPackaging())) {
                continue;
            }
            specs.addAll(specs(files, e.getKey(), model, byModule, moduleByGa));
        }
        return new ProjectModel(
                reactorOrder(expandModuleDependencies(specs)),
                new ArrayList<>(effective.keySet()),
                requiredMavenVersion(effective.get("pom.xml")));
    }

    /** The version range of the enforcer's {@code requireMavenVersion} rule in {@code model}, or null. */
    static String requiredMavenVersion(Model model) {
        if (model == null || model.getBuild() == null) {
            return null;
        }
        for (Plugin p : model.getBuild().getPlugins()) {
            if (!"maven-enforcer-plugin".equals(p.getArtifactId())) {
                continue;
            }
            List<Object> configs = new ArrayList<>();
            configs.add(p.getConfiguration());
            p.getExecutions().forEach(e -> configs.add(e.getConfiguration()));
            for (Object c : configs) {
                if (c instanceof org.codehaus.plexus.util.xml.Xpp3Dom dom && dom.getChild("rules") != null) {
                    org.codehaus.plexus.util.xml.Xpp3Dom rule =
                            dom.getChild("rules").getChild("requireMavenVersion");
                    if (rule != null
                            && rule.getChild("version") != null
                            && rule.getChild("version").getValue() != null) {
                        return rule.getChild("version").getValue().trim();
                    }
                }
            }
        }
        return null;
    }

    private ProjectModel defaults(RevisionFiles files) {
        String root = files.isDirectory("src/main/java") ? "src/main/java" : "";
        List<String> options =
                List.of("-g", "--release", Integer.toString(Runtime.version().feature()), "-encoding", "UTF-8");
        String name = "project";
        CompileSpec spec = new CompileSpec(
                "",
                "",
                name,
                "",
                "defaults",
                List.of(root),
                options,
                "UTF-8",
                classpathOverride == null ? List.of() : classpathOverride,
                List.of(),
                List.of(),
                false,
                List.of(),
                null,
                List.of(),
                List.of(),
                "",
                false);
        return new ProjectModel(List.of(spec), List.of());
    }

    /** The module's compile specs: one per compiler execution, in the order Maven runs them. */
    private List<CompileSpec> specs(
            RevisionFiles files,
            String module,
            Model model,
            Map<String, Model> byModule,
            Map<String, String> moduleByGa) {
        List<String> fallback = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String mainRoot = sourceRoot(files, module, model);
        String output = buildPath(
                module, model.getBuild() == null ? null : model.getBuild().getOutputDirectory());
        if (output == null) {
            output = resolve(module, "target/classes");
        }
        BuildPlan.Result plan =
                BuildPlan.of(model, descriptors, dir -> repositoryPath(module, dir), List.of(mainRoot), output);
        fallback.addAll(plan.fallbackReasons());
        List<String> roots = new ArrayList<>(List.of(mainRoot));
        plan.addedSourceRoots().stream().filter(r -> !roots.contains(r)).forEach(roots::add);
        List<String> declared = model.getRepositories().stream()
                .map(Repository::getId)
                .filter(id -> !"central".equals(id))
                .toList();
        if (!declared.isEmpty()) {
            notes.add("repositories its POMs declare are not used, only the configured ones: "
                    + String.join(", ", declared));
        }
        Set<String> reactorDeps = new LinkedHashSet<>();
        List<org.eclipse.aether.graph.Dependency> external = new ArrayList<>();
        collectDependencies(model, module, byModule, moduleByGa, reactorDeps, external, new LinkedHashSet<>(), true);
        external = systemDependencies(files, module, external, fallback);
        List<Path> classpath;
        if (classpathOverride != null) {
            classpath = classpathOverride;
        } else {
            List<org.eclipse.aether.graph.Dependency> managed = new ArrayList<>();
            if (model.getDependencyManagement() != null) {
                for (Dependency d : model.getDependencyManagement().getDependencies()) {
                    if (!"system".equals(d.getScope())) {
                        managed.add(toAether(d, List.of()));
                    }
                }
            }
            classpath = requireArtifacts().compileClasspath(external, managed, List.of());
        }
        List<CompileSpec> specs = new ArrayList<>();
        List<CompilerPluginOptions> passes = CompilerPluginOptions.passes(model);
        for (int i = 0; i < passes.size(); i++) {
            CompilerPluginOptions compiler = passes.get(i);
            List<String> reasons = new ArrayList<>(i == 0 ? fallback : List.of());
            reasons.addAll(compiler.fallbackReasons);
            if (!compiler.processingDisabled) {
                for (Path entry : classpath) {
                    if (providesProcessors(entry)) {
                        reasons.add(compiler.reason("classpath entry " + entry.getFileName()
                                + " registers annotation processors, which javac runs by default"));
                    }
                }
            }
            List<String> passRoots = roots;
            if (!compiler.compileSourceRoots.isEmpty()) {
                passRoots = new ArrayList<>();
                for (String r : compiler.compileSourceRoots) {
                    String root = repositoryPath(module, r);
                    if (root == null) {
                        throw new RevisionException(
                                RevisionException.Reason.UNSAFE_INPUT,
                                resolve(module, "pom.xml") + ": compileSourceRoot " + relativeToRoot(r)
                                        + " is outside the repository");
                    }
                    passRoots.add(root);
                }
            }
            Set<String> deps = new LinkedHashSet<>(reactorDeps);
            if (!specs.isEmpty()) {
                specs.forEach(earlier -> deps.add(earlier.key())); // earlier passes' class files are on the classpath
            }
            specs.add(new CompileSpec(
                    module,
                    model.getGroupId(),
                    model.getArtifactId(),
                    model.getVersion(),
                    "pom",
                    passRoots,
                    compiler.options,
                    compiler.encoding,
                    classpath,
                    List.copyOf(deps),
                    reasons,
                    compiler.packageInfoClasses,
                    passNotes(i == 0 ? notes : List.of(), compiler.notes),
                    compiler.execution,
                    compiler.includes,
                    compiler.excludes,
                    compiler.outputPrefix,
                    compiler.staleSourcesOnly));
        }
        return specs;
    }

    private static List<String> passNotes(List<String> module, List<String> pass) {
        List<String> all = new ArrayList<>(module);
        pass.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return all;
    }

    /**
     * System-scoped dependencies are files: one committed in the revision's tree is copied (by content) into the
     * tool's cache and used from there; one elsewhere on this machine is never opened, and the module needs its own
     * build for it.
     */
    private List<org.eclipse.aether.graph.Dependency> systemDependencies(
            RevisionFiles files,
            String module,
            List<org.eclipse.aether.graph.Dependency> dependencies,
            List<String> fallback) {
        List<org.eclipse.aether.graph.Dependency> out = new ArrayList<>();
        for (org.eclipse.aether.graph.Dependency d : dependencies) {
            if (!"system".equals(d.getScope())) {
                out.add(d);
                continue;
            }
            String coordinates =
                    d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId();
            String systemPath = d.getArtifact().getProperty(ArtifactProperties.LOCAL_PATH, null);
            String inTree = systemPath == null ? null : repositoryPath(module, systemPath);
            java.util.Optional<byte[]> bytes = inTree == null ? java.util.Optional.empty() : files.read(inTree);
            if (bytes.isEmpty()) {
                fallback.add("dependency " + coordinates + " (system scope, its systemPath "
                        + (inTree == null ? "is outside the repository" : inTree + " is not in the revision") + ")");
                continue;
            }
            Path copy = treeFiles.store(bytes.get(), ".jar");
            out.add(d.setArtifact(d.getArtifact()
                    .setFile(copy.toFile())
                    .setProperties(Map.of(ArtifactProperties.LOCAL_PATH, copy.toString()))));
        }
        return out;
    }

    /** The repository path a directory the POM names stands for: null when outside the revision. */
    private static String repositoryPath(String module, String dir) {
        String root = ROOT.getPath().replace('\\', '/');
        String normalized = dir.replace('\\', '/');
        if (normalized.equals(root)) {
            return "";
        }
        if (normalized.startsWith(root + "/")) {
            return normalize(normalized.substring(root.length() + 1));
        }
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
            return null;
        }
        return resolve(module, normalized);
    }

    private static String buildPath(String module, String dir) {
        return dir == null ? null : repositoryPath(module, dir);
    }

    /** Direct and reactor-inherited dependencies on the compile classpath, split into reactor modules and the rest. */
    private void collectDependencies(
            Model model,
            String module,
            Map<String, Model> byModule,
            Map<String, String> moduleByGa,
            Set<String> reactorDeps,
            List<org.eclipse.aether.graph.Dependency> external,
            Set<String> visited,
            boolean direct) {
        if (!visited.add(module)) {
            return;
        }
        for (Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? "compile" : d.getScope();
            boolean onClasspath = direct
                    ? Set.of("compile", "provided", "system").contains(scope)
                    : "compile".equals(scope) && !d.isOptional();
            if (!onClasspath) {
                continue;
            }
            String sibling = moduleByGa.get(ga(d.getGroupId(), d.getArtifactId()));
            if (sibling != null && (d.getType() == null || "jar".equals(d.getType())) && d.getClassifier() == null) {
                reactorDeps.add(sibling);
                collectDependencies(
                        byModule.get(sibling), sibling, byModule, moduleByGa, reactorDeps, external, visited, false);
            } else {
                List<Exclusion> exclusions = new ArrayList<>();
                d.getExclusions()
                        .forEach(x -> exclusions.add(new Exclusion(x.getGroupId(), x.getArtifactId(), "*", "*")));
                external.add(toAether(d, exclusions));
            }
        }
    }

    private static org.eclipse.aether.graph.Dependency toAether(Dependency d, List<Exclusion> exclusions) {
        String type = d.getType() == null ? "jar" : d.getType();
        String extension = "test-jar".equals(type) ? "jar" : "pom".equals(type) ? "pom" : "jar";
        String classifier = d.getClassifier() != null ? d.getClassifier() : "test-jar".equals(type) ? "tests" : "";
        Map<String, String> props =
                d.getSystemPath() == null ? Map.of() : Map.of(ArtifactProperties.LOCAL_PATH, d.getSystemPath());
        DefaultArtifact artifact = new DefaultArtifact(
                d.getGroupId(), d.getArtifactId(), classifier, extension, d.getVersion(), props, (File) null);
        List<Exclusion> all = new ArrayList<>(exclusions);
        if (exclusions.isEmpty()) {
            d.getExclusions().forEach(x -> all.add(new Exclusion(x.getGroupId(), x.getArtifactId(), "*", "*")));
        }
        return new org.eclipse.aether.graph.Dependency(
                artifact, d.getScope() == null ? "compile" : d.getScope(), d.isOptional(), all);
    }

    private ArtifactResolver requireArtifacts() {
        if (artifacts == null) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_ARGUMENT,
                    "the revision has dependencies, but no artifact resolver and no classpath are configured");
        }
        return artifacts;
    }

    /** Whether a jar or directory registers annotation processors (javac discovers and runs them by default). */
    private boolean providesProcessors(Path entry) {
        return processorJars.computeIfAbsent(entry, e -> {
            String service = "META-INF/services/javax.annotation.processing.Processor";
            if (Files.isDirectory(e)) {
                return Files.isRegularFile(e.resolve(service));
            }
            if (!Files.isRegularFile(e)) {
                return false;
            }
            try (ZipFile zip = new ZipFile(e.toFile())) {
                return zip.getEntry(service) != null;
            } catch (IOException notAZip) {
                return false;
            }
        });
    }

    /** The sourceDirectory as the module's own POM writes it (the effective one is already resolved). */
    private static String asWritten(RevisionFiles files, String module, String effective) {
        Model raw = readRaw(files, resolve(module, "pom.xml"));
        if (raw != null && raw.getBuild() != null && raw.getBuild().getSourceDirectory() != null) {
            return raw.getBuild().getSourceDirectory().trim();
        }
        return relativeToRoot(effective);
    }

    private static String sourceRoot(RevisionFiles files, String module, Model model) {
        String dir = model.getBuild() == null ? null : model.getBuild().getSourceDirectory();
        if (dir == null) {
            return resolve(module, "src/main/java");
        }
        String root = repositoryPath(module, dir);
        if (root == null) {
            throw new RevisionException(
                    RevisionException.Reason.UNSAFE_INPUT,
                    resolve(module, "pom.xml") + ": sourceDirectory " + asWritten(files, module, dir)
                            + " is outside the repository");
        }
        return root;
    }

    /** A POM path for messages: relative to the revision when it is under the model root. */
    private static String relativeToRoot(String dir) {
        String root = ROOT.getPath().replace('\\', '/') + "/";
        return dir.replace('\\', '/').startsWith(root) ? dir.substring(root.length()) : dir;
    }

    private Model build(
            RevisionFiles files, String pom, Map<String, String> reactorPoms, Map<String, Object> modelCache) {
        DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
        request.setModelSource(GitModelSource.of(files, pom));
        request.setPomFile(new File(ROOT, pom));
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        request.setProcessPlugins(false);
        request.setTwoPhaseBuilding(false);
        request.setLocationTracking(false);
        Properties system = new Properties();
        system.putAll(System.getProperties());
        request.setSystemProperties(system);
        request.setModelResolver(new Resolver(files, reactorPoms, new ArrayList<>()));
        request.setModelCache(new MapModelCache(modelCache));
        try {
            return modelBuilder.build(request).getEffectiveModel();
        } catch (ModelBuildingException e) {
            boolean missing = false;
            String first = null;
            for (ModelProblem p : e.getProblems()) {
                if (p.getSeverity() != ModelProblem.Severity.WARNING) {
                    if (first == null) {
                        first = p.getMessage();
                    }
                    missing |= p.getException() instanceof UnresolvableModelException;
                }
            }
            throw new RevisionException(
                    missing ? RevisionException.Reason.ARTIFACTS_MISSING : RevisionException.Reason.INVALID_MODEL,
                    pom + ": " + (first == null ? RepositorySystemArtifacts.firstLine(e.getMessage()) : first),
                    e);
        }
    }

    /** groupId:artifactId:version of every POM reachable through {@code <modules>} (of any profile) to its path. */
    private static Map<String, String> scanReactor(RevisionFiles files) {
        Map<String, String> byGav = new HashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("pom.xml"));
        Set<String> seen = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            String pom = pending.removeFirst();
            if (!seen.add(pom)) {
                continue;
            }
            Model raw = readRaw(files, pom);
            if (raw == null) {
                continue;
            }
            Parent parent = raw.getParent();
            String groupId = raw.getGroupId() != null ? raw.getGroupId() : parent == null ? null : parent.getGroupId();
            String version = raw.getVersion() != null ? raw.getVersion() : parent == null ? null : parent.getVersion();
            byGav.put(groupId + ":" + raw.getArtifactId() + ":" + version, pom);
            List<String> modules = new ArrayList<>(raw.getModules());
            for (Profile profile : raw.getProfiles()) {
                modules.addAll(profile.getModules());
            }
            for (String module : modules) {
                String target = modulePom(files, parentDir(pom), module);
                if (target != null) {
                    pending.addLast(target);
                }
            }
        }
        return byGav;
    }

    private static Model readRaw(RevisionFiles files, String pom) {
        return files.read(pom)
                .map(bytes -> {
                    try {
                        return new MavenXpp3Reader().read(new ByteArrayInputStream(bytes), false);
                    } catch (IOException | XmlPullParserException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    private static String modulePom(RevisionFiles files, String dir, String module) {
        String target = resolve(dir, module);
        if (target == null) {
            return null;
        }
        if (target.endsWith(".xml") && files.read(target).isPresent()) {
            return target;
        }
        String pom = resolve(target, "pom.xml");
        return files.read(pom).isPresent() ? pom : null;
    }

    /**
     * A dependency on a reactor module means one on every compile execution of it: names of modules in
     * {@link CompileSpec#reactorDependencies()} become the keys of all their specs.
     */
    static List<CompileSpec> expandModuleDependencies(List<CompileSpec> specs) {
        Map<String, List<String>> keysByModule = new LinkedHashMap<>();
        specs.forEach(s ->
                keysByModule.computeIfAbsent(s.module(), m -> new ArrayList<>()).add(s.key()));
        List<CompileSpec> out = new ArrayList<>();
        for (CompileSpec s : specs) {
            Set<String> deps = new LinkedHashSet<>();
            for (String d : s.reactorDependencies()) {
                if (d.contains("#") || d.equals(s.module())) {
                    deps.add(d);
                } else {
                    deps.addAll(keysByModule.getOrDefault(d, List.of(d)));
                }
            }
            out.add(s.withReactorDependencies(List.copyOf(deps)));
        }
        return out;
    }

    /** Orders specs so that every spec comes after the ones it depends on (stable otherwise). */
    static List<CompileSpec> reactorOrder(List<CompileSpec> specs) {
        Map<String, CompileSpec> byKey = new LinkedHashMap<>();
        specs.forEach(s -> byKey.put(s.key(), s));
        List<CompileSpec> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (CompileSpec s : specs) {
            visit(s, byKey, done, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(
            CompileSpec spec,
            Map<String, CompileSpec> byKey,
            Set<String> done,
            Set<String> visiting,
            List<CompileSpec> ordered) {
        if (done.contains(spec.key())) {
            return;
        }
        if (!visiting.add(spec.key())) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_MODEL, "reactor cycle through module " + spec.module());
        }
        for (String dep : spec.reactorDependencies()) {
            CompileSpec d = byKey.get(dep);
            if (d != null) {
                visit(d, byKey, done, visiting, ordered);
            }
        }
        visiting.remove(spec.key());
        done.add(spec.key());
        ordered.add(spec);
    }

    static String ga(String groupId, String artifactId) {
        return groupId + ":" + artifactId;
    }

    /** The directory of a repository-relative path ({@code ""} for files at the root). */
    public static String parentDir(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code relative} resolved against directory {@code dir}; null when it leaves the repository. */
    public static String resolve(String dir, String relative) {
        if (relative == null) {
            return null;
        }
        String joined = dir.isEmpty() ? relative : dir + "/" + relative;
        return normalize(joined);
    }

    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** Parents and imported BOMs: from the same revision when the reactor has them, else from repositories. */
    private final class Resolver implements ModelResolver {
        private final RevisionFiles files;
        private final Map<String, String> reactorPoms;
        private final List<RemoteRepository> repositories;

        Resolver(RevisionFiles files, Map<String, String> reactorPoms, List<RemoteRepository> repositories) {
            this.files = files;
            this.reactorPoms = reactorPoms;
            this.repositories = repositories;
        }

        @Override
        public ModelSource resolveModel(String groupId, String artifactId, String version)
                throws UnresolvableModelException {
            String local = reactorPoms.get(groupId + ":" + artifactId + ":" + version);
            if (local != null) {
                return GitModelSource.of(files, local);
            }
            if (artifacts == null) {
                throw new UnresolvableModelException("dependency resolution is disabled", groupId, artifactId, version);
            }
            try {
                return new FileModelSource(artifacts
                        .resolvePom(groupId, artifactId, version, repositories)
                        .toFile());
            } catch (RevisionException e) {
                throw new UnresolvableModelException(e.getMessage(), groupId, artifactId, version, e);
            }
        }

        @Override
        public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
            return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        }

        @Override
        public ModelSource resolveModel(Dependency dependency) throws UnresolvableModelException {
            return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
        }

        @Override
        public void addRepository(Repository repository) {
            // Repositories a POM declares are never used: only the configured ones (DESIGN.md).
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
            // As above.
        }

        @Override
        public ModelResolver newCopy() {
            return new Resolver(files, reactorPoms, new ArrayList<>(repositories));
        }
    }

    /** Caches external parents' raw models across the POMs of one reader. */
    private record MapModelCache(Map<String, Object> map) implements org.apache.maven.model.building.ModelCache {
        @Override
        public void put(String groupId, String artifactId, String version, String tag, Object data) {
            map.put(groupId + ":" + artifactId + ":" + version + ":" + tag, data);
        }

        @Override
        public Object get(String groupId, String artifactId, String version, String tag) {
            return map.get(groupId + ":" + artifactId + ":" + version + ":" + tag);
        }
    }
}
