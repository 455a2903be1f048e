package io.liveupdate.history;

import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a walk, as DESIGN.md's contract defines them: {@code attempted} = commits whose main sources or build
 * files changed = analyzed + uncompilable + skipped; coverage = analyzed / attempted; {@code levels} over ANALYZED
 * commits (every level, zeros included); {@code hotswapWithoutHazards} = ANALYZED at HOTSWAP with no hazard. Also the
 * first failing reasons and the hazards, most frequent first, the classes that kept commits from being a HotSwap most
 * often (the {@link #TOP_CLASSES} first), and the same summary per year of the committer date.
 */
public record HistorySummary(
        int commits,
        int attempted,
        int analyzed,
        int uncompilable,
        int skipped,
        Map<UpdateLevel, Integer> levels,
        int hotswapWithoutHazards,
        Map<String, Integer> reasons,
        Map<Hazard, Integer> hazards,
        Map<String, Integer> classes,
        Map<Integer, HistorySummary> years) {
    /** How many of the most often blocking classes a summary lists. */
    public static final int TOP_CLASSES = 20;

    static HistorySummary of(List<CommitRecord> records) {
        Map<Integer, List<CommitRecord>> byYear = new TreeMap<>();
        for (CommitRecord r : records) {
            byYear.computeIfAbsent(Integer.parseInt(r.date().substring(0, 4)), k -> new ArrayList<>())
                    .add(r);
        }
        Map<Integer, HistorySummary> years = new LinkedHashMap<>();
        byYear.forEach((year, list) -> years.put(year, of(list, Map.of())));
        return of(records, years);
    }

    private static HistorySummary of(List<CommitRecord> records, Map<Integer, HistorySummary> years) {
        int attempted = 0;
        int analyzed = 0;
        int uncompilable = 0;
        int skipped = 0;
        int hotswapClean = 0;
        Map<UpdateLevel, Integer> levels = new EnumMap<>(UpdateLevel.class);
        for (UpdateLevel l : UpdateLevel.values()) {
            levels.put(l, 0);
        }
        Map<String, Integer> reasons = new TreeMap<>();
        Map<Hazard, Integer> hazards = new EnumMap<>(Hazard.class);
        Map<String, Integer> classes = new TreeMap<>();
        for (CommitRecord r : records) {
            if (r.attempted()) {
                attempted++;
            }
            switch (r.status()) {
                case ANALYZED -> {
                    analyzed++;
                    levels.merge(r.level(), 1, Integer::sum);
                    if (r.level() == UpdateLevel.HOTSWAP && r.hazards().isEmpty()) {
                        hotswapClean++;
                    }
                    if (r.reason() != null) {
                        reasons.merge(r.reason(), 1, Integer::sum);
                    }
                    r.hazards().forEach(h -> hazards.merge(h, 1, Integer::sum));
                    r.blockingClasses().forEach(c -> classes.merge(c, 1, Integer::sum));
                }
                case UNCOMPILABLE -> uncompilable++;
                case SKIPPED -> skipped++;
                case NO_CODE_CHANGE -> {}
            }
        }
        Map<Hazard, Integer> hazardsByCount = new LinkedHashMap<>();
        hazards.entrySet().stream()
                .sorted(Map.Entry.<Hazard, Integer>comparingByValue().reversed())
                .forEach(e -> hazardsByCount.put(e.getKey(), e.getValue()));
        Map<String, Integer> topClasses = new LinkedHashMap<>();
        byCount(classes).entrySet().stream().limit(TOP_CLASSES).forEach(e -> topClasses.put(e.getKey(), e.getValue()));
        return new HistorySummary(
                records.size(),
                attempted,
                analyzed,
                uncompilable,
                skipped,
                levels,
                hotswapClean,
                byCount(reasons),
                hazardsByCount,
                topClasses,
                years);
    }

    private static Map<String, Integer> byCount(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** analyzed / attempted, or 1 when nothing was attempted. */
    public double coverage() {
        return attempted == 0 ? 1.0 : (double) analyzed / attempted;
    }

    /** The share of ANALYZED commits at {@code level} or below. */
    public double shareAtMost(UpdateLevel level) {
        if (analyzed == 0) {
            return 0;
        }
        int n = 0;
        for (Map.Entry<UpdateLevel, Integer> e : levels.entrySet()) {
            if (e.getKey().compareTo(level) <= 0) {
                n += e.getValue();
            }
        }
        return (double) n / analyzed;
    }
}
