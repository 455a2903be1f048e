package io.liveupdate.maven;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.signer.TrustPolicy;
import io.liveupdate.unit.UnitCheck;
import io.liveupdate.unit.UnitDescriptor;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.rtinfo.RuntimeInformation;

/**
 * Checks this module's unit with the policy a runtime agent applies: signatures by the pinned anchor, structure and
 * hashes, expiry, sequence above the last applied (with {@code update.state}), base equal to the running classes (with
 * {@code update.runningClasses}), level and profile. Records nothing.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractUpdateMojo {
    /** The pinned anchor: a certificate file, a liveupdate trust file, or a key fingerprint (64 hex digits). */
    @Parameter(property = "update.trust", required = true)
    String trust;

    /** The unit (default: this module's). */
    @Parameter(property = "update.file")
    File file;

    /** The state directory of applied units; it must exist. Without it the sequence is not checked. */
    @Parameter(property = "update.state")
    File state;

    /** The classes production runs (a jar or class directory): the unit's base hashes must be theirs. */
    @Parameter(property = "update.runningClasses")
    File runningClasses;

    /** Refuse a unit above this level. */
    @Parameter(property = "update.maxLevel")
    String maxLevel;

    /** The redefinition the JVM offers (hotswap, hotswap-add-delete): refuse a unit made for more. */
    @Parameter(property = "update.profile")
    String profile;

    @Inject
    public CheckMojo(RuntimeInformation runtime) {
        super(runtime);
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        File unit = file != null ? file : unitFile();
        if (file == null && !unit.isFile()) {
            getLog().info("update: " + project.getArtifactId() + ": no unit to check (" + shown(unit) + ")");
            return;
        }
        UnitCheck.Request request = UnitCheck.Request.of(
                        TrustPolicy.parse(Anchors.resolve(project, trust), state == null ? null : state.toPath()))
                .withState(state == null ? null : state.toPath())
                .withRunning(
                        runningClasses == null
                                ? null
                                : ClassSet.read(runningClasses.toPath()).requireClasses())
                .withMaxLevel(maxLevel == null ? null : UpdateLevel.parse(maxLevel))
                .withProfile(profile == null ? null : Profile.parse(profile));
        UnitCheck.Accepted accepted = UnitCheck.check(unit.toPath(), request);
        UnitDescriptor d = accepted.unit().descriptor();
        getLog().info("update: accepted " + shown(unit) + ": unit " + d.id().substring(0, 16) + ", "
                + d.classes().size() + " classes at " + d.level() + ", sequence " + d.sequence() + ", signed by "
                + accepted.signer().shortForm());
        accepted.checked().forEach(c -> getLog().info("update:   checked " + c));
    }
}
