package io.liveupdate.differ;

import java.util.List;
import java.util.Objects;

/**
 * The differ's verdict on two builds.
 *
 * @param profile the HotSpot configuration the HOTSWAP verdicts predict
 * @param level the highest class level, NONE when nothing is listed
 * @param unchanged how many classes are equal by bytes or by meaning (counted, not listed)
 * @param classes the added, removed and changed classes, ordered by release (base first) and name
 */
public record DiffResult(Profile profile, UpdateLevel level, int unchanged, List<ClassDiff> classes) {
    public static final int FORMAT_VERSION = 1;

    public DiffResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        classes = List.copyOf(classes);
    }
}
