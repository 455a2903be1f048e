import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.RedefinitionCheck;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.differ.ClassFile;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.oracle.BuildLoader;
import io.liveupdate.differ.oracle.agent.OracleAgent;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HotSwap oracle on a real pair of jars: loads every class of OLD that the differ lists as CHANGED into one
 * class loader (which also serves the jars given as dependencies, and classes only NEW has), asks the running JVM
 * to redefine each of them on its own with NEW's bytes, and counts where the JVM and the differ agree.
 *
 * <p>Run with the oracle agent: {@code java -javaagent:differ/target/oracle-agent-oracle-agent.jar -cp ...
 * RealWorldOracle OLD.jar NEW.jar [DEPENDENCY.jar ...]} (see bench/README.md).
 */
public final class RealWorldOracle {
    public static void main(String[] args) throws Exception {
        Instrumentation inst = OracleAgent.instrumentation();
        if (inst == null) {
            throw new IllegalStateException("run with -javaagent:differ/target/oracle-agent-oracle-agent.jar");
        }
        Profile profile = Profile.parse(System.getProperty("profile", "hotswap"));
        ClassSet before = ClassSet.read(Path.of(args[0]));
        ClassSet after = ClassSet.read(Path.of(args[1]));
        Map<String, byte[]> loadable = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            ClassSet.read(Path.of(args[i])).classes(ClassSet.BASE).forEach((n, f) -> loadable.put(n, f.bytes()));
        }
        after.classes(ClassSet.BASE).forEach((n, f) -> loadable.put(n, f.bytes()));
        before.classes(ClassSet.BASE).forEach((n, f) -> loadable.put(n, f.bytes()));
        ClassLoader loader = new BuildLoader(loadable, RealWorldOracle.class.getClassLoader());

        DiffResult diff = new Differ(profile).diff(before, after);
        int agree = 0;
        int disagree = 0;
        int unloadable = 0;
        int otherErrors = 0;
        Map<String, Integer> byVerdict = new TreeMap<>();
        for (ClassDiff c : diff.classes()) {
            if (c.status() != ClassStatus.CHANGED || c.release() != null) {
                continue;
            }
            ClassFile newFile = after.classes(ClassSet.BASE).get(c.name());
            Class<?> loaded;
            try {
                loaded = Class.forName(c.name(), false, loader);
            } catch (Throwable e) {
                unloadable++;
                continue;
            }
            String jvm;
            RedefinitionCheck named = null;
            try {
                inst.redefineClasses(new ClassDefinition(loaded, newFile.bytes()));
                jvm = "accepted";
            } catch (UnsupportedOperationException e) {
                jvm = "rejected";
                for (RedefinitionCheck check : RedefinitionCheck.values()) {
                    if (String.valueOf(e.getMessage()).endsWith(check.instrumentationMessage())) {
                        named = check;
                    }
                }
            } catch (Throwable e) {
                jvm = "failed: " + e;
            }
            boolean differAccepts = c.level().compareTo(UpdateLevel.HOTSWAP) <= 0;
            // The verdicts agree when both accept or both reject; a rejection through a redefinition check must
            // also be one the differ lists. HotSpot may reject before its checks run (a VerifyError while parsing
            // the new bytes against the old versions of other classes): that is still a rejection.
            boolean ok = differAccepts
                    ? jvm.equals("accepted")
                    : !jvm.equals("accepted") && (named == null || c.reasons().contains(named));
            if (!jvm.equals("accepted") && named == null) {
                otherErrors++;
            }
            byVerdict.merge(c.level() + " / JVM " + (jvm.startsWith("failed") ? "other error" : jvm), 1, Integer::sum);
            if (ok) {
                agree++;
            } else {
                disagree++;
                System.out.println("DISAGREE " + c.name() + ": differ " + c.level() + " " + c.reasons() + ", JVM " + jvm
                        + (named == null ? "" : " (" + named + ")"));
            }
        }
        System.out.printf("profile %s, JDK %s: %d changed classes redefined one by one: %d agree, %d disagree,"
                + " %d could not be loaded; %d rejections were no redefinition check (e.g. VerifyError)%n",
                profile.id(), Runtime.version(), agree + disagree, agree, disagree, unloadable, otherErrors);
        byVerdict.forEach((k, v) -> System.out.printf("  %-32s %d%n", k, v));
    }
}
