#!/usr/bin/env bash
# Checks what the launcher promises about its class-data archive (target/cds, a cache it may delete):
# it is learned on first runs and then used; JVM notes never reach stdout or stderr, also while learning and
# with a broken archive; a changed jar gets a new archive; it works through a symlink from another directory
# and for a user who cannot write target/ (who then runs without learning, silently).
# Touches no network state. Usage (root, for the other-user part): bench/launcher-check.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
ln -s "$here/mlb" "$work/mlb"
failures=0
check() {  # check WHAT CONDITION: prints ok or FAIL for a shell condition
  if eval "$2"; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi
}
run() {  # run ARGS...: the launcher through the symlink, from /; sets out, err, rc
  rc=0
  out="$(cd / && "$work/mlb" "$@" 2>"$work/err")" || rc=$?
  err="$(cat "$work/err")"
}
archive() { ls "$here"/target/cds/*/"${1:-mlb}".jsa 2>/dev/null; }   # archive [main]: all commands' or main's
shared_main() {  # whether mlb's main class came from the archive in a run of ARGS...
  MLB_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" "$work/mlb" "$@" >/dev/null 2>&1
  grep -q 'mlb.cli.Main source: shared objects file' "$work/classes.log"
}
is_json() { python3 -c 'import json, sys; json.load(sys.stdin)' <<< "$out"; }

[ -f "$here/target/mlb.jar" ] || "$here/mlb" --version >/dev/null
rm -rf "$here/target/cds"
run --version
check "first --version prints the version only" '[ "$rc" = 0 ] && [[ "$out" == "mlb "* ]] && [ -z "$err" ]'
check "it learned: an archive exists (main's own)" 'test -n "$(archive main)"'
check "the next run uses it" 'shared_main --version'
run history --state "$work/state" --json
check "a learning run (history --json): JSON on stdout, nothing on stderr" 'is_json && [ -z "$err" ]'
check "history is learned" 'test -f "$(dirname "$(archive main)")/history.classlist" && test -n "$(archive)"'
check "--version's archive is its own and smaller" '[ "$(stat -c %s "$(archive main)")" -lt "$(stat -c %s "$(archive)")" ] && shared_main --version'

cp "$(archive)" "$work/good.jsa"
chmod u+w "$(archive)" && head -c 4096 "$work/good.jsa" > "$(archive)"
run history --state "$work/state" --json
check "a truncated archive: same output, nothing on stderr" 'is_json && [ -z "$err" ]'
cp "$work/good.jsa" "$(archive)"

old="$(dirname "$(archive)")"
touch "$here/target/mlb.jar"
run --version
check "a changed jar gets a new archive folder" '[ "$(dirname "$(archive main)")" != "$old" ] && [ ! -e "$old" ]'
check "and uses it after learning" 'shared_main --version'

if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
  before="$(ls -R "$here/target/cds")"
  rc=0; out="$(cd / && runuser -u nobody -- "$work/mlb" --version 2>"$work/err")" || rc=$?; err="$(cat "$work/err")"
  check "another user: --version works, nothing on stderr" '[ "$rc" = 0 ] && [[ "$out" == "mlb "* ]] && [ -z "$err" ]'
  rc=0; out="$(cd / && runuser -u nobody -- "$work/mlb" validate -f "$here/specs/try.toml" 2>"$work/err")" || rc=$?
  err="$(cat "$work/err")"
  check "another user: a command not learned yet runs, silently, without learning" \
    '[ "$rc" = 0 ] && [ -z "$err" ] && [ "$(ls -R "$here/target/cds")" = "$before" ]'
else
  echo "skip  another user (needs root and runuser)"
fi
echo "$failures failed"
[ "$failures" = 0 ]
