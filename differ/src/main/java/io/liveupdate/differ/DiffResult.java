package io.liveupdate.differ;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The differ's verdict on two builds.
 *
 * @param profile the HotSpot configuration the HOTSWAP verdicts predict
 * @param level the highest class level, NONE when nothing is listed
 * @param unchanged how many classes are equal by bytes or by meaning (counted, not listed)
 * @param classes the added, removed and changed classes, ordered by release (base first) and name
 * @param inputs what was compared, as the caller named the two builds
 */
public record DiffResult(Profile profile, UpdateLevel level, int unchanged, List<ClassDiff> classes, Inputs inputs) {
    public static final int FORMAT_VERSION = 1;

    /**
     * The two builds, as their sources name them: paths as given, or {@code repository@commit}.
     *
     * @param old the running build
     * @param target the new build
     */
    public record Inputs(String old, String target) {}

    /**
     * Counts a reader decides from before reading the list.
     *
     * @param levels listed classes per level, every level present (0 when none)
     * @param statuses listed classes per status, every status present
     * @param hazards listed classes per hazard, only hazards that occur
     */
    public record Summary(
            Map<UpdateLevel, Integer> levels, Map<ClassStatus, Integer> statuses, Map<Hazard, Integer> hazards) {
        public Summary {
            levels = Collections.unmodifiableMap(new EnumMap<>(levels));
            statuses = Collections.unmodifiableMap(new EnumMap<>(statuses));
            hazards = hazards.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(hazards));
        }
    }

    public DiffResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(inputs, "inputs");
        classes = List.copyOf(classes);
    }

    /** Counts per level, status and hazard of the listed classes. */
    public Summary summary() {
        Map<UpdateLevel, Integer> levels = new EnumMap<>(UpdateLevel.class);
        for (UpdateLevel l : UpdateLevel.values()) {
            levels.put(l, 0);
        }
        Map<ClassStatus, Integer> statuses = new EnumMap<>(ClassStatus.class);
        for (ClassStatus s : ClassStatus.values()) {
            statuses.put(s, 0);
        }
        Map<Hazard, Integer> hazards = new EnumMap<>(Hazard.class);
        for (ClassDiff c : classes) {
            levels.merge(c.level(), 1, Integer::sum);
            statuses.merge(c.status(), 1, Integer::sum);
            c.hazards().forEach(h -> hazards.merge(h, 1, Integer::sum));
        }
        return new Summary(levels, statuses, hazards);
    }
}
