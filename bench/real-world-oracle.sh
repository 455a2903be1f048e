#!/usr/bin/env bash
# The HotSwap oracle on real jars: every class guava 32.1.3-jre -> 33.4.8-jre changes is redefined by the running
# JVM on its own, and the JVM's verdict is compared with the differ's. See bench/README.md.
#
# Usage: bench/real-world-oracle.sh [JAVA_HOME ...]   (default: the java on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
W=bench/scratch
mkdir -p "$W/rwo"

fetch() { # artifact file
  if [[ ! -s $2 ]]; then
    ./mvnw -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$W" >&2
  fi
}
fetch com.google.guava:guava:32.1.3-jre "$W/guava-32.1.3-jre.jar"
fetch com.google.guava:guava:33.4.8-jre "$W/guava-33.4.8-jre.jar"
fetch com.google.guava:failureaccess:1.0.2 "$W/failureaccess-1.0.2.jar"
fetch org.ow2.asm:asm:9.9.1 "$W/asm-9.9.1.jar"
fetch com.fasterxml.jackson.core:jackson-core:2.22.3 "$W/jackson-core-2.22.3.jar"

# The differ's classes and the oracle agent (packaged with the differ's test classes).
if [[ ! -s differ/target/oracle-agent-oracle-agent.jar ]]; then
  ./mvnw -B -q package -pl differ -DskipTests >&2
fi
CP="differ/target/classes:differ/target/test-classes:$W/asm-9.9.1.jar:$W/jackson-core-2.22.3.jar"
javac -d "$W/rwo" -cp "$CP" bench/RealWorldOracle.java

homes=("$@")
[[ ${#homes[@]} -gt 0 ]] || homes=("")
for home in "${homes[@]}"; do
  java=${home:+$home/bin/}java
  for profile in hotswap hotswap-add-delete; do
    flags=()
    [[ $profile == hotswap-add-delete ]] && flags=(-XX:+AllowRedefinitionToAddDeleteMethods)
    "$java" -Xshare:off "${flags[@]}" -Dprofile=$profile -javaagent:differ/target/oracle-agent-oracle-agent.jar \
      -cp "$W/rwo:$CP" RealWorldOracle "$W/guava-32.1.3-jre.jar" "$W/guava-33.4.8-jre.jar" \
      "$W/failureaccess-1.0.2.jar" 2> >(grep -v 'warning: Option AllowRedefinitionToAddDeleteMethods' >&2)
  done
done
