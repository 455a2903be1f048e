#!/bin/sh
# Benchmarks of the revision compiler, in one run (see docs/benchmarks.md for recorded figures).
#   bench/run.sh synthetic [--classes 300] [--commits 1000] [--maven-samples 20]
#   bench/run.sh history --repo DIR --rev REV [--commits 300] [--full-samples 20]
#   bench/run.sh fidelity --repo DIR [--rev HEAD] [--commits 100] [--maven-samples 10]
#   bench/run.sh walk [--classes 300] [--commits 2000] [--broken-percent 2] [--maven-samples 20]  (liveupdate history;
#     needs cli/target/liveupdate.jar)
# Builds liveupdate-revision, the standalone resolver and the testing fixtures (the history generator is
# SyntheticHistory), then runs bench/RevisionBench.java on that classpath. Work files go to bench/scratch/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p bench/scratch
# One invocation: the reactor then resolves the sibling modules to their target/classes.
./mvnw -B -q -pl revision -am test-compile dependency:build-classpath -Dspotless.apply.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/bench/scratch/revision.classpath" >/dev/null
exec java -Xmx4g -cp "revision/target/classes:$(cat bench/scratch/revision.classpath)" bench/RevisionBench.java "$@"
