package io.liveupdate.cli;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionDiff;
import io.liveupdate.revision.UpdateInputs;
import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.unit.UnitDescriptor;
import io.liveupdate.unit.UnitPackager;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liveupdate package}: an update unit from a base revision and a target revision or build. */
@Command(
        name = "package",
        mixinStandardHelpOptions = true,
        description = {
            "Make an update unit: the classes that changed from the base revision (compiled in memory from git"
                    + " objects, or the released jar with --base-jar) to the target revision or a build's class"
                    + " directory, with the descriptor META-INF/liveupdate/update.json. Signed with --key: the JAR"
                    + " signature inside UNIT.jar and UNIT.jar.p7s beside it, written together or not at all.",
            "The same inputs give a byte-identical unit (and, with Ed25519 or ECDSA keys, identical signatures).",
            "Exit codes: 0 written, 1 no unit (nothing changed, or the level is above --max-level), 2 usage or input"
                    + " error, 3 internal error."
        })
final class PackageCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RevisionOptions source;

    @Option(names = "--base", paramLabel = "REV", description = "The revision production runs.")
    String base;

    @Option(names = "--target", paramLabel = "REV", description = "The new revision (default: HEAD).")
    String target;

    @Option(
            names = "--classes",
            paramLabel = "DIR",
            description = "The new classes: a build's class directory or jar instead of compiling --target; the unit"
                    + " is dirty unless the work tree's sources and build files are HEAD's.")
    Path classes;

    @Option(
            names = "--base-jar",
            paramLabel = "JAR",
            description = "Diff against the released jar production runs (a warning says where the recompiled base"
                    + " differs from it).")
    Path baseJar;

    @Option(names = "--out", required = true, paramLabel = "UNIT.jar", description = "Where to write the unit.")
    Path out;

    @Option(
            names = "--sequence",
            paramLabel = "N",
            description = "The unit's sequence (default: the target's first-parent commit count).")
    Long sequence;

    @Option(
            names = "--validity",
            paramLabel = "DURATION",
            defaultValue = "P90D",
            description = "How long after the target commit the unit may be applied (ISO-8601). Default:"
                    + " ${DEFAULT-VALUE}.")
    String validity;

    @Option(
            names = "--max-level",
            paramLabel = "LEVEL",
            description = "Make no unit (exit 1) when the update needs more than LEVEL (NONE, HOTSWAP, ENHANCED,"
                    + " TRANSFORM, RESTART).")
    String maxLevel;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "hotswap",
            description = "hotswap or hotswap-add-delete: the redefinition the target JVM offers. Default:"
                    + " ${DEFAULT-VALUE}.")
    String profile;

    @Mixin
    SigningOptions signing;

    @Override
    public Integer call() {
        UpdateLevel limit = maxLevel == null ? null : UpdateLevel.parse(maxLevel);
        Profile chosen = Profile.parse(profile);
        Duration valid = validity();
        checkRequest();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        SigningKey key = signing.key == null ? null : signing.load(); // before the compile: a bad key fails fast
        UnitPackager.Packaged unit;
        try (RevisionOptions.Session session = source.open()) {
            RevisionCompiler compiler = session.compiler();
            ObjectId baseId = compiler.resolve(base);
            ObjectId targetId = compiler.resolve(target == null ? "HEAD" : target);
            UpdateInputs.Outcome outcome = UpdateInputs.collect(
                    compiler,
                    new Differ(chosen),
                    new UpdateInputs.Request(
                            baseId,
                            targetId,
                            classes == null ? null : ClassSet.read(classes).requireClasses(),
                            baseJar == null ? null : ClassSet.read(baseJar).requireClasses(),
                            source.localRepository()));
            session.compiled();
            if (outcome instanceof UpdateInputs.Failed failed) {
                String rev = failed.side() == RevisionDiff.Side.BASE ? base : target == null ? "HEAD" : target;
                return RevisionOptions.reportFailure(rev, failed.failure(), err);
            }
            UpdateInputs.Collected in = (UpdateInputs.Collected) outcome;
            if (!in.releasedDiffers().isEmpty()) {
                err.println("liveupdate: warning: " + in.releasedDiffers().size() + " class(es) of " + baseJar
                        + " differ from the base revision compiled in memory ("
                        + in.releasedDiffers().get(0)
                        + (in.releasedDiffers().size() > 1 ? ", ..." : "") + "); the unit is diffed against the jar");
            }
            unit = UnitPackager.pack(UnitRequests.of(
                    in,
                    baseJar == null ? null : artifactOf(baseJar),
                    sequence != null ? sequence : in.sequence(),
                    in.time().plus(valid),
                    limit));
        }
        UnitPackager.write(out, unit.jar(), key, signing.options());
        UnitDescriptor d = unit.descriptor();
        stdout.println("wrote " + out + (key == null ? " (unsigned)" : " and " + ReleaseSigner.cmsSignatureOf(out)));
        stdout.println("unit " + d.id() + ": " + d.classes().size() + " classes at " + d.level() + ", sequence "
                + d.sequence() + ", expires " + d.expires() + (d.target().dirty() ? ", dirty" : ""));
        if (key != null) {
            stdout.println("signed by " + key.fingerprint());
        } else {
            err.println("liveupdate: warning: the unit is unsigned; check refuses it until it is signed (--key KEY)");
        }
        if (!d.resources().isEmpty()) {
            err.println("liveupdate: warning: " + d.resources().size() + " resource(s) changed, which the unit does not"
                    + " carry: " + d.resources().get(0).path() + (d.resources().size() > 1 ? ", ..." : ""));
        }
        if (!d.dependencies().isEmpty()) {
            UnitDescriptor.Dependency first = d.dependencies().get(0);
            err.println("liveupdate: warning: " + d.dependencies().size() + " dependency version(s) changed, which the"
                    + " unit does not carry: " + first.artifact() + " " + first.from() + " -> " + first.to());
        }
        if (!d.expires().isAfter(Instant.now())) {
            err.println("liveupdate: warning: the unit expired at " + d.expires() + " (target commit time plus "
                    + validity + "); give a longer --validity");
        }
        err.flush();
        return LiveUpdate.OK;
    }

    private void checkRequest() {
        if (source.repo == null || base == null) {
            throw new LiveUpdate.UsageException("package: give --repo DIR and --base REV");
        }
        if (classes != null && target != null) {
            throw new LiveUpdate.UsageException("package: give either --target REV or --classes DIR, not both");
        }
        if (!out.getFileName().toString().endsWith(".jar")) {
            throw new LiveUpdate.UsageException("package: --out " + out + ": a unit is a jar; name it UNIT.jar");
        }
        if (Files.isDirectory(out)) {
            throw new LiveUpdate.UsageException("package: --out " + out + " is a directory");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new LiveUpdate.UsageException("package: --out " + out + ": no directory " + parent);
        }
        if (sequence != null && sequence < 0) {
            throw new LiveUpdate.UsageException("package: --sequence must be 0 or more");
        }
    }

    private Duration validity() {
        try {
            Duration d = Duration.parse(validity);
            if (d.isNegative() || d.isZero()) {
                throw new LiveUpdate.UsageException("package: --validity " + validity + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new LiveUpdate.UsageException(
                    "package: --validity " + validity + " is not an ISO-8601 duration such as P90D or PT12H");
        }
    }

    /** {@code groupId:artifactId:version} from the jar's one {@code META-INF/maven/.../pom.properties}, or null. */
    static String artifactOf(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> poms = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/")
                            && e.getName().endsWith("/pom.properties"))
                    .toList();
            if (poms.size() != 1 || poms.get(0).getSize() > 64 * 1024) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = zip.getInputStream(poms.get(0))) {
                p.load(in);
            }
            String g = p.getProperty("groupId");
            String a = p.getProperty("artifactId");
            String v = p.getProperty("version");
            return g == null || a == null || v == null ? null : g + ":" + a + ":" + v;
        } catch (IOException | IllegalArgumentException e) {
            return null; // ClassSet.read accepted the jar; without readable Maven metadata the artifact is unknown
        }
    }

    private static String abbreviate(ObjectId id) {
        return id.name().substring(0, 12);
    }
}
