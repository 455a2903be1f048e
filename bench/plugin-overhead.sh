#!/bin/sh
# What update:package adds to a warm mvn clean package of a generated 3-module, 300-class project.
#   bench/plugin-overhead.sh [ROUNDS] [cold]   (default 5 paired rounds; cold: no cached base; docs/benchmarks.md)
# Installs liveupdate (the plugin and its libraries) into the local repository first, then runs
# bench/PluginBench.java; the project is generated under bench/scratch/plugin-project.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p bench/scratch
./mvnw -B -q install -DskipTests -Djacoco.skip=true -pl maven-plugin -am >/dev/null
exec java bench/PluginBench.java "$root" "${1:-5}" "${2:-warm}"
