package io.liveupdate.maven;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.report.JsonReport;
import io.liveupdate.differ.report.TextReport;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.signer.AtomicFiles;
import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.eclipse.aether.RepositorySystem;

/**
 * Says what changed from the base revision to this build's {@code target/classes}, and which mechanism can apply each
 * change live: the text report in the build log, or with {@code update.format=json} the JSON report
 * ({@code diff --format json}) in {@code target/liveupdate/diff.json}.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DiffMojo extends AbstractUpdateMojo {
    /** The revision production runs (a git revision). */
    @Parameter(property = "update.base", required = true)
    String base;

    /** text (in the build log) or json (target/liveupdate/diff.json). */
    @Parameter(property = "update.format", defaultValue = "text")
    String format;

    /** The redefinition the target JVM offers: hotswap or hotswap-add-delete. */
    @Parameter(property = "update.profile", defaultValue = "hotswap")
    String profile;

    private final RepositorySystem repositorySystem;

    @Inject
    public DiffMojo(RuntimeInformation runtime, RepositorySystem repositorySystem) {
        super(runtime);
        this.repositorySystem = repositorySystem;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!format.equals("text") && !format.equals("json")) {
            throw new MojoFailureException("update: update.format '" + format + "' is not text or json");
        }
        ProjectKinds.refuseUnsupported(project);
        ClassSet target = ProjectKinds.builtClasses(project, getLog());
        if (target == null) {
            return;
        }
        DiffResult diff;
        try (ProjectRevisions revisions = ProjectRevisions.open(project, session, repositorySystem)) {
            RevisionResult result = revisions.base(revisions.resolve(base));
            if (result instanceof RevisionResult.Failed failed) {
                throw new MojoFailureException(Failures.describe(base, failed));
            }
            RevisionResult.Compiled compiled = (RevisionResult.Compiled) result;
            ClassSet baseSet = ClassSet.of(
                    "base " + compiled.commit().name().substring(0, 12), compiled.classesOf(revisions.module));
            diff = new Differ(Profile.parse(profile)).diff(baseSet, target);
        }
        StringWriter report = new StringWriter();
        if (format.equals("json")) {
            JsonReport.write(diff, report);
            File out = new File(project.getBuild().getDirectory(), "liveupdate/diff.json");
            out.getParentFile().mkdirs();
            byte[] bytes = report.toString().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(out.toPath(), o -> o.write(bytes), AtomicFiles.Visibility.PUBLIC);
            getLog().info("update: " + diff.level() + "; wrote " + shown(out));
        } else {
            TextReport.write(diff, report, false);
            report.toString().lines().forEach(l -> getLog().info(l));
        }
    }
}
