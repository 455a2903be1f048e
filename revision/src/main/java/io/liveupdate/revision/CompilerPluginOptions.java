package io.liveupdate.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The javac options maven-compiler-plugin 3.x (through plexus-compiler-javac) passes for a module's main sources, read
 * from the effective model: a parameter comes from the plugin's configuration (merged with its {@code default-compile}
 * execution), else from its user property ({@code maven.compiler.*}), else from the plugin's default. Only options that
 * can change class files or whether compilation succeeds are mirrored: {@code -g}/{@code -g:LEVEL}/{@code -g:none},
 * {@code --release} or {@code -source}/{@code -target}, {@code -encoding}, {@code -parameters},
 * {@code --enable-preview}, {@code -Werror}, {@code -implicit}, and the compiler arguments. Warnings-only options
 * ({@code -nowarn}, {@code -deprecation}) are not.
 *
 * @see <a href="https://maven.apache.org/plugins/maven-compiler-plugin/compile-mojo.html">compiler:compile</a>
 */
final class CompilerPluginOptions {
    static final String GROUP = "org.apache.maven.plugins";
    static final String ARTIFACT = "maven-compiler-plugin";

    final List<String> options = new ArrayList<>();
    final List<String> fallbackReasons = new ArrayList<>();
    /** What of the build was changed to compile at all (a level the running javac no longer supports). */
    final List<String> notes = new ArrayList<>();

    String encoding;
    boolean processingDisabled;
    boolean packageInfoClasses;
    /** The execution id of this pass: {@code default-compile} for the lifecycle's own. */
    final String execution;
    /** {@code compileSourceRoots} as the POM names them (interpolated), or empty for the module's source roots. */
    final List<String> compileSourceRoots = new ArrayList<>();
    /** Ant-style {@code includes}/{@code excludes} relative to a source root (empty: every {@code .java}). */
    final List<String> includes = new ArrayList<>();

    final List<String> excludes = new ArrayList<>();
    /**
     * The lowest language level the running javac still compiles: 7 up to JDK 19, 8 from JDK 20 (JDK 20 dropped
     * source and target 7).
     */
    static int lowestSupportedLevel() {
        return Runtime.version().feature() >= 20 ? 8 : 7;
    }

    /**
     * {@code level} ({@code 1.5}, {@code 5}, {@code 11}), raised to {@link #lowestSupportedLevel()} when the running
     * javac no longer supports it, with a note: an old commit then compiles (both sides of a diff alike) instead of
     * failing on this JDK, as Maven on this JDK would fail too. Anything not a number is left to javac.
     */
    private String supported(String option, String level) {
        String number = level.startsWith("1.") ? level.substring(2) : level;
        int value;
        try {
            value = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return level;
        }
        int lowest = lowestSupportedLevel();
        if (value >= lowest) {
            return level;
        }
        String raised = Integer.toString(lowest);
        notes.add(option + " " + level + " raised to " + raised + " (javac "
                + Runtime.version().feature() + " compiles " + lowest + " and later)");
        return raised;
    }

    /** {@code META-INF/versions/<release>/} for a {@code multiReleaseOutput} pass, else {@code ""}. */
    String outputPrefix = "";
    /**
     * Whether the pass compiles only sources whose class file is missing or older ({@code useIncrementalCompilation}
     * off: the stale-source scan), rather than all of them.
     */
    boolean staleSourcesOnly;

    private final Xpp3Dom config;
    private final Properties properties;

    private CompilerPluginOptions(Model model, Plugin plugin, String execution, Xpp3Dom executionConfig) {
        this.properties = model.getProperties();
        this.execution = execution;
        Xpp3Dom merged = plugin == null ? null : (Xpp3Dom) plugin.getConfiguration();
        if (executionConfig != null) {
            merged = Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(executionConfig), merged == null ? null : new Xpp3Dom(merged));
        }
        this.config = merged;
        build(plugin == null ? null : plugin.getVersion());
        passShape();
    }

    /** Source roots, filters, output and staleness of this pass (the compiler plugin's own parameters). */
    private void passShape() {
        if (config == null) {
            return;
        }
        for (String[] list : new String[][] {
            {"compileSourceRoots", "compileSourceRoot"}, {"includes", "include"}, {"excludes", "exclude"}
        }) {
            Xpp3Dom parent = config.getChild(list[0]);
            if (parent == null) {
                continue;
            }
            List<String> target = list[0].equals("compileSourceRoots")
                    ? compileSourceRoots
                    : list[0].equals("includes") ? includes : excludes;
            for (Xpp3Dom child : parent.getChildren()) {
                if (child.getValue() != null && !child.getValue().isBlank()) {
                    target.add(child.getValue().trim());
                }
            }
        }
        if (Boolean.parseBoolean(param("multiReleaseOutput", null, "false"))) {
            String release = param("release", "maven.compiler.release", null);
            if (release == null) {
                fallbackReasons.add(reason("multiReleaseOutput without a release"));
            } else {
                outputPrefix = "META-INF/versions/" + release.trim() + "/";
            }
        }
        staleSourcesOnly = !Boolean.parseBoolean(
                param("useIncrementalCompilation", "maven.compiler.useIncrementalCompilation", "true"));
    }

    /**
     * A reason naming this pass: {@code maven-compiler-plugin:compile@compile (why)}, with the execution first when it
     * is not the default ({@code (compile-java11: why)}).
     */
    String reason(String why) {
        return COMPILE + " (" + (execution.equals("default-compile") ? "" : execution + ": ") + why + ")";
    }

    /** The main pass alone (the {@code default-compile} execution's options, even when it is disabled). */
    static CompilerPluginOptions of(Model model) {
        Plugin plugin = find(model);
        Xpp3Dom config = null;
        if (plugin != null) {
            for (PluginExecution e : plugin.getExecutions()) {
                if ("default-compile".equals(e.getId())) {
                    config = (Xpp3Dom) e.getConfiguration();
                }
            }
        }
        return new CompilerPluginOptions(model, plugin, "default-compile", config);
    }

    /**
     * The compile passes of the module's main sources, in the order Maven runs them: the lifecycle's
     * {@code default-compile} first (unless its phase is {@code none}), then every other execution of the
     * {@code compile} goal bound to {@code compile}, in POM order. Other phases are refused (with a reason).
     */
    static List<CompilerPluginOptions> passes(Model model) {
        Plugin plugin = find(model);
        List<CompilerPluginOptions> passes = new ArrayList<>();
        boolean defaultDisabled = false;
        Xpp3Dom defaultConfig = null;
        List<CompilerPluginOptions> others = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        if (plugin != null && isDeclared(model, plugin)) {
            for (PluginExecution e : plugin.getExecutions()) {
                String phase = e.getPhase() == null ? null : e.getPhase().trim();
                if ("default-compile".equals(e.getId())) {
                    defaultDisabled = "none".equals(phase);
                    defaultConfig = (Xpp3Dom) e.getConfiguration();
                    continue;
                }
                if (!e.getGoals().contains("compile") || "none".equals(phase)) {
                    continue;
                }
                if (phase != null && !phase.equals("compile")) {
                    misplaced.add(e.getId() + "@" + phase);
                    continue;
                }
                others.add(new CompilerPluginOptions(model, plugin, e.getId(), (Xpp3Dom) e.getConfiguration()));
            }
        }
        if (!defaultDisabled) {
            passes.add(new CompilerPluginOptions(model, plugin, "default-compile", defaultConfig));
        }
        passes.addAll(others);
        if (passes.isEmpty()) {
            CompilerPluginOptions none = new CompilerPluginOptions(model, plugin, "default-compile", defaultConfig);
            none.fallbackReasons.add(COMPILE + " (every compile execution is disabled)");
            passes.add(none);
        }
        for (String m : misplaced) {
            passes.get(0)
                    .fallbackReasons
                    .add("maven-compiler-plugin:compile@" + m.substring(m.indexOf('@') + 1) + " (execution "
                            + m.substring(0, m.indexOf('@')) + " compiles outside the compile phase)");
        }
        return passes;
    }

    /** Whether {@code plugin} is in the build's plugins (its executions run), not only in plugin management. */
    private static boolean isDeclared(Model model, Plugin plugin) {
        return model.getBuild() != null && model.getBuild().getPlugins().contains(plugin);
    }

    /** The compiler plugin as the module's build declares it, or as plugin management configures it. */
    static Plugin find(Model model) {
        if (model.getBuild() == null) {
            return null;
        }
        for (Plugin p : model.getBuild().getPlugins()) {
            if (GROUP.equals(p.getGroupId()) && ARTIFACT.equals(p.getArtifactId())) {
                return p;
            }
        }
        if (model.getBuild().getPluginManagement() != null) {
            for (Plugin p : model.getBuild().getPluginManagement().getPlugins()) {
                if (GROUP.equals(p.getGroupId()) && ARTIFACT.equals(p.getArtifactId())) {
                    return p;
                }
            }
        }
        return null;
    }

    private void build(String pluginVersion) {
        packageInfoClasses = atLeast(pluginVersion, 3, 10)
                && Boolean.parseBoolean(
                        param("createMissingPackageInfoClass", "maven.compiler.createMissingPackageInfoClass", "true"));
        String compilerId = param("compilerId", "maven.compiler.compilerId", "javac");
        if (!"javac".equals(compilerId)) {
            fallbackReasons.add(reason("compilerId " + compilerId));
        }
        if (Boolean.parseBoolean(param("fork", "maven.compiler.fork", "false"))
                && param("executable", "maven.compiler.executable", null) != null) {
            fallbackReasons.add(reason("forks another javac executable"));
        }
        String proc = param("proc", "maven.compiler.proc", null);
        processingDisabled = "none".equals(proc);
        if (config != null && config.getChild("annotationProcessorPaths") != null && !processingDisabled) {
            fallbackReasons.add(reason("runs the annotation processors of annotationProcessorPaths"));
        }
        if (config != null && config.getChild("annotationProcessors") != null && !processingDisabled) {
            fallbackReasons.add(reason("runs the annotationProcessors it names"));
        }
        if (proc != null) {
            options.add("-proc:" + proc);
        }
        if (Boolean.parseBoolean(param("debug", "maven.compiler.debug", "true"))) {
            String level = param("debuglevel", "maven.compiler.debuglevel", null);
            options.add(level == null || level.isBlank() ? "-g" : "-g:" + level.trim());
        } else {
            options.add("-g:none");
        }
        if (Boolean.parseBoolean(param("parameters", "maven.compiler.parameters", "false"))) {
            options.add("-parameters");
        }
        if (Boolean.parseBoolean(param("enablePreview", "maven.compiler.enablePreview", "false"))) {
            options.add("--enable-preview");
        }
        String implicit = param("implicit", "maven.compiler.implicit", null);
        if (implicit != null) {
            options.add("-implicit:" + implicit);
        }
        if (Boolean.parseBoolean(param("failOnWarning", "maven.compiler.failOnWarning", "false"))) {
            options.add("-Werror");
        }
        String release = param("release", "maven.compiler.release", null);
        if (release != null && !release.isBlank()) {
            options.add("--release");
            options.add(supported("release", release.trim()));
        } else {
            String defaultLevel = defaultSourceLevel(pluginVersion);
            options.add("-target");
            options.add(supported(
                    "target",
                    param("target", "maven.compiler.target", defaultLevel).trim()));
            options.add("-source");
            options.add(supported(
                    "source",
                    param("source", "maven.compiler.source", defaultLevel).trim()));
        }
        if (!notes.isEmpty()) {
            options.add("-Xlint:-options"); // the raised level's "obsolete" warning must not fail a -Werror build
        }
        encoding = param("encoding", "encoding", properties.getProperty("project.build.sourceEncoding"));
        if (encoding != null && !encoding.isBlank()) {
            encoding = encoding.trim();
            options.add("-encoding");
            options.add(encoding);
        } else {
            encoding = null;
        }
        if (config != null) {
            Xpp3Dom args = config.getChild("compilerArgs");
            if (args != null) {
                for (Xpp3Dom arg : args.getChildren()) {
                    if (arg.getValue() != null && !arg.getValue().isBlank()) {
                        options.add(arg.getValue().trim());
                    }
                }
            }
            Xpp3Dom map = config.getChild("compilerArguments");
            if (map != null) {
                for (Xpp3Dom arg : map.getChildren()) {
                    options.add("-" + arg.getName());
                    if (arg.getValue() != null && !arg.getValue().isBlank()) {
                        options.add(arg.getValue().trim());
                    }
                }
            }
        }
        String single = param("compilerArgument", null, null);
        if (single != null && !single.isBlank()) {
            options.addAll(List.of(single.trim().split("\\s+")));
        }
        for (String o : refused(options)) {
            fallbackReasons.add(reason("compiler option " + o + " " + REFUSED_WHY));
        }
    }

    static final String COMPILE = "maven-compiler-plugin:compile@compile";
    private static final String REFUSED_WHY =
            "is not on liveupdate's list of options that cannot run code or reach" + " files outside the revision";

    /** Options whose next argument is their value. */
    private static final java.util.Set<String> WITH_VALUE = java.util.Set.of(
            "-encoding",
            "-source",
            "--source",
            "-target",
            "--target",
            "--release",
            "-Xmaxerrs",
            "-Xmaxwarns",
            "--add-exports",
            "--add-reads",
            "--add-modules",
            "--limit-modules",
            "--default-module-for-created-files");

    /**
     * Whether in-process javac may get {@code option} from an untrusted build: it must not run code (processors,
     * plugins), read or write outside the revision and the output (paths, {@code @argfiles}, {@code -J}) or change
     * where classes go. Debug info, language level, encoding, warnings, preview and module-resolution switches that
     * name modules only are allowed.
     */
    static boolean allowed(String option) {
        if (WITH_VALUE.contains(option)) {
            return true;
        }
        for (String prefix : List.of(
                "--release=",
                "--source=",
                "--target=",
                "--add-exports=",
                "--add-reads=",
                "--add-modules=",
                "--limit-modules=",
                "-Xlint",
                "-Xdoclint",
                "-Xdiags:",
                "-Xpkginfo:",
                "-implicit:",
                "-g:",
                "-A")) {
            if (option.startsWith(prefix)) {
                return true;
            }
        }
        return switch (option) {
            case "-g",
                    "-g:none",
                    "-nowarn",
                    "-deprecation",
                    "-verbose",
                    "-parameters",
                    "--enable-preview",
                    "-proc:none",
                    "-Werror",
                    "-XDignore.symbol.file",
                    "-Xprefer:source",
                    "-Xprefer:newer" -> true;
            default -> false;
        };
    }

    /** The options of {@code options} {@link #allowed} refuses (values of allowed options are skipped). */
    static List<String> refused(List<String> options) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (allowed(o)) {
                if (WITH_VALUE.contains(o)) {
                    i++;
                }
            } else {
                out.add(o);
            }
        }
        return out;
    }

    /** {@code options} without what {@link #allowed} refuses, for in-process javac. */
    static List<String> withoutRefused(List<String> options) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (allowed(o)) {
                out.add(o);
                if (WITH_VALUE.contains(o) && i + 1 < options.size()) {
                    out.add(options.get(++i));
                }
            }
        }
        return out;
    }

    /** Whether the plugin version is at least major.minor; an unspecified version is Maven 3.9's default (3.13.0). */
    static boolean atLeast(String pluginVersion, int major, int minor) {
        if (pluginVersion == null || pluginVersion.isBlank()) {
            return true;
        }
        String[] parts = pluginVersion.split("[.-]");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Default {@code -source}/{@code -target} of maven-compiler-plugin by version (1.8 from 3.11.0 on). */
    static String defaultSourceLevel(String pluginVersion) {
        if (pluginVersion == null || pluginVersion.isBlank()) {
            return "1.8";
        }
        String[] parts = pluginVersion.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major > 3 || (major == 3 && minor >= 11)) {
                return "1.8";
            }
            if (major == 3 && minor >= 9) {
                return "1.7";
            }
            if (major == 3 && minor == 8) {
                return "1.6";
            }
            return "1.5";
        } catch (NumberFormatException e) {
            return "1.8";
        }
    }

    private String param(String name, String property, String fallback) {
        if (config != null) {
            Xpp3Dom child = config.getChild(name);
            if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
                return child.getValue().trim();
            }
        }
        if (property != null) {
            String value = properties.getProperty(property);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return fallback;
    }
}
