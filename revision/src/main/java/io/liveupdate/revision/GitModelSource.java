package io.liveupdate.revision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.maven.model.building.ModelSource2;

/** A POM of a revision, read from git objects; resolves relative paths (parents, modules) inside the same revision. */
final class GitModelSource implements ModelSource2 {
    private final RevisionFiles files;
    private final String path;
    private final byte[] content;

    private GitModelSource(RevisionFiles files, String path, byte[] content) {
        this.files = files;
        this.path = path;
        this.content = content;
    }

    /** The POM at {@code path}, or null when the revision has no such file. */
    static GitModelSource of(RevisionFiles files, String path) {
        return files.read(path).map(c -> new GitModelSource(files, path, c)).orElse(null);
    }

    String path() {
        return path;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new ByteArrayInputStream(content);
    }

    @Override
    public String getLocation() {
        return path;
    }

    @Override
    public ModelSource2 getRelatedSource(String relPath) {
        String target = ProjectModelReader.resolve(ProjectModelReader.parentDir(path), relPath);
        if (target == null) {
            return null;
        }
        if (files.isDirectory(target)) {
            target = ProjectModelReader.resolve(target, "pom.xml");
        }
        return of(files, target);
    }

    @Override
    public URI getLocationURI() {
        try {
            return new URI("revision", null, "/" + path, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
