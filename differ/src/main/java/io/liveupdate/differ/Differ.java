package io.liveupdate.differ;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Compares two builds class by class and places each difference on the update ladder.
 *
 * <pre>{@code
 * DiffResult result = new Differ(Profile.HOTSWAP).diff(ClassSet.read(oldJar), ClassSet.read(newJar));
 * }</pre>
 *
 * Classes are paired by binary name within each release (base entries, then each multi-release version
 * directory). Equal bytes are unchanged without being parsed; only differing classes are read into models, in parallel
 * on the executor given (default: the common fork-join pool), with the calling thread taking part. A differ holds no
 * state between diffs: one instance may serve several threads at once.
 */
public final class Differ {
    /** A module descriptor: never redefined, in any release of a multi-release jar (JVMS §4.1, ACC_MODULE). */
    private static final String MODULE_INFO = "module-info";

    private final Profile profile;
    private final ClassComparator comparator;
    private final Executor executor;
    private final int parallelism;

    /** A differ that compares classes in parallel on the common fork-join pool. */
    public Differ(Profile profile) {
        this(profile, ForkJoinPool.commonPool(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * A differ that compares classes on {@code executor}, with at most {@code parallelism} tasks at once (the calling
     * thread included). {@code Runnable::run} or a parallelism of 1 compares on the calling thread only, as a caller
     * running several diffs at once may prefer.
     */
    public Differ(Profile profile, Executor executor, int parallelism) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.comparator = new ClassComparator(profile);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.parallelism = Math.max(1, parallelism);
    }

    public Profile profile() {
        return profile;
    }

    public DiffResult diff(ClassSet oldSet, ClassSet newSet) {
        ClassModels oldModels = new ClassModels(oldSet.limits());
        ClassModels newModels = new ClassModels(newSet.limits());
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
            List<ComparedClass> compared =
                    ParallelTasks.map(pending, p -> compare(p, oldModels, newModels), executor, parallelism);
            List<ComparedClass> changed = new ArrayList<>();
            for (ComparedClass c : compared) {
                if (c.status() == null) {
                    unchanged++;
                } else {
                    changed.add(c);
                }
            }
            Map<String, Set<Hazard>> crossClass =
                    CrossClassHazards.find(changed, oldClasses, newClasses, oldModels, newModels);
            Integer releaseField = release == ClassSet.BASE ? null : release;
            for (ComparedClass c : changed) {
                listed.add(verdict(c, releaseField, crossClass.getOrDefault(c.name(), Set.of())));
            }
        }
        listed.sort(Comparator.comparing((ClassDiff d) -> d.release() == null ? 0 : d.release())
                .thenComparing(ClassDiff::name));
        UpdateLevel level = UpdateLevel.NONE;
        for (ClassDiff d : listed) {
            level = UpdateLevel.max(level, d.level());
        }
        return new DiffResult(
                profile, level, unchanged, listed, new DiffResult.Inputs(oldSet.source(), newSet.source()));
    }

    private ComparedClass compare(Pending p, ClassModels oldModels, ClassModels newModels) {
        if (p.before == null) {
            return new ComparedClass(
                    p.name,
                    ClassStatus.ADDED,
                    null,
                    newModels.get(p.after),
                    MODULE_INFO.equals(p.name)
                            ? ClassComparator.Comparison.restart(ChangeKind.MODULE_INFO_ADDED, Set.of())
                            : ClassComparator.Comparison.wholeClass(Set.of()));
        }
        if (p.after == null) {
            return new ComparedClass(
                    p.name,
                    ClassStatus.REMOVED,
                    oldModels.get(p.before),
                    null,
                    MODULE_INFO.equals(p.name)
                            ? ClassComparator.Comparison.restart(
                                    ChangeKind.MODULE_INFO_REMOVED, Set.of(Hazard.CLASS_REMOVED))
                            : ClassComparator.Comparison.wholeClass(Set.of(Hazard.CLASS_REMOVED)));
        }
        ClassComparator.Comparison comparison = comparator.compare(oldModels.get(p.before), newModels.get(p.after));
        return new ComparedClass(
                p.name,
                comparison.isEmpty() ? null : ClassStatus.CHANGED,
                oldModels.get(p.before),
                newModels.get(p.after),
                comparison);
    }

    private static ClassDiff verdict(ComparedClass c, Integer release, Set<Hazard> crossClassHazards) {
        ClassComparator.Comparison comparison = c.comparison();
        EnumSet<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        hazards.addAll(comparison.hazards());
        hazards.addAll(crossClassHazards);
        return new ClassDiff(
                c.name(),
                release,
                c.status(),
                comparison.level(),
                List.copyOf(comparison.failedChecks()),
                comparison.levelCause(),
                comparison.changes(),
                hazards);
    }

    private record Pending(String name, ClassFile before, ClassFile after) {}
}
