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
    String encoding;
    boolean processingDisabled;
    boolean packageInfoClasses;

    private final Xpp3Dom config;
    private final Properties properties;

    private CompilerPluginOptions(Model model) {
        this.properties = model.getProperties();
        Plugin plugin = find(model);
        Xpp3Dom merged = null;
        if (plugin != null) {
            merged = (Xpp3Dom) plugin.getConfiguration();
            for (PluginExecution execution : plugin.getExecutions()) {
                if ("default-compile".equals(execution.getId()) && execution.getConfiguration() != null) {
                    merged = Xpp3Dom.mergeXpp3Dom(
                            new Xpp3Dom((Xpp3Dom) execution.getConfiguration()),
                            merged == null ? null : new Xpp3Dom(merged));
                }
            }
        }
        this.config = merged;
        build(plugin == null ? null : plugin.getVersion());
        if (plugin != null) {
            executionReasons(plugin);
        }
    }

    /**
     * A build that disables {@code default-compile} or adds compile executions (multi-release jars, separate
     * {@code module-info} compiles) compiles sources in several passes with different options: one spec cannot say it.
     */
    private void executionReasons(Plugin plugin) {
        for (PluginExecution execution : plugin.getExecutions()) {
            boolean compiles = execution.getGoals().contains("compile") || "default-compile".equals(execution.getId());
            if (!compiles) {
                continue;
            }
            if ("default-compile".equals(execution.getId())) {
                if ("none".equals(execution.getPhase())) {
                    fallbackReasons.add("maven-compiler-plugin's default-compile execution is disabled");
                }
            } else if (!"none".equals(execution.getPhase())) {
                fallbackReasons.add("maven-compiler-plugin has another compile execution: " + execution.getId());
            }
        }
        if (config != null) {
            for (String filter : List.of("includes", "excludes", "compileSourceRoots", "multiReleaseOutput")) {
                if (config.getChild(filter) != null) {
                    fallbackReasons.add("maven-compiler-plugin configures " + filter);
                }
            }
        }
    }

    static CompilerPluginOptions of(Model model) {
        return new CompilerPluginOptions(model);
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
            fallbackReasons.add("maven-compiler-plugin uses compilerId " + compilerId);
        }
        if (Boolean.parseBoolean(param("fork", "maven.compiler.fork", "false"))
                && param("executable", "maven.compiler.executable", null) != null) {
            fallbackReasons.add("maven-compiler-plugin forks another javac executable");
        }
        String proc = param("proc", "maven.compiler.proc", null);
        processingDisabled = "none".equals(proc);
        if (config != null && config.getChild("annotationProcessorPaths") != null && !processingDisabled) {
            fallbackReasons.add("maven-compiler-plugin configures annotationProcessorPaths");
        }
        if (config != null && config.getChild("annotationProcessors") != null && !processingDisabled) {
            fallbackReasons.add("maven-compiler-plugin configures annotationProcessors");
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
            options.add(release.trim());
        } else {
            String defaultLevel = defaultSourceLevel(pluginVersion);
            options.add("-target");
            options.add(param("target", "maven.compiler.target", defaultLevel).trim());
            options.add("-source");
            options.add(param("source", "maven.compiler.source", defaultLevel).trim());
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
        for (String o : options) {
            if (o.startsWith("-processor") || o.startsWith("--processor") || o.startsWith("-Xplugin")) {
                fallbackReasons.add("compiler argument " + o + " runs annotation processors or javac plugins");
            }
        }
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
