package io.liveupdate.revision;

import java.util.List;
import java.util.Optional;

/**
 * The compile specs of a revision's modules in reactor order (every module compiles after the modules it depends on).
 * Modules with packaging {@code pom} are not listed: they compile nothing.
 *
 * @param modules the compiled modules, in reactor order
 * @param buildFiles repository-relative paths of the build files the model was read from (a change to any of them
 *     means the model must be read again)
 * @param requiredMavenVersion the Maven versions the root POM's enforcer {@code requireMavenVersion} rule admits (a
 *     Maven version range such as {@code [3.9,)}), or null when it has none
 */
public record ProjectModel(List<CompileSpec> modules, List<String> buildFiles, String requiredMavenVersion) {
    public ProjectModel {
        modules = List.copyOf(modules);
        buildFiles = List.copyOf(buildFiles);
    }

    public ProjectModel(List<CompileSpec> modules, List<String> buildFiles) {
        this(modules, buildFiles, null);
    }

    /** The module at repository-relative directory {@code module}. */
    public Optional<CompileSpec> module(String module) {
        return modules.stream().filter(m -> m.module().equals(module)).findFirst();
    }
}
