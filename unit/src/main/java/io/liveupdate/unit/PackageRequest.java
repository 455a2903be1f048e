package io.liveupdate.unit;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.unit.UnitDescriptor.Base;
import io.liveupdate.unit.UnitDescriptor.Dependency;
import io.liveupdate.unit.UnitDescriptor.Resource;
import io.liveupdate.unit.UnitDescriptor.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a unit is made of: the diff of two builds and the builds themselves, the revisions they came from, and the
 * unit's policy fields.
 *
 * @param diff the diff of {@code base} and {@code target} (its classes, in its order, become the unit's)
 * @param time the target commit's time: the entries' timestamps, so equal inputs give equal bytes
 * @param sequence the unit's sequence (default: the target's first-parent commit count)
 * @param expires when the unit expires (default: {@code time} + {@link #DEFAULT_VALIDITY})
 * @param maxLevel refuse to make a unit above this level, or null for no limit
 */
public record PackageRequest(
        DiffResult diff,
        ClassSet base,
        ClassSet target,
        Base baseRevision,
        Target targetRevision,
        Instant time,
        long sequence,
        Instant expires,
        List<Resource> resources,
        List<Dependency> dependencies,
        UpdateLevel maxLevel) {
    /** The validity of a unit when none is given: 90 days from the target commit. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);

    public PackageRequest {
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(baseRevision, "baseRevision");
        Objects.requireNonNull(targetRevision, "targetRevision");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(expires, "expires");
        resources = List.copyOf(resources);
        dependencies = List.copyOf(dependencies);
        if (sequence < 0) {
            throw new UnitException(
                    UnitException.Reason.BAD_INPUT, "a unit's sequence must be 0 or more, not " + sequence);
        }
    }

    /** This request with another maximum level (null: none). */
    public PackageRequest withMaxLevel(UpdateLevel level) {
        return new PackageRequest(
                diff,
                base,
                target,
                baseRevision,
                targetRevision,
                time,
                sequence,
                expires,
                resources,
                dependencies,
                level);
    }
}
