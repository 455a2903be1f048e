package io.liveupdate.differ.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.liveupdate.differ.Change;
import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.RedefinitionCheck;
import io.liveupdate.differ.UpdateLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Renders a {@link DiffResult} as the {@code diff --format json} contract (formatVersion 1). Keys are written in a
 * fixed order and classes in result order, so equal results give byte-identical output.
 */
public final class JsonReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {}

    public static void write(DiffResult result, Writer out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("formatVersion", DiffResult.FORMAT_VERSION);
            g.writeStringField("profile", result.profile().id());
            g.writeStringField("level", result.level().name());
            g.writeNumberField("unchanged", result.unchanged());
            g.writeObjectFieldStart("inputs");
            g.writeStringField("old", result.inputs().old());
            g.writeStringField("new", result.inputs().target());
            g.writeEndObject();
            writeSummary(g, result.summary());
            g.writeArrayFieldStart("classes");
            for (ClassDiff c : result.classes()) {
                writeClass(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts per level and status (every one, zeros included) and per hazard (those that occur), in enum order. */
    private static void writeSummary(JsonGenerator g, DiffResult.Summary summary) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeObjectFieldStart("levels");
        for (Map.Entry<UpdateLevel, Integer> e : summary.levels().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("statuses");
        for (Map.Entry<ClassStatus, Integer> e : summary.statuses().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("hazards");
        for (Map.Entry<Hazard, Integer> e : summary.hazards().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeClass(JsonGenerator g, ClassDiff c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        if (c.release() != null) {
            g.writeNumberField("release", c.release());
        }
        g.writeStringField("status", c.status().name());
        g.writeStringField("level", c.level().name());
        RedefinitionCheck reason = c.reason();
        g.writeStringField("reason", reason == null ? null : reason.name());
        g.writeArrayFieldStart("reasons");
        for (RedefinitionCheck r : c.reasons()) {
            g.writeString(r.name());
        }
        g.writeEndArray();
        g.writeStringField(
                "levelCause", c.levelCause() == null ? null : c.levelCause().name());
        g.writeArrayFieldStart("changes");
        for (Change change : c.changes()) {
            g.writeStartObject();
            g.writeStringField("kind", change.kind().name());
            g.writeStringField("member", change.member());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hazards");
        for (Hazard h : c.sortedHazards()) {
            g.writeString(h.name());
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
