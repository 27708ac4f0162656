#!/usr/bin/env bash
# scripts/static-check.sh itself, without its release build: it looks where the README
# builds (.build/release), and leaves no test server behind, whether its checks pass or
# fail. The debug binary stands in for the release one (its ldd, size and no-simulator
# checks fail, as they must).
source "$(dirname "$0")/_lib.sh"
build

# No build there: the script names the README's path and stops.
empty="$WORK/empty"
mkdir -p "$empty"
set +e
SKIP_BUILD=1 SCRATCH="$empty" bash "$ROOT/scripts/static-check.sh" >"$WORK/missing.out" 2>&1
set -e
check "with no build, it names the path it looked in" grep -qF "no release build at $empty/release/tasks-tui" "$WORK/missing.out"
check "its default is the README's .build/release" \
    grep -qF 'SCRATCH="${SCRATCH:-$ROOT/.build}"' "$ROOT/scripts/static-check.sh"

# A stand-in release build; the script's own temporary files go under $WORK/tmp, so any
# process it leaves is found by its path (and only ours).
mkdir -p "$WORK/scratch/release" "$WORK/tmp"
cp "$BIN" "$WORK/scratch/release/tasks-tui"
set +e
TMPDIR="$WORK/tmp" SKIP_BUILD=1 SCRATCH="$WORK/scratch" bash "$ROOT/scripts/static-check.sh" >"$WORK/run.out" 2>&1
set -e
check "it ran to the list check" grep -q "list runs from the one file" "$WORK/run.out"
check "  ... the debug stand-in fails the size and no-Swift-runtime checks" bash -c "grep -q '^FAIL stripped, it is at most' '$WORK/run.out' && grep -q '^FAIL ldd lists no Swift runtime' '$WORK/run.out'"
sleep 0.5
left=$(pgrep -f "$WORK/tmp/.*server.py" || true)
check "no test server outlives the script" test -z "$left"
# Ours alone (started under $WORK/tmp by the script this test ran): never left running.
for pid in $left; do kill "$pid" 2>/dev/null || true; done
finish
