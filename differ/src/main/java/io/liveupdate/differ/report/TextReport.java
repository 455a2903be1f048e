package io.liveupdate.differ.report;

import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link DiffResult} for people: one line per listed class (level, status, name, first reason, hazards)
 * and a summary line.
 */
public final class TextReport {
    private TextReport() {}

    public static void write(DiffResult result, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        for (ClassDiff c : result.classes()) {
            // Plain padding, not String.format: a report has one line per changed class, thousands for a big jar.
            StringBuilder line = new StringBuilder(120);
            pad(line, c.level().name(), 10);
            pad(line, c.status().name(), 8);
            line.append(c.name());
            if (c.release() != null) {
                line.append(" [release ").append(c.release()).append(']');
            }
            if (c.reason() != null) {
                line.append("  ").append(c.reason().name().replace("UNSUPPORTED_REDEFINITION_", ""));
            } else if (c.status() == ClassStatus.CHANGED && !c.changes().isEmpty()) {
                line.append("  ").append(c.changes().get(0).kind());
            }
            if (c.levelCause() != null) {
                line.append(" (").append(c.levelCause()).append(')');
            }
            if (!c.hazards().isEmpty()) {
                line.append("  hazards: ")
                        .append(c.sortedHazards().stream().map(Hazard::name).collect(Collectors.joining(", ")));
            }
            out.println(line);
        }
        Map<UpdateLevel, Integer> counts = new EnumMap<>(UpdateLevel.class);
        for (ClassDiff c : result.classes()) {
            counts.merge(c.level(), 1, Integer::sum);
        }
        String perLevel = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        out.printf(
                "level %s (profile %s): %d classes listed%s, %d unchanged%n",
                result.level(),
                result.profile().id(),
                result.classes().size(),
                perLevel.isEmpty() ? "" : " (" + perLevel + ")",
                result.unchanged());
        out.flush();
    }

    private static void pad(StringBuilder line, String text, int width) {
        line.append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
    }
}
