package io.liveupdate.cli;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.signer.TrustPolicy;
import io.liveupdate.unit.UnitCheck;
import io.liveupdate.unit.UnitDescriptor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liveupdate check}: whether an update unit may be applied; changes nothing. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check an update unit before applying it: its JAR signature and UNIT.jar.p7s by the pinned anchor, its"
                    + " structure and class hashes, its expiry, its sequence against the last applied one (--state),"
                    + " its base against the running classes (--running-classes), and its level and profile. Checking"
                    + " never records a unit as applied; the agent that applies it does.",
            "Exit codes: 0 accepted, 1 refused (the reason code in brackets), 2 usage or input error, 3 internal"
                    + " error."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT.jar", description = "The unit (UNIT.jar.p7s beside it).")
    Path unit;

    @Option(
            names = "--trust",
            required = true,
            paramLabel = "ANCHOR",
            description = "The pinned anchor: a certificate, a trust file, or a key fingerprint (64 hex digits).")
    String trust;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            description = "The state directory of applied units (and of the trust file's rollback memory); it must"
                    + " exist. Without it the sequence is not checked.")
    Path state;

    @Option(
            names = "--running-classes",
            paramLabel = "DIR|JAR",
            description = "The classes production runs: the unit's base hashes must be theirs.")
    Path running;

    @Option(names = "--max-level", paramLabel = "LEVEL", description = "Refuse a unit above LEVEL.")
    String maxLevel;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The redefinition the JVM offers (hotswap, hotswap-add-delete): refuse a unit made for more.")
    String profile;

    @Override
    public Integer call() {
        UnitCheck.Request request = UnitCheck.Request.of(TrustPolicy.parse(trust, state))
                .withState(state)
                .withRunning(running == null ? null : ClassSet.read(running).requireClasses())
                .withMaxLevel(maxLevel == null ? null : UpdateLevel.parse(maxLevel))
                .withProfile(profile == null ? null : Profile.parse(profile));
        UnitCheck.Accepted accepted = UnitCheck.check(unit, request);
        UnitDescriptor d = accepted.unit().descriptor();
        PrintWriter out = spec.commandLine().getOut();
        out.println("accepted " + unit + ": unit " + d.id() + ", " + d.classes().size() + " classes at " + d.level()
                + ", sequence " + d.sequence() + ", signed by " + accepted.signer());
        accepted.checked().forEach(c -> out.println("  checked " + c));
        if (request.stateDirectory() == null) {
            out.println("  not checked: the sequence (give --state DIR)");
        }
        if (request.running() == null) {
            out.println("  not checked: the base (give --running-classes DIR|JAR)");
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        if (!d.resources().isEmpty() || !d.dependencies().isEmpty()) {
            err.println("liveupdate: warning: besides classes, " + d.resources().size() + " resource(s) and "
                    + d.dependencies().size() + " dependency version(s) changed, which applying the unit does not"
                    + " change");
            err.flush();
        }
        return LiveUpdate.OK;
    }
}
