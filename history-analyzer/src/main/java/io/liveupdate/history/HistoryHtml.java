package io.liveupdate.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code history --html}: one self-contained page (no network, no external fonts or scripts; inline CSS, SVG and
 * script). The headline first (the text summary's sentence), then the share per level over time (one stacked bar per
 * period: month, quarter or year, whichever gives at most 60), the cumulative shares, the first failing reasons, the
 * hazards and the classes that blocked a HotSwap most often, then a sortable, filterable, paged table of every commit
 * whose rows open the commit's classes and reasons. The view (filters, sort, page) lives in the URL's fragment, so a
 * view can be shared, and a test can open one.
 */
public final class HistoryHtml {
    private static final JsonFactory JSON = new JsonFactory();

    /** Bars at most: months, else quarters, else years. */
    static final int MAX_PERIODS = 60;

    /** A level's colour in the charts: its value, and its name for a legend in words (the site report's images). */
    private record Colour(String hex, String name) {}

    private static final Map<UpdateLevel, Colour> COLOURS = new EnumMap<>(Map.of(
            UpdateLevel.NONE, new Colour("#7b8794", "grey"),
            UpdateLevel.HOTSWAP, new Colour("#2e7d32", "green"),
            UpdateLevel.ENHANCED, new Colour("#1565c0", "blue"),
            UpdateLevel.TRANSFORM, new Colour("#ef6c00", "orange"),
            UpdateLevel.RESTART, new Colour("#c62828", "red")));

    private HistoryHtml() {}

    /** The legend of the share chart in words: {@code grey: NONE, green: HOTSWAP, ...}. */
    public static String shareLegend() {
        StringBuilder b = new StringBuilder();
        for (UpdateLevel l : UpdateLevel.values()) {
            b.append(b.length() == 0 ? "" : ", ")
                    .append(COLOURS.get(l).name())
                    .append(": ")
                    .append(l.name());
        }
        return b.toString();
    }

    /** The legend of the cumulative chart in words. */
    public static String cumulativeLegend() {
        return COLOURS.get(UpdateLevel.HOTSWAP).name() + ": at most HOTSWAP, "
                + COLOURS.get(UpdateLevel.ENHANCED).name()
                + ": at most ENHANCED (of all commits analyzed up to each period)";
    }

    public static void html(HistoryAnalyzer.Report report, Writer out) {
        try {
            out.write(render(report));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(HistoryAnalyzer.Report report) {
        HistorySummary s = report.summary();
        String headline = HistoryReports.text(report).lines().findFirst().orElse("");
        StringBuilder b = new StringBuilder(64 * 1024 + report.commits().size() * 200);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc("liveupdate history: " + report.repository()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(esc(report.repository())).append("</h1>\n");
        b.append("<p id=\"headline\" class=\"headline\">").append(esc(headline)).append("</p>\n");
        b.append("<p class=\"counts\">")
                .append(esc(HistoryReports.counts(s) + "."))
                .append(
                        report.head() == null
                                ? ""
                                : " Head " + esc(report.head().substring(0, 12)) + ".")
                .append(" javac ")
                .append(esc(report.javac()))
                .append(", profile ")
                .append(esc(report.profile().id()))
                .append(".</p>\n");
        if (!report.complete()) {
            b.append("<p class=\"note\">Interrupted: ")
                    .append(s.commits())
                    .append(" of ")
                    .append(report.planned())
                    .append(" commits analysed.</p>\n");
        }
        for (String n : report.compilerNotes()) {
            b.append("<p class=\"note\">note: ").append(esc(n)).append("</p>\n");
        }
        b.append(legend());
        if (s.analyzed() == 0) {
            String why = s.commits() == 0
                    ? "The walk found no commits."
                    : s.attempted() == 0
                            ? "None of the " + s.commits() + " commits changes main Java sources or build files."
                            : "None of the " + s.attempted() + " code-changing commits could be analyzed ("
                                    + s.uncompilable() + " uncompilable, " + s.skipped() + " skipped).";
            b.append("<p id=\"empty\" class=\"empty\">").append(esc(why)).append(" Nothing to chart.</p>\n");
        } else {
            List<Period> periods = periods(report.commits());
            b.append("<section><h2>Share per level over time</h2>\n");
            b.append("<p class=\"hint\">One bar per ")
                    .append(periods.isEmpty() ? "period" : periods.get(0).unit)
                    .append(" with analyzed commits; the share of each level among them.</p>\n");
            b.append(shareChart(periods));
            b.append("</section>\n<section><h2>Cumulative share</h2>\n");
            b.append("<p class=\"hint\">Of all commits analyzed up to each period: at most HOTSWAP, and at most"
                    + " ENHANCED.</p>\n");
            b.append(cumulativeChart(periods));
            b.append("</section>\n<div class=\"columns\">\n");
            b.append(barList("reasons", "First failing checks", s.reasons(), 10));
            Map<String, Integer> hazards = new LinkedHashMap<>();
            s.hazards().forEach((h, n) -> hazards.put(h.name(), n));
            b.append(barList("hazards", "Hazards", hazards, 10));
            b.append(barList("classes", "Classes that blocked HotSwap most often", s.classes(), 20));
            b.append("</div>\n");
        }
        b.append("<section><h2>Commits</h2>\n");
        b.append("<div class=\"controls\">")
                .append("<label>Status <select id=\"f-status\"><option value=\"\">all</option>");
        for (CommitStatus st : CommitStatus.values()) {
            b.append("<option>").append(st.name()).append("</option>");
        }
        b.append("</select></label> <label>Level <select id=\"f-level\"><option value=\"\">all</option>");
        for (UpdateLevel l : UpdateLevel.values()) {
            b.append("<option>").append(l.name()).append("</option>");
        }
        b.append("</select></label> <label>Search <input id=\"f-text\" type=\"search\""
                + " placeholder=\"sha, subject, reason, class\"></label> <span id=\"shown\"></span></div>\n");
        b.append("<div class=\"scroll\"><table id=\"commits\" data-total=\"")
                .append(report.commits().size())
                .append("\"><thead><tr>");
        String[][] columns = {
            {"date", "Date"},
            {"sha", "Commit"},
            {"status", "Status"},
            {"level", "Level"},
            {"reason", "Reason"},
            {"hazards", "Hazards"},
            {"changed", "Classes"},
            {"subject", "Subject"}
        };
        for (String[] c : columns) {
            b.append("<th data-key=\"")
                    .append(c[0])
                    .append("\" tabindex=\"0\">")
                    .append(c[1])
                    .append("</th>");
        }
        b.append("</tr></thead><tbody></tbody></table></div>\n");
        b.append("<div class=\"pager\"><button id=\"prev\" type=\"button\">previous</button>")
                .append(" <span id=\"page\"></span> <button id=\"next\" type=\"button\">next</button></div>\n");
        b.append("</section>\n</main>\n");
        b.append("<script type=\"application/json\" id=\"data\">")
                .append(data(report))
                .append("</script>\n<script>\n")
                .append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The two time charts as standalone SVG documents (share per level, cumulative share), for pages that link images
     * rather than inline them (the site report); empty when nothing was analyzed.
     */
    public static Map<String, String> charts(HistoryAnalyzer.Report report) {
        if (report.summary().analyzed() == 0) {
            return Map.of();
        }
        List<Period> periods = periods(report.commits());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("history-share.svg", standalone(shareChart(periods)));
        out.put("history-cumulative.svg", standalone(cumulativeChart(periods)));
        return out;
    }

    private static String standalone(String svg) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + svg.replaceFirst("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" ")
                        .replace(" class=\"tick\"", " class=\"tick\" font-size=\"10\" fill=\"#616e7c\"")
                        .replace(" class=\"grid\"", " class=\"grid\" stroke=\"#d9e2ec\"");
    }

    /** The headline: the text summary's first sentence. */
    public static String headline(HistoryAnalyzer.Report report) {
        return HistoryReports.text(report).lines().findFirst().orElse("");
    }

    /** One bar of the share chart: a month, quarter or year, with the levels of its analyzed commits. */
    record Period(String label, String unit, Map<UpdateLevel, Integer> levels, int analyzed) {}

    /** The periods with analyzed commits, oldest first: months, else quarters, else years (at most 60 bars). */
    static List<Period> periods(List<CommitRecord> commits) {
        for (String unit : List.of("month", "quarter", "year")) {
            TreeMap<String, Map<UpdateLevel, Integer>> by = new TreeMap<>();
            for (CommitRecord r : commits) {
                if (r.status() != CommitStatus.ANALYZED) {
                    continue;
                }
                String y = r.date().substring(0, 4);
                int m = Integer.parseInt(r.date().substring(5, 7));
                String label =
                        switch (unit) {
                            case "month" -> r.date().substring(0, 7);
                            case "quarter" -> y + "-Q" + ((m - 1) / 3 + 1);
                            default -> y;
                        };
                by.computeIfAbsent(label, k -> new EnumMap<>(UpdateLevel.class)).merge(r.level(), 1, Integer::sum);
            }
            if (by.size() <= MAX_PERIODS || unit.equals("year")) {
                List<Period> out = new ArrayList<>();
                by.forEach((label, levels) -> out.add(new Period(
                        label,
                        unit,
                        levels,
                        levels.values().stream().mapToInt(Integer::intValue).sum())));
                return out;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static String legend() {
        StringBuilder b = new StringBuilder("<p class=\"legend\">");
        for (UpdateLevel l : UpdateLevel.values()) {
            b.append("<span><i style=\"background:")
                    .append(COLOURS.get(l).hex())
                    .append("\"></i>")
                    .append(l.name())
                    .append("</span> ");
        }
        return b.append("</p>\n").toString();
    }

    private static String shareChart(List<Period> periods) {
        int bar = 14;
        int gap = 4;
        int height = 200;
        int left = 36;
        int width = left + periods.size() * (bar + gap) + 10;
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"share-chart\" class=\"chart\" role=\"img\" viewBox=\"0 -10 ")
                .append(Math.max(width, 320))
                .append(' ')
                .append(height + 50)
                .append("\" preserveAspectRatio=\"xMinYMin meet\"><title>Share per level over time</title>");
        axis(b, left, height, Math.max(width, 320));
        for (int i = 0; i < periods.size(); i++) {
            Period p = periods.get(i);
            int x = left + i * (bar + gap);
            b.append("<g class=\"period\" data-period=\"")
                    .append(esc(p.label))
                    .append("\" data-analyzed=\"")
                    .append(p.analyzed)
                    .append("\">");
            double y = height;
            for (UpdateLevel l : UpdateLevel.values()) {
                int n = p.levels.getOrDefault(l, 0);
                if (n == 0) {
                    continue;
                }
                double h = (double) height * n / p.analyzed;
                y -= h;
                b.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"level-%s\" x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\" fill=\"%s\">"
                                + "<title>%s %s: %d of %d (%.1f %%)</title></rect>",
                        l.name(),
                        x,
                        y,
                        bar,
                        h,
                        COLOURS.get(l).hex(),
                        esc(p.label),
                        l.name(),
                        n,
                        p.analyzed,
                        100.0 * n / p.analyzed));
            }
            b.append("</g>");
            if (i == 0 || i == periods.size() - 1 || periods.size() <= 12 || i % Math.max(1, periods.size() / 8) == 0) {
                b.append("<text class=\"tick\" x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(height + 16)
                        .append("\">")
                        .append(esc(p.label))
                        .append("</text>");
            }
        }
        return b.append("</svg>\n").toString();
    }

    private static String cumulativeChart(List<Period> periods) {
        int step = 18;
        int height = 200;
        int left = 36;
        int width = Math.max(left + periods.size() * step + 10, 320);
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"cumulative-chart\" class=\"chart\" role=\"img\" viewBox=\"0 -10 ")
                .append(width)
                .append(' ')
                .append(height + 50)
                .append("\" preserveAspectRatio=\"xMinYMin meet\"><title>Cumulative share</title>");
        axis(b, left, height, width);
        for (UpdateLevel upTo : List.of(UpdateLevel.HOTSWAP, UpdateLevel.ENHANCED)) {
            int total = 0;
            int within = 0;
            StringBuilder points = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 0; i < periods.size(); i++) {
                Period p = periods.get(i);
                total += p.analyzed;
                for (Map.Entry<UpdateLevel, Integer> e : p.levels.entrySet()) {
                    if (e.getKey().compareTo(upTo) <= 0) {
                        within += e.getValue();
                    }
                }
                double share = (double) within / total;
                double x = left + i * step + step / 2.0;
                double y = height - share * height;
                points.append(String.format(Locale.ROOT, "%.2f,%.2f ", x, y));
                marks.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"mark\" cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\"><title>%s: %.1f %% at most"
                                + " %s</title></circle>",
                        x,
                        y,
                        COLOURS.get(upTo).hex(),
                        esc(p.label),
                        100 * share,
                        upTo.name()));
            }
            b.append("<g class=\"series\" data-level=\"")
                    .append(upTo.name())
                    .append("\"><polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(COLOURS.get(upTo).hex())
                    .append("\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>")
                    .append(marks)
                    .append("</g>");
        }
        return b.append("</svg>\n").toString();
    }

    private static void axis(StringBuilder b, int left, int height, int width) {
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = height - height * pct / 100.0;
            b.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/><text class=\"tick\" x=\"0\""
                            + " y=\"%.1f\">%d %%</text>",
                    left - 4,
                    width,
                    y,
                    y,
                    y + 4,
                    pct));
        }
    }

    private static String barList(String id, String title, Map<String, Integer> counts, int max) {
        StringBuilder b = new StringBuilder("<section class=\"bars\" id=\"")
                .append(id)
                .append("\"><h2>")
                .append(esc(title))
                .append("</h2>\n");
        if (counts.isEmpty()) {
            return b.append("<p class=\"hint\">none</p></section>\n").toString();
        }
        int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        b.append("<ol>");
        counts.entrySet().stream().limit(max).forEach(e -> b.append("<li class=\"bar\"><span class=\"name\">")
                .append(esc(e.getKey()))
                .append("</span><span class=\"track\"><span class=\"fill\" style=\"width:")
                .append(String.format(Locale.ROOT, "%.1f", 100.0 * e.getValue() / top))
                .append("%\"></span></span><span class=\"n\">")
                .append(e.getValue())
                .append("</span></li>"));
        return b.append("</ol></section>\n").toString();
    }

    /** The commits as compact JSON arrays, safe inside a script element. */
    private static String data(HistoryAnalyzer.Report report) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (CommitRecord r : report.commits()) {
                g.writeStartArray();
                g.writeString(r.sha());
                g.writeString(r.date());
                g.writeString(r.status().name());
                g.writeString(r.level() == null ? "" : r.level().name());
                g.writeString(r.reason() == null ? "" : r.reason());
                g.writeString(
                        String.join(" ", r.hazards().stream().map(Hazard::name).toList()));
                g.writeNumber(r.changedClasses());
                g.writeString(r.subject() == null ? "" : r.subject());
                g.writeString(String.join(" ", r.blockingClasses()));
                g.writeString(
                        r.error() == null
                                ? ""
                                : r.error().side() + ": " + r.error().message());
                g.writeString(r.parent() == null ? "" : r.parent());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // "</script>" or "<!--" inside a subject must not end the element: escape every '<'.
        return w.toString().replace("<", "\\u003c");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            :root { --fg: #1f2933; --muted: #616e7c; --line: #d9e2ec; font-family: system-ui, sans-serif; }
            body { margin: 0; color: var(--fg); background: #fff; }
            main { max-width: 1200px; margin: 0 auto; padding: 16px; }
            h1 { font-size: 1.5rem; margin: 0 0 8px; }
            h2 { font-size: 1.1rem; margin: 24px 0 8px; }
            .headline { font-size: 1.15rem; font-weight: 600; margin: 8px 0; }
            .counts, .hint, .note { color: var(--muted); margin: 4px 0; }
            .empty { padding: 16px; border: 1px dashed var(--line); color: var(--muted); }
            .legend span { margin-right: 12px; white-space: nowrap; }
            .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
            .chart { width: 100%; height: auto; max-height: 320px; }
            .chart .grid { stroke: var(--line); }
            .chart .tick { font-size: 10px; fill: var(--muted); }
            .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
            .bars ol { list-style: none; padding: 0; margin: 0; }
            .bar { display: grid; grid-template-columns: minmax(0, 3fr) 2fr 3em; gap: 6px; align-items: center;
                   font-size: 0.85rem; margin: 2px 0; }
            .bar .name { overflow-wrap: anywhere; }
            .track { background: #f0f4f8; height: 10px; }
            .fill { display: block; background: #486581; height: 10px; }
            .n { text-align: right; }
            .controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
            th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { cursor: pointer; user-select: none; white-space: nowrap; background: #f5f7fa; }
            th[aria-sort=ascending]::after { content: " \\25B2"; }
            th[aria-sort=descending]::after { content: " \\25BC"; }
            tr.commit { cursor: pointer; }
            tr.commit:hover { background: #f5f7fa; }
            tr.detail td { background: #fbfcfd; white-space: pre-wrap; }
            td.sha { font-family: ui-monospace, monospace; }
            td.reason, td.hazards { overflow-wrap: anywhere; }
            td.subject { min-width: 16em; }
            .pager { margin: 8px 0; }
            @media (max-width: 600px) { main { padding: 8px; } .headline { font-size: 1rem; }
              td.subject, th[data-key=subject], td.hazards, th[data-key=hazards] { display: none; } }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var rows = JSON.parse(document.getElementById('data').textContent);
              var keys = {sha: 0, date: 1, status: 2, level: 3, reason: 4, hazards: 5, changed: 6, subject: 7};
              var levelOrder = {'': -1, NONE: 0, HOTSWAP: 1, ENHANCED: 2, TRANSFORM: 3, RESTART: 4};
              var PAGE = 200;
              var state = {status: '', level: '', q: '', sort: 'date', dir: 'asc', page: 1};
              var table = document.getElementById('commits');
              var body = table.tBodies[0];
              function readHash() {
                var h = location.hash.replace(/^#/, '');
                if (!h) { return; }
                h.split('&').forEach(function (kv) {
                  var i = kv.indexOf('=');
                  if (i < 0) { return; }
                  var k = decodeURIComponent(kv.slice(0, i));
                  var v = decodeURIComponent(kv.slice(i + 1));
                  if (Object.prototype.hasOwnProperty.call(state, k)) { state[k] = k === 'page' ? (parseInt(v, 10) || 1) : v; }
                });
              }
              function writeHash() {
                var parts = [];
                Object.keys(state).forEach(function (k) { if (state[k] !== '' ) { parts.push(k + '=' + encodeURIComponent(state[k])); } });
                history.replaceState(null, '', '#' + parts.join('&'));
              }
              function matches(r) {
                if (state.status && r[2] !== state.status) { return false; }
                if (state.level && r[3] !== state.level) { return false; }
                if (state.q) {
                  var q = state.q.toLowerCase();
                  var text = (r[0] + ' ' + r[7] + ' ' + r[4] + ' ' + r[5] + ' ' + r[8] + ' ' + r[9]).toLowerCase();
                  if (text.indexOf(q) < 0) { return false; }
                }
                return true;
              }
              function compare(a, b) {
                var k = keys[state.sort];
                if (k === undefined) { k = 1; }
                var x = a[k], y = b[k];
                if (state.sort === 'level') { x = levelOrder[x]; y = levelOrder[y]; }
                var c = x < y ? -1 : x > y ? 1 : 0;
                if (c === 0) { c = a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; }
                return state.dir === 'desc' ? -c : c;
              }
              function cell(tr, cls, text) {
                var td = document.createElement('td');
                td.className = cls;
                td.textContent = text;
                tr.appendChild(td);
              }
              function toggle(tr, r) {
                var next = tr.nextSibling;
                if (next && next.className === 'detail') { body.removeChild(next); return; }
                var d = document.createElement('tr');
                d.className = 'detail';
                var td = document.createElement('td');
                td.colSpan = 8;
                var lines = ['commit ' + r[0] + (r[10] ? ' (parent ' + r[10] + ')' : '')];
                if (r[4]) { lines.push('reason: ' + r[4]); }
                if (r[5]) { lines.push('hazards: ' + r[5]); }
                if (r[8]) { lines.push('classes at its level: ' + r[8].split(' ').join(', ')); }
                if (r[9]) { lines.push('does not compile: ' + r[9]); }
                lines.push(r[6] + ' classes differ');
                td.textContent = lines.join('\\n');
                d.appendChild(td);
                body.insertBefore(d, next);
              }
              function render() {
                var shown = rows.filter(matches).sort(compare);
                var pages = Math.max(1, Math.ceil(shown.length / PAGE));
                if (state.page > pages) { state.page = pages; }
                if (state.page < 1) { state.page = 1; }
                var start = (state.page - 1) * PAGE;
                var frag = document.createDocumentFragment();
                shown.slice(start, start + PAGE).forEach(function (r) {
                  var tr = document.createElement('tr');
                  tr.className = 'commit';
                  tr.setAttribute('data-sha', r[0]);
                  cell(tr, 'date', r[1].slice(0, 10));
                  cell(tr, 'sha', r[0].slice(0, 10));
                  cell(tr, 'status', r[2]);
                  cell(tr, 'level', r[3]);
                  cell(tr, 'reason', r[4]);
                  cell(tr, 'hazards', r[5]);
                  cell(tr, 'changed', String(r[6]));
                  cell(tr, 'subject', r[7]);
                  tr.addEventListener('click', function () { toggle(tr, r); });
                  frag.appendChild(tr);
                });
                body.textContent = '';
                body.appendChild(frag);
                document.getElementById('shown').textContent = shown.length + ' of ' + rows.length + ' commits';
                document.getElementById('page').textContent = 'page ' + state.page + ' of ' + pages;
                document.getElementById('prev').disabled = state.page <= 1;
                document.getElementById('next').disabled = state.page >= pages;
                table.setAttribute('data-shown', String(shown.length));
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
                  th.setAttribute('aria-sort', th.getAttribute('data-key') === state.sort
                      ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none');
                });
                document.getElementById('f-status').value = state.status;
                document.getElementById('f-level').value = state.level;
                document.getElementById('f-text').value = state.q;
              }
              function update() { writeHash(); render(); }
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
                function sort() {
                  var k = th.getAttribute('data-key');
                  state.dir = state.sort === k && state.dir === 'asc' ? 'desc' : 'asc';
                  state.sort = k;
                  state.page = 1;
                  update();
                }
                th.addEventListener('click', sort);
                th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { sort(); } });
              });
              document.getElementById('f-status').addEventListener('change', function (e) { state.status = e.target.value; state.page = 1; update(); });
              document.getElementById('f-level').addEventListener('change', function (e) { state.level = e.target.value; state.page = 1; update(); });
              document.getElementById('f-text').addEventListener('input', function (e) { state.q = e.target.value; state.page = 1; update(); });
              document.getElementById('prev').addEventListener('click', function () { state.page--; update(); });
              document.getElementById('next').addEventListener('click', function () { state.page++; update(); });
              window.addEventListener('hashchange', function () { readHash(); render(); });
              readHash();
              render();
            })();
            """;
}
