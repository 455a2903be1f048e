package io.liveupdate.history;

import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.CompileCache;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.ToolCache;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The verdicts of commits already analysed, in the tool's cache ({@code history/<key>.properties}), so that a second
 * walk, or one after new commits arrived, only compiles what is new. The key of a commit's verdict is the SHA-256 of
 * both sides' compile keys ({@link CompileCache#fingerprint}: commit, every module's spec, the content of every
 * classpath jar, the JDK, the compiler options) and the profile, under the identity of the code that computes
 * verdicts (the revision and history jars). Verdicts that depend on the network (ARTIFACTS_MISSING) are never kept;
 * a damaged entry is computed again.
 */
public final class HistoryCache {
    private static final String FORMAT = "liveupdate-history-cache 2";

    /** The default cap on the verdicts kept: 64 MiB, some 200,000 verdicts. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final Path directory;
    private final CompileCache keys;
    private final String identity;
    private final long maxBytes;

    private HistoryCache(ToolCache cache, String identity, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.directory = cache.directory().resolve("history");
        this.keys = new CompileCache(cache, identity);
        this.identity = identity;
        this.maxBytes = maxBytes;
    }

    /** The cache in {@code cache}, or null when the running code has no identity (run from class directories). */
    public static HistoryCache in(ToolCache cache) {
        return in(cache, DEFAULT_MAX_BYTES);
    }

    /**
     * The cache in {@code cache}, trimmed to {@code maxBytes} after each walk (the least recently used verdicts go
     * first), or null when the running code has no identity (run from class directories).
     */
    public static HistoryCache in(ToolCache cache, long maxBytes) {
        String revision = CompileCache.codeIdentity(CompileCache.class);
        String history = CompileCache.codeIdentity(HistoryCache.class);
        return revision == null || history == null ? null : new HistoryCache(cache, revision + history, maxBytes);
    }

    /** A cache whose code identity the caller gives (tests). */
    static HistoryCache of(ToolCache cache, String identity) {
        return new HistoryCache(cache, identity, DEFAULT_MAX_BYTES);
    }

    /** As {@link #of(ToolCache, String)} with a cap (tests). */
    static HistoryCache of(ToolCache cache, String identity, long maxBytes) {
        return new HistoryCache(cache, identity, maxBytes);
    }

    /**
     * Deletes the least recently used verdicts until the cache holds at most 90 % of its cap, when it holds more than
     * the cap; failures only cost compiles later.
     */
    void trim() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        record Entry(Path file, long size, long used) {}
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (var files = Files.newDirectoryStream(directory, "*.properties")) {
            for (Path f : files) {
                try {
                    var attrs = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                    entries.add(
                            new Entry(f, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    total += attrs.size();
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return;
        }
        if (total <= maxBytes) {
            return;
        }
        entries.sort(java.util.Comparator.comparingLong(Entry::used).thenComparing(Entry::file));
        long target = maxBytes / 10 * 9;
        for (Entry e : entries) {
            if (total <= target) {
                break;
            }
            try {
                Files.deleteIfExists(e.file());
                total -= e.size();
            } catch (IOException ignored) {
                // another walk may hold it; it goes next time
            }
        }
    }

    /** The compile key of one side, or null. */
    String fingerprint(RevisionCompiler compiler, ObjectId commit) {
        return keys.fingerprint(compiler, commit);
    }

    /** The key of a verdict from both sides' compile keys, or null when either is unknown. */
    String key(String parentKey, String commitKey, Profile profile) {
        if (parentKey == null || commitKey == null) {
            return null;
        }
        String text = FORMAT + "\n" + identity + "\n" + parentKey + "\n" + commitKey + "\n" + profile.id() + "\n";
        return ToolCache.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A verdict read back, with the compiler notes its compiles gave (a raised language level). */
    record Hit(CommitRecord record, List<String> notes) {}

    /** The verdict kept under {@code key}, as the record of this commit, or null. */
    Hit load(String key, String sha, String parent, String date, String subject) {
        Path file = directory.resolve(key + ".properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            if (!FORMAT.equals(p.getProperty("format"))) {
                return null;
            }
            List<Hazard> hazards = new ArrayList<>();
            String h = p.getProperty("hazards", "");
            if (!h.isEmpty()) {
                for (String name : h.split(",")) {
                    hazards.add(Hazard.valueOf(name));
                }
            }
            String level = p.getProperty("level");
            String side = p.getProperty("errorSide");
            List<String> notes = new ArrayList<>();
            for (int i = 0; p.getProperty("note." + i) != null; i++) {
                notes.add(p.getProperty("note." + i));
            }
            touch(file);
            return new Hit(
                    new CommitRecord(
                            sha,
                            parent,
                            date,
                            subject,
                            CommitStatus.valueOf(p.getProperty("status")),
                            level == null ? null : UpdateLevel.valueOf(level),
                            p.getProperty("reason"),
                            hazards,
                            Integer.parseInt(p.getProperty("changedClasses", "0")),
                            side == null ? null : new CommitRecord.Error(side, p.getProperty("errorMessage", "")),
                            blocking(p.getProperty("blockingClasses", ""))),
                    notes);
        } catch (IOException | RuntimeException e) {
            return null; // damaged: analysed again, and replaced
        }
    }

    private static List<String> blocking(String names) {
        return names.isEmpty() ? List.of() : List.of(names.split(","));
    }

    /** Marks a verdict as used now, so that {@link #trim()} keeps it longest. */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // a read-only cache still serves
        }
    }

    /** Keeps {@code record} under {@code key}, unless it depends on the network; failures only cost time later. */
    void store(String key, CommitRecord record, List<String> notes) {
        if (record.status() == CommitStatus.SKIPPED
                && SkipReason.ARTIFACTS_MISSING.name().equals(record.reason())) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("status", record.status().name());
        if (record.level() != null) {
            p.setProperty("level", record.level().name());
        }
        if (record.reason() != null) {
            p.setProperty("reason", record.reason());
        }
        p.setProperty(
                "hazards",
                String.join(",", record.hazards().stream().map(Enum::name).toList()));
        p.setProperty("changedClasses", Integer.toString(record.changedClasses()));
        p.setProperty("blockingClasses", String.join(",", record.blockingClasses()));
        if (record.error() != null) {
            p.setProperty("errorSide", record.error().side());
            p.setProperty("errorMessage", record.error().message());
        }
        for (int i = 0; i < notes.size(); i++) {
            p.setProperty("note." + i, notes.get(i));
        }
        try {
            StringWriter text = new StringWriter();
            p.store(text, null);
            ToolCache.writeAtomically(
                    directory.resolve(key + ".properties"), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A full disk or a read-only cache only costs a compile next time.
        }
    }
}
