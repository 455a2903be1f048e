package io.liveupdate.maven;

import io.liveupdate.revision.RevisionResult;

/** One line for a revision that could not be compiled: what, where, the first diagnostics. */
final class Failures {
    private Failures() {}

    static String describe(String rev, RevisionResult.Failed failed) {
        int shown = Math.min(3, failed.diagnostics().size());
        String more = failed.diagnostics().size() > shown
                ? " (and " + (failed.diagnostics().size() - shown) + " more)"
                : "";
        String what = failed.stage() == RevisionResult.Stage.UNTRUSTED
                ? " needs its own build"
                : " does not compile" + (failed.artifactsMissing() ? " (artifacts missing)" : "");
        return "update: base " + rev + " (" + failed.commit().name().substring(0, 12) + ")" + what
                + (failed.module() == null || failed.module().isEmpty() ? "" : " in module " + failed.module()) + ": "
                + String.join("; ", failed.diagnostics().subList(0, shown)) + more;
    }
}
