package io.liveupdate.differ;

import io.liveupdate.differ.DifferException.Reason;
import io.liveupdate.differ.model.ClassModel;
import io.liveupdate.differ.model.ClassModelReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed models of one side of a diff, each class file read once: shared by the parallel comparison and the
 * cross-class hazard pass. Thread-safe.
 */
final class ClassModels {
    private final Map<String, ClassModel> cache = new ConcurrentHashMap<>();
    private final int maxNesting;

    ClassModels(InputLimits limits) {
        this.maxNesting = limits.maxNesting();
    }

    ClassModel get(ClassFile file) {
        return cache.computeIfAbsent(file.origin(), o -> parse(file));
    }

    private ClassModel parse(ClassFile file) {
        try {
            return ClassModelReader.read(file.bytes(), maxNesting);
        } catch (DifferException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DifferException(
                    Reason.CORRUPT_CLASS,
                    file.origin() + ": truncated or corrupt class file ("
                            + (e.getMessage() == null ? e : e.getMessage()) + ")",
                    e);
        } catch (StackOverflowError e) {
            // A backstop: every recursion on the input's depth that the reader controls is bounded by maxNesting.
            throw new DifferException(
                    Reason.CORRUPT_CLASS, file.origin() + ": corrupt class file (structures nested too deeply)", e);
        }
    }
}
