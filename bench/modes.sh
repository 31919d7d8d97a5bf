#!/usr/bin/env bash
# Benchmark: `mlb plan` with no changes in route mode and in connmark mode, the same five links applied in one
# namespace (bench/lib.sh's specs), whole processes through the launcher, interleaved (route, connmark, route, ...)
# so a busy machine slows both alike; prints each run and the medians' ratio (the connmark issue's aim: ≤ 1.10).
# Everything runs in a namespace this script creates and deletes.
# Usage (root): bench/modes.sh [ROUNDS] [--against DIR]   (default 15; DIR: another checkout's ./mlb, same rounds)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds=15 against=
while [ $# -gt 0 ]; do
  case "$1" in --against) against="$(cd "$2" && pwd)"; shift ;; *) rounds="$1" ;; esac
  shift
done
ns="mlbm-$$" work="$(mktemp -d)"
trap 'ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
. "$here/bench/lib.sh"
bench_netns "$ns"
bench_spec 0 > "$work/route.toml"
bench_connmark_spec > "$work/connmark.toml"
for m in route connmark; do "$here/mlb" apply --state "$work/$m" -f "$work/$m.toml" --netns "$ns" --yes >/dev/null; done
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
run() {  # run LABEL MLB: the rounds of both plans with that launcher; prints them and the ratio
  local r=() c=() m
  for m in route connmark; do "$2" plan --state "$work/$m" -f "$work/$m.toml" --netns "$ns" >/dev/null; done  # archives
  for ((i = 0; i < rounds; i++)); do
    r+=("$(ms "$2" plan --state "$work/route" -f "$work/route.toml" --netns "$ns")")
    c+=("$(ms "$2" plan --state "$work/connmark" -f "$work/connmark.toml" --netns "$ns")")
  done
  local mr mc; mr=$(bench_median "${r[@]}") mc=$(bench_median "${c[@]}")
  echo "$1 route    (ms): ${r[*]}"
  echo "$1 connmark (ms): ${c[*]}"
  echo "$1: median route $mr ms, connmark $mc ms, connmark/route $(awk -v a="$mc" -v b="$mr" 'BEGIN { printf "%.3f", a / b }')"
}
echo "mlb plan, no changes, route vs connmark: $rounds interleaved rounds ($(nproc) cores, $(uname -r))"
run this "$here/mlb"
if [ -n "$against" ]; then run against "$against/mlb"; fi
