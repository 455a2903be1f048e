package io.liveupdate.differ.oracle.agent;

import java.lang.instrument.Instrumentation;

/**
 * A java agent ({@code -javaagent}, packaged by the build as target/oracle-agent-oracle-agent.jar) that only keeps
 * the {@link Instrumentation} instance, so the oracle suite can ask the running JVM itself to redefine classes.
 */
public final class OracleAgent {
    private static volatile Instrumentation instrumentation;

    private OracleAgent() {}

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** The JVM's instrumentation, or null when the JVM was started without the agent. */
    public static Instrumentation instrumentation() {
        return instrumentation;
    }
}
