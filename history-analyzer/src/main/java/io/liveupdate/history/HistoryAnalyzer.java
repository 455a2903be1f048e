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
import java.time.Duration;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
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
     * @param all every commit reachable from {@code to} (oldest first, in topological order), not only its first-parent
     *     line; each is still compared with its first parent
     * @param commitTimeout how long one commit may take before it is SKIPPED {@code TIMEOUT} (null: no limit)
     */
    public record Request(
            String from,
            String to,
            int maxCommits,
            Profile profile,
            int threads,
            HistoryCache cache,
            boolean all,
            Duration commitTimeout) {
        public Request {
            Objects.requireNonNull(profile, "profile");
            if (maxCommits < 0 || threads < 1) {
                throw new IllegalArgumentException("maxCommits must be >= 0 and threads >= 1");
            }
            if (commitTimeout != null && (commitTimeout.isNegative() || commitTimeout.isZero())) {
                throw new IllegalArgumentException("commitTimeout must be positive");
            }
        }

        public Request(String from, String to, int maxCommits, Profile profile, int threads, HistoryCache cache) {
            this(from, to, maxCommits, profile, threads, cache, false, null);
        }

        public Request(String from, String to, int maxCommits, Profile profile, int threads) {
            this(from, to, maxCommits, profile, threads, null);
        }

        public Request withAll(boolean every) {
            return new Request(from, to, maxCommits, profile, threads, cache, every, commitTimeout);
        }

        public Request withCommitTimeout(Duration timeout) {
            return new Request(from, to, maxCommits, profile, threads, cache, all, timeout);
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
     * @param planned how many commits the walk set out to analyse: more than {@code commits} when it was stopped
     */
    public record Report(
            String repository,
            String head,
            Profile profile,
            String javac,
            List<CommitRecord> commits,
            int fromCache,
            List<String> compilerNotes,
            int planned) {
        public Report {
            commits = List.copyOf(commits);
            compilerNotes = List.copyOf(compilerNotes);
            if (planned < commits.size()) {
                throw new IllegalArgumentException("planned < commits");
            }
        }

        public Report(
                String repository,
                String head,
                Profile profile,
                String javac,
                List<CommitRecord> commits,
                int fromCache,
                List<String> compilerNotes) {
            this(repository, head, profile, javac, commits, fromCache, compilerNotes, commits.size());
        }

        /** The same report under another name: a front end that knows the project's name (Maven) shows it. */
        public Report withRepository(String name) {
            return new Report(name, head, profile, javac, commits, fromCache, compilerNotes, planned);
        }

        /** Whether every planned commit has its record (false for the report of a walk stopped by Ctrl-C). */
        public boolean complete() {
            return commits.size() == planned;
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

        /** The walk will give {@code commits} records, the newest {@code head}'s (what a resumed walk must pin). */
        default void started(String head, int commits) {
            started(commits);
        }

        /** One commit's record is done. */
        default void analyzed(CommitRecord record) {}

        /** One commit's record is done; {@code index} is its place in the report (0: the oldest). */
        default void analyzed(int index, CommitRecord record) {
            analyzed(record);
        }
    }

    /**
     * The report of the records a walk finished before it was stopped (Ctrl-C), in report order: front ends write it
     * so that an interrupted walk still leaves a usable report.
     */
    public static Report partial(Path dir, Profile profile, String head, List<CommitRecord> records, int planned) {
        return new Report(
                repositoryName(dir), head, profile, Runtime.version().toString(), records, 0, List.of(), planned);
    }

    /** How many ranges each thread gets to walk, one after the other. */
    static final int RANGES_PER_THREAD = 4;

    /** How many workers stuck past their commit's timeout a walk abandons before it waits for them instead. */
    static final int MAX_ABANDONED_WORKERS = 2;

    /** How long a cancelled commit may take to stop at javac's next event before its worker is abandoned. */
    static final Duration GRACE = Duration.ofSeconds(10);

    /** The grace in force: {@link #GRACE}, shorter in tests. */
    static volatile Duration grace = GRACE;

    /**
     * Runs before each commit's analysis on its worker: nothing, except in tests, which stand in for a commit stuck
     * where javac gives no event (the case the abandonment is for).
     */
    static volatile java.util.function.Consumer<ObjectId> beforeCommit = id -> {};

    /** Analyses the history of the repository at {@code dir} (a work tree or a bare repository). */
    public static Report analyze(Path dir, RevisionCompiler.Options options, Request request) {
        return analyze(dir, options, request, Listener.NONE);
    }

    /** As {@link #analyze(Path, RevisionCompiler.Options, Request)}, telling {@code listener} of each commit. */
    public static Report analyze(Path dir, RevisionCompiler.Options options, Request request, Listener listener) {
        String name = repositoryName(dir);
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
        listener.started(chain.get(chain.size() - 1).name(), chain.size());
        // More ranges than threads, so that a thread that finished a cheap old range takes another instead of
        // idling while the other walks the expensive recent one; each range costs one compile from nothing.
        List<List<ObjectId>> ranges = ranges(chain, request.threads() == 1 ? 1 : request.threads() * RANGES_PER_THREAD);
        int threads = Math.min(request.threads(), ranges.size());
        // One budget of blobs for the walk, shared out: the thread count must not multiply it.
        long blobShare = RevisionCompiler.DEFAULT_BLOB_CACHE_BYTES / threads;
        AtomicInteger abandoned = new AtomicInteger();
        List<CommitRecord> records = new ArrayList<>();
        int cached = 0;
        TreeSet<String> compilerNotes = new TreeSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "liveupdate-history");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Records>> futures = new ArrayList<>();
            int offset = 0;
            for (List<ObjectId> range : ranges) {
                Range r = new Range(dir, options, request.profile(), shallow, cache, blobShare);
                int first = offset;
                futures.add(pool.submit(() -> r.walk(range, first, listener, request.commitTimeout(), abandoned)));
                offset += range.size();
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
        if (cache != null) {
            cache.trim();
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

    /** The repository's name in a report: its directory's name without {@code .git}, never a path. */
    static String repositoryName(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        String name = n == null ? "repository" : n.toString();
        if (name.endsWith(".git") && name.length() > 4) {
            name = name.substring(0, name.length() - 4);
        }
        return name;
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
        if (request.all()) {
            List<ObjectId> every = everyCommit(walker.repository(), tip, stop);
            return request.maxCommits() == 0 || every.size() <= request.maxCommits()
                    ? every
                    : List.copyOf(every.subList(every.size() - request.maxCommits(), every.size()));
        }
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

    /** Every commit reachable from {@code tip} and not from {@code stop}, parents before children, oldest first. */
    private static List<ObjectId> everyCommit(Repository repo, ObjectId tip, ObjectId stop) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(tip));
            if (stop != null) {
                walk.markUninteresting(walk.parseCommit(stop));
            }
            List<ObjectId> out = new ArrayList<>();
            for (RevCommit c : walk) {
                out.add(c.copy());
            }
            return out;
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot walk the history: " + e.getMessage(), e);
        }
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

    /**
     * One range's walker, on its own compiler: the state carried between commits is the class files of the last
     * commit only. With a commit timeout, each commit runs on a worker thread: past the timeout the compiler is
     * cancelled at javac's next event, and a worker that does not stop within {@link #GRACE} is abandoned with its
     * compiler (at most {@link #MAX_ABANDONED_WORKERS} per walk; after that the walk waits) and the range goes on with
     * a new one.
     */
    private static final class Range {
        private final Path dir;
        private final RevisionCompiler.Options options;
        private final Profile profile;
        private final Set<ObjectId> shallow;
        private final HistoryCache cache;
        private final long blobBytes;
        private final Differ differ;
        private State state;

        Range(
                Path dir,
                RevisionCompiler.Options options,
                Profile profile,
                Set<ObjectId> shallow,
                HistoryCache cache,
                long blobBytes) {
            this.dir = dir;
            this.options = options;
            this.profile = profile;
            this.shallow = shallow;
            this.cache = cache;
            this.blobBytes = blobBytes;
            this.differ = new Differ(profile, Runnable::run, 1);
        }

        /** What one compiler knows between commits. */
        private final class State implements AutoCloseable {
            final RevisionCompiler compiler = RevisionCompiler.open(dir, options, blobBytes);
            final RevisionFacts facts = new RevisionFacts(compiler);
            ObjectId knownCommit; // the commit whose class files `known` are (or equal)
            RevisionResult known;
            ClassSet knownSet; // the class set of `known` when it compiled, parsed once for two diffs
            // The last class files compiled: a commit whose parent's are not at hand compiles from these
            // (incrementally, byte-identical to a full compile) instead of from nothing.
            RevisionResult.Compiled lastGood;
            ObjectId lastKeyed; // the last commit whose compile key was computed, and that key
            String lastKey;

            void forget() {
                knownCommit = null;
                known = null;
                knownSet = null;
            }

            @Override
            public void close() {
                compiler.close();
            }
        }

        /** One commit's outcome. */
        private record Outcome(CommitRecord record, List<String> notes, boolean cached) {}

        Records walk(List<ObjectId> range, int offset, Listener listener, Duration timeout, AtomicInteger abandoned) {
            Records out = new Records(listener);
            ExecutorService worker = timeout == null ? null : newWorker();
            state = new State();
            try {
                for (int i = 0; i < range.size(); i++) {
                    ObjectId id = range.get(i);
                    Outcome o = timeout == null ? analyze(state, id) : withTimeout(id, timeout, worker, abandoned);
                    if (o == null) { // the worker was abandoned: a new one, with a new compiler
                        worker = newWorker();
                        state = new State();
                        o = new Outcome(timedOut(state.compiler.commitOf(id)), List.of(), false);
                    }
                    out.add(offset + i, o.record());
                    out.notes.addAll(o.notes());
                    if (o.cached()) {
                        out.cached++;
                    }
                }
            } finally {
                if (worker != null) {
                    worker.shutdownNow();
                }
                state.close();
            }
            return out;
        }

        private Outcome withTimeout(ObjectId id, Duration timeout, ExecutorService worker, AtomicInteger abandoned) {
            State s = state;
            long deadline = System.nanoTime() + timeout.toNanos();
            s.compiler.deadline(deadline);
            Future<Outcome> f = worker.submit(() -> analyze(s, id));
            try {
                return f.get(timeout.plus(grace).toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (abandoned.incrementAndGet() <= MAX_ABANDONED_WORKERS) {
                    worker.shutdownNow(); // its thread is a daemon: it ends with the compile, or with the JVM
                    return null;
                }
                return join(f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                throw new RevisionException(RevisionException.Reason.IO_ERROR, "the history walk was interrupted");
            } catch (ExecutionException e) {
                throw rethrow(e);
            } finally {
                s.compiler.deadline(0);
            }
        }

        private static Outcome join(Future<Outcome> f) {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RevisionException(RevisionException.Reason.IO_ERROR, "the history walk was interrupted");
                } catch (ExecutionException e) {
                    throw rethrow(e);
                }
            }
        }

        private static RuntimeException rethrow(ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                return re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            return new IllegalStateException(e.getCause());
        }

        private static ExecutorService newWorker() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "liveupdate-history-commit");
                t.setDaemon(true);
                return t;
            });
        }

        /** The record of a commit cancelled past its timeout. */
        private static CommitRecord timedOut(RevCommit c) {
            return skipped(
                    c,
                    c.getParentCount() == 0 ? null : c.getParent(0),
                    dateOf(c),
                    c.getShortMessage(),
                    SkipReason.TIMEOUT);
        }

        private Outcome analyze(State s, ObjectId id) {
            beforeCommit.accept(id);
            RevCommit c = s.compiler.commitOf(id);
            String date = dateOf(c);
            String subject = c.getShortMessage();
            try {
                return analyze(s, id, c, date, subject);
            } catch (RevisionException e) {
                if (e.reason() != RevisionException.Reason.TIMEOUT) {
                    throw e;
                }
                s.forget(); // a cancelled compile left nothing to build on
                return new Outcome(timedOut(c), List.of(), false);
            }
        }

        private Outcome analyze(State s, ObjectId id, RevCommit c, String date, String subject) {
            RevisionCompiler compiler = s.compiler;
            if (shallow.contains(id)) {
                s.forget();
                return new Outcome(skipped(c, null, date, subject, SkipReason.SHALLOW_BOUNDARY), List.of(), false);
            }
            if (c.getParentCount() == 0) {
                s.forget();
                return new Outcome(
                        changesCode(s.facts, null, id)
                                ? skipped(c, null, date, subject, SkipReason.ROOT_COMMIT)
                                : noCodeChange(c, null, date, subject),
                        List.of(),
                        false);
            }
            ObjectId parent = c.getParent(0).copy();
            if (!changesCode(s.facts, parent, id)) {
                if (parent.equals(s.knownCommit)) {
                    s.knownCommit = id; // same class files as the parent
                }
                return new Outcome(noCodeChange(c, parent, date, subject), List.of(), false);
            }
            String key = null;
            if (cache != null) {
                String parentKey = parent.equals(s.lastKeyed) ? s.lastKey : cache.fingerprint(compiler, parent);
                String commitKey = cache.fingerprint(compiler, id);
                s.lastKeyed = id;
                s.lastKey = commitKey;
                key = cache.key(parentKey, commitKey, profile);
                HistoryCache.Hit hit = key == null ? null : cache.load(key, id.name(), parent.name(), date, subject);
                if (hit != null) {
                    s.forget(); // its class files were not computed: the next commit compiles its parent
                    return new Outcome(hit.record(), hit.notes(), true);
                }
            }
            boolean parentKnown = parent.equals(s.knownCommit);
            RevisionResult before = parentKnown ? s.known : compileFrom(compiler, parent, s.lastGood);
            ClassSet beforeSet = parentKnown ? s.knownSet : null;
            if (before instanceof RevisionResult.Compiled compiled) {
                s.lastGood = compiled;
            }
            if (before instanceof RevisionResult.Failed failed) {
                s.forget(); // the next commit compiles its parent (this one) from the last good result
                return new Outcome(
                        keep(cache, key, failure(c, parent, date, subject, "parent", failed), List.of()),
                        List.of(),
                        false);
            }
            RevisionResult after = compiler.compileIncremental(id, (RevisionResult.Compiled) before);
            if (after instanceof RevisionResult.Compiled compiled) {
                s.lastGood = compiled;
            }
            List<String> raised = new ArrayList<>(raisedNotes(before));
            raised.addAll(raisedNotes(after));
            s.known = after;
            s.knownCommit = id;
            s.knownSet = null;
            if (after instanceof RevisionResult.Failed failed) {
                return new Outcome(
                        keep(cache, key, failure(c, parent, date, subject, "commit", failed), raised), raised, false);
            }
            ClassSet afterSet = ClassSet.of("commit", ((RevisionResult.Compiled) after).classes());
            s.knownSet = afterSet;
            DiffResult diff = differ.diff(
                    beforeSet != null ? beforeSet : ClassSet.of("parent", ((RevisionResult.Compiled) before).classes()),
                    afterSet);
            return new Outcome(keep(cache, key, verdict(c, parent, date, subject, diff), raised), raised, false);
        }
    }

    private static String dateOf(RevCommit c) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(
                Instant.ofEpochSecond(c.getCommitTime()),
                c.getCommitterIdent().getZoneId() == null
                        ? ZoneOffset.UTC
                        : c.getCommitterIdent().getZoneId()));
    }

    /** The class files of {@code target}: incrementally from {@code from} when there is one, else in full. */
    private static RevisionResult compileFrom(
            RevisionCompiler compiler, ObjectId target, RevisionResult.Compiled from) {
        return from == null ? compiler.compile(target) : compiler.compileIncremental(target, from);
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

        void add(int index, CommitRecord r) {
            records.add(r);
            listener.analyzed(index, r);
        }
    }

    private static CommitRecord verdict(RevCommit c, ObjectId parent, String date, String subject, DiffResult diff) {
        if (diff.classes().isEmpty()) {
            return noCodeChange(c, parent, date, subject);
        }
        TreeSet<Hazard> hazards = new TreeSet<>();
        TreeSet<String> blocking = new TreeSet<>();
        String reason = null;
        boolean aboveHotswap = diff.level().compareTo(UpdateLevel.HOTSWAP) > 0;
        for (ClassDiff d : diff.classes()) {
            hazards.addAll(d.hazards());
            if (aboveHotswap && d.level() == diff.level()) {
                blocking.add(d.name());
                if (reason == null) {
                    reason = d.reason() != null
                            ? d.reason().name()
                            : d.levelCause() == null ? null : d.levelCause().name();
                }
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
                null,
                blocking.stream().limit(CommitRecord.MAX_BLOCKING_CLASSES).toList());
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
