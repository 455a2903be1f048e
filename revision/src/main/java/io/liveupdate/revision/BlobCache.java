package io.liveupdate.revision;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Blob contents by object id, least recently used first out. Blobs are immutable, so entries never go stale; the cache
 * only bounds memory.
 */
final class BlobCache {
    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<ObjectId, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);

    private final long maxFileBytes;

    /**
     * @param maxBytes how many bytes of blobs the cache keeps
     * @param maxFileBytes the largest file read (a source, a POM, a committed jar): a larger one refuses the revision
     */
    BlobCache(long maxBytes, long maxFileBytes) {
        this.maxBytes = maxBytes;
        this.maxFileBytes = Math.min(maxFileBytes, Integer.MAX_VALUE - 8);
    }

    byte[] bytes(ObjectReader reader, ObjectId id, String path) {
        byte[] cached = entries.get(id);
        if (cached != null) {
            return cached;
        }
        byte[] content;
        try {
            long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
            if (size > maxFileBytes) {
                throw new RevisionException(
                        RevisionException.Reason.UNSAFE_INPUT,
                        path + ": " + size + " bytes, more than the limit of " + maxFileBytes
                                + " bytes for a file the compiler reads");
            }
            content = reader.open(id, Constants.OBJ_BLOB).getCachedBytes((int) maxFileBytes);
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot read " + path + " (" + id.name() + "): " + e.getMessage(),
                    e);
        }
        entries.put(id.copy(), content);
        bytes += content.length;
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<ObjectId, byte[]> eldest = it.next();
            bytes -= eldest.getValue().length;
            it.remove();
        }
        return content;
    }
}
