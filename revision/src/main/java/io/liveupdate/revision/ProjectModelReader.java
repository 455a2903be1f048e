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
import org.apache.maven.model.PluginExecution;
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

    /**
     * Plugins known to leave the class files under {@code target/classes} exactly as javac wrote them from the
     * committed sources. Any other plugin in a module's build may generate sources or rewrite bytecode, so the module
     * needs the exact fallback.
     */
    private static final Set<String> NEUTRAL_PLUGINS = Set.of(
            "org.apache.maven.plugins:maven-clean-plugin",
            "org.apache.maven.plugins:maven-resources-plugin",
            "org.apache.maven.plugins:maven-compiler-plugin",
            "org.apache.maven.plugins:maven-surefire-plugin",
            "org.apache.maven.plugins:maven-failsafe-plugin",
            "org.apache.maven.plugins:maven-surefire-report-plugin",
            "org.apache.maven.plugins:maven-jar-plugin",
            "org.apache.maven.plugins:maven-war-plugin",
            "org.apache.maven.plugins:maven-source-plugin",
            "org.apache.maven.plugins:maven-javadoc-plugin",
            "org.apache.maven.plugins:maven-install-plugin",
            "org.apache.maven.plugins:maven-deploy-plugin",
            "org.apache.maven.plugins:maven-site-plugin",
            "org.apache.maven.plugins:maven-enforcer-plugin",
            "org.apache.maven.plugins:maven-shade-plugin",
            "org.apache.maven.plugins:maven-assembly-plugin",
            "org.apache.maven.plugins:maven-dependency-plugin",
            "org.apache.maven.plugins:maven-release-plugin",
            "org.apache.maven.plugins:maven-gpg-plugin",
            "org.apache.maven.plugins:maven-checkstyle-plugin",
            "org.apache.maven.plugins:maven-pmd-plugin",
            "org.apache.maven.plugins:maven-project-info-reports-plugin",
            "org.apache.maven.plugins:maven-changes-plugin",
            "org.apache.maven.plugins:maven-jxr-plugin",
            "org.apache.maven.plugins:maven-scm-publish-plugin",
            "org.apache.maven.plugins:maven-remote-resources-plugin",
            "org.apache.maven.plugins:maven-invoker-plugin",
            "org.apache.maven.plugins:maven-toolchains-plugin",
            "org.apache.maven.plugins:maven-wrapper-plugin",
            "org.apache.rat:apache-rat-plugin",
            "org.codehaus.mojo:animal-sniffer-maven-plugin",
            "org.codehaus.mojo:versions-maven-plugin",
            "org.codehaus.mojo:flatten-maven-plugin",
            "org.codehaus.mojo:license-maven-plugin",
            "org.codehaus.mojo:clirr-maven-plugin",
            "org.codehaus.mojo:findbugs-maven-plugin",
            "org.apache.felix:maven-bundle-plugin",
            "biz.aQute.bnd:bnd-maven-plugin",
            "com.github.spotbugs:spotbugs-maven-plugin",
            "com.github.siom79.japicmp:japicmp-maven-plugin",
            "org.revapi:revapi-maven-plugin",
            "com.diffplug.spotless:spotless-maven-plugin",
            "org.cyclonedx:cyclonedx-maven-plugin",
            "org.sonatype.plugins:nexus-staging-maven-plugin",
            "org.sonatype.central:central-publishing-maven-plugin",
            "org.eluder.coveralls:coveralls-maven-plugin",
            "org.pitest:pitest-maven");

    private final ArtifactResolver artifacts;
    private final List<Path> classpathOverride;
    private final ModelBuilder modelBuilder = new DefaultModelBuilderFactory().newInstance();
    private final Map<Path, Boolean> processorJars = new HashMap<>();

    /**
     * @param artifacts resolves external parents and dependencies; may be null when {@code classpathOverride} is given
     *     and every parent POM is in the revision
     * @param classpathOverride when not null, every module's external classpath (resolution is skipped)
     */
    public ProjectModelReader(ArtifactResolver artifacts, List<Path> classpathOverride) {
        this.artifacts = artifacts;
        this.classpathOverride = classpathOverride == null ? null : List.copyOf(classpathOverride);
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
            specs.add(spec(files, e.getKey(), model, byModule, moduleByGa));
        }
        return new ProjectModel(reactorOrder(specs), new ArrayList<>(effective.keySet()));
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
                false);
        return new ProjectModel(List.of(spec), List.of());
    }

    private CompileSpec spec(
            RevisionFiles files,
            String module,
            Model model,
            Map<String, Model> byModule,
            Map<String, String> moduleByGa) {
        CompilerPluginOptions compiler = CompilerPluginOptions.of(model);
        List<String> fallback = new ArrayList<>(compiler.fallbackReasons);
        fallback.addAll(pluginReasons(model));
        if (files.read(resolve(firstSourceRoot(module, model), "module-info.java"))
                .isPresent()) {
            fallback.add("module-info.java needs the module path");
        }
        Set<String> reactorDeps = new LinkedHashSet<>();
        List<org.eclipse.aether.graph.Dependency> external = new ArrayList<>();
        collectDependencies(model, module, byModule, moduleByGa, reactorDeps, external, new LinkedHashSet<>(), true);
        List<Path> classpath;
        if (classpathOverride != null) {
            classpath = classpathOverride;
        } else {
            List<org.eclipse.aether.graph.Dependency> managed = new ArrayList<>();
            if (model.getDependencyManagement() != null) {
                for (Dependency d : model.getDependencyManagement().getDependencies()) {
                    managed.add(toAether(d, List.of()));
                }
            }
            classpath = requireArtifacts().compileClasspath(external, managed, repositories(model));
        }
        if (!compiler.processingDisabled) {
            for (Path entry : classpath) {
                if (providesProcessors(entry)) {
                    fallback.add("classpath entry " + entry.getFileName()
                            + " provides annotation processors, which javac runs by default");
                }
            }
        }
        return new CompileSpec(
                module,
                model.getGroupId(),
                model.getArtifactId(),
                model.getVersion(),
                "pom",
                List.of(sourceRoot(module, model)),
                compiler.options,
                compiler.encoding,
                classpath,
                List.copyOf(reactorDeps),
                fallback,
                compiler.packageInfoClasses);
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

    private static List<RemoteRepository> repositories(Model model) {
        List<RemoteRepository> repos = new ArrayList<>();
        for (Repository r : model.getRepositories()) {
            repos.add(new RemoteRepository.Builder(r.getId(), "default", r.getUrl()).build());
        }
        return repos;
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

    /** Reasons the module's build may change class files beyond what javac writes from the committed sources. */
    private static List<String> pluginReasons(Model model) {
        List<String> reasons = new ArrayList<>();
        if (model.getBuild() == null) {
            return reasons;
        }
        for (Plugin p : model.getBuild().getPlugins()) {
            String key = ga(p.getGroupId(), p.getArtifactId());
            if (key.equals("org.jacoco:jacoco-maven-plugin")) {
                for (PluginExecution ex : p.getExecutions()) {
                    if (ex.getGoals().contains("instrument")) {
                        reasons.add("jacoco-maven-plugin instruments classes offline");
                    }
                }
            } else if (!NEUTRAL_PLUGINS.contains(key)) {
                reasons.add("plugin " + key + " may generate sources or rewrite bytecode");
            }
        }
        return reasons;
    }

    private static String firstSourceRoot(String module, Model model) {
        return sourceRoot(module, model);
    }

    private static String sourceRoot(String module, Model model) {
        String dir = model.getBuild() == null ? null : model.getBuild().getSourceDirectory();
        if (dir == null) {
            return resolve(module, "src/main/java");
        }
        String root = ROOT.getPath().replace('\\', '/');
        String normalized = dir.replace('\\', '/');
        if (normalized.startsWith(root + "/")) {
            return normalize(normalized.substring(root.length() + 1));
        }
        if (normalized.equals(root)) {
            return "";
        }
        return resolve(module, normalized);
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

    /** Orders specs so that every module comes after its reactor dependencies (stable otherwise). */
    static List<CompileSpec> reactorOrder(List<CompileSpec> specs) {
        Map<String, CompileSpec> byModule = new LinkedHashMap<>();
        specs.forEach(s -> byModule.put(s.module(), s));
        List<CompileSpec> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (CompileSpec s : specs) {
            visit(s, byModule, done, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(
            CompileSpec spec,
            Map<String, CompileSpec> byModule,
            Set<String> done,
            Set<String> visiting,
            List<CompileSpec> ordered) {
        if (done.contains(spec.module())) {
            return;
        }
        if (!visiting.add(spec.module())) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_MODEL, "reactor cycle through module " + spec.module());
        }
        for (String dep : spec.reactorDependencies()) {
            CompileSpec d = byModule.get(dep);
            if (d != null) {
                visit(d, byModule, done, visiting, ordered);
            }
        }
        visiting.remove(spec.module());
        done.add(spec.module());
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
            addRepository(repository, false);
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
            RemoteRepository r =
                    new RemoteRepository.Builder(repository.getId(), "default", repository.getUrl()).build();
            repositories.removeIf(x -> replace && x.getId().equals(r.getId()));
            if (repositories.stream().noneMatch(x -> x.getId().equals(r.getId()))) {
                repositories.add(r);
            }
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
