package io.liveupdate.unit;

import io.liveupdate.differ.Change;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.RedefinitionCheck;
import io.liveupdate.differ.UpdateLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The descriptor of an update unit, {@code META-INF/liveupdate/update.json} (DESIGN.md's contract; the JSON schema is
 * {@code update-unit-1.schema.json} beside this class and in docs/update-unit.md).
 *
 * @param id the SHA-256 (hex) of the canonical content ({@link UnitJson#canonical}): every key but {@code id}
 * @param base the revision (and released artifact) the unit updates
 * @param target the revision the new classes were built from
 * @param sequence rises with history (default: the target's first-parent commit count); applying needs a higher one
 *     than the last applied
 * @param expires after this instant the unit is refused
 * @param profile the redefinition profile the levels were computed for
 * @param level the highest level of any class
 * @param hazards every hazard of any class, in catalogue order
 * @param classes the classes that differ, in the differ's order (release, then name)
 * @param resources resources that differ between base and target (the unit carries classes only)
 * @param dependencies dependencies whose version differs between base and target
 */
public record UnitDescriptor(
        int formatVersion,
        String id,
        Base base,
        Target target,
        long sequence,
        Instant expires,
        Profile profile,
        UpdateLevel level,
        List<Hazard> hazards,
        List<UnitClass> classes,
        List<Resource> resources,
        List<Dependency> dependencies) {
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The path of the descriptor in a unit. */
    public static final String PATH = "META-INF/liveupdate/update.json";

    public UnitDescriptor {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        hazards = List.copyOf(hazards);
        classes = List.copyOf(classes);
        resources = List.copyOf(resources);
        dependencies = List.copyOf(dependencies);
    }

    /** This descriptor with {@code id} set (the packager computes it from the rest). */
    public UnitDescriptor withId(String newId) {
        return new UnitDescriptor(
                formatVersion,
                newId,
                base,
                target,
                sequence,
                expires,
                profile,
                level,
                hazards,
                classes,
                resources,
                dependencies);
    }

    /**
     * The base of a unit.
     *
     * @param commit the git commit id of the base revision
     * @param artifact {@code groupId:artifactId:version} of the released jar the unit was diffed against, or null
     */
    public record Base(String commit, String artifact) {
        public Base {
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * The target of a unit.
     *
     * @param commit the git commit id of the target revision
     * @param dirty true when the classes were not built from that commit's tree (its source roots or build files
     *     differ in the work tree they were built from)
     */
    public record Target(String commit, boolean dirty) {
        public Target {
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * One class that differs between base and target.
     *
     * @param release the multi-release version ({@code META-INF/versions/N/}), or null for the base entries
     * @param oldSha256 SHA-256 of the base bytes (null when ADDED)
     * @param newSha256 SHA-256 of the new bytes carried in the unit (null when REMOVED)
     */
    public record UnitClass(
            String name,
            Integer release,
            ClassStatus status,
            UpdateLevel level,
            List<RedefinitionCheck> reasons,
            List<Change> changes,
            List<Hazard> hazards,
            String oldSha256,
            String newSha256) {
        public UnitClass {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(level, "level");
            reasons = List.copyOf(reasons);
            changes = List.copyOf(changes);
            hazards = List.copyOf(hazards);
        }

        /** The path of the class's bytes in a unit (and in a jar). */
        public String path() {
            String file = name.replace('.', '/') + ".class";
            return release == null ? file : "META-INF/versions/" + release + "/" + file;
        }
    }

    /** A resource that differs: ADDED, REMOVED or CHANGED. */
    public record Resource(String path, ClassStatus status) {
        public Resource {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * A dependency whose version differs.
     *
     * @param artifact {@code groupId:artifactId}
     * @param from the base's version, or null when added
     * @param to the target's version, or null when removed
     */
    public record Dependency(String artifact, String from, String to) {
        public Dependency {
            Objects.requireNonNull(artifact, "artifact");
        }
    }
}
