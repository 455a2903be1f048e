package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.cli.agent.UnitTestAgent;
import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.GitHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof that a unit updates a running JVM: an application from a generated history runs with a test agent given by
 * {@code -javaagent}; a HOTSWAP unit made by {@code liveupdate package} and accepted by {@code liveupdate check} is
 * applied (added class defined, changed class redefined, unit recorded), the application shows the new behaviour
 * without a restart, and a second apply is refused by the sequence. On the build JDK and, when set, on ORACLE_JDK.
 */
class LiveApplyIT {
    @TempDir
    Path tmp;

    static Stream<String> jdks() {
        List<String> homes = new ArrayList<>(List.of(System.getProperty("java.home")));
        String second = System.getenv("ORACLE_JDK");
        if (second != null && !second.isBlank() && Files.isExecutable(Path.of(second, "bin", "java"))) {
            homes.add(second);
        }
        return homes.stream();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aCheckedUnitChangesTheRunningApplicationOnce(String javaHome) throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "v1",
                    Map.of(
                            "src/main/java/demo/App.java",
                            "package demo;\nimport java.io.*;\npublic class App {\n"
                                    + "  public static void main(String[] a) throws IOException {\n"
                                    + "    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n"
                                    + "    System.out.println(\"ready\");\n"
                                    + "    for (String l; (l = in.readLine()) != null; ) {\n"
                                    + "      System.out.println(new Greeter().greet());\n"
                                    + "    }\n  }\n}\n",
                            "src/main/java/demo/Greeter.java",
                            "package demo;\npublic class Greeter {\n  public String greet() { return \"v1\"; }\n}\n"));
            git.commit(
                    "v2",
                    Map.of(
                            "src/main/java/demo/Greeter.java",
                            "package demo;\npublic class Greeter {\n  public String greet() { return Helper.h(); }\n}\n",
                            "src/main/java/demo/Helper.java",
                            "package demo;\nfinal class Helper {\n  static String h() { return \"v2 from Helper\"; }\n}\n"));
        }
        CliRunner cli = CliRunner.in(tmp);
        cli.run(0, "keygen", "--alg", "ed25519", "--out", "key", "--no-passphrase");
        cli.run(0, "classes", "--repo", "repo", "--rev", "HEAD~1", "--out", "build");
        cli.run(
                0,
                "package",
                "--repo",
                "repo",
                "--base",
                "HEAD~1",
                "--out",
                "u.jar",
                "--key",
                "key/private-key.pem",
                "--validity",
                "P3650D",
                "--max-level",
                "HOTSWAP");
        Files.createDirectories(tmp.resolve("state"));
        cli.run(
                0,
                "check",
                "u.jar",
                "--trust",
                "key/certificate.pem",
                "--state",
                "state",
                "--running-classes",
                "build");

        Path agent = agentJar();
        Path portFile = tmp.resolve("agent.port");
        Process app = new ProcessBuilder(
                        Path.of(javaHome, "bin", "java").toString(),
                        "-javaagent:" + agent + "=" + tmp.resolve("key/certificate.pem") + "|" + tmp.resolve("state")
                                + "|" + portFile,
                        "-cp",
                        tmp.resolve("build") + java.io.File.pathSeparator + System.getProperty("liveupdate.jar"),
                        "demo.App")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = app.getOutputStream()) {
            assertEquals("ready", out.readLine()); // the agent wrote its port before main ran
            assertEquals("v1", ask(in, out));

            String applied = request(portFile, "apply " + tmp.resolve("u.jar"));
            assertTrue(applied.startsWith("applied "), applied);
            assertEquals("v2 from Helper", ask(in, out), "the new behaviour, without a restart");

            String again = request(portFile, "apply " + tmp.resolve("u.jar"));
            assertTrue(again.startsWith("refused SEQUENCE_NOT_NEWER "), again);
            assertEquals("v2 from Helper", ask(in, out));
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        String refused = cli.run(1, "check", "u.jar", "--trust", "key/certificate.pem", "--state", "state")
                .errorLine();
        assertTrue(
                refused.startsWith("liveupdate: rejected [SEQUENCE_NOT_NEWER] u.jar: sequence 2 is not above 2"),
                refused);
    }

    private static String ask(OutputStream in, BufferedReader out) throws IOException {
        in.write("greet\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        return out.readLine();
    }

    private static String request(Path portFile, String line) throws IOException {
        int port = Integer.parseInt(Files.readString(portFile).trim());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            w.println(line);
            return r.readLine();
        }
    }

    /** The test agent's classes from the test output, in a jar whose manifest grants redefinition. */
    private Path agentJar() throws IOException, URISyntaxException {
        Path classes = Path.of(UnitTestAgent.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path dir = classes.resolve("io/liveupdate/cli/agent");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", UnitTestAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
        Path jar = tmp.resolve("agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                out.putNextEntry(new JarEntry("io/liveupdate/cli/agent/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }
}
