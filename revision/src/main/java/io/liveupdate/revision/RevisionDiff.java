package io.liveupdate.revision;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Two git revisions to a diff: the base compiled in full, the target incrementally from it (the same bytes as a full
 * compile), then both class sets diffed. A side that does not compile is an outcome, not an exception, so every front
 * end (CLI, Maven plugin, history analyzer) reports it its own way.
 *
 * <pre>{@code
 * RevisionDiff.Outcome outcome = new RevisionDiff(compiler, new Differ(Profile.HOTSWAP)).diff(base, target);
 * }</pre>
 */
public final class RevisionDiff {
    /** Which side of a diff failed to compile. */
    public enum Side {
        BASE,
        TARGET
    }

    /** The result of diffing two revisions. */
    public sealed interface Outcome permits Diffed, Failed {}

    /**
     * Both revisions compiled and were diffed.
     *
     * @param base the base revision's class files
     * @param target the target revision's class files
     * @param diff the differ's verdict on them
     */
    public record Diffed(RevisionResult.Compiled base, RevisionResult.Compiled target, DiffResult diff)
            implements Outcome {}

    /**
     * A side did not compile (the base is compiled first; when it fails, the target is not compiled).
     *
     * @param side which side failed
     * @param failure what failed and the first diagnostics
     */
    public record Failed(Side side, RevisionResult.Failed failure) implements Outcome {}

    private final RevisionCompiler compiler;
    private final Differ differ;

    public RevisionDiff(RevisionCompiler compiler, Differ differ) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.differ = Objects.requireNonNull(differ, "differ");
    }

    /** Compiles {@code base} and {@code target} and diffs their class files (all modules of the reactor). */
    public Outcome diff(ObjectId base, ObjectId target) {
        RevisionResult before = compiler.compile(base);
        if (before instanceof RevisionResult.Failed failed) {
            return new Failed(Side.BASE, failed);
        }
        RevisionResult.Compiled b = (RevisionResult.Compiled) before;
        RevisionResult after = compiler.compileIncremental(target, b);
        if (after instanceof RevisionResult.Failed failed) {
            return new Failed(Side.TARGET, failed);
        }
        RevisionResult.Compiled t = (RevisionResult.Compiled) after;
        DiffResult diff = differ.diff(classSet(b), classSet(t));
        return new Diffed(b, t, diff);
    }

    private ClassSet classSet(RevisionResult.Compiled compiled) {
        return ClassSet.of(
                compiler.describe() + "@" + compiled.commit().abbreviate(12).name(), compiled.classes());
    }
}
