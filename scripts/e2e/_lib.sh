# Shared helpers for the end-to-end scripts: the real binary, a real pty through tmux, the simulator.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/.build/debug/tasks-tui"
WORK="$(mktemp -d)"
# A tmux server of our own: runs in parallel (or in another mount namespace) never share one.
export TMUX_TMPDIR="$WORK"
# Keep that server up between sessions: a server left with no session exits, and a new
# session started while it is exiting fails with "server exited unexpectedly".
tmux new-session -d -s "keep$$" "sleep 86400"
SESSION="e2e$$"
SIM_PID=""
PASSED=0
FAILED=0

build() {
    (cd "$ROOT" && swift build --product tasks-tui 2>&1 | tail -1)
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_sim() {  # start_sim PORT [simulate options...]
    local port=$1; shift
    "$BIN" simulate --port "$port" "$@" >"$WORK/sim.log" 2>&1 &
    SIM_PID=$!
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "http://127.0.0.1:$port/_sim/stats" && return 0
        sleep 0.1
    done
    echo "simulator did not start"; cat "$WORK/sim.log"; return 1
}

stop_sim() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=""
}

cleanup() {
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    tmux kill-server 2>/dev/null || true
    stop_sim
    rm -rf "$WORK"
}
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$SESSION"; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
    local text=$1 limit=${2:-10}
    local end=$((SECONDS + limit))
    while [ $SECONDS -lt $end ]; do
        screen | grep -qF -- "$text" && return 0
        sleep 0.2
    done
    return 1
}

# wait_for_re REGEX [SECONDS]: like wait_for, with an extended regular expression
# (for a screen that may show either of two true states by the time it is read).
wait_for_re() {
    local pattern=$1 limit=${2:-10}
    local end=$((SECONDS + limit))
    while [ $SECONDS -lt $end ]; do
        screen | grep -qE -- "$pattern" && return 0
        sleep 0.2
    done
    return 1
}

# run EXPECTED_STATUS NAME ARGS...: runs the binary with no input, keeps its
# output in $OUT/$n.out and $OUT/$n.err (the script sets OUT), checks the status.
n=0
run() {  # run EXPECTED_STATUS NAME ARGS...: runs the binary, keeps its output, checks the status
    local expected=$1 name=$2; shift 2
    n=$((n + 1))
    set +e
    "$BIN" "$@" >"$OUT/$n.out" 2>"$OUT/$n.err" </dev/null
    local status=$?
    set -e
    if [ "$status" = "$expected" ]; then
        echo "ok   $name (exit $status)"; PASSED=$((PASSED + 1))
    else
        echo "FAIL $name: exit $status, expected $expected"; cat "$OUT/$n.out" "$OUT/$n.err" | head -20
        FAILED=$((FAILED + 1))
    fi
}

check() {  # check NAME COMMAND...
    local name=$1; shift
    if "$@"; then
        echo "ok   $name"; PASSED=$((PASSED + 1))
    else
        echo "FAIL $name"; FAILED=$((FAILED + 1))
        echo "---- screen ----"; screen || true; echo "----------------"
    fi
}

sim_get() { curl -s "http://127.0.0.1:$PORT$1"; }
sim_post() { curl -s -X POST "http://127.0.0.1:$PORT$1" -d "$2"; }

json() {  # json EXPR < body: evaluate EXPR on the parsed body `d`
    python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}

# start_dashboard URL [ENV=VALUE ...] [-- ARGS...]: the dashboard in a fresh tmux
# session (120x30 unless WIDTH/HEIGHT are set), its output bytes captured to $WORK/stream.
start_dashboard() {
    local url=$1; shift
    local envs=() args=()
    while [ $# -gt 0 ]; do
        if [ "$1" = "--" ]; then shift; args=("$@"); break; fi
        envs+=("$1"); shift
    done
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    tmux new-session -d -s "$SESSION" -x "${WIDTH:-120}" -y "${HEIGHT:-30}" "bash --norc --noprofile"
    : > "$WORK/stream"
    tmux pipe-pane -t "$SESSION" -o "cat >> $WORK/stream"
    tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.before; env TERM=xterm-256color XDG_STATE_HOME=$WORK/state ${envs[*]} $BIN --api-url $url ${args[*]}; echo EXIT=\$?" Enter
}

# dashboard_pid: the dashboard started in our own tmux pane (never another run's).
dashboard_pid() {
    local pane
    pane=$(tmux display-message -p -t "$SESSION" '#{pane_pid}' 2>/dev/null) || return 0
    pgrep -P "$pane" -f "tasks-tui" | head -1
}

# cpu_ticks PID: user+system clock ticks used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# key_latency KEY TEXT: seconds from sending KEY until TEXT is on screen (99 if never).
key_latency() {
    python3 - "$SESSION" "$1" "$2" <<'PY'
import subprocess, sys, time
session, key, text = sys.argv[1:]
start = time.monotonic()
subprocess.run(["tmux", "send-keys", "-t", session, key])
while time.monotonic() - start < 5:
    if text in subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout:
        print(f"{time.monotonic() - start:.3f}"); sys.exit(0)
    time.sleep(0.01)
print("99")
PY
}

# fast A B: A < B, as decimals.
fast() { python3 -c "import sys; sys.exit(0 if float('$1') < float('$2') else 1)"; }
