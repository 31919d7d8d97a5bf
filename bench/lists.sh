#!/usr/bin/env bash
# Benchmark: a pin whose dst_file holds 100 000 prefixes (nftables sets in both modes; route mode marks the pin's
# packets and has one ip rule for the mark), whole processes through the launcher:
#   1. the first apply of the list (100 000 set elements);
#   2. `mlb plan` with no changes (median of RUNS);
#   3. a 1 % change (500 prefixes removed, 500 added): the apply's wall time, and what the kernel saw, counted by a
#      separate `nft monitor` running in the namespace during the apply (not from mlb's output);
#   4. the plan of 2. beside the same in a second namespace with 1 000 000 foreign routes in main (made with
#      ip -batch; their time is printed), the two plans interleaved;
#   5. where the plan's time goes (bench/PlanPhases.java, one cold JVM);
#   6. the failover of the pinned list: mlb monitor running, isp2's carrier lost, what the kernel saw (counted by a
#      separate ip monitor and nft monitor) until the monitor took isp2 out.
# The list: 65 536 host addresses filling 10.77.0.0/16 and 34 464 in 198.19.0.0/16; the change drops the first 500
# and adds the next 500 of 198.19.0.0/16. The foreign routes: the 131 072 host addresses of 10.77.0.0/16 and
# 198.19.0.0/16, each with metrics 1..8 (distinct routes), minus 48 576, via wan1.
# Everything runs in a namespace this script creates and deletes; nothing is sent anywhere.
# Usage (root): bench/lists.sh [RUNS] [SIZE] [MODE]   (default 5 runs per plan row, the median reported; 100 000
# prefixes; connmark, or route)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
size="${2:-100000}"   # the list's length (at most 131 072); a change replaces size/200 of them
step=$((size / 200))
mode="${3:-connmark}"
case "$mode" in connmark|route) ;; *) echo "bench/lists.sh: MODE must be connmark or route, not $mode" >&2; exit 64 ;; esac
ns="mlbl-$$" ns2="mlbl-$$-f" isp2="mlbl-$$-i"
work="$(mktemp -d)"
monitor= follower= ipmon=
cleanup() {
  for pid in $monitor $follower $ipmon; do kill "$pid" 2>/dev/null || true; done
  for n in "$ns" "$ns2" "$isp2"; do ip netns del "$n" 2>/dev/null || true; done; rm -rf "$work"
}
trap cleanup EXIT INT TERM
mlb() { "$here/mlb" --state "$work/state" "$@"; }
. "$here/bench/lib.sh"
[ -f "$here/target/mlb.jar" ] || "$here/mlb" --version >/dev/null   # the launcher builds the jar

median() { bench_wall_median "$runs" "$@"; }  # median CMD...: the median wall time of $runs runs, in ms
timed() {  # timed CMD...: runs CMD once, prints its wall time in ms
  local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
}
row() { printf '| %-70s | %12s |\n' "$1" "$2"; }

list() {  # list FROM TO: the host addresses FROM..TO-1 of 10.77.0.0/16 and then 198.19.0.0/16, one a line
  awk -v a="$1" -v b="$2" 'BEGIN { print "# bench/lists.sh: " b - a " host addresses"
    for (i = a; i < b; i++) printf "%s.%d.%d\n", (i < 65536 ? "10.77" : "198.19"), int((i % 65536) / 256), i % 256 }'
}
spec() {  # the 5 links of bench/lib.sh in $mode, isp2 probed at its gateway, a pin of the list to isp2
  bench_connmark_spec | awk -v route="$([ "$mode" = route ] && echo 1)" '
    route && /^(mode|lan|helpers) = / { next }
    { print } /^table = 302$/ { print "[link.check]\ntargets = [\"198.18.2.1\"]" }'
  printf '\n[[pin]]\nname = "listed"\ndst_file = "list.txt"\nlinks = ["isp2", "balance"]\n'
}
# nft monitor's own sentinel: a table of its own added and deleted around the apply, so the count starts once the
# monitor listens and ends when it has printed everything the apply did, without guessing a time. A sentinel made
# before the monitor listened is never printed: it is made again until one is.
sentinel() {  # sentinel WORD: adds and deletes table inet WORD until the monitor has printed its delete
  local tries
  until grep -q "^delete table inet $1\$" "$work/monitor.txt"; do
    ip netns exec "$ns" nft "add table inet $1; delete table inet $1"
    for tries in 1 2 3 4 5 6 7 8 9 10; do grep -q "^delete table inet $1\$" "$work/monitor.txt" && break; sleep 0.05; done
  done
}
between() {  # the monitor's lines after the (last) start sentinel's transaction and before the end sentinel
  awk '/^delete table inet mlbbenchstart$/ { on = 1; skip = 1; n = 0; next }
       /^add table inet mlbbenchend$/ { if (on) exit }
       on && skip && /^# new generation/ { skip = 0; next }
       on { seen[++n] = $0 }
       END { for (i = 1; i <= n; i++) print seen[i] }' "$work/monitor.txt"
}

bench_netns "$ns"
# isp2's far end in a namespace of its own, as its gateway, so that the monitor's probes of isp2 are answered
ip netns add "$isp2"
ip -n "$ns" link set up2 netns "$isp2"
ip -n "$isp2" addr add 198.18.2.1/24 dev up2; ip -n "$isp2" link set up2 up; ip -n "$isp2" link set lo up
# The launcher learns each command's classes on its first run (a class-data archive, ~1-2 s once): learned here on
# the 5-link spec with a list of one address, so the first apply of the list is measured as every later apply runs.
spec | sed 's/"list.txt"/"one.txt"/' > "$work/five.toml"
echo 198.18.99.1 > "$work/one.txt"
mlb apply -f "$work/five.toml" --netns "$ns" --yes >/dev/null
mlb plan -f "$work/five.toml" --netns "$ns" >/dev/null
spec > "$work/spec.toml"
list 0 "$size" > "$work/list.txt"
notes=()

echo "$mode mode, a pin's dst_file of $size prefixes; plans: median of $runs runs ($(nproc) cores, $(uname -r))"
echo
printf '| %-70s | %12s |\n' "case" "wall time"; printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..72})" "$(printf -- '-%.0s' {1..14})"
row "first apply of the list ($size set elements)" "$(timed mlb apply -f "$work/spec.toml" --netns "$ns" --yes) ms"
notes+=("set elements in the kernel after the first apply: $(ip netns exec "$ns" nft list set inet mlb pin1_dst_32 | grep -o '[0-9]\+\.[0-9]\+\.[0-9]\+\.[0-9]\+' | wc -l)")
row "mlb plan, no changes" "$(median mlb plan -f "$work/spec.toml" --netns "$ns") ms"
mkdir -p "$work/phases"
javac -d "$work/phases" -cp "$here/target/mlb.jar" "$here/bench/PlanPhases.java"
notes+=("no changes, one cold JVM: $(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$here/target/mlb.jar:$work/phases" PlanPhases "$work/spec.toml" "$ns")")

list "$step" $((size + step)) > "$work/list.txt"
row "mlb plan, 1 % changed ($step removed, $step added)" "$(median mlb plan -f "$work/spec.toml" --netns "$ns") ms"
: > "$work/monitor.txt"
ip netns exec "$ns" nft monitor > "$work/monitor.txt" 2>&1 &
monitor=$!
sentinel mlbbenchstart
row "apply the 1 % change" "$(timed mlb apply -f "$work/spec.toml" --netns "$ns" --yes) ms"
sentinel mlbbenchend
kill "$monitor"; wait "$monitor" 2>/dev/null || true; monitor=
# What the kernel did between the sentinels: element events by kind, anything else, and transactions.
between > "$work/seen.txt"
added=$(grep -c '^add element inet mlb pin1_dst_32 ' "$work/seen.txt" || true)
removed=$(grep -c '^delete element inet mlb pin1_dst_32 ' "$work/seen.txt" || true)
generations=$(grep -c '^# new generation' "$work/seen.txt" || true)
grep -v '^add element inet mlb pin1_dst_32 \|^delete element inet mlb pin1_dst_32 \|^# new generation' "$work/seen.txt" > "$work/other.txt" || true
row "  kernel (nft monitor): set elements added / removed" "$added / $removed"
row "  kernel (nft monitor): other objects changed / transactions" "$(wc -l < "$work/other.txt") / $generations"
while read -r line; do notes+=("other kernel event: $line"); done < <(head -5 "$work/other.txt")
row "mlb plan, no changes (after the change)" "$(median mlb plan -f "$work/spec.toml" --netns "$ns") ms"

# Failover of the pinned list: mlb monitor runs on the spec (isp2 probed at its gateway), the far end of isp2's
# line goes down, and a separate ip monitor and nft monitor count what changes in the kernel until the monitor has
# taken isp2 out (the kernel's own deletions on a carrier loss print nothing). The observers and the start
# sentinel come first: a foreign nft change just before the cut would make the monitor read the kernel again
# (the list too) for its change, which a router's failover does not usually meet.
: > "$work/monitor.txt"
ip netns exec "$ns" nft monitor > "$work/monitor.txt" 2>&1 &
monitor=$!
ip -n "$ns" monitor link route rule nexthop > "$work/ipmon.txt" 2>&1 &
ipmon=$!
sentinel mlbbenchstart
# the launcher itself, not the mlb function: $! is then the monitor's own pid (the launcher execs it), which the
# kill below and the trap end; a function would run in a subshell and leave the monitor behind
"$here/mlb" --state "$work/state" monitor -f "$work/spec.toml" --netns "$ns" > "$work/mlb-monitor.log" 2>&1 &
follower=$!
for _ in $(seq 300); do grep -q 'taking over\|balancing over' "$work/mlb-monitor.log" && break; sleep 0.1; done
sleep 2
s=$(date +%s%N)
ip -n "$isp2" link set up2 down
for _ in $(seq 600); do grep -q 'balancing over isp1, isp3, isp4, isp5' "$work/mlb-monitor.log" && break; sleep 0.05; done
e=$(date +%s%N)
sentinel mlbbenchend
kill "$monitor" "$ipmon"; wait "$monitor" "$ipmon" 2>/dev/null || true; monitor=
kill "$follower"; wait "$follower" 2>/dev/null || true; follower= ipmon=
ip -n "$isp2" link set up2 up
between > "$work/seen.txt"
nftchanges=$(grep -c -v '^# new generation\|^$' "$work/seen.txt" || true)
ipchanges=$(grep -v 'wan2\|^ \|^$' "$work/ipmon.txt" | grep -c . || true)
row "failover of the pinned list: carrier lost to the change recorded" "$(( (e - s) / 1000000 )) ms"
row "  the monitor's write after its verdict (its log)" "$(grep -o 'written [0-9]* ms after the verdict' "$work/mlb-monitor.log" | head -1 | grep -o '[0-9]*') ms"
row "  kernel: nft changes / ip changes (aim: not the list's length)" "$nftchanges / $ipchanges"
notes+=("the monitor's change: $(grep 'balancing over isp1, isp3' "$work/mlb-monitor.log" | head -1 | cut -c26-)")
while read -r line; do notes+=("failover, nft: $line"); done < <(grep -v '^# new generation\|^$' "$work/seen.txt" | head -8)

# The same spec in a second namespace with 1 000 000 foreign routes in main; the plans of the two run interleaved
# (one here, one there, RUNS times), so a machine whose load changes meanwhile slows both alike.
bench_netns "$ns2"
mlb apply -f "$work/spec.toml" --netns "$ns2" --yes >/dev/null
awk 'BEGIN { for (m = 1; m <= 8; m++) for (i = 0; i < 131072 && c++ < 1000000; i++)
  printf "route add %s.%d.%d/32 via 198.18.1.1 dev wan1 metric %d\n", (i < 65536 ? "10.77" : "198.19"),
    int((i % 65536) / 256), i % 256, m }' > "$work/foreign.batch"
n=$(ip -n "$ns2" route show table main | wc -l)
s=$(date +%s%N); ip -n "$ns2" -batch "$work/foreign.batch"; e=$(date +%s%N)
notes+=("1 000 000 foreign routes made with ip -batch in $(( (e - s) / 1000000 )) ms; main holds $(( $(ip -n "$ns2" route show table main | wc -l) - n )) more routes")
without=() with=()
for _ in $(seq "$runs"); do
  without+=("$(timed mlb plan -f "$work/spec.toml" --netns "$ns")")
  with+=("$(timed mlb plan -f "$work/spec.toml" --netns "$ns2")")
done
mw=$(bench_median "${without[@]}") mf=$(bench_median "${with[@]}")
row "mlb plan, no changes, interleaved: without foreign routes" "$mw ms"
row "mlb plan, no changes, interleaved: 1 000 000 foreign routes in main" "$mf ms"
row "  ratio (aim: at most 1.10)" "$(awk -v a="$mf" -v b="$mw" 'BEGIN { printf "%.2f", a / b }')"
notes+=("interleaved plans (ms), without: ${without[*]}; with: ${with[*]}")
echo
printf '%s\n' "${notes[@]}"
