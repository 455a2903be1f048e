package io.liveupdate.differ.report;

import io.liveupdate.differ.Change;
import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link DiffResult} for people, in the order they decide from: the inputs, the verdict with counts per
 * level and per hazard, then the classes by level, most disruptive first (RESTART, TRANSFORM, ENHANCED, HOTSWAP), each
 * with its changes and their members. Classes at NONE (only debug attributes changed) are a count unless
 * {@code verbose}. Every name from a class file or path is printed with control characters escaped, so a crafted name
 * cannot forge a line of the report.
 */
public final class TextReport {
    private static final String INDENT = "          ";

    private TextReport() {}

    public static void write(DiffResult result, Writer writer) {
        write(result, writer, false);
    }

    public static void write(DiffResult result, Writer writer, boolean verbose) {
        PrintWriter out = new PrintWriter(writer);
        DiffResult.Summary summary = result.summary();
        out.println("inputs " + printable(result.inputs().old()) + " -> "
                + printable(result.inputs().target()));
        List<String> perLevel = new ArrayList<>();
        for (int i = UpdateLevel.values().length - 1; i >= 0; i--) {
            UpdateLevel level = UpdateLevel.values()[i];
            int n = summary.levels().get(level);
            if (n > 0) {
                perLevel.add(n + " " + level);
            }
        }
        out.println("level " + result.level() + " (profile " + result.profile().id() + "): "
                + result.classes().size() + " classes listed"
                + (perLevel.isEmpty() ? "" : " (" + String.join(", ", perLevel) + ")")
                + ", " + result.unchanged() + " unchanged");
        if (!summary.hazards().isEmpty()) {
            List<String> hazards = new ArrayList<>();
            for (Map.Entry<Hazard, Integer> e : summary.hazards().entrySet()) {
                hazards.add(e.getValue() + " " + e.getKey());
            }
            out.println("hazards " + String.join(", ", hazards));
        }
        List<ClassDiff> ordered = new ArrayList<>(result.classes());
        // Stable: within a level, classes keep the result's order (release, then name).
        ordered.sort(Comparator.comparing(ClassDiff::level).reversed());
        int hiddenNone = 0;
        for (ClassDiff c : ordered) {
            if (c.level() == UpdateLevel.NONE && !verbose) {
                hiddenNone++;
                continue;
            }
            writeClass(out, c);
        }
        if (hiddenNone > 0) {
            out.println(hiddenNone + (hiddenNone == 1 ? " class" : " classes")
                    + " at NONE (only debug attributes changed) not listed; --verbose lists them");
        }
        out.flush();
    }

    private static void writeClass(PrintWriter out, ClassDiff c) {
        // Plain padding, not String.format: a report has a line per changed class, thousands for a big jar.
        StringBuilder line = new StringBuilder(120);
        pad(line, c.level().name(), 10);
        pad(line, c.status().name(), 8);
        line.append(printable(c.name()));
        if (c.release() != null) {
            line.append(" [release ").append(c.release()).append(']');
        }
        if (c.reason() != null) {
            line.append("  ").append(c.reason().name().replace("UNSUPPORTED_REDEFINITION_", ""));
        }
        if (c.levelCause() != null) {
            line.append(" (").append(c.levelCause()).append(')');
        }
        if (!c.hazards().isEmpty()) {
            line.append("  hazards: ");
            List<Hazard> hazards = c.sortedHazards();
            for (int i = 0; i < hazards.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(hazards.get(i).name());
            }
        }
        out.println(line);
        for (Change change : c.changes()) {
            out.println(INDENT + change.kind() + (change.member() == null ? "" : " " + printable(change.member())));
        }
    }

    private static void pad(StringBuilder line, String text, int width) {
        line.append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
    }

    /**
     * {@code text} with every control character (C0, DEL, C1) shown as {@code \\uXXXX} and backslashes doubled, so that
     * names read from class files, entries and paths print on the line they belong to and cannot move the cursor or
     * forge output. Text without such characters is returned as is.
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean control = ch < 0x20 || (ch >= 0x7f && ch <= 0x9f);
            if (control || ch == '\\') {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (ch == '\\') {
                    out.append("\\\\");
                } else {
                    out.append(String.format("\\u%04x", (int) ch));
                }
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? text : out.toString();
    }
}
