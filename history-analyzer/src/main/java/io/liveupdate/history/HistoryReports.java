package io.liveupdate.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reports of a walk: {@code history --json} exactly per DESIGN.md's contract (keys in its order, then a few
 * additions), a CSV with one row per commit, and a text headline that answers the question first. Equal reports give
 * byte-identical output.
 */
public final class HistoryReports {
    public static final int FORMAT_VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();
    private static final CsvMapper CSV = new CsvMapper().enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);

    /** The options liveupdate adds to every revision's own javac options. */
    public static final List<String> FIXED_OPTIONS = List.of("-proc:none");

    private HistoryReports() {}

    /**
     * The summary's fields: the contract's (commits to hotswapWithoutHazards), then the additions: the commits
     * planned (more than "commits" in the report of a walk stopped by Ctrl-C), reasons and hazards most frequent
     * first, the classes that blocked a HotSwap most often, and the same per year.
     */
    private static void writeSummary(JsonGenerator g, HistorySummary s, Integer planned) throws IOException {
        g.writeNumberField("commits", s.commits());
        g.writeNumberField("attempted", s.attempted());
        g.writeNumberField("analyzed", s.analyzed());
        g.writeNumberField("uncompilable", s.uncompilable());
        g.writeNumberField("skipped", s.skipped());
        g.writeObjectFieldStart("levels");
        for (Map.Entry<UpdateLevel, Integer> e : s.levels().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("hotswapWithoutHazards", s.hotswapWithoutHazards());
        if (planned != null) {
            g.writeNumberField("planned", planned);
        }
        g.writeObjectFieldStart("reasons");
        for (Map.Entry<String, Integer> e : s.reasons().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("hazards");
        for (Map.Entry<Hazard, Integer> e : s.hazards().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("classes");
        for (Map.Entry<String, Integer> e : s.classes().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        if (!s.years().isEmpty()) {
            g.writeObjectFieldStart("years");
            for (Map.Entry<Integer, HistorySummary> y : s.years().entrySet()) {
                g.writeObjectFieldStart(Integer.toString(y.getKey()));
                writeSummary(g, y.getValue(), null);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    public static void json(HistoryAnalyzer.Report report, Writer out) {
        HistorySummary s = report.summary();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("repository", report.repository());
            g.writeStringField("head", report.head());
            g.writeStringField("profile", report.profile().id());
            g.writeObjectFieldStart("compiler");
            g.writeStringField("javac", report.javac());
            g.writeArrayFieldStart("options");
            for (String o : FIXED_OPTIONS) {
                g.writeString(o);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : report.compilerNotes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("summary");
            writeSummary(g, s, report.planned());
            g.writeEndObject();
            g.writeArrayFieldStart("commits");
            for (CommitRecord r : report.commits()) {
                g.writeStartObject();
                g.writeStringField("sha", r.sha());
                g.writeStringField("parent", r.parent());
                g.writeStringField("date", r.date());
                g.writeStringField("subject", r.subject());
                g.writeStringField("status", r.status().name());
                g.writeStringField("level", r.level() == null ? null : r.level().name());
                g.writeStringField("reason", r.reason());
                g.writeArrayFieldStart("hazards");
                for (Hazard h : r.hazards()) {
                    g.writeString(h.name());
                }
                g.writeEndArray();
                g.writeNumberField("changedClasses", r.changedClasses());
                if (r.error() == null) {
                    g.writeNullField("error");
                } else {
                    g.writeObjectFieldStart("error");
                    g.writeStringField("side", r.error().side());
                    g.writeStringField("message", r.error().message());
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("blockingClasses"); // an addition: what kept it from being a HotSwap
                for (String c : r.blockingClasses()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per commit, with a header; fields quoted as RFC 4180 needs (subjects hold commas and quotes). */
    public static void csv(HistoryAnalyzer.Report report, Writer out) {
        CsvSchema schema = CsvSchema.builder()
                .addColumn("sha")
                .addColumn("parent")
                .addColumn("date")
                .addColumn("status")
                .addColumn("level")
                .addColumn("reason")
                .addColumn("hazards")
                .addColumn("changedClasses")
                .addColumn("errorSide")
                .addColumn("errorMessage")
                .addColumn("subject")
                .addColumn("blockingClasses")
                .setUseHeader(true)
                .build();
        try (var writer = CSV.writer(schema).writeValues(out)) {
            for (CommitRecord r : report.commits()) {
                writer.write(new Object[] {
                    r.sha(),
                    r.parent() == null ? "" : r.parent(),
                    r.date(),
                    r.status().name(),
                    r.level() == null ? "" : r.level().name(),
                    r.reason() == null ? "" : r.reason(),
                    r.hazards().stream().map(Enum::name).collect(Collectors.joining(" ")),
                    r.changedClasses(),
                    r.error() == null ? "" : r.error().side(),
                    r.error() == null ? "" : r.error().message(),
                    r.subject(),
                    String.join(" ", r.blockingClasses())
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The counts line: commits, analyzed, uncompilable, skipped, without code change, HotSwap without hazards. */
    public static String counts(HistorySummary s) {
        return String.format(
                Locale.ROOT,
                "%d commits: %d analyzed, %d uncompilable, %d skipped, %d without code change; HotSwap without"
                        + " hazards: %d",
                s.commits(),
                s.analyzed(),
                s.uncompilable(),
                s.skipped(),
                s.commits() - s.attempted(),
                s.hotswapWithoutHazards());
    }

    /** The headline, then the counts: what a reader asked, answered first. */
    public static String text(HistoryAnalyzer.Report report) {
        HistorySummary s = report.summary();
        StringBuilder b = new StringBuilder();
        if (s.commits() == 0) {
            return report.complete()
                    ? report.repository() + ": no commits to analyse\n"
                    : report.repository() + ": interrupted before the first of " + report.planned() + " commits\n";
        }
        if (s.attempted() == 0) {
            return report.repository() + ": " + s.commits() + " commits, none of which changes main Java sources or"
                    + " build files\n";
        }
        double hotswap = s.shareAtMost(UpdateLevel.HOTSWAP);
        double enhanced = s.shareAtMost(UpdateLevel.ENHANCED) - hotswap;
        b.append(String.format(
                Locale.ROOT,
                "%.1f %% of the code-changing commits of %s could have been applied with standard HotSwap, %.1f %%"
                        + " more with enhanced redefinition; coverage %.1f %% (%d of %d analyzed)%n",
                100 * hotswap,
                report.repository(),
                100 * enhanced,
                100 * s.coverage(),
                s.analyzed(),
                s.attempted()));
        b.append(counts(s)).append('\n');
        b.append("levels:");
        s.levels().forEach((l, n) -> b.append(' ').append(l).append(' ').append(n));
        b.append('\n');
        report.compilerNotes().forEach(n -> b.append("note: ").append(n).append('\n'));
        if (report.fromCache() > 0) {
            b.append(report.fromCache()).append(" verdicts came from liveupdate's cache\n");
        }
        if (!s.reasons().isEmpty()) {
            b.append("first failing reasons:");
            s.reasons().entrySet().stream()
                    .limit(5)
                    .forEach(e -> b.append(' ').append(e.getKey()).append(' ').append(e.getValue()));
            b.append('\n');
        }
        if (!s.classes().isEmpty()) {
            b.append("classes that blocked HotSwap most often:");
            s.classes().entrySet().stream()
                    .limit(5)
                    .forEach(e -> b.append(' ').append(e.getKey()).append(' ').append(e.getValue()));
            b.append('\n');
        }
        if (!report.complete()) {
            b.append("interrupted: ")
                    .append(s.commits())
                    .append(" of ")
                    .append(report.planned())
                    .append(" commits analysed\n");
        }
        return b.toString();
    }
}
