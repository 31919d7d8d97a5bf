#!/usr/bin/env bash
# Benchmark: mlb's short commands beside a bare JVM start (`java -version`), whole processes through the
# launcher, interleaved (round-robin: each round runs every command once), so that the ratios hold on a busy
# machine. plan, status and history run on a namespace with 5 fake uplinks and two recorded applies: the same
# links in route mode and in connmark mode (own protocol, priorities, tables and nft table each).
# The first round starts from no class-data archive (target/cds is deleted: it is a cache the launcher
# rebuilds), so its column is what a fresh clone pays per command once the jar is built.
# Then: the classes each command loads, by library and by where they come from, and where a plan's time goes.
# Everything runs in a namespace this script creates and deletes; nothing is sent anywhere.
# Usage (root): bench/commands.sh [ROUNDS] [--before] [--against DIR]   (default 7 rounds)
#   --before       adds each mlb command as the launcher ran it before the archive (`java -XX:+UseParallelGC -jar`)
#   --against DIR  adds each mlb command run by DIR/mlb, another checkout (e.g. `git archive main | tar -x -C DIR`),
#                  in the same rounds: a before/after comparison that a busy machine slows down alike; with
#                  --against /usr/bin, the installed package's launcher (its archive in /var/cache/mlb)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds=7 before= against=
while [ $# -gt 0 ]; do
  case "$1" in --before) before=1 ;; --against) against="$(cd "$2" && pwd)"; shift ;; *) rounds="$1" ;; esac
  shift
done
ns="mlbc-$$"
work="$(mktemp -d)"
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
. "$here/bench/lib.sh"
jar="$here/target/mlb.jar"
[ -f "$jar" ] || "$here/mlb" --version >/dev/null   # the launcher builds the jar
if [ -n "$against" ]; then "$against/mlb" --version >/dev/null; fi

bench_netns "$ns"
bench_spec 0 > "$work/five.toml"
"$here/mlb" apply --state "$work/state" -f "$work/five.toml" --netns "$ns" --yes >/dev/null
bench_connmark_spec > "$work/connmark.toml"
"$here/mlb" apply --state "$work/state-cm" -f "$work/connmark.toml" --netns "$ns" --yes >/dev/null

# Each case: a name, the aim (the most times java -version it may take; - for none) and the command line.
names=() aims=() cmds=()
case_() { names+=("$1"); aims+=("$2"); cmds+=("$3"); }
q() { printf '%q ' "$@"; }
mlb="$(q "$here/mlb")"
old="$(q java -XX:+UseParallelGC -Dmlb.home="$here" -jar "$jar")"
case_ "java -version" - "java -version"
short=("--version" 2 "--help" 2 "validate -f five.toml" 5 "plan -f five.toml --netns NS" 5
       "plan -f connmark.toml --netns NS" 5 "status --netns NS" 5 "history --netns NS" 5)
for ((i = 0; i < ${#short[@]}; i += 2)); do
  args="${short[i]//five.toml/$(q "$work/five.toml")}"; args="${args//connmark.toml/$(q "$work/connmark.toml")}"
  args="${args//NS/$ns}"
  # the commands that read the history get this run's (--state is refused where it does nothing)
  case "${short[i]}" in
    *connmark*) args+=" --state $(q "$work/state-cm")" ;;
    plan*|status*|history*) args+=" --state $(q "$work/state")" ;;
  esac
  case_ "mlb ${short[i]}" "${short[i + 1]}" "$mlb$args"
  if [ -n "$before" ]; then case_ "  before: mlb ${short[i]}" - "$old$args"; fi
  if [ -n "$against" ]; then case_ "  against: mlb ${short[i]}" - "$(q "$against/mlb")$args"; fi
done

TIMEFORMAT='%3R %3U %3S'
header() { echo "$1"; echo "${1//[^|]/-}"; }   # a table's header line and its rule
ms() { local x="${1/./}"; echo $((10#$x)); }
measure() {  # measure I: runs case I once; sets wall and cpu (user + sys) in ms
  local t r u s
  if ! t=$( { time bash -c "${cmds[$1]}" >/dev/null 2>"$work/err"; } 2>&1 ); then
    echo "bench: '${names[$1]}' failed:" >&2; cat "$work/err" >&2; exit 1
  fi
  read -r r u s <<< "$t"
  wall=$(ms "$r") cpu=$(( $(ms "$u") + $(ms "$s") ))
}

rm -rf "$here/target/cds"
if [ -n "$against" ]; then
  # the package's launcher keeps its archive in /var/cache/mlb (see the launcher's layout line)
  if grep -qx 'layout=package' "$against/mlb"; then rm -rf /var/cache/mlb/*; else rm -rf "$against/target/cds"; fi
  echo "against: $against/mlb"
fi
declare -a first walls cpus
for ((r = 0; r < rounds; r++)); do
  for i in "${!cmds[@]}"; do
    measure "$i"
    [ "$r" = 0 ] && first[i]=$wall
    walls[i]+="$wall " cpus[i]+="$cpu "
  done
done

echo "mlb's short commands beside java -version: whole processes, median of $rounds interleaved rounds"
echo "($(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1))"
echo
header "$(printf '| %-46s | %9s | %9s | %7s | %9s | %-8s |' command "first run" wall "x java" CPU aim)"
base=
for i in "${!cmds[@]}"; do
  # shellcheck disable=SC2086
  w=$(bench_median ${walls[i]}) c=$(bench_median ${cpus[i]})
  [ -n "$base" ] || base=$w
  ratio=$(awk -v w="$w" -v b="$base" 'BEGIN { printf "%.1f", w / b }')
  aim=""
  if [ "${aims[i]}" != - ]; then
    aim="${aims[i]}x $(awk -v r="$ratio" -v a="${aims[i]}" 'BEGIN { print (r <= a) ? "yes" : "no" }')"
  fi
  printf '| %-46s | %6s ms | %6s ms | %6sx | %6s ms | %-8s |\n' "${names[i]}" "${first[i]}" "$w" "$ratio" "$c" "$aim"
done
echo
echo "first run: the round that starts without target/cds; each mlb command not seen before runs once while"
echo "listing its classes, then the launcher rebuilds the archive (--help reuses what --version learned)."
ls "$here"/target/cds/*/mlb.jsa >/dev/null 2>&1 &&
  echo "archives: $(du -m "$here"/target/cds/*/mlb.jsa | cut -f1) MB of $(cat "$here"/target/cds/*/*.classlist | awk '!s[$0]++' | wc -l)" \
    "classes for the commands, $(du -m "$here"/target/cds/*/main.jsa 2>/dev/null | cut -f1) MB for --version and --help"

# Classes loaded per command as the launcher runs it, by library; "archive" counts those the class-data
# archive served (JDK and jar alike), "jdk" the JDK classes it did not hold (lambdas and proxies included).
echo
header "$(printf '| %-30s | %5s | %7s | %5s | %7s | %4s | %7s | %4s | %5s | %4s | %3s | %5s |' command total archive jdk \
  jackson jgit picocli vavr slf4j mlb lab other)"
for i in "${!cmds[@]}"; do
  case "${names[i]}" in "mlb "*) ;; *) continue ;; esac
  MLB_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" bash -c "${cmds[$i]}" >/dev/null 2>&1
  awk -v name="${names[i]#mlb }" '
    { n++; c = $2; src = $0; sub(/.*source: /, "", src)
      if (src ~ /shared objects file/) a++
      if (c ~ /^com\.fasterxml\./) g = "jackson"; else if (c ~ /^org\.eclipse\.jgit\./) g = "jgit"
      else if (c ~ /^picocli\./) g = "picocli"; else if (c ~ /^io\.vavr\./) g = "vavr"
      else if (c ~ /^org\.slf4j\./) g = "slf4j"; else if (c ~ /^mlb\.lab\./) g = "lab"
      else if (c ~ /^mlb\./) g = "mlb"; else if (src ~ /mlb\.jar/) g = "other"; else g = "jdk"
      k[g]++; if (g == "jdk" && src !~ /shared objects file/) j++ }
    END { printf "| %-30s | %5d | %7d | %5d | %7d | %4d | %7d | %4d | %5d | %4d | %3d | %5d |\n", name, n, a, j,
      k["jackson"], k["jgit"], k["picocli"], k["vavr"], k["slf4j"], k["mlb"], k["lab"], k["other"] }' "$work/classes.log"
done

# Where a 5-link plan's time goes, phase by phase in one cold JVM with the launcher's flags and archive.
mkdir -p "$work/phases"
javac -d "$work/phases" -cp "$jar" "$here/bench/ShortPhases.java"
archive=$(ls "$here"/target/cds/*/mlb.jsa)
echo
phases() {  # phases LABEL SPEC STATE [JVM OPTION]: the run with the median total of 5
  local t=()
  for _ in 1 2 3 4 5; do
    t+=("$(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable ${4:-} -cp "$jar:$work/phases" ShortPhases \
      "$2" "$ns" "$3")")
  done
  echo "plan phases, $1, median of 5 (ms): $(printf '%s\n' "${t[@]}" |
    awk -F'total ' '{ split($2, x, " "); print x[1] "\t" $0 }' | sort -n | sed -n 3p | cut -f2)"
}
phases "without an archive" "$work/five.toml" "$work/state"
phases "with the archive" "$work/five.toml" "$work/state" "-XX:SharedArchiveFile=$archive"
phases "connmark spec, with the archive" "$work/connmark.toml" "$work/state-cm" "-XX:SharedArchiveFile=$archive"
