package io.liveupdate.history;

import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import java.util.List;
import java.util.Objects;

/**
 * The verdict for one commit, compared with its first parent (DESIGN.md's {@code history --json} contract).
 *
 * @param sha the commit
 * @param parent its first parent, or null for a root commit
 * @param date the committer date, ISO-8601 with offset
 * @param subject the first line of the message
 * @param level the level of the update from the parent to the commit; null unless ANALYZED
 * @param reason why the commit was SKIPPED, or for an ANALYZED commit above HOTSWAP the first failing HotSpot check of
 *     its highest class; null otherwise
 * @param hazards the hazards of the update, in catalogue order
 * @param changedClasses how many classes differ
 * @param error for an UNCOMPILABLE commit, which side failed and its first diagnostic
 * @param blockingClasses for an ANALYZED commit above HOTSWAP, the classes at its level (binary names, sorted, at most
 *     {@link #MAX_BLOCKING_CLASSES}): what kept it from being a HotSwap
 */
public record CommitRecord(
        String sha,
        String parent,
        String date,
        String subject,
        CommitStatus status,
        UpdateLevel level,
        String reason,
        List<Hazard> hazards,
        int changedClasses,
        Error error,
        List<String> blockingClasses) {
    /** How many blocking classes a record names at most (a commit may touch thousands). */
    public static final int MAX_BLOCKING_CLASSES = 50;

    public CommitRecord {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(status, "status");
        hazards = List.copyOf(hazards);
        blockingClasses = List.copyOf(blockingClasses);
    }

    /** A record that names no blocking class. */
    public CommitRecord(
            String sha,
            String parent,
            String date,
            String subject,
            CommitStatus status,
            UpdateLevel level,
            String reason,
            List<Hazard> hazards,
            int changedClasses,
            Error error) {
        this(sha, parent, date, subject, status, level, reason, hazards, changedClasses, error, List.of());
    }

    /** Which side of the pair did not compile, and the first diagnostic ({@code path:line: message}). */
    public record Error(String side, String message) {}

    /** Whether the commit changed main sources or build files (analyzed, uncompilable or skipped). */
    public boolean attempted() {
        return status != CommitStatus.NO_CODE_CHANGE;
    }
}
