package io.liveupdate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the documentation shows is run, and README, site and {@code --help} say the same.
 *
 * <p>Each {@code ```sh} block of README.md, docs/*.md and the site's own pages carries, in the HTML comment above it,
 * how it is run:
 *
 * <ul>
 *   <li>{@code run: test}: here, in order, one shell per page, in a scratch directory that stands for the checkout
 *       (its {@code liveupdate} is the one this build made); an {@code output} block after it must be what the shell
 *       printed, with ids and times written as {@code …};
 *   <li>{@code run: ci}: every line is a line of {@code .ci/run};
 *   <li>{@code run: it NAME}: every {@code ./mvnw} line is a goal list of the invoker IT {@code it/src/it/NAME};
 *   <li>{@code not run: benchmark|prompt|placeholder|external ...}: the exemptions (timings, interactive prompts,
 *       commands with a value the reader supplies, another tool's command in the reader's project), with the reason.
 * </ul>
 *
 * A block under {@code file: PATH} must be that file of the repository. A synopsis ({@code $ ./liveupdate CMD ...}
 * in a plain block) may name only options that {@code liveupdate CMD --help} lists (docs/cli.md, which
 * CliReferenceTest keeps equal to the tool).
 */
class DocExamplesTest {

    private static final Path ROOT = Markdown.root();
    private static final Pattern RUN =
            Pattern.compile("run: (test|ci|it [\\w-]+)|not run: (benchmark|prompt|placeholder|external)\\b.*");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final String MARK = "@@@ block ";
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    static List<Markdown> pages() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (Path dir : List.of(
                ROOT.resolve("docs"),
                ROOT.resolve("site/src/site/markdown"),
                ROOT.resolve("maven-plugin/src/site/markdown"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files.stream().map(Markdown::read).toList();
    }

    private static String where(Markdown page, Markdown.Block b) {
        return ROOT.relativize(page.file()) + ":" + b.line();
    }

    /** A block and the page it is on. */
    record Found(Markdown page, Markdown.Block block) {
        String where() {
            return DocExamplesTest.where(page, block);
        }
    }

    /** Every block of every page whose comment passes {@code test}. */
    private static List<Found> marked(Predicate<String> test) throws IOException {
        List<Found> out = new ArrayList<>();
        for (Markdown page : pages()) {
            for (Markdown.Block b : page.blocks()) {
                if (b.comment() != null && test.test(b.comment())) {
                    out.add(new Found(page, b));
                }
            }
        }
        return out;
    }

    @Test
    void everyShellBlockSaysHowItIsRun() throws IOException {
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        for (Markdown page : pages()) {
            for (Markdown.Block b : page.blocks()) {
                if (b.info().equals("sh")) {
                    blocks++;
                    if (b.comment() == null || !RUN.matcher(b.comment()).matches()) {
                        missing.add(where(page, b) + " (" + b.comment() + ")");
                    }
                }
            }
        }
        assertTrue(blocks >= 10, "the pages show commands: " + blocks);
        assertEquals(List.of(), missing, "sh blocks with no <!-- run: ... --> or <!-- not run: reason -->");
    }

    @Test
    void theQuickStartBeginsWithTheReadmesTwoCommands() {
        Markdown.Block readme =
                Markdown.read(ROOT.resolve("README.md")).blocks().get(0);
        Markdown.Block quickStart =
                Markdown.read(ROOT.resolve("docs/quick-start.md")).blocks().get(0);
        assertEquals(2, commands(readme).size(), "the README starts with exactly two commands");
        assertEquals(readme.text(), quickStart.text());
    }

    @Test
    void ciBlocksAreWhatCiRuns() throws IOException {
        Set<String> ci = new TreeSet<>();
        Files.readAllLines(ROOT.resolve(".ci/run")).forEach(l -> ci.add(l.trim()));
        int checked = 0;
        for (Found f : marked("run: ci"::equals)) {
            for (String line : commands(f.block())) {
                assertTrue(ci.contains(line), f.where() + ": .ci/run does not run " + line);
                checked++;
            }
        }
        assertTrue(checked >= 3, "the README's two commands at least: " + checked);
    }

    @Test
    void itBlocksAreWhatTheInvokerRuns() throws IOException {
        int checked = 0;
        for (Found f : marked(c -> c.startsWith("run: it "))) {
            Path it = ROOT.resolve("it/src/it").resolve(f.block().comment().substring("run: it ".length()));
            Properties p = new Properties();
            try (var in = Files.newInputStream(it.resolve("invoker.properties"))) {
                p.load(in);
            }
            Set<String> goals = new TreeSet<>();
            p.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("invoker.goals"))
                    .forEach(k -> goals.add(p.getProperty(k).trim()));
            for (String line : commands(f.block())) {
                assertTrue(line.startsWith("./mvnw "), f.where() + ": not a Maven command: " + line);
                assertTrue(
                        goals.contains(line.substring("./mvnw ".length())),
                        f.where() + ": " + it + " runs " + goals + ", not " + line);
                checked++;
            }
        }
        assertTrue(checked >= 1, "the quick start's Maven build");
    }

    @Test
    void fileBlocksAreTheFiles() throws IOException {
        String version = version();
        int checked = 0;
        for (Found f : marked(c -> c.startsWith("file: "))) {
            Path file = ROOT.resolve(f.block().comment().substring("file: ".length()));
            assertEquals(
                    Files.readString(file).replace("\r\n", "\n").replace("@project.version@", version),
                    f.block().text(),
                    f.where() + " shows " + file);
            checked++;
        }
        assertTrue(checked >= 1);
    }

    @Test
    void synopsesNameOnlyOptionsTheCommandHas() throws IOException {
        Map<String, Set<String>> help = cliOptions();
        Pattern command = Pattern.compile("^\\$? ?(?:\\./)?liveupdate ([a-z]+)(.*)$");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Markdown page : pages()) {
            if (page.file().endsWith("cli.md")) {
                continue;
            }
            for (Markdown.Block b : page.blocks()) {
                String cmd = null;
                boolean continued = false;
                for (String line : b.text().split("\n")) {
                    // A synopsis (a plain block) continues on indented lines; a shell line only after a backslash.
                    if (cmd != null && (continued || (!b.info().equals("sh") && line.startsWith(" ")))) {
                        checked += check(help, cmd, line, where(page, b), wrong);
                    } else {
                        cmd = null;
                        for (String segment : line.split("&&|\\|")) {
                            Matcher m = command.matcher(segment.trim());
                            if (m.matches() && help.containsKey(m.group(1))) {
                                cmd = m.group(1);
                                checked += check(help, cmd, m.group(2), where(page, b), wrong);
                            }
                        }
                    }
                    continued = line.endsWith("\\");
                }
            }
        }
        assertTrue(checked >= 30, "options checked: " + checked);
        assertEquals(List.of(), wrong);
    }

    /** Adds to {@code wrong} every option of {@code text} that {@code cmd} does not list; returns how many it saw. */
    private static int check(Map<String, Set<String>> help, String cmd, String text, String where, List<String> wrong) {
        Matcher o = OPTION.matcher(text.replaceAll("#.*", ""));
        int seen = 0;
        while (o.find()) {
            seen++;
            if (!help.get(cmd).contains(o.group())) {
                wrong.add(where + ": liveupdate " + cmd + " has no " + o.group());
            }
        }
        return seen;
    }

    /**
     * The options each command (and its subcommands) lists in its --help, from docs/cli.md: the option list's lines
     * only, never the prose around them.
     */
    private static Map<String, Set<String>> cliOptions() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Pattern listed = Pattern.compile("(?m)^\\s+(?:-\\w, )?(--[a-z][\\w-]*)");
        for (Map.Entry<String, String> e : cliHelp().entrySet()) {
            Set<String> options = new TreeSet<>();
            listed.matcher(e.getValue()).results().forEach(r -> options.add(r.group(1)));
            out.put(e.getKey(), options);
        }
        return out;
    }

    @Test
    void testBlocksRunAndPrintWhatThePageShows(@TempDir Path tmp) throws IOException, InterruptedException {
        int pagesRun = 0;
        int outputsChecked = 0;
        for (Markdown page : pages()) {
            List<Markdown.Block> blocks = page.blocks();
            StringBuilder script = new StringBuilder("set -eo pipefail\nexec 2>&1\n");
            Map<Integer, String> expected = new LinkedHashMap<>();
            List<Markdown.Block> run = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                Markdown.Block b = blocks.get(i);
                if (!"run: test".equals(b.comment())) {
                    continue;
                }
                script.append("echo '")
                        .append(MARK)
                        .append(run.size())
                        .append("'\n")
                        .append(b.text());
                if (i + 1 < blocks.size() && "output".equals(blocks.get(i + 1).comment())) {
                    expected.put(run.size(), blocks.get(i + 1).text());
                }
                run.add(b);
            }
            if (run.isEmpty()) {
                continue;
            }
            pagesRun++;
            Path dir = Files.createDirectories(tmp.resolve("page" + pagesRun));
            List<String> outputs = runAsCheckout(dir, script.toString(), page, run);
            outputsChecked += expected.size();
            for (Map.Entry<Integer, String> e : expected.entrySet()) {
                assertEquals(
                        e.getValue(),
                        ID.matcher(outputs.get(e.getKey())).replaceAll("…"),
                        where(page, run.get(e.getKey())) + ": the output shown after this block");
            }
        }
        assertTrue(pagesRun >= 1, "the quick start runs");
        assertTrue(outputsChecked >= 3, "the quick start shows what three of its blocks print: " + outputsChecked);
    }

    /** Runs the script with a scratch directory as the checkout: its liveupdate and cli/ are this build's. */
    private static List<String> runAsCheckout(Path dir, String script, Markdown page, List<Markdown.Block> run)
            throws IOException, InterruptedException {
        Path checkout = Files.createDirectories(dir.resolve("liveupdate"));
        Files.createSymbolicLink(checkout.resolve("liveupdate"), ROOT.resolve("liveupdate"));
        Files.createSymbolicLink(checkout.resolve("cli"), ROOT.resolve("cli"));
        assertFresh(ROOT.resolve("cli/target/liveupdate.jar"), ROOT.resolve("cli/target/classes"));
        Path gitconfig = Files.writeString(dir.resolve("gitconfig"), "");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(checkout.toFile());
        Map<String, String> env = pb.environment();
        // A reader's shell, not this build's: no JVM options that print "Picked up ...", no git state of a hook.
        env.keySet()
                .removeIf(k -> k.startsWith("GIT_")
                        || k.endsWith("JAVA_OPTIONS")
                        || k.equals("JAVA_TOOL_OPTIONS")
                        || k.equals("LIVEUPDATE_JAVA_OPTS")
                        || k.equals("LIVEUPDATE_KEY_PASSPHRASE"));
        env.put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        env.put("LIVEUPDATE_CACHE", dir.resolve("cache").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("GIT_CONFIG_GLOBAL", gitconfig.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Path log = dir.resolve("output.log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail(ROOT.relativize(page.file()) + ": the examples did not finish in 5 minutes:\n"
                    + Files.readString(log));
        }
        String out = Files.readString(log);
        List<String> outputs = new ArrayList<>();
        int at = out.indexOf(MARK);
        while (at >= 0) {
            int start = out.indexOf('\n', at) + 1;
            int next = out.indexOf(MARK, start);
            outputs.add(out.substring(start, next < 0 ? out.length() : next));
            at = next;
        }
        if (p.exitValue() != 0) {
            Markdown.Block failed = run.get(Math.max(0, outputs.size() - 1));
            fail(where(page, failed) + ": a command of this block failed (exit " + p.exitValue() + "):\n"
                    + (outputs.isEmpty() ? out : outputs.get(outputs.size() - 1)));
        }
        assertEquals(run.size(), outputs.size(), out);
        return outputs;
    }

    /** The command line this build made, not one left by an earlier build ({@code mvn test} does not shade it). */
    private static void assertFresh(Path jar, Path classes) throws IOException {
        assertTrue(Files.isRegularFile(jar), "the cli module was packaged first: " + jar);
        long newest;
        try (Stream<Path> s = Files.walk(classes)) {
            newest = s.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().lastModified())
                    .max()
                    .orElse(0);
        }
        assertTrue(
                jar.toFile().lastModified() >= newest,
                jar + " is older than the classes in " + classes + ": package the cli module again");
    }

    /** The lines of a block that are commands (not comments, not empty). */
    private static List<String> commands(Markdown.Block b) {
        return Stream.of(b.text().split("\n"))
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /** Each command's --help, from docs/cli.md (which CliReferenceTest keeps equal to the tool). */
    private static Map<String, String> cliHelp() throws IOException {
        Map<String, String> help = new LinkedHashMap<>();
        String text = Files.readString(ROOT.resolve("docs/cli.md"));
        List<MatchResult> headings = Pattern.compile("(?m)^## `liveupdate ([a-z]+)`\\n")
                .matcher(text)
                .results()
                .toList();
        for (int i = 0; i < headings.size(); i++) {
            int end = i + 1 < headings.size() ? headings.get(i + 1).start() : text.length();
            help.put(headings.get(i).group(1), text.substring(headings.get(i).end(), end));
        }
        assertTrue(
                help.keySet().containsAll(List.of("diff", "package", "check", "history")),
                help.keySet().toString());
        return help;
    }

    private static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>liveupdate-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }
}
