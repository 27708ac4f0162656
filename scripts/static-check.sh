#!/usr/bin/env bash
# One file to copy (issue #16, point 5): builds the release binary with the Swift runtime
# linked in (`--static-swift-stdlib`), strips it, and checks that it runs with the Swift
# toolchain out of PATH and LD_LIBRARY_PATH, needing only libc, ncurses and the like.
# Run by hand (not in CI: a release build takes 15 min or more on 2 cores):
#   bash scripts/static-check.sh            # builds into .build/release, as the README does
#   SKIP_BUILD=1 bash scripts/static-check.sh   # checks the one already there
#   SCRATCH=DIR ...                         # another scratch path (swift build --scratch-path)
# Ends with `N passed, N failed`; exits non-zero on a failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${SCRATCH:-$ROOT/.build}"
OUT="$(mktemp -d)"
# SIM_PID is the simulator itself (started with `exec`-ing env, never through a function's
# subshell), so the kill reaches it; waited for, so nothing outlives the script.
stop() {
    if [ -n "${SIM_PID:-}" ]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
    rm -rf "$OUT"
}
trap stop EXIT
PASSED=0
FAILED=0
check() {  # check NAME COMMAND...
    local name=$1; shift
    if "$@"; then echo "ok   $name"; PASSED=$((PASSED + 1)); else echo "FAIL $name"; FAILED=$((FAILED + 1)); fi
}

cd "$ROOT"
if [ -z "${SKIP_BUILD:-}" ]; then
    start=$SECONDS
    swift build -c release --static-swift-stdlib --product tasks-tui --scratch-path "$SCRATCH" 2>&1 | tail -3
    echo "release build: $((SECONDS - start)) s"
fi
built="$SCRATCH/release/tasks-tui"
if [ ! -x "$built" ]; then
    echo "no release build at $built: build it as the README says, or run without SKIP_BUILD" >&2
    exit 1
fi
cp "$built" "$OUT/tasks-tui"
strip "$OUT/tasks-tui"
BIN="$OUT/tasks-tui"
mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "size: $(mib "$built") as built, $(mib "$BIN") stripped"
echo "ldd:"
ldd "$BIN" | sed 's/^/    /'

# A clean environment: no toolchain on PATH, no LD_LIBRARY_PATH, nothing else inherited.
clean() { env -i PATH=/usr/bin:/bin HOME="$OUT" TERM=dumb "$@"; }
check "the toolchain is not on the clean PATH" bash -c "! env -i PATH=/usr/bin:/bin bash -c 'command -v swift'"
check "ldd finds every library" bash -c "! ldd '$BIN' | grep -q 'not found'"
check "ldd lists no Swift runtime (libswift*, libFoundation*, libdispatch, libBlocksRuntime)" \
    bash -c "! ldd '$BIN' | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift'"
check "--version prints 0.1.0" test "$(clean "$BIN" --version)" = "0.1.0"
check "--help prints the usage and exits 0" bash -c "$(declare -f clean); clean '$BIN' --help | grep -q '^USAGE: tasks-tui'"
check "watch --help names --notify" bash -c "$(declare -f clean); clean '$BIN' watch --help | grep -q -- '--notify'"
# Networking, JSON and the simulator, all from the one file: list a simulator's jobs.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# Not `clean ... &`: that backgrounds a subshell running the function, and $! would be the
# subshell, whose death leaves the simulator running. env execs the binary: $! is the simulator.
env -i PATH=/usr/bin:/bin HOME="$OUT" TERM=dumb "$BIN" simulate --port "$port" --jobs 5 >"$OUT/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/_sim/stats" && break; sleep 0.1; done
check "simulate and list run from the one file" \
    bash -c "$(declare -f clean); clean '$BIN' list --api-url http://127.0.0.1:$port | grep -c . | grep -qx 6"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
