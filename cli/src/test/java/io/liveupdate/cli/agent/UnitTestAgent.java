package io.liveupdate.cli.agent;

import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.Profile;
import io.liveupdate.signer.TrustPolicy;
import io.liveupdate.unit.UnitCheck;
import io.liveupdate.unit.UnitDescriptor;
import io.liveupdate.unit.UnitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A test agent, given by {@code -javaagent} (never attached dynamically), that applies update units on request: it
 * listens on a loopback port (written to a file before the application starts), and for {@code apply UNIT.jar} checks
 * the unit with the unit library, defines its ADDED classes through a lookup of their package, redefines all CHANGED
 * classes in one {@code redefineClasses} call, and records the unit as applied. It answers {@code applied <id>} or
 * {@code refused <code> <message>}. The product agent is a later issue.
 *
 * <p>Arguments: {@code trust|state|portFile}, separated by {@code |}.
 */
public final class UnitTestAgent {
    private UnitTestAgent() {}

    public static void premain(String args, Instrumentation inst) throws IOException {
        String[] parts = args.split("\\|");
        String trust = parts[0];
        Path state = Path.of(parts[1]);
        Path portFile = Path.of(parts[2]);
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getLocalPort()));
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        Thread t = new Thread(() -> serve(server, inst, trust, state), "unit-test-agent");
        t.setDaemon(true);
        t.start();
    }

    private static void serve(ServerSocket server, Instrumentation inst, String trust, Path state) {
        while (true) {
            try (Socket s = server.accept();
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String line = in.readLine();
                if (line == null || !line.startsWith("apply ")) {
                    out.println("error unknown request");
                    continue;
                }
                out.println(apply(inst, Path.of(line.substring(6)), trust, state));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String apply(Instrumentation inst, Path unitFile, String trust, Path state) {
        try {
            UnitCheck.Accepted accepted = UnitCheck.check(
                    unitFile,
                    UnitCheck.Request.of(TrustPolicy.parse(trust))
                            .withState(state)
                            .withProfile(Profile.HOTSWAP));
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            List<ClassDefinition> redefinitions = new ArrayList<>();
            for (UnitDescriptor.UnitClass c : accepted.unit().descriptor().classes()) {
                if (c.release() != null) {
                    continue; // this agent runs the base entries only
                }
                byte[] bytes = accepted.unit().bytes(c);
                if (c.status() == ClassStatus.ADDED) {
                    Class<?> neighbour = neighbour(inst, loader, c.name());
                    MethodHandles.privateLookupIn(neighbour, MethodHandles.lookup())
                            .defineClass(bytes);
                } else if (c.status() == ClassStatus.CHANGED) {
                    redefinitions.add(new ClassDefinition(Class.forName(c.name(), false, loader), bytes));
                } else {
                    return "refused UNSUPPORTED a removed class cannot be applied live: " + c.name();
                }
            }
            inst.redefineClasses(redefinitions.toArray(ClassDefinition[]::new));
            UnitCheck.recordApplied(accepted, state);
            return "applied " + accepted.unit().descriptor().id();
        } catch (UnitException e) {
            return "refused " + e.code() + " " + e.getMessage();
        } catch (ReflectiveOperationException
                | java.lang.instrument.UnmodifiableClassException
                | RuntimeException
                | LinkageError e) {
            return "error " + e;
        }
    }

    /** A loaded class of the same package and loader, through whose lookup an added class is defined. */
    private static Class<?> neighbour(Instrumentation inst, ClassLoader loader, String name) {
        String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() == loader && c.getPackageName().equals(pkg) && !c.isHidden() && !c.isArray()) {
                return c;
            }
        }
        throw new IllegalStateException("no loaded class of package " + pkg + " to define " + name + " in");
    }
}
