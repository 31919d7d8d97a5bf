#!/usr/bin/env bash
# Benchmark: wall time of `mlb plan` (whole process: JVM start, spec parse, kernel read, compile, diff, render)
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

ip netns add "$ns"
for k in 1 2 3 4 5; do
  ip -n "$ns" link add "wan$k" type veth peer name "up$k"
  ip -n "$ns" link set "wan$k" up; ip -n "$ns" link set "up$k" up
  ip -n "$ns" addr add "198.18.$k.2/24" dev "wan$k"
done

spec() {  # spec PINS > file: 5 links; PINS /32 destinations from 198.18.64.0 on, pinned to isp1
  printf '[balancer]\nmode = "route"\nhash = "l4"\n'
  for k in 1 2 3 4 5; do
    printf '\n[[link]]\nname = "isp%d"\ndev = "wan%d"\ngateway = "198.18.%d.1"\nweight = %d\ntable = %d\n' "$k" "$k" "$k" "$k" $((100 + k))
    if [ "$k" = 1 ] && [ "$1" -gt 0 ]; then
      awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) { o = 16384 + i
        printf "[[link.route]]\nto = \"198.%d.%d.%d/32\"\n", 18 + int(o / 65536), int(o / 256) % 256, o % 256 } }'
    fi
  done
}

median() {  # median CMD...: runs CMD $runs times, prints the median wall time in ms
  local t=()
  for _ in $(seq "$runs"); do
    local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); t+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

row() { printf '| %-62s | %8s ms |\n' "$1" "$2"; }

spec 0 > "$work/five.toml"
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

spec 100000 > "$work/pins.toml"
s=$(date +%s%N); mlb apply -f "$work/pins.toml" --netns "$ns" --yes >/dev/null; e=$(date +%s%N)
row "apply 100 000 pinned routes (one ip -batch)" "$(( (e - s) / 1000000 ))"
row "5 links + 100 000 owned routes, no changes" "$(median mlb plan -f "$work/pins.toml" --netns "$ns")"
phases=$(java -XX:+UseParallelGC -cp "$here/target/mlb.jar" "$here/bench/PlanPhases.java" "$work/pins.toml" "$ns")
sed -i '0,/198.18.64.0\/32/s//198.18.63.0\/32/' "$work/pins.toml"
row "5 links + 100 000 owned routes, one pin changed" "$(median mlb plan -f "$work/pins.toml" --netns "$ns")"
echo
echo "owned routes in the balancing table: $(ip -n "$ns" route show table 200 proto 250 | wc -l)"
echo "100 000 owned routes, no changes, one cold JVM: $phases"
