package io.liveupdate.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The last project model read, with every question its reader asked of the revision's files and the answers (blob
 * ids for reads, so contents compare by id). A revision whose files give the same answers has the same model: the
 * reader sees a revision only through {@link RevisionFiles}. A history walk reads the model of every commit, and most
 * commits change no build file; replaying the questions costs a few map lookups instead of parsing and resolving the
 * POMs again.
 */
final class ModelMemo {
    private sealed interface Query permits Read, IsDirectory, ListFiles {}

    private record Read(String path, ObjectId blob) implements Query {}

    private record IsDirectory(String path, boolean answer) implements Query {}

    private record ListFiles(String dir, String suffix, List<String> answer) implements Query {}

    private final List<Query> queries;
    private final ProjectModel model;

    private ModelMemo(List<Query> queries, ProjectModel model) {
        this.queries = List.copyOf(queries);
        this.model = model;
    }

    ProjectModel model() {
        return model;
    }

    /** Whether {@code files} answers every question as the revision the model was read from did. */
    boolean answersAlike(GitRevisionFiles files) {
        for (Query q : queries) {
            boolean same;
            if (q instanceof Read r) {
                same = Objects.equals(r.blob(), files.blobId(r.path()));
            } else if (q instanceof IsDirectory d) {
                same = d.answer() == files.isDirectory(d.path());
            } else {
                ListFiles l = (ListFiles) q;
                same = l.answer().equals(files.list(l.dir(), l.suffix()));
            }
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Reads the model of {@code files} with {@code reader}, keeping the questions asked. */
    static ModelMemo read(ProjectModelReader reader, GitRevisionFiles files) {
        List<Query> asked = new ArrayList<>();
        ProjectModel model = reader.read(new RevisionFiles() {
            @Override
            public Optional<byte[]> read(String path) {
                asked.add(new Read(path, files.blobId(path)));
                return files.read(path);
            }

            @Override
            public boolean isDirectory(String path) {
                boolean answer = files.isDirectory(path);
                asked.add(new IsDirectory(path, answer));
                return answer;
            }

            @Override
            public List<String> list(String dir, String suffix) {
                List<String> answer = files.list(dir, suffix);
                asked.add(new ListFiles(dir, suffix, List.copyOf(answer)));
                return answer;
            }
        });
        return new ModelMemo(asked, model);
    }
}
