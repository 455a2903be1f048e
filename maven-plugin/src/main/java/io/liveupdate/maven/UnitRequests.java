package io.liveupdate.maven;

import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.UpdateInputs;
import io.liveupdate.unit.PackageRequest;
import io.liveupdate.unit.UnitDescriptor;
import java.time.Instant;

/** Maps the revision library's inputs of a unit to the unit library's request (the libraries do not know each other). */
final class UnitRequests {
    private UnitRequests() {}

    static PackageRequest of(
            UpdateInputs.Collected in, String baseArtifact, long sequence, Instant expires, UpdateLevel maxLevel) {
        return new PackageRequest(
                in.diff(),
                in.baseSet(),
                in.targetSet(),
                new UnitDescriptor.Base(in.base().name(), baseArtifact),
                new UnitDescriptor.Target(in.target().name(), in.dirty()),
                in.time(),
                sequence,
                expires,
                in.resources().stream()
                        .map(r -> new UnitDescriptor.Resource(r.path(), ClassStatus.valueOf(r.status())))
                        .toList(),
                in.dependencies().stream()
                        .map(d -> new UnitDescriptor.Dependency(d.artifact(), d.from(), d.to()))
                        .toList(),
                maxLevel);
    }
}
