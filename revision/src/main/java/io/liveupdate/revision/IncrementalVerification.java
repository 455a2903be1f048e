package io.liveupdate.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Checks the incremental mode against the full mode on a real history: every commit of a first-parent chain is
 * compiled both in full and incrementally from the previous commit's incremental result (as a history walk does), and
 * the two results must agree byte for byte, or fail alike.
 */
public final class IncrementalVerification {
    /**
     * One commit's check.
     *
     * @param commit the commit
     * @param differences what differs between the full and the incremental result (empty when they agree)
     * @param fullMillis time of the full compile
     * @param incrementalMillis time of the incremental compile (the full one for the first commit)
     */
    public record CommitCheck(ObjectId commit, List<String> differences, long fullMillis, long incrementalMillis) {
        public CommitCheck {
            differences = List.copyOf(differences);
        }

        public boolean agrees() {
            return differences.isEmpty();
        }
    }

    /** Every commit's check, oldest first. */
    public record Report(List<CommitCheck> commits) {
        public Report {
            commits = List.copyOf(commits);
        }

        /** How many commits disagree. */
        public long mismatches() {
            return commits.stream().filter(c -> !c.agrees()).count();
        }

        public long fullMillis() {
            return commits.stream().mapToLong(CommitCheck::fullMillis).sum();
        }

        public long incrementalMillis() {
            return commits.stream().mapToLong(CommitCheck::incrementalMillis).sum();
        }
    }

    private final RevisionCompiler compiler;

    public IncrementalVerification(RevisionCompiler compiler) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** Checks the last {@code commits} (at least one) first-parent commits up to and including {@code tip}. */
    public Report verify(ObjectId tip, int commits) {
        List<CommitCheck> checks = new ArrayList<>();
        RevisionResult previous = null;
        for (ObjectId commit : compiler.firstParentChain(tip, Math.max(1, commits))) {
            RevisionResult full = compiler.compile(commit);
            RevisionResult incremental =
                    previous instanceof RevisionResult.Compiled c ? compiler.compileIncremental(commit, c) : full;
            checks.add(new CommitCheck(commit, differences(full, incremental), full.millis(), incremental.millis()));
            previous = incremental;
        }
        return new Report(checks);
    }

    private static List<String> differences(RevisionResult full, RevisionResult incremental) {
        if (full instanceof RevisionResult.Compiled f && incremental instanceof RevisionResult.Compiled i) {
            return RevisionCompiler.differences(f, i);
        }
        if (full.getClass() != incremental.getClass()) {
            return List.of("full: " + describe(full) + ", incremental: " + describe(incremental));
        }
        return List.of();
    }

    private static String describe(RevisionResult r) {
        return r instanceof RevisionResult.Failed f ? "failed (" + f.message() + ")" : "compiled";
    }
}
