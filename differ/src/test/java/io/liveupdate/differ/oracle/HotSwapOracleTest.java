package io.liveupdate.differ.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.RedefinitionCheck;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.differ.oracle.agent.OracleAgent;
import io.liveupdate.differ.testing.InMemoryCompiler;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM as oracle: for every pair of {@link OraclePairs}, compiled with {@code --release 8} and {@code --release
 * 17} by the running JDK's javac, the old classes are loaded in a fresh class loader and
 * {@link Instrumentation#redefineClasses} is called once with the new bytes of every class present in both builds.
 * The JVM must accept exactly when the differ says NONE or HOTSWAP, and a rejection must name a check the differ
 * lists in {@code reasons}.
 *
 * <p>The build runs this suite three times: on the build JDK with default flags (profile hotswap), on the build JDK
 * with {@code -XX:+AllowRedefinitionToAddDeleteMethods} (profile hotswap-add-delete, chosen by the system property
 * {@code liveupdate.oracle.profile}), and on the JDK named by {@code ORACLE_JDK} when it is set.
 */
class HotSwapOracleTest {
    private static final Profile PROFILE = Profile.parse(System.getProperty("liveupdate.oracle.profile", "hotswap"));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (OraclePair pair : OraclePairs.all()) {
            for (int release : new int[] {8, 17}) {
                if (release >= pair.minRelease) {
                    cases.add(Arguments.of(pair, release));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} (--release {1})")
    @MethodSource("cases")
    void differAgreesWithTheJvm(OraclePair pair, int release) throws Exception {
        Instrumentation instrumentation = OracleAgent.instrumentation();
        assertNotNull(instrumentation, "run with -javaagent:target/oracle-agent-oracle-agent.jar (see differ/pom.xml)");
        Map<String, byte[]> before = InMemoryCompiler.compile(pair.before, release);
        Map<String, byte[]> after = InMemoryCompiler.compile(pair.after, release);

        DiffResult diff = new Differ(PROFILE).diff(ClassSet.of("before", before), ClassSet.of("after", after));
        Verdict jvm = redefine(before, after, instrumentation);

        boolean differAccepts = diff.level().compareTo(UpdateLevel.HOTSWAP) <= 0;
        System.out.printf(
                "oracle %-55s release %2d  javac %d  %-18s differ %-9s jvm %s%n",
                pair.name, release, InMemoryCompiler.javacFeature(), PROFILE.id(), diff.level(), jvm);
        assertEquals(
                differAccepts,
                jvm.accepted,
                () -> "differ said " + diff.level() + " " + reasons(diff) + " but the JVM " + jvm);
        if (!jvm.accepted) {
            assertNotNull(jvm.check, () -> "the JVM rejected with an error that is no redefinition check: " + jvm);
            assertTrue(
                    reasons(diff).contains(jvm.check),
                    () -> "the JVM named " + jvm.check + ", the differ's reasons are " + reasons(diff));
        }
        UpdateLevel expected = PROFILE == Profile.HOTSWAP_ADD_DELETE && pair.addDelete != null
                ? pair.addDelete
                : pair.expected.apply(release);
        if (expected != null) {
            assertEquals(expected, diff.level(), () -> "level of '" + pair.name + "': " + diff.classes());
        }
        for (ClassDiff c : diff.classes()) {
            boolean hotswappable = c.level().compareTo(UpdateLevel.HOTSWAP) <= 0;
            assertEquals(
                    hotswappable, c.reasons().isEmpty(), () -> "reasons must be empty exactly at NONE/HOTSWAP: " + c);
        }
    }

    private static Set<RedefinitionCheck> reasons(DiffResult diff) {
        Set<RedefinitionCheck> all = EnumSet.noneOf(RedefinitionCheck.class);
        for (ClassDiff c : diff.classes()) {
            if (c.status() == ClassStatus.CHANGED) {
                all.addAll(c.reasons());
            }
        }
        return all;
    }

    /** Loads the old build in a fresh loader (which serves added classes from the new build) and redefines. */
    private static Verdict redefine(Map<String, byte[]> before, Map<String, byte[]> after, Instrumentation inst)
            throws ClassNotFoundException {
        Map<String, byte[]> loadable = new HashMap<>();
        before.forEach((path, bytes) -> loadable.put(binaryName(path), bytes));
        after.forEach((path, bytes) -> loadable.putIfAbsent(binaryName(path), bytes));
        ClassLoader loader = new BuildLoader(loadable, HotSwapOracleTest.class.getClassLoader());
        List<ClassDefinition> definitions = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            byte[] newBytes = after.get(e.getKey());
            Class<?> loaded = Class.forName(binaryName(e.getKey()), false, loader);
            if (newBytes != null && !Arrays.equals(newBytes, e.getValue())) {
                definitions.add(new ClassDefinition(loaded, newBytes));
            }
        }
        if (definitions.isEmpty()) {
            return new Verdict(true, null, "nothing to redefine");
        }
        try {
            inst.redefineClasses(definitions.toArray(new ClassDefinition[0]));
            return new Verdict(true, null, "accepted");
        } catch (UnsupportedOperationException e) {
            return new Verdict(false, checkNamedBy(e.getMessage()), e.getMessage());
        } catch (Throwable e) {
            return new Verdict(false, null, e.toString());
        }
    }

    private static RedefinitionCheck checkNamedBy(String message) {
        for (RedefinitionCheck check : RedefinitionCheck.values()) {
            if (message != null && message.endsWith(check.instrumentationMessage())) {
                return check;
            }
        }
        return null;
    }

    private static String binaryName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private record Verdict(boolean accepted, RedefinitionCheck check, String detail) {
        @Override
        public String toString() {
            return accepted ? detail : "rejected: " + detail;
        }
    }
}
