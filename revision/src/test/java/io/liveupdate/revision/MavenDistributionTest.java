package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;

/** Which Maven the fallback runs: the pinned 3.9.16 unless requireMavenVersion excludes it, then the newest 3.9.x. */
class MavenDistributionTest {
    /** Repositories that list these versions of apache-maven and nothing else. */
    private record Versions(List<String> versions) implements ArtifactResolver {
        @Override
        public Path resolvePom(String g, String a, String v, List<RemoteRepository> r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Path> compileClasspath(List<Dependency> d, List<Dependency> m, List<RemoteRepository> r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path resolveArtifact(String g, String a, String c, String e, String v) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> versions(String groupId, String artifactId, String range) {
            assertEquals("org.apache.maven:apache-maven [3.9.0,3.10.0)", groupId + ":" + artifactId + " " + range);
            return versions;
        }
    }

    private static final Versions CENTRAL =
            new Versions(List.of("3.9.0", "3.9.6", "3.9.9", "3.9.10", "3.9.11-beta-1", "3.9.15", "3.9.16"));

    @Test
    void thePinnedMavenWhenTheRevisionAdmitsItOrSaysNothing() {
        assertEquals("3.9.16", MavenDistribution.choose(CENTRAL, null));
        assertEquals("3.9.16", MavenDistribution.choose(CENTRAL, "[3.9,)"));
        assertEquals("3.9.16", MavenDistribution.choose(CENTRAL, "3.6.3"), "a plain version is a lower bound");
    }

    @Test
    void otherwiseTheNewestReleased39xTheRangeAdmits() {
        assertEquals("3.9.10", MavenDistribution.choose(CENTRAL, "[3.9.0,3.9.11)"));
        assertEquals("3.9.6", MavenDistribution.choose(CENTRAL, "[3.8,3.9.6]"));
    }

    @Test
    void noAdmissibleMavenIsAFallbackFailureNamingTheRange() {
        RevisionException e = assertThrows(RevisionException.class, () -> MavenDistribution.choose(CENTRAL, "[4.0,)"));

        assertEquals(RevisionException.Reason.FALLBACK_FAILED, e.reason());
        assertTrue(e.getMessage().contains("[4.0,)"), e.getMessage());
        assertEquals(
                RevisionException.Reason.INVALID_MODEL,
                assertThrows(RevisionException.class, () -> MavenDistribution.choose(CENTRAL, "[3.9"))
                        .reason());
    }
}
