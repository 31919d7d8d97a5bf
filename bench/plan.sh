#!/usr/bin/env bash
# Benchmark: first the short commands beside a bare JVM start (bench/commands.sh: its own namespace, 7 interleaved
# rounds), then the wall time of `mlb plan` (whole process: JVM start, spec parse, kernel read, compile, diff, render)
#   1. a 5-link spec, kernel already matching (steady state);
#   2. the same with 100 000 foreign routes in main (reads are per owned table, so main's size must not matter);
#   3. a 5-link spec pinning 100 000 destinations (100 000 owned routes), kernel matching;
#   4. the same spec with one pin changed (a 2-change plan out of 100 000 routes).
# Everything runs in a namespace this script creates and deletes; nothing is sent anywhere.
# Usage (root): bench/plan.sh [RUNS]    (default 5 runs per case; the median is reported)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
ns="mlbb-$$"
work="$(mktemp -d)"
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
mlb() { "$here/mlb" --state "$work/state" "$@"; }
. "$here/bench/lib.sh"

"$here/bench/commands.sh"
echo
bench_netns "$ns"

median() { bench_wall_median "$runs" "$@"; }  # median CMD...: the median wall time of $runs runs, in ms

row() { printf '| %-62s | %8s ms |\n' "$1" "$2"; }

bench_spec 0 > "$work/five.toml"
mlb apply -f "$work/five.toml" --netns "$ns" --yes >/dev/null
echo "mlb plan wall time, median of $runs runs ($(nproc) cores, $(uname -r))"
echo
printf '| %-62s | %11s |\n' "case" "wall time"; printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..64})" "$(printf -- '-%.0s' {1..13})"
row "5 links, no changes" "$(median mlb plan -f "$work/five.toml" --netns "$ns")"

# 65 536 host routes fill 10.77.0.0/16; the other 34 464 are host routes in 198.19.0.0/16.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "route add %s.%d.%d/32 via 198.18.1.1 dev wan1\n",
  (i < 65536 ? "10.77" : "198.19"), int((i % 65536) / 256), i % 256 }' > "$work/foreign.batch"
ip -n "$ns" -batch "$work/foreign.batch"
row "5 links, no changes, 100 000 foreign routes in main ($(ip -n "$ns" route show table main | wc -l) there)" \
  "$(median mlb plan -f "$work/five.toml" --netns "$ns")"

bench_spec 100000 > "$work/pins.toml"
s=$(date +%s%N); mlb apply -f "$work/pins.toml" --netns "$ns" --yes >/dev/null; e=$(date +%s%N)
row "apply 100 000 pinned routes (ip -batch runs of 2 000)" "$(( (e - s) / 1000000 ))"
row "5 links + 100 000 owned routes, no changes" "$(median mlb plan -f "$work/pins.toml" --netns "$ns")"
mkdir -p "$work/phases"
javac -d "$work/phases" -cp "$here/target/mlb.jar" "$here/bench/PlanPhases.java"
phases=$(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$here/target/mlb.jar:$work/phases" PlanPhases "$work/pins.toml" "$ns")
sed -i '0,/198.18.64.0\/32/s//198.18.63.0\/32/' "$work/pins.toml"
row "5 links + 100 000 owned routes, one pin changed" "$(median mlb plan -f "$work/pins.toml" --netns "$ns")"
echo
echo "owned routes in the balancing table: $(ip -n "$ns" route show table 200 proto 250 | wc -l)"
echo "100 000 owned routes, no changes, one cold JVM: $phases"
