package io.liveupdate.revision;

import io.liveupdate.differ.ClassFile;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The use case "what goes into an update unit": the base revision compiled from git objects (or the released jar
 * production runs), the target revision compiled the same way or a build's class output, their diff, and the facts a
 * unit records (sequence, commit time, dirty, changed resources and dependency versions). The CLI's {@code package}
 * and the Maven plugin's {@code update:package} map this to the unit library's request; neither library depends on
 * the other.
 */
public final class UpdateInputs {
    private UpdateInputs() {}

    /**
     * What to collect.
     *
     * @param base the base commit
     * @param target the target commit (for {@code targetClasses}: the commit the work tree should be at, usually HEAD)
     * @param targetClasses the target's class files from a build, or null to compile {@code target}
     * @param releasedBase the released jar production runs, or null to diff against the compiled base
     * @param localRepository where classpath jars lie, to name dependency versions (null: none named)
     * @param module the module (repository-relative directory) whose classes go into the unit, or null for all (or
     *     the compiler's {@link RevisionCompiler.Options#module()})
     * @param baseBuild the base revision already compiled (a reactor build shares one compile of it among its
     *     modules), or null to compile it
     */
    public record Request(
            ObjectId base,
            ObjectId target,
            ClassSet targetClasses,
            ClassSet releasedBase,
            Path localRepository,
            String module,
            RevisionResult.Compiled baseBuild) {
        public Request {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(target, "target");
        }

        public Request(
                ObjectId base, ObjectId target, ClassSet targetClasses, ClassSet releasedBase, Path localRepository) {
            this(base, target, targetClasses, releasedBase, localRepository, null, null);
        }
    }

    /** The outcome: collected, or the side that does not compile (or needs a trusted build) and why. */
    public sealed interface Outcome permits Collected, Failed {}

    /**
     * Everything a unit is made of.
     *
     * @param baseBuild the base revision's compile result (also when {@code baseSet} is the released jar)
     * @param baseSet the classes diffed against: the released jar when given, else the compiled base
     * @param releasedDiffers base classes of the released jar that differ from the compiled base (empty without one)
     * @param dirty whether {@code targetSet} was not built from the target commit's tree
     * @param sequence the target's first-parent commit count (the default sequence)
     * @param time the target commit's time
     */
    public record Collected(
            RevisionResult.Compiled baseBuild,
            ClassSet baseSet,
            ClassSet targetSet,
            DiffResult diff,
            ObjectId base,
            ObjectId target,
            boolean dirty,
            long sequence,
            Instant time,
            List<RevisionFacts.PathChange> resources,
            List<RevisionFacts.VersionChange> dependencies,
            List<String> releasedDiffers)
            implements Outcome {
        public Collected {
            resources = List.copyOf(resources);
            dependencies = List.copyOf(dependencies);
            releasedDiffers = List.copyOf(releasedDiffers);
        }
    }

    /** A side that could not be compiled. */
    public record Failed(RevisionDiff.Side side, RevisionResult.Failed failure) implements Outcome {}

    /** Collects the inputs of a unit with {@code compiler} (whose listener sees each compile) and {@code differ}. */
    public static Outcome collect(RevisionCompiler compiler, Differ differ, Request request) {
        RevisionFacts facts = new RevisionFacts(compiler);
        RevisionResult baseResult =
                request.baseBuild() != null ? request.baseBuild() : compiler.compile(request.base());
        if (baseResult instanceof RevisionResult.Failed failed) {
            return new Failed(RevisionDiff.Side.BASE, failed);
        }
        RevisionResult.Compiled baseBuild = (RevisionResult.Compiled) baseResult;
        String selected =
                request.module() != null ? request.module() : compiler.options().module();
        String module = selected == null ? null : RevisionCompiler.normalizeModule(selected);
        ClassSet compiledBase = ClassSet.of("base " + abbreviate(request.base()), baseBuild.classesOf(module));
        ClassSet baseSet = compiledBase;
        List<String> releasedDiffers = List.of();
        if (request.releasedBase() != null) {
            releasedDiffers = differing(compiledBase, request.releasedBase());
            baseSet = request.releasedBase();
        }
        List<CompileSpec> targetSpecs;
        ClassSet targetSet;
        boolean dirty;
        if (request.targetClasses() != null) {
            targetSet = request.targetClasses();
            ProjectModel model = compiler.model(request.target());
            targetSpecs = module == null
                    ? model.modules()
                    : model.modules().stream()
                            .filter(s -> s.module().equals(module))
                            .toList();
            List<String> paths = new ArrayList<>(model.buildFiles());
            targetSpecs.forEach(s -> paths.addAll(s.sourceRoots()));
            dirty = facts.workTreeDiffers(request.target(), paths);
        } else {
            RevisionResult targetResult = compiler.compileIncremental(request.target(), baseBuild);
            if (targetResult instanceof RevisionResult.Failed failed) {
                return new Failed(RevisionDiff.Side.TARGET, failed);
            }
            RevisionResult.Compiled targetBuild = (RevisionResult.Compiled) targetResult;
            targetSet = ClassSet.of("target " + abbreviate(request.target()), targetBuild.classesOf(module));
            targetSpecs = targetBuild.specs();
            dirty = false;
        }
        DiffResult diff = differ.diff(baseSet, targetSet);
        List<String> modules =
                targetSpecs.stream().map(CompileSpec::module).distinct().toList();
        List<CompileSpec> baseSpecs = module == null
                ? baseBuild.specs()
                : baseBuild.specs().stream()
                        .filter(s -> s.module().equals(module))
                        .toList();
        Map<String, String> from = RevisionFacts.dependencyVersions(baseSpecs, request.localRepository());
        Map<String, String> to = RevisionFacts.dependencyVersions(targetSpecs, request.localRepository());
        return new Collected(
                baseBuild,
                baseSet,
                targetSet,
                diff,
                request.base(),
                request.target(),
                dirty,
                facts.firstParentCount(request.target()),
                facts.commitTime(request.target()),
                facts.changedResources(request.base(), request.target(), modules),
                RevisionFacts.versionChanges(from, to),
                releasedDiffers);
    }

    /** The classes of {@code released} whose bytes are not those of {@code compiled}, by binary name. */
    static List<String> differing(ClassSet compiled, ClassSet released) {
        List<String> out = new ArrayList<>();
        for (int release : released.releases()) {
            Map<String, ClassFile> mine = compiled.classes(release);
            released.classes(release).forEach((name, file) -> {
                ClassFile c = mine.get(name);
                if (c == null || !Arrays.equals(c.bytes(), file.bytes())) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    private static String abbreviate(ObjectId id) {
        return id.name().substring(0, 12);
    }
}
