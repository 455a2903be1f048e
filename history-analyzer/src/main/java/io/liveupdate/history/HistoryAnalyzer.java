package io.liveupdate.history;

import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionException;
import io.liveupdate.revision.RevisionFacts;
import io.liveupdate.revision.RevisionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Walks a repository's first-parent history and gives each commit its verdict against its first parent (DESIGN.md's
 * {@code history} contract): the class files of both sides from the revision compiler (the parent of a range in full,
 * then each commit incrementally from the one before, which the revision library guarantees byte-identical to a full
 * compile), their diff, and its level.
 *
 * <p>Analysing a range is a pure function of (repository, range, options) to per-commit records: the history is split
 * into {@code threads} contiguous ranges, each analysed by its own compiler on its own thread, and only the records
 * are kept (never the class sets of more than one commit per thread). Nothing of the repository runs unless
 * {@link RevisionCompiler.Options#trustBuild()}; a commit only its own build reproduces is SKIPPED
 * NEEDS_TRUSTED_BUILD.
 */
public final class HistoryAnalyzer {
    private HistoryAnalyzer() {}

    /**
     * What to analyse.
     *
     * @param from the oldest commit's parent: only commits after it are analysed (null: from the root)
     * @param to the newest commit (null: HEAD)
     * @param maxCommits analyse at most the newest this many commits (0: all)
     * @param threads how many ranges are analysed at once (at least 1)
     * @param cache where verdicts are kept for the next walk ({@link HistoryCache}), or null for none
     */
    public record Request(String from, String to, int maxCommits, Profile profile, int threads, HistoryCache cache) {
        public Request {
            Objects.requireNonNull(profile, "profile");
            if (maxCommits < 0 || threads < 1) {
                throw new IllegalArgumentException("maxCommits must be >= 0 and threads >= 1");
            }
        }

        public Request(String from, String to, int maxCommits, Profile profile, int threads) {
            this(from, to, maxCommits, profile, threads, null);
        }
    }

    /**
     * The records of a walk, oldest first.
     *
     * @param repository the repository's name (its directory's name, never a path)
     * @param head the newest commit analysed (null for an empty repository)
     * @param fromCache how many verdicts came from the cache instead of a compile
     * @param compilerNotes what the compiler changed to compile some commits at all (a language level raised to
     *     what the running javac supports), distinct, sorted
     */
    public record Report(
            String repository,
            String head,
            Profile profile,
            String javac,
            List<CommitRecord> commits,
            int fromCache,
            List<String> compilerNotes) {
        public Report {
            commits = List.copyOf(commits);
            compilerNotes = List.copyOf(compilerNotes);
        }

        public HistorySummary summary() {
            return HistorySummary.of(commits);
        }
    }

    /**
     * Told how far a walk is: front ends show progress with it. Called from the walk's threads (implementations must
     * be thread-safe) and never for anything but counting.
     */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** The walk will give {@code commits} records. */
        default void started(int commits) {}

        /** One commit's record is done. */
        default void analyzed(CommitRecord record) {}
    }

    /** Analyses the history of the repository at {@code dir} (a work tree or a bare repository). */
    public static Report analyze(Path dir, RevisionCompiler.Options options, Request request) {
        return analyze(dir, options, request, Listener.NONE);
    }

    /** As {@link #analyze(Path, RevisionCompiler.Options, Request)}, telling {@code listener} of each commit. */
    public static Report analyze(Path dir, RevisionCompiler.Options options, Request request, Listener listener) {
        String name = dir.toAbsolutePath().normalize().getFileName() == null
                ? "repository"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        if (name.endsWith(".git") && name.length() > 4) {
            name = name.substring(0, name.length() - 4);
        }
        String javac = Runtime.version().toString();
        List<ObjectId> chain;
        Set<ObjectId> shallow;
        try (RevisionCompiler walker = RevisionCompiler.open(dir, options)) {
            Repository repo = walker.repository();
            if (request.to() == null && resolveOrNull(repo, "HEAD") == null) {
                return new Report(name, null, request.profile(), javac, List.of(), 0, List.of()); // an empty repository
            }
            ObjectId tip = walker.resolve(request.to() == null ? "HEAD" : request.to());
            ObjectId stop = request.from() == null ? null : walker.resolve(request.from());
            chain = chain(walker, tip, stop, request);
            shallow = shallowCommits(repo);
        }
        if (chain.isEmpty()) {
            return new Report(name, null, request.profile(), javac, List.of(), 0, List.of());
        }
        HistoryCache cache = request.cache();
        listener.started(chain.size());
        List<List<ObjectId>> ranges = ranges(chain, request.threads());
        List<CommitRecord> records = new ArrayList<>();
        int cached = 0;
        TreeSet<String> compilerNotes = new TreeSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(ranges.size(), r -> {
            Thread t = new Thread(r, "liveupdate-history");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Records>> futures = new ArrayList<>();
            for (List<ObjectId> range : ranges) {
                futures.add(pool.submit(
                        () -> analyzeRange(dir, options, request.profile(), range, shallow, listener, cache)));
            }
            for (Future<Records> f : futures) {
                Records r = f.get();
                records.addAll(r.records);
                cached += r.cached;
                compilerNotes.addAll(r.notes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevisionException(RevisionException.Reason.IO_ERROR, name + ": the history walk was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Report(
                name,
                chain.get(chain.size() - 1).name(),
                request.profile(),
                javac,
                records,
                cached,
                List.copyOf(compilerNotes));
    }

    private static ObjectId resolveOrNull(Repository repo, String rev) {
        try {
            return repo.resolve(rev + "^{commit}");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first-parent chain from {@code tip} back to (not including) {@code stop}, oldest first. */
    private static List<ObjectId> chain(RevisionCompiler walker, ObjectId tip, ObjectId stop, Request request) {
        if (stop != null && !isAncestor(walker.repository(), stop, tip)) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_ARGUMENT,
                    "the start revision " + request.from() + " is not an ancestor of "
                            + (request.to() == null ? "HEAD" : request.to()));
        }
        // Commits after the start revision: reachable from the tip, not from the start (one walk, all parents), so
        // that a first-parent line joining the start's history through a merge stops there.
        Set<ObjectId> after = stop == null ? null : reachableFromNotFrom(walker.repository(), tip, stop);
        List<ObjectId> chain = new ArrayList<>();
        ObjectId at = tip;
        while (at != null
                && (after == null || after.contains(at))
                && (request.maxCommits() == 0 || chain.size() < request.maxCommits())) {
            chain.add(at);
            at = walker.parentOf(at);
        }
        Collections.reverse(chain);
        return chain;
    }

    private static Set<ObjectId> reachableFromNotFrom(Repository repo, ObjectId tip, ObjectId stop) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(tip));
            walk.markUninteresting(walk.parseCommit(stop));
            Set<ObjectId> out = new java.util.HashSet<>();
            for (RevCommit c : walk) {
                out.add(c.copy());
            }
            return out;
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot walk the history: " + e.getMessage(), e);
        }
    }

    private static boolean isAncestor(Repository repo, ObjectId ancestor, ObjectId of) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot walk the history: " + e.getMessage(), e);
        }
    }

    private static Set<ObjectId> shallowCommits(Repository repo) {
        try {
            return Set.copyOf(repo.getObjectDatabase().getShallowCommits());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Contiguous ranges of about equal length, one per thread (never more ranges than commits). */
    static List<List<ObjectId>> ranges(List<ObjectId> chain, int threads) {
        int n = Math.max(1, Math.min(threads, chain.size()));
        List<List<ObjectId>> out = new ArrayList<>();
        int size = chain.size();
        for (int i = 0; i < n; i++) {
            out.add(List.copyOf(chain.subList(i * size / n, (i + 1) * size / n)));
        }
        return out;
    }

    /** One range, on its own compiler: the state carried is the class files of the last commit only. */
    private static Records analyzeRange(
            Path dir,
            RevisionCompiler.Options options,
            Profile profile,
            List<ObjectId> range,
            Set<ObjectId> shallow,
            Listener listener,
            HistoryCache cache) {
        Records out = new Records(listener);
        Differ differ = new Differ(profile, Runnable::run, 1);
        try (RevisionCompiler compiler = RevisionCompiler.open(dir, options)) {
            RevisionFacts facts = new RevisionFacts(compiler);
            ObjectId knownCommit = null; // the commit whose class files `known` are (or equal)
            ObjectId lastKeyed = null; // the last commit whose compile key was computed, and that key
            String lastKey = null;
            RevisionResult known = null;
            for (ObjectId id : range) {
                RevCommit c = compiler.commitOf(id);
                String date = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(
                        Instant.ofEpochSecond(c.getCommitTime()),
                        c.getCommitterIdent().getZoneId() == null
                                ? ZoneOffset.UTC
                                : c.getCommitterIdent().getZoneId()));
                String subject = c.getShortMessage();
                if (shallow.contains(id)) {
                    out.add(skipped(c, null, date, subject, SkipReason.SHALLOW_BOUNDARY));
                    knownCommit = null;
                    continue;
                }
                if (c.getParentCount() == 0) {
                    out.add(
                            changesCode(facts, null, id)
                                    ? skipped(c, null, date, subject, SkipReason.ROOT_COMMIT)
                                    : noCodeChange(c, null, date, subject));
                    knownCommit = null;
                    continue;
                }
                ObjectId parent = c.getParent(0).copy();
                if (!changesCode(facts, parent, id)) {
                    out.add(noCodeChange(c, parent, date, subject));
                    if (parent.equals(knownCommit)) {
                        knownCommit = id; // same class files as the parent
                    }
                    continue;
                }
                String key = null;
                if (cache != null) {
                    String parentKey = parent.equals(lastKeyed) ? lastKey : cache.fingerprint(compiler, parent);
                    String commitKey = cache.fingerprint(compiler, id);
                    lastKeyed = id;
                    lastKey = commitKey;
                    key = cache.key(parentKey, commitKey, profile);
                    HistoryCache.Hit hit =
                            key == null ? null : cache.load(key, id.name(), parent.name(), date, subject);
                    if (hit != null) {
                        out.add(hit.record());
                        out.notes.addAll(hit.notes());
                        out.cached++;
                        knownCommit = null; // its class files were not computed: the next commit compiles its parent
                        known = null;
                        continue;
                    }
                }
                RevisionResult before = parent.equals(knownCommit) ? known : compiler.compile(parent);
                if (before instanceof RevisionResult.Failed failed) {
                    out.add(keep(cache, key, failure(c, parent, date, subject, "parent", failed), List.of()));
                    known = compiler.compile(id);
                    knownCommit = id;
                    continue;
                }
                RevisionResult after = compiler.compileIncremental(id, (RevisionResult.Compiled) before);
                List<String> raised = new ArrayList<>(raisedNotes(before));
                raised.addAll(raisedNotes(after));
                out.notes.addAll(raised);
                known = after;
                knownCommit = id;
                if (after instanceof RevisionResult.Failed failed) {
                    out.add(keep(cache, key, failure(c, parent, date, subject, "commit", failed), raised));
                    continue;
                }
                DiffResult diff = differ.diff(
                        ClassSet.of("parent", ((RevisionResult.Compiled) before).classes()),
                        ClassSet.of("commit", ((RevisionResult.Compiled) after).classes()));
                out.add(keep(cache, key, verdict(c, parent, date, subject, diff), raised));
            }
        }
        return out;
    }

    /** {@code record}, kept in {@code cache} under {@code key} when there is one. */
    private static CommitRecord keep(HistoryCache cache, String key, CommitRecord record, List<String> notes) {
        if (cache != null && key != null) {
            cache.store(key, record, List.copyOf(new TreeSet<>(notes)));
        }
        return record;
    }

    /** The notes of a compile that say a language level was raised (what the report must tell). */
    private static List<String> raisedNotes(RevisionResult result) {
        List<String> out = new ArrayList<>();
        if (result instanceof RevisionResult.Compiled c) {
            c.specs().forEach(spec -> spec.notes().stream()
                    .filter(n -> n.contains(" raised to "))
                    .forEach(out::add));
        }
        return out;
    }

    /** The records of a range, each told to the listener as it is done. */
    private static final class Records {
        final List<CommitRecord> records = new ArrayList<>();
        final Set<String> notes = new TreeSet<>();
        int cached;
        private final Listener listener;

        Records(Listener listener) {
            this.listener = listener;
        }

        void add(CommitRecord r) {
            records.add(r);
            listener.analyzed(r);
        }
    }

    private static CommitRecord verdict(RevCommit c, ObjectId parent, String date, String subject, DiffResult diff) {
        if (diff.classes().isEmpty()) {
            return noCodeChange(c, parent, date, subject);
        }
        TreeSet<Hazard> hazards = new TreeSet<>();
        String reason = null;
        for (ClassDiff d : diff.classes()) {
            hazards.addAll(d.hazards());
            if (reason == null && d.level() == diff.level() && diff.level().compareTo(UpdateLevel.HOTSWAP) > 0) {
                reason = d.reason() != null
                        ? d.reason().name()
                        : d.levelCause() == null ? null : d.levelCause().name();
            }
        }
        return new CommitRecord(
                c.name(),
                parent.name(),
                date,
                subject,
                CommitStatus.ANALYZED,
                diff.level(),
                reason,
                List.copyOf(hazards),
                diff.classes().size(),
                null);
    }

    private static CommitRecord failure(
            RevCommit c, ObjectId parent, String date, String subject, String side, RevisionResult.Failed failed) {
        SkipReason skip =
                switch (failed.stage()) {
                    case UNTRUSTED -> SkipReason.NEEDS_TRUSTED_BUILD;
                    case RESOLUTION -> SkipReason.ARTIFACTS_MISSING;
                    case MODEL -> SkipReason.INVALID_MODEL;
                    default -> failed.artifactsMissing() ? SkipReason.ARTIFACTS_MISSING : null;
                };
        if (skip != null) {
            return skipped(c, parent, date, subject, skip);
        }
        return new CommitRecord(
                c.name(),
                parent.name(),
                date,
                subject,
                CommitStatus.UNCOMPILABLE,
                null,
                null,
                List.of(),
                0,
                new CommitRecord.Error(side, failed.message()));
    }

    private static CommitRecord noCodeChange(RevCommit c, ObjectId parent, String date, String subject) {
        return new CommitRecord(
                c.name(),
                parent == null ? null : parent.name(),
                date,
                subject,
                CommitStatus.NO_CODE_CHANGE,
                null,
                null,
                List.of(),
                0,
                null);
    }

    private static CommitRecord skipped(RevCommit c, ObjectId parent, String date, String subject, SkipReason reason) {
        return new CommitRecord(
                c.name(),
                parent == null ? null : parent.name(),
                date,
                subject,
                CommitStatus.SKIPPED,
                null,
                reason.name(),
                List.of(),
                0,
                null);
    }

    /**
     * Whether a main source ({@code src/main/...}{@code .java}) or a POM differs between the two commits (a root
     * commit, {@code parent} null: whether it holds any).
     */
    static boolean changesCode(RevisionFacts facts, ObjectId parent, ObjectId commit) {
        for (RevisionFacts.PathChange c : facts.changedPaths(parent, commit)) {
            String p = c.path();
            if (p.equals("pom.xml")
                    || p.endsWith("/pom.xml")
                    || (p.endsWith(".java") && (p.startsWith("src/main/") || p.contains("/src/main/")))) {
                return true;
            }
        }
        return false;
    }
}
