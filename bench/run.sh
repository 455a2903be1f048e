#!/bin/sh
# Benchmarks of the revision compiler, in one run (see docs/benchmarks.md for recorded figures).
#   bench/run.sh synthetic [--classes 300] [--commits 1000] [--maven-samples 20]
#   bench/run.sh history --repo DIR --rev REV [--commits 300] [--full-samples 20]
# Builds liveupdate-differ (with its test classes: the history generator is SyntheticHistory), then runs
# bench/RevisionBench.java on that classpath. Work files go to bench/scratch/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p bench/scratch
./mvnw -B -q -pl differ -am test-compile -Dspotless.apply.skip=true
./mvnw -B -q -pl differ dependency:build-classpath -Dmdep.outputFile="$root/bench/scratch/differ.classpath" >/dev/null
exec java -Xmx4g -cp "differ/target/classes:differ/target/test-classes:$(cat bench/scratch/differ.classpath)" bench/RevisionBench.java "$@"
