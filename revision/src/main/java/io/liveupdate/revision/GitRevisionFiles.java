package io.liveupdate.revision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit's tree, read straight from git objects through one {@link ObjectReader}: no checkout, the
 * working tree and index are never touched. Blob contents come from a {@link BlobCache} shared across revisions, so a
 * file unchanged between commits is read once.
 */
final class GitRevisionFiles implements RevisionFiles {
    private final ObjectReader reader;
    private final BlobCache blobs;
    private final TreeMap<String, ObjectId> files = new TreeMap<>();
    private final Set<String> directories = new HashSet<>();

    GitRevisionFiles(ObjectReader reader, RevTree tree, BlobCache blobs) {
        this.reader = reader;
        this.blobs = blobs;
        directories.add("");
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                String name = walk.getNameString();
                if (name.isEmpty()
                        || name.equals(".")
                        || name.equals("..")
                        || name.indexOf('\\') >= 0
                        || name.indexOf('/') >= 0
                        || name.indexOf('\0') >= 0) {
                    // git itself refuses such entries (fsck); a crafted tree could name files outside a checkout
                    throw new RevisionException(
                            RevisionException.Reason.UNSAFE_INPUT,
                            "tree " + tree.name() + " has an entry named '" + printable(walk.getPathString())
                                    + "', which no checkout could hold; refusing the revision");
                }
                if (walk.isSubtree()) {
                    directories.add(walk.getPathString());
                    walk.enterSubtree();
                } else if (walk.getFileMode(0).getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB
                        && walk.getFileMode(0) != FileMode.GITLINK) {
                    files.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot read tree " + tree.name() + ": " + e.getMessage(), e);
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Blob id of the file at {@code path}, or null. */
    ObjectId blobId(String path) {
        return files.get(path);
    }

    /** All files of the tree: path to blob id. */
    Map<String, ObjectId> all() {
        return Collections.unmodifiableMap(files);
    }

    @Override
    public Optional<byte[]> read(String path) {
        ObjectId id = files.get(path);
        return id == null ? Optional.empty() : Optional.of(blobs.bytes(reader, id, path));
    }

    byte[] bytes(ObjectId id, String path) {
        return blobs.bytes(reader, id, path);
    }

    @Override
    public boolean isDirectory(String path) {
        return directories.contains(path);
    }

    @Override
    public List<String> list(String dir, String suffix) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<String> out = new ArrayList<>();
        for (String path : files.tailMap(prefix, true).keySet()) {
            if (!path.startsWith(prefix)) {
                break;
            }
            if (path.endsWith(suffix)) {
                out.add(path);
            }
        }
        return out;
    }
}
