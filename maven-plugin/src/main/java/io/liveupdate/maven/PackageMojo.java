package io.liveupdate.maven;

import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.RevisionDiff;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.revision.UpdateInputs;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.unit.UnitDescriptor;
import io.liveupdate.unit.UnitException;
import io.liveupdate.unit.UnitPackager;
import java.io.File;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Makes this module's update unit: the classes that changed from the base revision (compiled from git objects with
 * the base revision's own POMs, or the released artifact production runs) to this build's
 * {@code target/classes}, with the descriptor {@code META-INF/liveupdate/update.json}, written to
 * {@code target/<finalName>-update.jar} and attached with classifier {@code update}; signed (JAR signature and
 * {@code .p7s}) when a key is configured. The same inputs give a byte-identical unit.
 */
@Mojo(
        name = "package",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.NONE,
        threadSafe = true)
public class PackageMojo extends AbstractSigningMojo {
    /** The revision production runs (a git revision: tag, branch, sha). */
    @Parameter(property = "update.base")
    String base;

    /**
     * The released artifact production runs, {@code groupId:artifactId:version}: the unit is diffed against its jar,
     * with a warning where the recompiled base revision differs from it. Without {@code update.base} the base
     * revision is the tag {@code v<version>}, {@code <version>} or {@code <artifactId>-<version>}.
     */
    @Parameter(property = "update.baseArtifact")
    String baseArtifact;

    /** Fail the build when the update needs more than this level (NONE, HOTSWAP, ENHANCED, TRANSFORM, RESTART). */
    @Parameter(property = "update.maxLevel")
    String maxLevel;

    /** The unit's sequence (default: the first-parent commit count of HEAD). */
    @Parameter(property = "update.sequence")
    Long sequence;

    /** How long after the target commit the unit may be applied (ISO-8601 duration). */
    @Parameter(property = "update.validity", defaultValue = "P90D")
    String validity;

    /** The redefinition the target JVM offers: hotswap or hotswap-add-delete. */
    @Parameter(property = "update.profile", defaultValue = "hotswap")
    String profile;

    private final RepositorySystem repositorySystem;
    private final MavenProjectHelper projectHelper;

    @Inject
    public PackageMojo(
            RuntimeInformation runtime,
            SettingsDecrypter decrypter,
            RepositorySystem repositorySystem,
            MavenProjectHelper projectHelper) {
        super(runtime, decrypter);
        this.repositorySystem = repositorySystem;
        this.projectHelper = projectHelper;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ProjectKinds.refuseUnsupported(project);
        ClassSet target = ProjectKinds.builtClasses(project, getLog());
        if (target == null) {
            return;
        }
        UpdateLevel limit = maxLevel == null ? null : UpdateLevel.parse(maxLevel);
        Differ differ = new Differ(Profile.parse(profile));
        Duration valid = validity();
        SigningKey signingKey = signingKey(); // before compiling: a bad key fails fast
        StaleClasses.warn(project, target, getLog());
        UpdateInputs.Collected in;
        try (ProjectRevisions revisions = ProjectRevisions.open(project, session, repositorySystem)) {
            ReleasedArtifacts released = new ReleasedArtifacts(repositorySystem, session, project);
            ClassSet releasedJar = baseArtifact == null ? null : released.classes(baseArtifact);
            String baseRev = base != null ? base : released.tagOf(baseArtifact, revisions.compiler);
            ObjectId baseId = revisions.resolve(baseRev);
            ObjectId head = revisions.resolve("HEAD");
            RevisionResult baseBuild = revisions.base(baseId);
            if (baseBuild instanceof RevisionResult.Failed failed) {
                throw new MojoFailureException(Failures.describe(baseRev, failed));
            }
            UpdateInputs.Outcome outcome = UpdateInputs.collect(
                    revisions.compiler,
                    differ,
                    new UpdateInputs.Request(
                            baseId,
                            head,
                            target,
                            releasedJar,
                            session.getRepositorySession()
                                    .getLocalRepository()
                                    .getBasedir()
                                    .toPath(),
                            revisions.module,
                            (RevisionResult.Compiled) baseBuild));
            if (outcome instanceof UpdateInputs.Failed failed) {
                throw new MojoFailureException(Failures.describe(
                        failed.side() == RevisionDiff.Side.BASE ? baseRev : "HEAD", failed.failure()));
            }
            in = (UpdateInputs.Collected) outcome;
            if (!in.releasedDiffers().isEmpty()) {
                getLog().warn("update: " + in.releasedDiffers().size() + " class(es) of " + baseArtifact
                        + " differ from " + baseRev + " compiled from git ("
                        + in.releasedDiffers().get(0)
                        + (in.releasedDiffers().size() > 1 ? ", ..." : "") + "); the unit is diffed against the jar");
            }
            if (limit != null && in.diff().level().compareTo(limit) > 0) {
                throw new MojoFailureException(aboveLimit(in, limit));
            }
            UnitPackager.Packaged unit;
            try {
                unit = UnitPackager.pack(UnitRequests.of(
                        in,
                        baseArtifact,
                        sequence != null ? sequence : in.sequence(),
                        in.time().plus(valid),
                        limit));
            } catch (UnitException e) {
                if (e.reason() == UnitException.Reason.NOTHING_TO_UPDATE) {
                    getLog().info("update: " + project.getArtifactId() + ": no class changed since " + baseRev
                            + "; no unit");
                    return;
                }
                throw e;
            }
            File out = unitFile();
            out.getParentFile().mkdirs();
            UnitPackager.write(out.toPath(), unit.jar(), signingKey, signOptions());
            projectHelper.attachArtifact(project, "jar", "update", out);
            UnitDescriptor d = unit.descriptor();
            getLog().info("update: wrote " + shown(out) + " (unit " + d.id().substring(0, 16) + ": "
                    + d.classes().size() + " classes at " + d.level() + ", sequence " + d.sequence() + ", expires "
                    + d.expires() + (d.target().dirty() ? ", dirty" : "")
                    + (signingKey == null
                            ? ", unsigned"
                            : ", signed by " + signingKey.fingerprint().shortForm())
                    + ")");
            if (!d.resources().isEmpty() || !d.dependencies().isEmpty()) {
                getLog().warn("update: " + d.resources().size() + " resource(s) and "
                        + d.dependencies().size() + " dependency version(s) changed, which the unit does not carry");
            }
        }
    }

    private static String aboveLimit(UpdateInputs.Collected in, UpdateLevel limit) {
        List<String> lines = new ArrayList<>();
        for (ClassDiff c : in.diff().classes()) {
            if (c.level().compareTo(limit) > 0) {
                lines.add(c.name() + " " + c.level() + " (" + (c.reasons().isEmpty() ? c.levelCause() : c.reasons())
                        + ": "
                        + c.changes().stream()
                                .map(ch -> ch.kind() + (ch.member() == null ? "" : " " + ch.member()))
                                .toList()
                        + ")");
            }
        }
        return "update: [LEVEL_TOO_HIGH] the update needs " + in.diff().level() + ", above update.maxLevel " + limit
                + ": " + String.join("; ", lines);
    }

    private Duration validity() throws MojoFailureException {
        try {
            Duration d = Duration.parse(validity);
            if (d.isNegative() || d.isZero()) {
                throw new MojoFailureException("update: update.validity " + validity + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new MojoFailureException(
                    "update: update.validity " + validity + " is not an ISO-8601 duration such as P90D");
        }
    }
}
