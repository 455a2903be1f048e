#!/usr/bin/env bash
# Fuzzes the readers of untrusted input with Jazzer (coverage-guided), one fuzz test after the other, each for the
# maxDuration its @FuzzTest sets (10 minutes), and reports executions and findings. See bench/README.md.
#
# Usage: bench/fuzz.sh [MODULE:TEST#method ...]   (default: every fuzz test of differ and signer)
# A finding fails the run; Jazzer stores its input in the test's inputs directory under MODULE/src/test/resources,
# where the ordinary build replays it ever after (fix the bug, commit the input).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/scratch/fuzz
mkdir -p "$out"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(differ:ClassFileFuzzTest#readClassFile differ:ClassFileFuzzTest#diffTwoClassFiles differ:JarFuzzTest#readJar
    signer:SignerFuzzTest#readZip signer:SignerFuzzTest#verifySignatures signer:SignerFuzzTest#parseTrustFile)
fi
# Coverage guidance for the libraries that do the parsing too (ASM for class files, Bouncy Castle for CMS and
# OpenPGP), not only for liveupdate's classes (Jazzer's default for a JUnit fuzz test).
export JAZZER_INSTRUMENTATION_INCLUDES="${JAZZER_INSTRUMENTATION_INCLUDES:-io.liveupdate.**:org.objectweb.asm.**:org.bouncycastle.**}"
status=0
for target in "${targets[@]}"; do
  module=${target%%:*}
  t=${target#*:}
  inputs=$module/src/test/resources
  log="$out/${t//#/.}.log"
  before=$(find "$inputs" -type f | wc -l)
  start=$(date +%s)
  echo "fuzzing $t (log: $log)" >&2
  # Coverage instrumentation is Jazzer's own here: no JaCoCo agent in the fuzzing JVM.
  if JAZZER_FUZZ=1 ./mvnw -B -pl "$module" -am test -Dtest="$t" -Djacoco.skip=true -Dspotless.apply.skip=true \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    result=passed
  else
    result=FAILED
    status=1
  fi
  after=$(find "$inputs" -type f | wc -l)
  # libFuzzer's last status line: "#<executions> DONE cov: <edges> ft: <features> corp: <inputs>/<size> ... exec/s: <rate>"
  done_line=$(grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  echo "$t: $result in $(( $(date +%s) - start )) s; ${done_line:-no libFuzzer summary}; new inputs stored: $(( after - before ))"
done
echo "environment: $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(java -version 2>&1 | head -n 1)"
exit $status
