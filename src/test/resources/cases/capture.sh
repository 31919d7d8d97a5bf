#!/bin/bash
# Makes CASE/current.json from CASE/setup.ip on the running kernel (root needed), for the golden cases.
#
# A fresh namespace gets wan1..wan3 (veth, addresses 198.18.N.2/24, peers 198.18.N.1/24); each line of
# setup.ip then runs as `ip -n NS LINE`, except `sysctl NAME=VALUE` lines, which are set inside the namespace.
# current.json maps each command mlb's drivers run (as they would run on the host; a batch with its input) to
# what it printed, and the kernel release, so the golden test can serve the real kernel's words to the real
# parser. The namespace is deleted at the end.
#
# It needs the jar and the test classes: mvn -q package -DskipTests && mvn -q test-compile
#
#   usage: src/test/resources/cases/capture.sh src/test/resources/cases/NAME [...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
[ -f "$root/target/mlb.jar" ] && [ -f "$root/target/test-classes/mlb/golden/Capture.class" ] ||
  { echo "capture.sh: build first: mvn -q package -DskipTests && mvn -q test-compile" >&2; exit 1; }
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
  # mlb's own reads, exactly as the golden test makes them, recorded in the namespace (see Capture.java)
  java -cp "$root/target/mlb.jar:$root/target/test-classes" mlb.golden.Capture "$NS" "$dir"
  jq -S . "$dir/current.json" > "$dir/current.json.tmp" && mv "$dir/current.json.tmp" "$dir/current.json"
  ip netns del "$NS"
  trap - EXIT
  echo "captured $dir/current.json"
done
