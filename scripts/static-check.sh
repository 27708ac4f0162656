#!/usr/bin/env bash
# One file to copy: builds the lean client as the README does (release, the Swift runtime
# linked in with `--static-swift-stdlib`, no simulator: `--disable-default-traits`), strips
# it, and checks that it runs with the Swift toolchain out of PATH and LD_LIBRARY_PATH,
# needing only libc, ncurses and the like; that it holds no ICU and no server code; and
# that it meets its size target (20 MB stripped).
# Run by hand (not in CI: a release build takes 10 min or more on 2 cores):
#   bash scripts/static-check.sh            # builds into .build/release, as the README does
#   SKIP_BUILD=1 bash scripts/static-check.sh   # checks the one already there
#   SCRATCH=DIR ...                         # another scratch path (swift build --scratch-path)
# Ends with `N passed, N failed`; exits non-zero on a failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${SCRATCH:-$ROOT/.build}"
LIMIT_BYTES="${LIMIT_BYTES:-20000000}"
OUT="$(mktemp -d)"
# SERVER_PID is the test server itself (python3 exec'd by env, never a function's
# subshell), so the kill reaches it; waited for, so nothing outlives the script.
stop() {
    if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
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
    swift build -c release --static-swift-stdlib --disable-default-traits --product tasks-tui \
        --scratch-path "$SCRATCH" 2>&1 | tail -3
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
check "stripped, it is at most $LIMIT_BYTES bytes (20 MB)" test "$(stat -c %s "$BIN")" -le "$LIMIT_BYTES"
check "the toolchain is not on the clean PATH" bash -c "! env -i PATH=/usr/bin:/bin bash -c 'command -v swift'"
check "ldd finds every library" bash -c "! ldd '$BIN' | grep -q 'not found'"
check "ldd lists no Swift runtime (libswift*, libFoundation*, libdispatch, libBlocksRuntime)" \
    bash -c "! ldd '$BIN' | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift'"
check "no ICU inside (its data, icudt, or its code)" bash -c "! nm '$built' | grep -Eq 'icudt|ucol_open|_FoundationICU'"
check "no server code inside (Hummingbird)" bash -c "! nm '$built' | grep -q '11Hummingbird'"
check "--version prints 0.1.0" test "$(clean "$BIN" --version)" = "0.1.0"
check "--help prints the usage and exits 0" bash -c "$(declare -f clean); clean '$BIN' --help | grep -q '^USAGE: tasks-tui'"
check "watch --help names --notify" bash -c "$(declare -f clean); clean '$BIN' watch --help | grep -q -- '--notify'"
set +e
clean "$BIN" demo >"$OUT/demo.out" 2>"$OUT/demo.err"
demo_status=$?
set -e
check "demo: exit 64, no simulator in this build, and the command that builds one" bash -c \
    "[ $demo_status = 64 ] && grep -q 'this build has no simulator' '$OUT/demo.err' && grep -q 'swift build -c release' '$OUT/demo.err'"
# Networking, TLS library and JSON from the one file: list a scripted server's jobs.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat >"$OUT/server.py" <<'PY'
import json, sys
from http.server import HTTPServer, BaseHTTPRequestHandler
JOBS = [{"job_id": f"job_{i}", "status": "processing", "type": "research", "created_at": "2026-01-01T10:00:00Z",
         "progress_data": {"percentage": 10 * i, "current_step": "step"}} for i in range(5)]
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        body = json.dumps({"jobs": JOBS, "total": len(JOBS)} if self.path.startswith("/api/v1/jobs?") or self.path == "/api/v1/jobs" else {"detail": "Not Found"}).encode()
        self.send_response(200 if b"jobs" in body else 404)
        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
env -i PATH=/usr/bin:/bin python3 "$OUT/server.py" "$port" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/jobs" && break; sleep 0.1; done
check "list runs from the one file (5 jobs and a header)" \
    bash -c "$(declare -f clean); clean '$BIN' list --api-url http://127.0.0.1:$port | grep -c . | grep -qx 6"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
