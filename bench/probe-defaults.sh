#!/usr/bin/env bash
# Study: which probe plan (interval x down, timeout) to ship as the default. For each candidate, with real packets
# in labs of its own (`mlb lab up`, 3 ISPs, probed at the lab's two servers):
#  - false downs: every ISP line loses 10 % of its packets at random both ways (`mlb lab lossy`) for MINUTES while
#    `mlb monitor` runs as the launcher starts it; every state change of a link (down/up/degraded/recovered) counts;
#    up to PARALLEL labs at once, a lab per candidate, all set up before the loss starts and torn down after it
#    ends, so that no JVM start or lab build competes with the monitors while they are counted;
#  - footprint: one lab at a time, no loss, the idle monitor's CPU share over CPU_SECONDS (after a 10 s warm-up)
#    and its resident memory, from /proc as mlb.lab.Footprint reads them (the JVM, what it waited for, and what
#    still runs under it: the pings).
# Prints a table: candidate, worst-case detection (down x interval + timeout), false downs, CPU %, RSS.
# Usage (root): bench/probe-defaults.sh [MINUTES [CPU_SECONDS]]   (defaults 10 and 90)
#   CANDIDATES="400:250:3 200:150:4" bench/probe-defaults.sh ...   (interval ms:timeout ms:down; up = down)
#   PARALLEL=3 (labs at once in the loss phase), SKIP_LOSS=1 / SKIP_CPU=1 to run one phase only.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
minutes="${1:-10}" cpu_seconds="${2:-90}"
read -ra candidates <<< "${CANDIDATES:-400:250:3 300:200:3 250:200:4 200:150:4}"
parallel="${PARALLEL:-3}"
work="$(mktemp -d)" tag="pd$$"
monitors=()
cleanup() {  # the monitors and every lab this run may have made
  local j; for j in ${monitors[@]+"${monitors[@]}"}; do kill "$j" 2>/dev/null || true; done
  for ((j = 0; j < ${#candidates[@]}; j++)); do "$here/mlb" lab down --prefix "$tag$j" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
mlb() { "$here/mlb" "$@"; }

lab_up() {  # lab_up PREFIX: a lab of 3 ISPs
  mlb lab up --prefix "$1" >"$work/$1.up" 2>&1 || { cat "$work/$1.up" >&2; return 1; }
}

lab_down() { mlb lab down --prefix "$1" >/dev/null 2>&1 || true; }

spec() {  # spec PREFIX INTERVAL TIMEOUT DOWN > file: the lab's spec, both servers as targets, the candidate's plan
  mlb lab spec --prefix "$1" | awk -v i="$2" -v t="$3" -v d="$4" '
    /^targets = / { print "targets = [\"198.19.0.1\", \"198.19.0.2\"]"
                    printf "interval = \"%dms\"\ntimeout = \"%dms\"\ndown = %d\nup = %d\n", i, t, d, d; next }
    { print }'
}

monitor_start() {  # monitor_start PREFIX SPEC LOG: applies the spec, starts mlb monitor; sets $mpid once all links have a verdict
  mlb --state "$work/$1.state" apply -f "$2" --netns "$1-router" --yes >/dev/null
  "$here/mlb" --state "$work/$1.state" monitor -f "$2" --netns "$1-router" >"$3" 2>&1 </dev/null &
  mpid=$! monitors+=("$!")
  local n=0
  until [ "$(grep -cE ' isp[0-9]+ (up|down): ' "$3" || true)" -ge 3 ]; do
    kill -0 "$mpid" 2>/dev/null || { echo "mlb monitor exited:" >&2; cat "$3" >&2; return 1; }
    sleep 0.2; n=$((n + 1)); [ "$n" -lt 150 ] || { echo "no verdicts in 30 s:" >&2; cat "$3" >&2; return 1; }
  done
}

monitor_stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

changes() {  # changes LOG FROM_LINE: the links' state changes logged after line FROM_LINE
  tail -n +"$(($2 + 1))" "$1" | grep -cE ' isp[0-9]+ (down|up|degraded|recovered): ' || true
}

ticks() {  # ticks PID: utime+stime of PID with its waited-for children, plus every living descendant's own
  local pid="$1" t=0 f c
  read -ra f <<< "$(sed 's/.*) //' "/proc/$pid/stat")"
  t=$((f[11] + f[12] + f[13] + f[14]))
  for c in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do t=$((t + $(descendant_ticks "$c"))); done
  echo "$t"
}

descendant_ticks() {
  local f t c
  read -ra f <<< "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
  t=$((f[11] + f[12]))
  for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do t=$((t + $(descendant_ticks "$c"))); done
  echo "$t"
}

loss_batch() {  # loss_batch INDEX...: the candidates' labs and monitors set up one after another, then lossy
  # together for MINUTES (no lab is built or torn down while they count); writes each count to $work/INDEX.loss
  local j p i t d k from=() mpids=()
  for j in "$@"; do
    p="$tag$j"; IFS=: read -r i t d <<< "${candidates[$j]}"
    lab_up "$p"
    spec "$p" "$i" "$t" "$d" >"$work/$p.toml"
    monitor_start "$p" "$work/$p.toml" "$work/$p.log"
    mpids+=("$mpid")
  done
  for j in "$@"; do for k in 1 2 3; do mlb lab lossy --prefix "$tag$j" "isp$k" --percent 10 >/dev/null; done; done
  for j in "$@"; do from+=("$(wc -l <"$work/$tag$j.log")"); done
  sleep "$(awk -v m="$minutes" 'BEGIN { print m * 60 }')"
  k=0
  for j in "$@"; do
    changes "$work/$tag$j.log" "${from[$k]}" >"$work/$j.loss"
    tail -n +"$((from[k] + 1))" "$work/$tag$j.log" | grep -E ' isp[0-9]+ (down|up|degraded|recovered): ' >"$work/$j.events" || true
    k=$((k + 1))
  done
  for k in "${mpids[@]}"; do monitor_stop "$k"; done
  for j in "$@"; do lab_down "$tag$j"; done
}

cpu_run() {  # cpu_run INDEX CANDIDATE: writes "CPU% RSS" to $work/INDEX.cpu
  local p="$tag$1" i t d; IFS=: read -r i t d <<< "$2"
  lab_up "$p"
  spec "$p" "$i" "$t" "$d" >"$work/$p.toml"
  monitor_start "$p" "$work/$p.toml" "$work/$p.cpu.log"
  sleep 10
  local a b s e rss
  a=$(ticks "$mpid") s=$(date +%s%N)
  sleep "$cpu_seconds"
  b=$(ticks "$mpid") e=$(date +%s%N)
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$mpid/status")
  awk -v t=$((b - a)) -v ns=$((e - s)) -v r="$rss" 'BEGIN { printf "%.2f %s\n", t / 100 / (ns / 1e9) * 100, r }' >"$work/$1.cpu"
  monitor_stop "$mpid"
  lab_down "$p"
}

echo "probe plans: ${candidates[*]} (interval ms:timeout ms:down); 3 links x 2 targets; 10 % loss both ways for $minutes min;" \
  "idle CPU over $cpu_seconds s; $(nproc) cores, $(uname -r)"
if [ -z "${SKIP_LOSS:-}" ]; then
  for ((b = 0; b < ${#candidates[@]}; b += parallel)); do
    batch=(); for ((j = b; j < b + parallel && j < ${#candidates[@]}; j++)); do batch+=("$j"); done
    loss_batch "${batch[@]}"
  done
fi
if [ -z "${SKIP_CPU:-}" ]; then
  for ((j = 0; j < ${#candidates[@]}; j++)); do cpu_run "$j" "${candidates[$j]}"; done
fi
printf '%-32s %-22s %-28s %-10s %s\n' "candidate" "worst-case detection" "false changes, $minutes min x 3 links" "CPU" "RSS"
for ((j = 0; j < ${#candidates[@]}; j++)); do
  IFS=: read -r i t d <<< "${candidates[$j]}"
  loss="-"; [ -f "$work/$j.loss" ] && loss="$(cat "$work/$j.loss")"
  cpu="- -"; [ -f "$work/$j.cpu" ] && cpu="$(cat "$work/$j.cpu")"
  read -r c r <<< "$cpu"
  printf '%-32s %-22s %-28s %-10s %s\n' "$i ms x $d, timeout $t ms" \
    "$(awk -v i="$i" -v t="$t" -v d="$d" 'BEGIN { printf "%.2f s", (d * i + t) / 1000 }')" "$loss" \
    "$( [ "$c" = - ] && echo - || echo "$c %")" "$( [ "$r" = - ] && echo - || echo "$r MiB")"
  [ ! -s "$work/$j.events" ] || sed 's/^/    /' "$work/$j.events"
done
