#!/usr/bin/env bash
# Times `liveupdate diff` against japicmp and an ASM "floor" program on
# guava 32.1.3-jre -> 33.4.8-jre. See bench/README.md.
#
# Usage: bench/diff-vs-japicmp.sh [ROUNDS]
#   ROUNDS         rounds (default 7, or $ROUNDS); each round runs every tool once
#   JAVA_OPTS      JVM flags given to ALL tools (default: none, i.e. JVM defaults)
#   LU_VARIANTS    optional extra liveupdate runs with extra JVM flags, one set per
#                  ';'-separated item, e.g. LU_VARIANTS='-XX:+UseSerialGC;-XX:TieredStopAtLevel=1'
#   JVM_BASELINE=1 also time `java -version` (JVM startup/teardown baseline)
#   BASELINE_JAR   optional: another build's liveupdate.jar, run with the launcher's flags as row
#                  `launcher-baseline`, so a change is compared with the build before it in the same run
set -euo pipefail

cd "$(dirname "$0")/.."
W=bench/scratch
mkdir -p "$W/out"

ROUNDS=${1:-${ROUNDS:-7}}
JAVA_OPTS=${JAVA_OPTS:-}
LU_VARIANTS=${LU_VARIANTS:-}
JVM_BASELINE=${JVM_BASELINE:-1}
JAVA=${JAVA:-java}

OLD_V=32.1.3-jre
NEW_V=33.4.8-jre
JAPICMP_V=0.23.1
ASM_V=9.9.1
OLD=$W/guava-$OLD_V.jar
NEW=$W/guava-$NEW_V.jar
JAPICMP=$W/japicmp-$JAPICMP_V-jar-with-dependencies.jar
ASM=$W/asm-$ASM_V.jar
ASM_TREE=$W/asm-tree-$ASM_V.jar
LU_JAR=cli/target/liveupdate.jar

# --- inputs, fetched reproducibly through the project's Maven Wrapper --------
fetch() { # artifact file
  if [[ ! -s $2 ]]; then
    echo "fetching $1" >&2
    ./mvnw -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$W" >&2
  fi
}
fetch "com.google.guava:guava:$OLD_V" "$OLD"
fetch "com.google.guava:guava:$NEW_V" "$NEW"
fetch "com.github.siom79.japicmp:japicmp:$JAPICMP_V:jar:jar-with-dependencies" "$JAPICMP"
fetch "org.ow2.asm:asm:$ASM_V" "$ASM"
fetch "org.ow2.asm:asm-tree:$ASM_V" "$ASM_TREE"

if [[ ! -s $LU_JAR ]]; then
  echo "building $LU_JAR" >&2
  ./mvnw -B -q -o package -DskipTests >&2
fi

mkdir -p "$W/floor"
javac -d "$W/floor" -cp "$ASM:$ASM_TREE" bench/Floor.java

# JAVA_OPTS is intentionally word-split (it is a list of flags).
# shellcheck disable=SC2206
OPTS=($JAVA_OPTS)

# --- tools -------------------------------------------------------------------
# Each tool is a name plus the command line it runs; all use the same JVM and
# the same JAVA_OPTS (no tool gets a larger -Xmx than the JVM default).
TOOLS=(liveupdate japicmp floor)
declare -A CMD
CMD[liveupdate]="$JAVA ${OPTS[*]:-} -jar $LU_JAR diff $OLD $NEW"
CMD[japicmp]="$JAVA ${OPTS[*]:-} -jar $JAPICMP -o $OLD -n $NEW -m --ignore-missing-classes"
CMD[floor]="$JAVA ${OPTS[*]:-} -cp $ASM:$ASM_TREE:$W/floor Floor $OLD $NEW"
# The shipped launcher, with the JVM flags it sets, and the floor given those same flags: the floor ratio
# compares like with like. The flags are read from the launcher so the two cannot drift apart.
LAUNCHER_FLAGS=$(sed -n 's/.*LIVEUPDATE_JAVA_OPTS:-\([^}]*\)}.*/\1/p' liveupdate)
TOOLS+=(launcher floor-launcher-flags)
CMD[launcher]="./liveupdate diff $OLD $NEW"
CMD[floor-launcher-flags]="$JAVA $LAUNCHER_FLAGS -cp $ASM:$ASM_TREE:$W/floor Floor $OLD $NEW"
BASELINE_JAR=${BASELINE_JAR:-}
if [[ -n $BASELINE_JAR ]]; then
  TOOLS+=(launcher-baseline)
  CMD[launcher-baseline]="$JAVA $LAUNCHER_FLAGS -jar $BASELINE_JAR diff $OLD $NEW"
fi
if [[ $JVM_BASELINE == 1 ]]; then
  TOOLS+=(java-version)
  CMD[java-version]="$JAVA ${OPTS[*]:-} -version"
fi
if [[ -n $LU_VARIANTS ]]; then
  IFS=';' read -r -a variants <<<"$LU_VARIANTS"
  for v in "${variants[@]}"; do
    name="lu[$v]"
    TOOLS+=("$name")
    CMD[$name]="$JAVA ${OPTS[*]:-} $v -jar $LU_JAR diff $OLD $NEW"
  done
fi

RESULTS=$W/results.tsv
: >"$RESULTS"

run() { # tool round
  local tool=$1 round=$2 safe out rc t0 t1
  safe=$(printf '%s' "$tool" | tr -c 'A-Za-z0-9._-' '_')
  out=$W/out/$safe.$round
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  if /usr/bin/time -f '%e %M %U %S' -o "$out.time" ${CMD[$tool]} >"$out.stdout" 2>"$out.stderr"; then
    rc=0
  else
    rc=$?
  fi
  t1=$(date +%s%N)
  local rss cpu
  rss=$(tail -n 1 "$out.time" | awk '{print $2}')
  cpu=$(tail -n 1 "$out.time" | awk '{printf "%.2f", $3 + $4}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$round" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')" "$rss" "$rc" "$cpu" >>"$RESULTS"
  if [[ $rc != 0 ]]; then
    echo "ERROR: $tool exited with $rc in round $round (see $out.stderr)" >&2
    exit 1
  fi
}

echo "== commands" 
for t in "${TOOLS[@]}"; do printf '  %-14s %s\n' "$t" "${CMD[$t]}"; done

# One warm-up round (not recorded) so every jar is in the page cache.
for t in "${TOOLS[@]}"; do
  # shellcheck disable=SC2086
  ${CMD[$t]} >/dev/null 2>&1 || { echo "ERROR: warm-up of $t failed" >&2; exit 1; }
done

# Alternate tools inside each round; rotate the starting tool every round so
# no tool always runs first (or right after the heaviest one).
n=${#TOOLS[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  for ((i = 0; i < n; i++)); do
    t=${TOOLS[$(((i + r - 1) % n))]}
    run "$t" "$r"
  done
  echo "  round $r/$ROUNDS done" >&2
done

# --- what was compared --------------------------------------------------------
"$JAVA" "${OPTS[@]}" -jar "$LU_JAR" diff "$OLD" "$NEW" --format json >"$W/out/liveupdate.json"
echo
echo "== what was compared (liveupdate --format json)"
if command -v jq >/dev/null; then
  jq -r '"  unchanged classes: \(.unchanged)",
         "  listed classes:    \(.classes | length)",
         (.classes | group_by(.level) | .[] | "    level \(.[0].level): \(length)"),
         (.classes | group_by(.status) | .[] | "    status \(.[0].status): \(length)"),
         "  overall level:     \(.level)"' "$W/out/liveupdate.json"
else
  python3 - "$W/out/liveupdate.json" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
print(f"  unchanged classes: {d['unchanged']}")
print(f"  listed classes:    {len(d['classes'])}")
for k, v in sorted(collections.Counter(c['level'] for c in d['classes']).items()):
    print(f"    level {k}: {v}")
for k, v in sorted(collections.Counter(c['status'] for c in d['classes']).items()):
    print(f"    status {k}: {v}")
print(f"  overall level:     {d['level']}")
PY
fi
echo "  floor: $(tail -n 1 "$W/out/floor.1.stdout")"

# --- summary -----------------------------------------------------------------
echo
echo "== results: $ROUNDS rounds, wall seconds and peak RSS MiB (median [min..max])"
summary=$W/summary.tsv
for t in "${TOOLS[@]}"; do
  walls=$(awk -F'\t' -v t="$t" '$1==t{print $3}' "$RESULTS" | sort -g | tr '\n' ' ')
  rsss=$(awk -F'\t' -v t="$t" '$1==t{printf "%.1f\n", $4/1024}' "$RESULTS" | sort -g | tr '\n' ' ')
  cpus=$(awk -F'\t' -v t="$t" '$1==t{print $6}' "$RESULTS" | sort -g | tr '\n' ' ')
  printf '%s\t%s\t%s\t%s\n' "$t" "$walls" "$rsss" "$cpus"
done >"$summary"
awk -F'\t' '
  function med(s,   a, n) { n = split(s, a, " "); return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
  function lo(s,   a) { split(s, a, " "); return a[1] }
  function hi(s,   a, n) { n = split(s, a, " "); return a[n] }
  BEGIN { printf "  %-54s %7s %15s %8s %11s %7s\n", "tool", "wall s", "[min..max]", "RSS MiB", "[min..max]", "CPU s" }
  {
    printf "  %-54s %7.2f %15s %8.1f %11s %7.2f\n", $1, med($2), sprintf("[%.2f..%.2f]", lo($2), hi($2)),
      med($3), sprintf("[%.0f..%.0f]", lo($3), hi($3)), med($4)
    C[$1] = med($4)
    W[$1] = med($2); R[$1] = med($3)
  }
  END {
    print ""
    printf "  japicmp / liveupdate wall:   %.2fx   (target >= 4x)\n", W["japicmp"] / W["liveupdate"]
    printf "  liveupdate / floor wall:     %.2fx   (target <= 1.5x)\n", W["liveupdate"] / W["floor"]
    printf "  liveupdate peak RSS:         %.1f MiB (target <= 150 MiB)\n", R["liveupdate"]
    printf "  japicmp / liveupdate RSS:    %.2fx\n", R["japicmp"] / R["liveupdate"]
    printf "  ./liveupdate (launcher flags):\n"
    printf "    japicmp / launcher wall:   %.2fx   (target >= 4x)\n", W["japicmp"] / W["launcher"]
    printf "    launcher / floor wall:     %.2fx   (floor with the same flags; target <= 1.5x)\n", W["launcher"] / W["floor-launcher-flags"]
    printf "    launcher peak RSS:         %.1f MiB (target <= 150 MiB)\n", R["launcher"]
    printf "    CPU ratios:                japicmp/launcher %.2fx, launcher/floor %.2fx\n", C["japicmp"] / C["launcher"], C["launcher"] / C["floor-launcher-flags"]
    if ("launcher-baseline" in W) {
      printf "  BASELINE_JAR (launcher flags):\n"
      printf "    japicmp / baseline wall:   %.2fx\n", W["japicmp"] / W["launcher-baseline"]
      printf "    launcher / baseline wall:  %.2fx, CPU %.2fx, RSS %.2fx\n", W["launcher"] / W["launcher-baseline"],
        C["launcher"] / C["launcher-baseline"], R["launcher"] / R["launcher-baseline"]
    }
    printf "  CPU (user+sys) ratios:       japicmp/liveupdate %.2fx, liveupdate/floor %.2fx\n",
      C["japicmp"] / C["liveupdate"], C["liveupdate"] / C["floor"]
    if ("java-version" in W) {
      b = W["java-version"]
      printf "  minus JVM startup (%.2fs):   japicmp/liveupdate %.2fx, liveupdate/floor %.2fx\n", b,
        (W["japicmp"] - b) / (W["liveupdate"] - b), (W["liveupdate"] - b) / (W["floor"] - b)
    }
  }' "$summary"

echo
echo "== environment"
echo "  date (UTC):  $(date -u '+%Y-%m-%d %H:%M:%S')"
echo "  nproc:       $(nproc)"
echo "  CPU:         $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
echo "  memory:      $(free -m | awk '/^Mem:/{print $2 " MiB"}')"
echo "  JAVA_OPTS:   ${JAVA_OPTS:-<none>}"
"$JAVA" "${OPTS[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null |
  awk '$2 ~ /^(MaxHeapSize|InitialHeapSize)$/ {printf "  %-12s %d MiB (JVM default/ergonomic unless JAVA_OPTS says otherwise)\n", $2 ":", $4/1048576}
       $2 ~ /^Use(G1|Serial|Parallel)GC$/ && $4 == "true" {printf "  GC:          %s\n", $2}'
"$JAVA" "${OPTS[@]}" -version 2>&1 | sed 's/^/  /'
echo "  raw results: $RESULTS (tool, round, wall s, peak RSS KiB, exit code, CPU user+sys s)"
echo "  tool output: $W/out/"
