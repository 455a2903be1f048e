package io.liveupdate.differ.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liveupdate.differ.Change;
import io.liveupdate.differ.ChangeKind;
import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.testing.InMemoryCompiler;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The oracle catalogue must exercise every change kind that Java source compiled with one javac and one
 * {@code --release} can produce; the few that need other inputs are covered in {@code DifferTest}.
 */
class CatalogueCoverageTest {
    /** Kinds no same-compiler, same-release source edit produces; DifferTest covers each of them. */
    static final Set<ChangeKind> NEED_OTHER_INPUTS = EnumSet.of(
            ChangeKind.MODULE_INFO_CHANGED, // module-info cannot be redefined, so it is not an oracle case
            ChangeKind.MODULE_INFO_ADDED, // nor added
            ChangeKind.MODULE_INFO_REMOVED, // nor removed
            ChangeKind.CLASS_VERSION_CHANGED, // needs two --release values
            ChangeKind.METHOD_PARAMETERS_CHANGED, // needs javac -parameters
            ChangeKind.OTHER_ATTRIBUTE_CHANGED); // javac writes no non-standard attributes

    @Test
    void everyChangeKindIsExercisedByTheOracleCatalogue() {
        Set<ChangeKind> seen = EnumSet.noneOf(ChangeKind.class);
        for (OraclePair pair : OraclePairs.all()) {
            DiffResult diff = new Differ(Profile.HOTSWAP)
                    .diff(
                            ClassSet.of("before", InMemoryCompiler.compile(pair.before, 17)),
                            ClassSet.of("after", InMemoryCompiler.compile(pair.after, 17)));
            for (ClassDiff c : diff.classes()) {
                for (Change change : c.changes()) {
                    seen.add(change.kind());
                }
            }
        }

        Set<ChangeKind> missing = EnumSet.allOf(ChangeKind.class);
        missing.removeAll(seen);
        missing.removeAll(NEED_OTHER_INPUTS);

        assertEquals(EnumSet.noneOf(ChangeKind.class), missing, "change kinds no oracle pair produces");
    }
}
