package io.liveupdate.maven;

import io.liveupdate.differ.DifferException;
import io.liveupdate.revision.RevisionException;
import io.liveupdate.signer.SignerException;
import io.liveupdate.unit.UnitException;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.rtinfo.RuntimeInformation;

/**
 * What every goal shares: the project and session, {@code update.skip}, the check that Maven is 3.9.6 or newer, and
 * the mapping of a library's refusal to a one-line build failure. Goals only gather parameters and call the libraries.
 */
abstract class AbstractUpdateMojo extends AbstractMojo {
    /** The oldest Maven the plugin runs on: older ones cannot index Java 17 components (MNG-7913). */
    static final String MINIMUM_MAVEN = "3.9.6";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Skip this goal. */
    @Parameter(property = "update.skip", defaultValue = "false")
    boolean skip;

    private final RuntimeInformation runtime;

    AbstractUpdateMojo(RuntimeInformation runtime) {
        this.runtime = runtime;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("update: skipped (update.skip)");
            return;
        }
        if (runtime != null && !runtime.isMavenVersion("[" + MINIMUM_MAVEN + ",)")) {
            throw new MojoExecutionException("update: Maven " + runtime.getMavenVersion() + " is too old; the"
                    + " liveupdate plugin needs Maven " + MINIMUM_MAVEN + " or newer (add a wrapper: mvn"
                    + " wrapper:wrapper -Dmaven=3.9.16, then ./mvnw)");
        }
        try {
            run();
        } catch (UnitException e) {
            throw new MojoFailureException(
                    "update: " + (e.reason().isVerdict() ? "[" + e.code() + "] " : "") + e.getMessage());
        } catch (SignerException e) {
            throw new MojoFailureException("update: " + (e.reason().isVerdict() ? "[" + e.reason() + "] " : "")
                    + e.getMessage() + e.hint().map(h -> " (" + hint(h) + ")").orElse(""));
        } catch (RevisionException | DifferException e) {
            throw new MojoFailureException("update: " + e.getMessage());
        }
    }

    /** This front end's words for what a signer error asks for. */
    static String hint(SignerException.Hint hint) {
        return switch (hint) {
            case CERTIFICATE -> "configure <certificate> or -Dupdate.certificate";
            case KEY_ALIAS -> "configure <keyAlias> or -Dupdate.keyAlias";
            case PASSPHRASE ->
                "set " + AbstractSigningMojo.PASSPHRASE_VARIABLE
                        + " or the password of the settings.xml server named by update.passphraseServer";
            case PGP_PUBLIC_KEY -> "OpenPGP signatures are verified by liveupdate verify --pgp-key";
            case JAR_ONLY -> "the goal verifies the JAR signature and the .p7s";
        };
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The unit this module's {@code update:package} writes. */
    File unitFile() {
        return new File(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-update.jar");
    }

    /** A path for messages: relative to the project's directory when inside it. */
    String shown(File file) {
        java.nio.file.Path base = project.getBasedir().toPath().toAbsolutePath();
        java.nio.file.Path p = file.toPath().toAbsolutePath();
        return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }
}
