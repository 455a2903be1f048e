package io.liveupdate.differ;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The verdict for one class that differs between the builds.
 *
 * @param name binary name with dots ({@code org.example.Outer$Inner})
 * @param release the multi-release version directory ({@code META-INF/versions/N/}) this class came from, or null for
 *     the base entries
 * @param status added, removed or changed
 * @param level the rung of the update ladder this class needs
 * @param reasons every HotSpot check the class fails, in HotSpot's order; empty at NONE and HOTSWAP
 * @param levelCause the change kind that put the class above ENHANCED, or null
 * @param changes what changed, in catalogue order
 * @param hazards ways in which applying the class would not behave like a restart, in catalogue order
 */
public record ClassDiff(
        String name,
        Integer release,
        ClassStatus status,
        UpdateLevel level,
        List<RedefinitionCheck> reasons,
        ChangeKind levelCause,
        List<Change> changes,
        Set<Hazard> hazards) {
    public ClassDiff {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
        changes = List.copyOf(changes);
        hazards = Set.copyOf(hazards);
    }

    /** The first failing HotSpot check, or null when standard redefinition (in the profile used) accepts the class. */
    public RedefinitionCheck reason() {
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    /** The hazards in their catalogue order. */
    public List<Hazard> sortedHazards() {
        return hazards.stream().sorted().toList();
    }
}
