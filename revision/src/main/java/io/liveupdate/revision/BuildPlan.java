package io.liveupdate.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Which goals of a module's Maven build run before its class files are final, and whether any of them can change the
 * sources javac sees or the class files it writes. Only the plugin executions bound to the default lifecycle up to and
 * including {@code process-classes} count (a goal bound later, such as moditect's {@code add-module-info} at
 * {@code package}, never changes {@code target/classes} for the compile); a plugin declared without executions binds
 * nothing. A goal's phase is its execution's {@code <phase>}, else the goal's default phase, from a table of common
 * goals or else from the plugin's descriptor ({@link PluginDescriptors}).
 *
 * <p>Each goal that matters is one of: known to leave sources and classes alone (enforcer, rat {@code check},
 * {@code parse-version}, bundle {@code manifest}, formatters: the committed sources are what is analysed); modelled in
 * memory (the compiler's own executions, build-helper {@code add-source} of a committed directory, an antrun target that
 * only copies, echoes or makes directories away from the sources and classes); or a reason for the exact build, named
 * {@code artifactId:goal@phase}.
 */
final class BuildPlan {
    /** The default lifecycle up to the phase after which class files are final ({@code process-classes}). */
    static final List<String> PHASES = List.of(
            "validate",
            "initialize",
            "generate-sources",
            "process-sources",
            "generate-resources",
            "process-resources",
            "compile",
            "process-classes");

    /** Packagings whose default bindings before {@code process-classes} are resources and compiler only. */
    private static final Set<String> KNOWN_PACKAGINGS =
            Set.of("jar", "bundle", "war", "ejb", "rar", "maven-plugin", "maven-archetype", "test-jar", "java-source");

    /**
     * Default phases of common goals ({@code groupId:artifactId:goal}); a goal mapped to {@code ""} has no default
     * phase and binds nothing unless its execution names one.
     */
    private static final Map<String, String> DEFAULT_PHASES = Map.ofEntries(
            Map.entry("org.apache.maven.plugins:maven-enforcer-plugin:enforce", "validate"),
            Map.entry("org.apache.maven.plugins:maven-remote-resources-plugin:process", "generate-resources"),
            Map.entry("org.apache.maven.plugins:maven-resources-plugin:resources", "process-resources"),
            Map.entry("org.apache.maven.plugins:maven-resources-plugin:copy-resources", ""),
            Map.entry("org.apache.maven.plugins:maven-compiler-plugin:compile", "compile"),
            Map.entry("org.apache.maven.plugins:maven-compiler-plugin:testCompile", "test-compile"),
            Map.entry("org.apache.maven.plugins:maven-source-plugin:jar-no-fork", "package"),
            Map.entry("org.apache.maven.plugins:maven-source-plugin:test-jar-no-fork", "package"),
            Map.entry("org.apache.maven.plugins:maven-source-plugin:jar", "package"),
            Map.entry("org.apache.maven.plugins:maven-source-plugin:test-jar", "package"),
            Map.entry("org.apache.maven.plugins:maven-jar-plugin:jar", "package"),
            Map.entry("org.apache.maven.plugins:maven-jar-plugin:test-jar", "package"),
            Map.entry("org.apache.maven.plugins:maven-javadoc-plugin:jar", "package"),
            Map.entry("org.apache.maven.plugins:maven-javadoc-plugin:test-jar", "package"),
            Map.entry("org.apache.maven.plugins:maven-javadoc-plugin:javadoc", ""),
            Map.entry("org.apache.maven.plugins:maven-site-plugin:attach-descriptor", "package"),
            Map.entry("org.apache.maven.plugins:maven-surefire-plugin:test", "test"),
            Map.entry("org.apache.maven.plugins:maven-failsafe-plugin:integration-test", "integration-test"),
            Map.entry("org.apache.maven.plugins:maven-failsafe-plugin:verify", "verify"),
            Map.entry("org.apache.maven.plugins:maven-checkstyle-plugin:check", "verify"),
            Map.entry("org.apache.maven.plugins:maven-pmd-plugin:check", "verify"),
            Map.entry("org.apache.maven.plugins:maven-pmd-plugin:cpd-check", "verify"),
            Map.entry("org.apache.maven.plugins:maven-artifact-plugin:check-buildplan", "validate"),
            Map.entry("org.apache.maven.plugins:maven-artifact-plugin:buildinfo", "verify"),
            Map.entry("org.apache.maven.plugins:maven-artifact-plugin:compare", "verify"),
            Map.entry("org.apache.maven.plugins:maven-gpg-plugin:sign", "verify"),
            Map.entry("org.apache.maven.plugins:maven-install-plugin:install", "install"),
            Map.entry("org.apache.maven.plugins:maven-deploy-plugin:deploy", "deploy"),
            Map.entry("org.apache.maven.plugins:maven-dependency-plugin:properties", "initialize"),
            Map.entry("org.apache.maven.plugins:maven-dependency-plugin:build-classpath", "generate-sources"),
            Map.entry("org.apache.maven.plugins:maven-dependency-plugin:analyze-only", "verify"),
            Map.entry("org.apache.maven.plugins:maven-antrun-plugin:run", ""),
            Map.entry("org.apache.maven.plugins:maven-plugin-plugin:descriptor", "process-classes"),
            Map.entry("org.apache.maven.plugins:maven-plugin-plugin:helpmojo", "generate-sources"),
            Map.entry("org.apache.rat:apache-rat-plugin:check", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:add-source", "generate-sources"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:add-test-source", "generate-test-sources"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:add-resource", "generate-resources"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:add-test-resource", "generate-test-resources"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:parse-version", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:regex-property", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:regex-properties", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:timestamp-property", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:released-version", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:maven-version", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:cpu-count", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:rootlocation", "validate"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:reserve-network-port", "process-test-classes"),
            Map.entry("org.codehaus.mojo:build-helper-maven-plugin:attach-artifact", "package"),
            Map.entry("org.codehaus.mojo:animal-sniffer-maven-plugin:check", "process-classes"),
            Map.entry("org.codehaus.mojo:templating-maven-plugin:filter-sources", "generate-sources"),
            Map.entry("org.codehaus.mojo:buildnumber-maven-plugin:create", "validate"),
            Map.entry("org.codehaus.mojo:flatten-maven-plugin:flatten", "process-resources"),
            Map.entry("org.codehaus.mojo:exec-maven-plugin:exec", "validate"),
            Map.entry("org.codehaus.mojo:exec-maven-plugin:java", "validate"),
            Map.entry("org.apache.felix:maven-bundle-plugin:manifest", "process-classes"),
            Map.entry("org.apache.felix:maven-bundle-plugin:bundle", "package"),
            Map.entry("org.jacoco:jacoco-maven-plugin:prepare-agent", "initialize"),
            Map.entry("org.jacoco:jacoco-maven-plugin:prepare-agent-integration", "pre-integration-test"),
            Map.entry("org.jacoco:jacoco-maven-plugin:report", "verify"),
            Map.entry("org.jacoco:jacoco-maven-plugin:check", "verify"),
            Map.entry("org.jacoco:jacoco-maven-plugin:instrument", "process-classes"),
            Map.entry("com.diffplug.spotless:spotless-maven-plugin:apply", "process-sources"),
            Map.entry("com.diffplug.spotless:spotless-maven-plugin:check", "verify"),
            Map.entry("com.spotify.fmt:fmt-maven-plugin:format", "process-sources"),
            Map.entry("com.spotify.fmt:fmt-maven-plugin:check", "verify"),
            Map.entry("com.github.siom79.japicmp:japicmp-maven-plugin:cmp", "verify"),
            Map.entry("org.revapi:revapi-maven-plugin:check", "verify"),
            Map.entry("org.moditect:moditect-maven-plugin:add-module-info", "package"),
            Map.entry("org.cyclonedx:cyclonedx-maven-plugin:makeAggregateBom", "package"),
            Map.entry("org.cyclonedx:cyclonedx-maven-plugin:makeBom", "package"),
            Map.entry("org.spdx:spdx-maven-plugin:createSPDX", "verify"),
            Map.entry("com.github.spotbugs:spotbugs-maven-plugin:check", "verify"),
            Map.entry("io.github.git-commit-id:git-commit-id-maven-plugin:revision", "initialize"),
            Map.entry("pl.project13.maven:git-commit-id-plugin:revision", "initialize"));

    /**
     * Goals that run before the class files are final and are known to leave the sources javac compiles and the
     * class files it writes alone ({@code groupId:artifactId:goal}, or {@code groupId:artifactId:*} for every goal).
     * Formatters that rewrite sources count: the committed sources are what is analysed.
     */
    private static final Set<String> NEUTRAL = Set.of(
            "org.apache.maven.plugins:maven-enforcer-plugin:*",
            "org.apache.maven.plugins:maven-remote-resources-plugin:process",
            "org.apache.maven.plugins:maven-resources-plugin:resources",
            "org.apache.maven.plugins:maven-checkstyle-plugin:*",
            "org.apache.maven.plugins:maven-pmd-plugin:*",
            "org.apache.maven.plugins:maven-artifact-plugin:check-buildplan",
            "org.apache.maven.plugins:maven-dependency-plugin:properties",
            "org.apache.maven.plugins:maven-dependency-plugin:build-classpath",
            "org.apache.maven.plugins:maven-dependency-plugin:analyze-only",
            "org.apache.maven.plugins:maven-dependency-plugin:tree",
            "org.apache.maven.plugins:maven-dependency-plugin:resolve",
            "org.apache.maven.plugins:maven-plugin-plugin:descriptor",
            "org.apache.maven.plugins:maven-toolchains-plugin:toolchain",
            "org.apache.rat:apache-rat-plugin:check",
            "org.codehaus.mojo:build-helper-maven-plugin:add-resource",
            "org.codehaus.mojo:build-helper-maven-plugin:parse-version",
            "org.codehaus.mojo:build-helper-maven-plugin:regex-property",
            "org.codehaus.mojo:build-helper-maven-plugin:regex-properties",
            "org.codehaus.mojo:build-helper-maven-plugin:timestamp-property",
            "org.codehaus.mojo:build-helper-maven-plugin:released-version",
            "org.codehaus.mojo:build-helper-maven-plugin:maven-version",
            "org.codehaus.mojo:build-helper-maven-plugin:cpu-count",
            "org.codehaus.mojo:build-helper-maven-plugin:rootlocation",
            "org.codehaus.mojo:animal-sniffer-maven-plugin:check",
            "org.codehaus.mojo:buildnumber-maven-plugin:create",
            "org.codehaus.mojo:flatten-maven-plugin:flatten",
            "org.codehaus.mojo:license-maven-plugin:add-third-party",
            "org.codehaus.mojo:license-maven-plugin:aggregate-add-third-party",
            "org.apache.felix:maven-bundle-plugin:manifest",
            "biz.aQute.bnd:bnd-maven-plugin:bnd-process",
            "org.jacoco:jacoco-maven-plugin:prepare-agent",
            "org.jacoco:jacoco-maven-plugin:merge",
            "com.diffplug.spotless:spotless-maven-plugin:*",
            "com.spotify.fmt:fmt-maven-plugin:*",
            "net.revelc.code.formatter:formatter-maven-plugin:*",
            "net.revelc.code:impsort-maven-plugin:*",
            "io.github.git-commit-id:git-commit-id-maven-plugin:revision",
            "pl.project13.maven:git-commit-id-plugin:revision",
            "org.sonatype.plugins:nexus-staging-maven-plugin:*",
            "org.sonatype.central:central-publishing-maven-plugin:*",
            "org.cyclonedx:cyclonedx-maven-plugin:*");

    /** What the plan found for one module. */
    record Result(List<String> fallbackReasons, List<String> addedSourceRoots) {}

    private BuildPlan() {}

    /**
     * The plan of {@code model}'s build.
     *
     * @param sourceRootOf maps a directory the POM names (interpolated, absolute under the revision's model root) to
     *     a repository path; null when it lies outside the revision
     * @param outputDirectory the repository path of the class output ({@code target/classes} of the module)
     */
    static Result of(
            Model model,
            PluginDescriptors descriptors,
            java.util.function.Function<String, String> sourceRootOf,
            List<String> sourceRoots,
            String outputDirectory) {
        List<String> reasons = new ArrayList<>();
        List<String> added = new ArrayList<>();
        String packaging = model.getPackaging() == null ? "jar" : model.getPackaging();
        if (!KNOWN_PACKAGINGS.contains(packaging)) {
            reasons.add(
                    "packaging " + packaging + " (its lifecycle bindings are not known to leave class files alone)");
        }
        if (model.getBuild() == null) {
            return new Result(reasons, added);
        }
        for (Plugin plugin : model.getBuild().getPlugins()) {
            String key = ProjectModelReader.ga(groupId(plugin), plugin.getArtifactId());
            for (PluginExecution execution : plugin.getExecutions()) {
                for (String goal : execution.getGoals()) {
                    String phase = phase(plugin, execution, goal, descriptors);
                    if (phase == null) {
                        reasons.add(plugin.getArtifactId() + ":" + goal
                                + " (bound without a phase, and the plugin's descriptor is unavailable)");
                        continue;
                    }
                    if (phase.isEmpty() || !PHASES.contains(phase)) {
                        continue; // not bound, or bound after the class files are final
                    }
                    String step = plugin.getArtifactId() + ":" + goal + "@" + phase;
                    if (NEUTRAL.contains(key + ":" + goal) || NEUTRAL.contains(key + ":*")) {
                        continue;
                    }
                    Xpp3Dom config = configuration(plugin, execution);
                    String problem = modelled(key, goal, config, sourceRootOf, sourceRoots, outputDirectory, added);
                    if (problem != null) {
                        reasons.add(step + problem);
                    }
                }
            }
        }
        return new Result(reasons, added);
    }

    static String groupId(Plugin plugin) {
        return plugin.getGroupId() == null ? "org.apache.maven.plugins" : plugin.getGroupId();
    }

    /** The phase a goal runs in: "" when it binds nothing, null when unknown. */
    private static String phase(Plugin plugin, PluginExecution execution, String goal, PluginDescriptors descriptors) {
        if (execution.getPhase() != null && !execution.getPhase().isBlank()) {
            String phase = execution.getPhase().trim();
            return phase.equals("none") ? "" : phase;
        }
        String known = DEFAULT_PHASES.get(ProjectModelReader.ga(groupId(plugin), plugin.getArtifactId()) + ":" + goal);
        if (known != null) {
            return known;
        }
        return descriptors == null ? null : descriptors.defaultPhase(groupId(plugin), plugin, goal);
    }

    private static Xpp3Dom configuration(Plugin plugin, PluginExecution execution) {
        Xpp3Dom pluginConfig = (Xpp3Dom) plugin.getConfiguration();
        Xpp3Dom executionConfig = (Xpp3Dom) execution.getConfiguration();
        if (executionConfig == null) {
            return pluginConfig;
        }
        return Xpp3Dom.mergeXpp3Dom(
                new Xpp3Dom(executionConfig), pluginConfig == null ? null : new Xpp3Dom(pluginConfig));
    }

    /**
     * Null when the goal is modelled in memory (recording what it adds), else why it needs the real build (a
     * suffix for the step's name).
     */
    private static String modelled(
            String key,
            String goal,
            Xpp3Dom config,
            java.util.function.Function<String, String> sourceRootOf,
            List<String> sourceRoots,
            String outputDirectory,
            List<String> added) {
        switch (key + ":" + goal) {
            case "org.apache.maven.plugins:maven-compiler-plugin:compile" -> {
                return null; // the compiler's executions are CompilerPluginOptions' business
            }
            case "org.apache.maven.plugins:maven-compiler-plugin:testCompile" -> {
                // Bound early (jsoup binds it with compile at phase compile) it still writes test classes only,
                // unless its output is redirected.
                Xpp3Dom out = config == null ? null : config.getChild("outputDirectory");
                return out == null || out.getValue() == null
                        ? null
                        : " (writes test classes to " + out.getValue().trim() + ")";
            }
            case "org.codehaus.mojo:build-helper-maven-plugin:add-source" -> {
                Xpp3Dom sources = config == null ? null : config.getChild("sources");
                if (sources == null) {
                    return null;
                }
                for (Xpp3Dom source : sources.getChildren()) {
                    String root = source.getValue() == null
                            ? null
                            : sourceRootOf.apply(source.getValue().trim());
                    if (root == null) {
                        return " (adds a source directory outside the repository)";
                    }
                    if (root.equals(outputParent(outputDirectory))
                            || root.startsWith(outputParent(outputDirectory) + "/")) {
                        return " (adds " + root + ", which the build generates)";
                    }
                    added.add(root);
                }
                return null;
            }
            case "org.apache.maven.plugins:maven-antrun-plugin:run" -> {
                return antrun(config, sourceRootOf, sourceRoots, outputDirectory);
            }
            default -> {
                return " (may change the sources javac compiles or the class files it writes)";
            }
        }
    }

    /** {@code target} for an output directory {@code target/classes}: what the build writes lives there. */
    private static String outputParent(String outputDirectory) {
        return ProjectModelReader.parentDir(outputDirectory);
    }

    /** Tasks of an antrun target that copy, echo or make directories: harmless unless they write sources or classes. */
    private static final Set<String> HARMLESS_ANT_TASKS = Set.of("copy", "echo", "mkdir");

    private static String antrun(
            Xpp3Dom config,
            java.util.function.Function<String, String> sourceRootOf,
            List<String> sourceRoots,
            String outputDirectory) {
        Xpp3Dom target = config == null ? null : config.getChild("target");
        if (target == null && config != null) {
            target = config.getChild("tasks"); // antrun 1.x
        }
        if (target == null) {
            return null; // nothing to run
        }
        for (Xpp3Dom task : target.getChildren()) {
            String name = task.getName().toLowerCase(Locale.ROOT);
            if (!HARMLESS_ANT_TASKS.contains(name)) {
                return " (runs the Ant task <" + task.getName() + ">)";
            }
            // mkdir writes no file; copy writes to todir/tofile, echo to file. Writing outside the repository cannot
            // change what javac compiles here.
            for (String attribute : name.equals("copy") ? List.of("todir", "tofile") : List.of("file")) {
                String value = name.equals("mkdir") ? null : task.getAttribute(attribute);
                String where = value == null ? null : sourceRootOf.apply(value.trim());
                if (where != null
                        && (within(where, outputDirectory)
                                || sourceRoots.stream().anyMatch(r -> within(where, r)))) {
                    return " (writes into " + (where.isEmpty() ? "." : where) + ")";
                }
            }
        }
        return null;
    }

    private static boolean within(String path, String dir) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/") || dir.startsWith(path + "/");
    }
}
