package io.liveupdate.differ;

import io.liveupdate.differ.DifferException.Reason;
import io.liveupdate.differ.input.ClassFile;
import io.liveupdate.differ.input.ClassSet;
import io.liveupdate.differ.model.ClassModel;
import io.liveupdate.differ.model.ClassModelReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares two builds class by class and places each difference on the update ladder.
 *
 * <pre>{@code
 * DiffResult result = new Differ(Profile.HOTSWAP).diff(ClassSet.read(oldJar), ClassSet.read(newJar));
 * }</pre>
 *
 * Classes are paired by binary name within each release (base entries, then each multi-release version
 * directory). Equal bytes are unchanged without being parsed; only differing classes are read into models.
 */
public final class Differ {
    private final Profile profile;
    private final ClassComparator comparator;

    public Differ(Profile profile) {
        this.profile = profile;
        this.comparator = new ClassComparator(profile);
    }

    public DiffResult diff(ClassSet oldSet, ClassSet newSet) {
        Models oldModels = new Models();
        Models newModels = new Models();
        TreeSet<Integer> releases = new TreeSet<>(oldSet.releases());
        releases.addAll(newSet.releases());
        List<ClassDiff> listed = new ArrayList<>();
        int unchanged = 0;
        for (int release : releases) {
            SortedMap<String, ClassFile> oldClasses = oldSet.classes(release);
            SortedMap<String, ClassFile> newClasses = newSet.classes(release);
            TreeSet<String> names = new TreeSet<>(oldClasses.keySet());
            names.addAll(newClasses.keySet());
            List<Pending> pending = new ArrayList<>();
            for (String name : names) {
                ClassFile before = oldClasses.get(name);
                ClassFile after = newClasses.get(name);
                if (before != null && after != null && Arrays.equals(before.bytes(), after.bytes())) {
                    unchanged++;
                } else {
                    pending.add(new Pending(name, before, after));
                }
            }
            // Parsing dominates; classes are independent, so read and compare them in parallel.
            List<Compared> compared = pending.parallelStream()
                    .map(p -> compare(p, oldModels, newModels))
                    .toList();
            List<Compared> changed = new ArrayList<>();
            for (Compared c : compared) {
                if (c.status == null) {
                    unchanged++;
                } else {
                    changed.add(c);
                }
            }
            CrossClassHazards.add(changed, oldClasses, newClasses, oldModels, newModels);
            Integer releaseField = release == ClassSet.BASE ? null : release;
            for (Compared c : changed) {
                listed.add(classify(c, releaseField));
            }
        }
        listed.sort(Comparator.comparing((ClassDiff d) -> d.release() == null ? 0 : d.release())
                .thenComparing(ClassDiff::name));
        UpdateLevel level = UpdateLevel.NONE;
        for (ClassDiff d : listed) {
            level = UpdateLevel.max(level, d.level());
        }
        return new DiffResult(profile, level, unchanged, listed);
    }

    private Compared compare(Pending p, Models oldModels, Models newModels) {
        if (p.before == null) {
            return new Compared(
                    p.name,
                    ClassStatus.ADDED,
                    null,
                    newModels.get(p.after),
                    List.of(),
                    EnumSet.noneOf(RedefinitionCheck.class),
                    EnumSet.noneOf(Hazard.class));
        }
        if (p.after == null) {
            return new Compared(
                    p.name,
                    ClassStatus.REMOVED,
                    oldModels.get(p.before),
                    null,
                    List.of(),
                    EnumSet.noneOf(RedefinitionCheck.class),
                    EnumSet.of(Hazard.CLASS_REMOVED));
        }
        ClassModel before = oldModels.get(p.before);
        ClassModel after = newModels.get(p.after);
        ClassComparator.Comparison comparison = comparator.compare(before, after);
        if (comparison.isEmpty()) {
            return new Compared(
                    p.name, null, before, after, List.of(), comparison.failedChecks(), comparison.hazards());
        }
        return new Compared(
                p.name,
                ClassStatus.CHANGED,
                before,
                after,
                comparison.changes(),
                comparison.failedChecks(),
                comparison.hazards());
    }

    private ClassDiff classify(Compared c, Integer release) {
        if (c.status != ClassStatus.CHANGED) {
            // An applier defines added classes in the target loader before redefining the rest; a removed class
            // simply stays loaded. Neither needs more than standard redefinition.
            return new ClassDiff(c.name, release, c.status, UpdateLevel.HOTSWAP, List.of(), null, List.of(), c.hazards);
        }
        UpdateLevel level = UpdateLevel.NONE;
        ChangeKind cause = null;
        for (Change change : c.changes) {
            UpdateLevel changeLevel = effectiveLevel(change, c);
            if (changeLevel.compareTo(level) > 0) {
                level = changeLevel;
                cause = change.kind();
            }
        }
        if (level.compareTo(UpdateLevel.HOTSWAP) <= 0 && !c.checks.isEmpty()) {
            level = UpdateLevel.ENHANCED; // defensive: a failing HotSpot check is never HOTSWAP
        }
        List<RedefinitionCheck> reasons = List.copyOf(c.checks);
        ChangeKind levelCause = level.compareTo(UpdateLevel.ENHANCED) > 0 ? cause : null;
        return new ClassDiff(c.name, release, ClassStatus.CHANGED, level, reasons, levelCause, c.changes, c.hazards);
    }

    /** A change's level, lowered to HOTSWAP for method additions and deletions the profile lets HotSpot accept. */
    private UpdateLevel effectiveLevel(Change change, Compared c) {
        ChangeKind kind = change.kind();
        if (kind == ChangeKind.METHOD_ADDED || kind == ChangeKind.METHOD_REMOVED) {
            ClassModel side = kind == ChangeKind.METHOD_ADDED ? c.after : c.before;
            int access = side.methods().stream()
                    .filter(m -> m.member().equals(change.member()))
                    .findFirst()
                    .orElseThrow()
                    .access();
            if (profile.allowsAddOrDelete(access)) {
                return UpdateLevel.HOTSWAP;
            }
        }
        return kind.level();
    }

    private record Pending(String name, ClassFile before, ClassFile after) {}

    /** One class after comparison; status null means equal by meaning. */
    record Compared(
            String name,
            ClassStatus status,
            ClassModel before,
            ClassModel after,
            List<Change> changes,
            Set<RedefinitionCheck> checks,
            Set<Hazard> hazards) {}

    /** Parsed models of one side, shared between the parallel comparison and the cross-class hazard pass. */
    static final class Models {
        private final Map<String, ClassModel> cache = new ConcurrentHashMap<>();

        ClassModel get(ClassFile file) {
            return cache.computeIfAbsent(file.origin(), o -> parse(file));
        }

        private static ClassModel parse(ClassFile file) {
            try {
                return ClassModelReader.read(file.bytes());
            } catch (DifferException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new DifferException(
                        Reason.CORRUPT_CLASS, file.origin() + ": truncated or corrupt class file (" + e + ")", e);
            }
        }
    }
}
