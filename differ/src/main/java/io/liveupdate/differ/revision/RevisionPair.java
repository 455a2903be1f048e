package io.liveupdate.differ.revision;

import java.util.Optional;

/**
 * Two compiled revisions to diff: the base and the target (the target derived incrementally from the base).
 *
 * @param base the base revision's result
 * @param target the target revision's result
 */
public record RevisionPair(RevisionResult base, RevisionResult target) {
    /** Which side of a diff failed to compile. */
    public enum Side {
        BASE,
        TARGET
    }

    /** The first side that failed, or empty when both compiled. */
    public Optional<Side> failedSide() {
        if (base instanceof RevisionResult.Failed) {
            return Optional.of(Side.BASE);
        }
        if (target instanceof RevisionResult.Failed) {
            return Optional.of(Side.TARGET);
        }
        return Optional.empty();
    }
}
