package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules that decide whether a module's build is reproduced in memory: only goals bound up to
 * {@code process-classes} count, known neutral ones do not, modelled ones are modelled, anything else is a reason named
 * {@code artifactId:goal@phase}.
 */
class BuildPlanTest {
    private static final String HEAD = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0"
            + "</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>";

    private static CompileSpec spec(ArtifactResolver artifacts, String packaging, String plugins) {
        String pom = HEAD + (packaging == null ? "" : "<packaging>" + packaging + "</packaging>") + "<build><plugins>"
                + plugins + "</plugins></build></project>";
        return new ProjectModelReader(artifacts, List.of())
                .read(new ProjectModelReaderTest.MapFiles(Map.of("pom.xml", pom, "src/main/java/p/A.java", "")))
                .modules()
                .get(0);
    }

    private static List<String> reasons(String plugins) {
        return spec(null, null, plugins).fallbackReasons();
    }

    private static String plugin(String groupId, String artifactId, String version, String executions) {
        return "<plugin><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>") + "<executions>" + executions
                + "</executions></plugin>";
    }

    private static String execution(String id, String phase, String goal, String configuration) {
        return "<execution><id>" + id + "</id>" + (phase == null ? "" : "<phase>" + phase + "</phase>")
                + "<goals><goal>"
                + goal + "</goal></goals>"
                + (configuration == null ? "" : "<configuration>" + configuration + "</configuration>")
                + "</execution>";
    }

    @Test
    void aPluginDeclaredWithoutExecutionsOrBoundAfterTheClassesAreFinalIsNoReason() {
        assertEquals(
                List.of(),
                reasons(plugin("org.codehaus.mojo", "build-helper-maven-plugin", "3.6.0", "")
                        + plugin(
                                "org.moditect",
                                "moditect-maven-plugin",
                                "1.3.0.Final",
                                execution("add-module-infos", null, "add-module-info", null))
                        + plugin(
                                "org.spdx",
                                "spdx-maven-plugin",
                                "1.0.4",
                                execution("sbom", "package", "createSPDX", null))
                        + plugin("org.example", "gen-maven-plugin", "1", execution("off", "none", "generate", null))));
    }

    @Test
    void aTestCompileBoundToCompileWritesTestClassesOnlyUnlessRedirected() {
        assertEquals(
                List.of(),
                reasons(plugin(
                        "org.apache.maven.plugins",
                        "maven-compiler-plugin",
                        "3.14.0",
                        execution("compile-java-8", "compile", "testCompile", "<release>8</release>"))));
        assertEquals(
                List.of("maven-compiler-plugin:testCompile@compile (writes test classes to target/classes)"),
                reasons(plugin(
                        "org.apache.maven.plugins",
                        "maven-compiler-plugin",
                        "3.14.0",
                        execution(
                                "odd",
                                "compile",
                                "testCompile",
                                "<outputDirectory>target/classes</outputDirectory>"))));
    }

    @Test
    void goalsKnownToLeaveSourcesAndClassesAloneAreNoReason() {
        assertEquals(
                List.of(),
                reasons(plugin(
                                "org.apache.maven.plugins",
                                "maven-enforcer-plugin",
                                "3.6.3",
                                execution("enforce", null, "enforce", null))
                        + plugin(
                                "org.apache.rat",
                                "apache-rat-plugin",
                                "0.18",
                                execution("rat", "validate", "check", null))
                        + plugin(
                                "org.codehaus.mojo",
                                "build-helper-maven-plugin",
                                "3.6.0",
                                execution("parse-version", null, "parse-version", null))
                        + plugin(
                                "com.diffplug.spotless",
                                "spotless-maven-plugin",
                                "2.44.0",
                                execution("format", "process-sources", "apply", null))
                        + plugin(
                                "org.jacoco",
                                "jacoco-maven-plugin",
                                "0.8.15",
                                execution("agent", null, "prepare-agent", null))
                        + plugin(
                                "org.apache.felix",
                                "maven-bundle-plugin",
                                "6.0.2",
                                execution("manifest", "process-classes", "manifest", null))
                        + plugin(
                                "org.codehaus.mojo",
                                "animal-sniffer-maven-plugin",
                                "1.27",
                                execution("check", "compile", "check", null))));
    }

    @Test
    void anyOtherGoalBeforeTheClassesAreFinalIsAReasonNamedPluginGoalPhase() {
        assertEquals(
                List.of(
                        "gen-maven-plugin:generate@generate-sources (may change the sources javac compiles or the class"
                                + " files it writes)",
                        "jacoco-maven-plugin:instrument@process-classes (may change the sources javac compiles or the"
                                + " class files it writes)",
                        "exec-maven-plugin:java@validate (may change the sources javac compiles or the class files it"
                                + " writes)"),
                reasons(plugin(
                                "org.example",
                                "gen-maven-plugin",
                                "1",
                                execution("gen", "generate-sources", "generate", null))
                        + plugin(
                                "org.jacoco",
                                "jacoco-maven-plugin",
                                "0.8.15",
                                execution("offline", null, "instrument", null))
                        + plugin(
                                "org.codehaus.mojo",
                                "exec-maven-plugin",
                                "3.5.0",
                                execution("run", null, "java", null))));
    }

    @Test
    void aGoalWithoutPhaseTakesItsPhaseFromThePluginDescriptorOrIsAReasonWithoutOne() {
        String shade = plugin(
                "org.apache.maven.plugins", "maven-shade-plugin", "3.6.0", execution("shade", null, "shade", null));
        String unknown = plugin("org.example", "gen-maven-plugin", null, execution("gen", null, "generate", null));

        assertEquals(
                List.of(), spec(TestArtifacts.resolver(), null, shade).fallbackReasons(), "shade binds to package");
        assertEquals(
                List.of("gen-maven-plugin:generate (bound without a phase, and the plugin's descriptor is"
                        + " unavailable)"),
                reasons(unknown));
    }

    @Test
    void antrunTargetsThatOnlyCopyEchoOrMakeDirectoriesAwayFromSourcesAndClassesAreNoReason() {
        String harmless = "<target><mkdir dir=\"${project.build.directory}\"/>"
                + "<copy todir=\"${project.build.directory}/apidocs/META-INF\"><fileset dir=\"${basedir}\">"
                + "<include name=\"LICENSE\"/></fileset></copy><echo message=\"hello\"/></target>";
        String intoSources = "<target><copy todir=\"${project.basedir}/src/main/java/p\"><fileset dir=\"${basedir}"
                + "/templates\"/></copy></target>";
        String intoClasses =
                "<target><echo file=\"${project.build.outputDirectory}/p/X.class\" message=\"x\"/>" + "</target>";
        String exec = "<target><exec executable=\"sh\"/></target>";
        String antrun = "org.apache.maven.plugins";

        assertEquals(
                List.of(),
                reasons(plugin(
                        antrun,
                        "maven-antrun-plugin",
                        "3.2.0",
                        execution("copy", "generate-sources", "run", harmless))));
        assertEquals(
                List.of(
                        "maven-antrun-plugin:run@generate-sources (writes into src/main/java/p)",
                        "maven-antrun-plugin:run@process-classes (writes into target/classes/p/X.class)",
                        "maven-antrun-plugin:run@initialize (runs the Ant task <exec>)"),
                reasons(plugin(
                        antrun,
                        "maven-antrun-plugin",
                        "3.2.0",
                        execution("a", "generate-sources", "run", intoSources)
                                + execution("b", "process-classes", "run", intoClasses)
                                + execution("c", "initialize", "run", exec))));
    }

    @Test
    void buildHelperAddSourceOfACommittedDirectoryAddsARootAndOfAGeneratedOneIsAReason() {
        String committed = plugin(
                "org.codehaus.mojo",
                "build-helper-maven-plugin",
                "3.6.0",
                execution(
                        "extra",
                        null,
                        "add-source",
                        "<sources><source>${project.basedir}/src/extra/java</source>" + "</sources>"));
        String generated = plugin(
                "org.codehaus.mojo",
                "build-helper-maven-plugin",
                "3.6.0",
                execution(
                        "gen",
                        null,
                        "add-source",
                        "<sources><source>${project.build.directory}/generated-sources/x" + "</source></sources>"));

        CompileSpec extra = spec(null, null, committed);

        assertEquals(List.of(), extra.fallbackReasons());
        assertEquals(List.of("src/main/java", "src/extra/java"), extra.sourceRoots());
        assertEquals(
                List.of("build-helper-maven-plugin:add-source@generate-sources (adds target/generated-sources/x, which"
                        + " the build generates)"),
                reasons(generated));
    }

    @Test
    void aPackagingWhoseLifecycleIsUnknownIsAReason() {
        assertEquals(
                List.of("packaging hk2-jar (its lifecycle bindings are not known to leave class files alone)"),
                spec(null, "hk2-jar", "").fallbackReasons());
        assertEquals(List.of(), spec(null, "bundle", "").fallbackReasons());
    }
}
