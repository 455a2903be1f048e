import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code update:package} adds to a warm {@code mvn clean package}: a generated 3-module project (300 classes, a
 * base commit tagged v1.0 and a target commit with body changes) built alternately without and with the plugin (profile
 * {@code update}), after one unrecorded warm-up of each; medians and the ratio of the paired runs.
 *
 * <p>Run by bench/plugin-overhead.sh, which installs the plugin first: {@code java bench/PluginBench.java ROOT ROUNDS
 * [cold]}; {@code cold} gives every plugin build an empty tool cache, so that it compiles the base itself.
 */
public final class PluginBench {
    static final int MODULES = 3;
    static final int CLASSES_PER_MODULE = 100;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean cold = args.length > 2 && args[2].equals("cold");
        String version = "0.1.0-SNAPSHOT";
        Path project = root.resolve("bench/scratch/plugin-project");
        generate(project, version);
        List<String> plain = List.of("-B", "-q", "-o", "clean", "package");
        List<String> update = List.of("-B", "-q", "-o", "clean", "package", "-Pupdate", "-Dupdate.base=v1.0");
        build(root, project, plain, false);
        build(root, project, update, cold);
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            boolean plainFirst = i % 2 == 0;
            long first = build(root, project, plainFirst ? plain : update, !plainFirst && cold);
            long second = build(root, project, plainFirst ? update : plain, plainFirst && cold);
            long p = plainFirst ? first : second;
            long u = plainFirst ? second : first;
            a.add(p);
            b.add(u);
            ratios.add((double) u / p);
            System.out.printf("round %d: package %d ms, package + update:package %d ms (%.2fx)%n", i + 1, p, u,
                    (double) u / p);
        }
        System.out.print(cold ? "cold (no cached base) " : "warm (base in the tool cache) ");
        System.out.printf("median: package %d ms, package + update:package %d ms; median ratio %.3f (+%.1f %%)%n",
                median(a), median(b), medianD(ratios), (medianD(ratios) - 1) * 100);
    }

    /** One build; {@code cold}: with an empty tool cache, so the base revision is compiled in this build. */
    static long build(Path root, Path project, List<String> args, boolean cold)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", root.resolve("mvnw").toString(), "-f",
                project.resolve("pom.xml").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (cold) {
            builder.environment().put("LIVEUPDATE_CACHE", Files.createTempDirectory("plugin-bench-cache").toString());
        }
        long t0 = System.nanoTime();
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void generate(Path project, String version) throws IOException, InterruptedException {
        if (Files.exists(project)) {
            try (var files = Files.walk(project)) {
                files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(project);
        StringBuilder modules = new StringBuilder();
        for (int m = 0; m < MODULES; m++) {
            modules.append("<module>m").append(m).append("</module>");
        }
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                <groupId>org.example.bench</groupId><artifactId>bench</artifactId><version>1.0</version>
                <packaging>pom</packaging><modules>%s</modules>
                <properties><maven.compiler.release>17</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
                <profiles><profile><id>update</id><build><plugins><plugin>
                <groupId>io.liveupdate</groupId><artifactId>update-maven-plugin</artifactId><version>%s</version>
                <configuration><validity>P3650D</validity></configuration>
                <executions><execution><goals><goal>package</goal></goals></execution></executions>
                </plugin></plugins></build></profile></profiles></project>
                """.formatted(modules, version));
        for (int m = 0; m < MODULES; m++) {
            Path dir = project.resolve("m" + m);
            String dependency = m == 0 ? "" : "<dependencies><dependency><groupId>org.example.bench</groupId>"
                    + "<artifactId>m" + (m - 1) + "</artifactId><version>1.0</version></dependency></dependencies>";
            Files.createDirectories(dir.resolve("src/main/java/bench/m" + m));
            Files.writeString(dir.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                    <parent><groupId>org.example.bench</groupId><artifactId>bench</artifactId><version>1.0</version>
                    </parent><artifactId>m%d</artifactId>%s</project>
                    """.formatted(m, dependency));
            for (int c = 0; c < CLASSES_PER_MODULE; c++) {
                writeClass(dir, m, c, 1);
            }
        }
        git(project, "2026-01-01T12:00:00Z", "init", "-q");
        git(project, "2026-01-01T12:00:00Z", "add", "-A");
        git(project, "2026-01-01T12:00:00Z", "commit", "-q", "-m", "v1");
        git(project, "2026-01-01T12:00:00Z", "tag", "v1.0");
        for (int m = 0; m < MODULES; m++) {
            for (int c = 0; c < CLASSES_PER_MODULE; c += 10) {
                writeClass(project.resolve("m" + m), m, c, 2); // a body change in every tenth class
            }
        }
        git(project, "2026-01-02T12:00:00Z", "commit", "-q", "-a", "-m", "v2");
    }

    static void writeClass(Path module, int m, int c, int variant) throws IOException {
        String uses = m == 0 ? "" : "        total += new bench.m" + (m - 1) + ".C" + c + "().work(n);\n";
        Files.writeString(module.resolve("src/main/java/bench/m" + m + "/C" + c + ".java"), """
                package bench.m%d;

                public class C%d {
                    private final java.util.List<String> names = new java.util.ArrayList<>();

                    public long work(int n) {
                        long total = %d;
                %s        for (int i = 0; i < n; i++) {
                            total += helper(i) * %d;
                            names.add("n" + i);
                        }
                        return total + names.size();
                    }

                    private long helper(int i) {
                        return i %% 7 == 0 ? i * 3L : i + %d;
                    }
                }
                """.formatted(m, c, c, uses, variant, variant));
    }

    static void git(Path dir, String date, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=bench", "-c", "user.email=b@example.org",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_AUTHOR_DATE", date);
        pb.environment().put("GIT_COMMITTER_DATE", date);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static double medianD(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

}
