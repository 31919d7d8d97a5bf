#!/bin/bash
# Makes CASE/current.json from CASE/setup.ip on the running kernel (root needed), for the golden cases.
#
# A fresh namespace gets wan1..wan3 (veth, addresses 198.18.N.2/24, peers 198.18.N.1/24); each line of
# setup.ip then runs as `ip -n NS LINE`, except `sysctl NAME=VALUE` lines, which are set inside the namespace.
# current.json maps each command mlb's IpKernel runs (as it would run on the host) to what it printed, so the
# golden test can serve the real kernel's words to the real parser. The namespace is deleted at the end.
#
#   usage: src/test/resources/cases/capture.sh src/test/resources/cases/NAME [...]
set -euo pipefail
for dir in "$@"; do
  NS=mlbt-golden-$$
  ip netns add "$NS"
  trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
  ip -n "$NS" link set lo up
  for n in 1 2 3; do
    ip -n "$NS" link add name "wan$n" type veth peer name "wan${n}p"
    ip -n "$NS" link set "wan$n" up
    ip -n "$NS" link set "wan${n}p" up
    ip -n "$NS" addr add "198.18.$n.2/24" dev "wan$n"
    ip -n "$NS" addr add "198.18.$n.1/24" dev "wan${n}p"
  done
  if [ -f "$dir/setup.ip" ]; then
    while IFS= read -r line; do
      case "$line" in
        ''|'#'*) ;;
        sysctl\ *) ip netns exec "$NS" sysctl -q -w "${line#sysctl }" ;;
        *) read -ra words <<< "$line"; ip -n "$NS" "${words[@]}" ;;
      esac
    done < "$dir/setup.ip"
  fi
  tmp=$(mktemp -d)
  echo '{}' > "$tmp/all.json"
  record() {  # record KEY: runs KEY (in the namespace when it is ip or a /proc/sys read) and stores its output
    local key="$1" rc=0
    case "$key" in
      ip\ -V) ip -V > "$tmp/out" 2> "$tmp/err" || rc=$? ;;
      ip\ *) read -ra w <<< "${key#ip }"; ip -n "$NS" "${w[@]}" > "$tmp/out" 2> "$tmp/err" || rc=$? ;;
      cat\ /proc/sys/kernel/osrelease) cat /proc/sys/kernel/osrelease > "$tmp/out" 2> "$tmp/err" || rc=$? ;;
      *) read -ra w <<< "$key"; ip netns exec "$NS" "${w[@]}" > "$tmp/out" 2> "$tmp/err" || rc=$? ;;
    esac
    jq --arg k "$key" --rawfile o "$tmp/out" --rawfile e "$tmp/err" --argjson c "$rc" \
      '. + {($k): {exit: $c, stdout: $o, stderr: $e}}' "$tmp/all.json" > "$tmp/next.json"
    mv "$tmp/next.json" "$tmp/all.json"
  }
  record "ip -N -j -d -4 rule show"
  record "ip -N -j -d nexthop show"
  record "ip -N -j -4 route show table all proto 250"
  for t in 200 201 202 203 204 300; do record "ip -N -j -d -4 route show table $t"; done
  record "cat /proc/sys/net/ipv4/fib_multipath_hash_policy"
  record "ip -j addr show"
  record "cat /proc/sys/kernel/osrelease"
  record "ip -V"
  jq -S . "$tmp/all.json" > "$dir/current.json"
  rm -rf "$tmp"
  ip netns del "$NS"
  trap - EXIT
  echo "captured $dir/current.json"
done
