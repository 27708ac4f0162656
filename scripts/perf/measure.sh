#!/usr/bin/env bash
# Whole-program figures against the simulator, release build:
#   bash scripts/perf/measure.sh [LOAD_SECONDS]      (default 180)
# Prints the figures recorded in docs/performance.md. Not a test: nothing fails on a number.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
LOAD_SECONDS=${1:-180}
ONLY=${PERF_ONLY:-123456}   # e.g. PERF_ONLY=234 to take sections 2, 3 and 4 only
want() { [[ "$ONLY" == *"$1"* ]]; }
swift build -c release --product tasks-tui 2>&1 | tail -1
BIN="$ROOT/.build/release/tasks-tui"
WORK=$(mktemp -d)
SESSION="perf$$"
PIDS=()
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sim() {  # sim PORT ARGS...
    local p=$1; shift
    "$BIN" simulate --port "$p" "$@" >/dev/null 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$p/_sim/stats" && return; sleep 0.1; done
}
inject() { curl -s -X POST "http://127.0.0.1:$1/_sim/jobs" --data-binary @"$2" >/dev/null; }
dashboard() {  # dashboard PORT WIDTH HEIGHT [ENV...]
    local p=$1 w=$2 h=$3; shift 3
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    tmux new-session -d -s "$SESSION" -x "$w" -y "$h" "bash --norc --noprofile"
    : > "$WORK/stream"
    tmux pipe-pane -t "$SESSION" -o "cat >> $WORK/stream"
    tmux send-keys -t "$SESSION" "env TERM=xterm-256color XDG_STATE_HOME=$WORK/state $* $BIN --api-url http://127.0.0.1:$p" Enter
    sleep 3
}
dpid() { pgrep -f "$BIN --api-url" | head -1; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
bytes() { stat -c %s "$WORK/stream"; }
HZ=$(getconf CLK_TCK)
jobs_file() {  # jobs_file COUNT STATUS ADVANCE_SECONDS AGE_SECONDS > file: COUNT jobs of the six types
    python3 - "$@" <<'PY'
import json, sys, datetime
count, status, advance, age = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
types = ["store_scraping", "bulk_ad_generation", "video_generation", "research", "strategic_analysis", "avatar_video"]
now = datetime.datetime.utcnow()
jobs = []
for i in range(count):
    job = {"job_id": f"perf_{i:05d}", "status": status, "type": types[i % 6], "title": f"Perf job {i}",
           "created_at": (now - datetime.timedelta(seconds=age + i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "progress_data": {"percentage": 5 + i % 50, "current_step": f"Step {i % 9} of 9"}}
    if advance > 0: job["_sim"] = {"advance_seconds": advance}
    jobs.append(job)
print(json.dumps(jobs))
PY
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(swift --version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"

# 1. Load on the API, side by side with the baseline client; bytes to the terminal while busy.
if want 1; then
A=$(port); B=$(port)
sim "$A" --jobs 0; sim "$B" --jobs 0
jobs_file 20 processing $((LOAD_SECONDS + 300)) 60 > "$WORK/load.json"
inject "$A" "$WORK/load.json"; inject "$B" "$WORK/load.json"
dashboard "$A" 120 40
python3 scripts/perf/baseline_client.py "http://127.0.0.1:$B" "$LOAD_SECONDS" &
PIDS+=($!)
b0=$(bytes); t0=$(ticks "$(dpid)")
sleep "$LOAD_SECONDS"
b1=$(bytes); t1=$(ticks "$(dpid)")
curl -s "http://127.0.0.1:$A/_sim/stats?freshness=1" > "$WORK/a.json"
curl -s "http://127.0.0.1:$B/_sim/stats?freshness=1" > "$WORK/b.json"
python3 - "$WORK/a.json" "$WORK/b.json" "$LOAD_SECONDS" <<'PY'
import json, sys
a, b, seconds = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
def api(s):
    r = {k: v for k, v in s["requests_by_route"].items() if k.startswith(("GET /api", "POST /api"))}
    n = sum(r.values()); by = sum(v for k, v in s["bytes_by_route"].items() if k.startswith(("GET /api", "POST /api")))
    return n, by, r
na, ba, ra = api(a); nb, bb, rb = api(b)
m = seconds / 60
print(f"\n1. API load, 20 active jobs of the six types, {seconds:.0f} s")
print(f"   tasks-tui: {na/m:.1f} requests/min, {ba/m/1024:.1f} KiB/min  {ra}")
print(f"   baseline:  {nb/m:.1f} requests/min, {bb/m/1024:.1f} KiB/min  {rb}")
print(f"   ratio: {na/nb*100:.0f}% of the requests, {ba/bb*100:.0f}% of the bytes")
intervals = {"store_scraping": 5, "bulk_ad_generation": 6}
worst = []
for job, f in sorted(a["freshness"].items()):
    i = int(job.split("_")[1]); t = ["store_scraping", "bulk_ad_generation", "video_generation", "research", "strategic_analysis", "avatar_video"][i % 6]
    limit = intervals.get(t, 10)
    worst.append((f["max_gap"] - limit, job, t, f["max_gap"], f["reads"]))
worst.sort(reverse=True)
over = [w for w in worst if w[0] > 1]
print(f"   freshness: worst gap over interval {worst[0][0]:+.2f} s ({worst[0][1]} {worst[0][2]}: {worst[0][3]:.2f} s, {worst[0][4]} reads); jobs over interval+1 s: {len(over)}")
print("   per job (max gap s / interval): " + ", ".join(f"{w[1][-2:]}:{w[3]:.1f}/{intervals.get(w[2],10)}" for w in sorted(worst, key=lambda w: w[1])))
PY
echo "   terminal while busy: $(( (b1 - b0) * 60 / LOAD_SECONDS )) bytes/min; CPU $(python3 -c "print(f'{($t1-$t0)/$HZ/($LOAD_SECONDS/60):.2f}')") s/min"
kill "${PIDS[@]}" 2>/dev/null || true; PIDS=()
fi

# 2. Bytes to the terminal while idle (nothing changes on the server), and a full repaint.
if want 2; then
C=$(port); sim "$C" --jobs 0
jobs_file 20 processing 0 3600 > "$WORK/idle.json"; inject "$C" "$WORK/idle.json"
dashboard "$C" 120 40
sleep 2
b0=$(bytes); sleep 60; b1=$(bytes)
tmux send-keys -t "$SESSION" C-l; sleep 1; b2=$(bytes)
echo
echo "2. Terminal bytes, 120x40, 20 active jobs that do not change: $((b1 - b0)) bytes/min idle"
echo "   one full repaint (Ctrl-L): $((b2 - b1)) bytes; a full repaint every second would be $(( (b2 - b1) * 60 )) bytes/min, every 30 s refresh $(( (b2 - b1) * 2 )) bytes/min"
kill "${PIDS[@]}" 2>/dev/null || true; PIDS=()
fi

# 3. CPU: idle with 200 jobs on screen; busy with 100 active jobs.
if want 3; then
D=$(port); sim "$D" --jobs 0
jobs_file 200 completed 0 7200 > "$WORK/done.json"; inject "$D" "$WORK/done.json"
dashboard "$D" 200 210 TASKS_LIST_LIMIT=500
pid=$(dpid); t0=$(ticks "$pid"); sleep 60; t1=$(ticks "$pid")
echo
echo "3. CPU, 200 finished jobs on a 200x210 screen, idle: $(python3 -c "print(f'{($t1-$t0)/$HZ:.2f} s per minute = {($t1-$t0)/$HZ/60*100:.3f}% of a core')")"
kill "${PIDS[@]}" 2>/dev/null || true; PIDS=()
E=$(port); sim "$E" --jobs 0
jobs_file 100 processing 240 60 > "$WORK/busy.json"; inject "$E" "$WORK/busy.json"
dashboard "$E" 200 120 TASKS_LIST_LIMIT=500
pid=$(dpid); t0=$(ticks "$pid"); sleep 60; t1=$(ticks "$pid")
echo "   busy, 100 active jobs advancing: $(python3 -c "print(f'{($t1-$t0)/$HZ:.2f} s per minute = {($t1-$t0)/$HZ/60*100:.2f}% of a core')")"
kill "${PIDS[@]}" 2>/dev/null || true; PIDS=()
fi

# 4. Resident memory with 10,000 jobs; 5. start-up.
if want 4 || want 5; then
F=$(port); sim "$F" --jobs 0
jobs_file 10000 completed 0 100 > "$WORK/many.json"; inject "$F" "$WORK/many.json"
dashboard "$F" 200 60 TASKS_LIST_LIMIT=10000
sleep 3
echo
echo "4. Resident memory with 10,000 jobs listed: $(rss_mb "$(dpid)") MB"
B0=$(port); sim "$B0" --jobs 0
jobs_file 50 completed 0 100 > "$WORK/small.json"; inject "$B0" "$WORK/small.json"
dashboard "$B0" 200 60
sleep 2
echo "   for comparison, with 50 jobs: $(rss_mb "$(dpid)") MB"

# 5. Start-up to the first full frame (a job row drawn), in a pty.
startup() {  # startup URL RUNS LABEL
    python3 - "$BIN" "$1" "$2" "$3" <<'PY'
import os, pty, select, sys, time
binary, url, runs, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
times = []
for _ in range(runs):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LINES": "60", "COLUMNS": "200"})
        os.execv(binary, [binary, "--api-url", url])
    seen = b""
    while time.monotonic() - start < 10:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try: seen += os.read(fd, 65536)
            except OSError: break
            if b"Perf job" in seen: break
    times.append(time.monotonic() - start)
    os.kill(pid, 15); os.waitpid(pid, 0)
print(f"   {label}: median {sorted(times)[runs // 2]*1000:.0f} ms (runs: {', '.join(f'{t*1000:.0f}' for t in times)})")
PY
}
echo
echo "5. Start-up to the first frame with job rows"
startup "http://127.0.0.1:$F" 5 "server holding 10,000 jobs (the default list of 50 fetched)"
kill "${PIDS[@]}" 2>/dev/null || true; PIDS=()
G=$(port); sim "$G" --jobs 0
jobs_file 50 processing 0 100 > "$WORK/fifty.json"; inject "$G" "$WORK/fifty.json"
startup "http://127.0.0.1:$G" 7 "server holding 50 jobs"
fi

# 6. Conditional requests: API response bytes with nothing changing on the server, on and off.
if want 6; then
conditional() {  # conditional SETTING: writes "requests bytes 304s" for 60 s to $WORK/cond-SETTING
    local p; p=$(port); sim "$p" --jobs 0
    jobs_file 20 processing 0 3600 > "$WORK/still.json"; inject "$p" "$WORK/still.json"
    dashboard "$p" 120 40 TASKS_CONDITIONAL_REQUESTS="$1"
    curl -s "http://127.0.0.1:$p/_sim/stats" > "$WORK/c0.json"; sleep 60
    curl -s "http://127.0.0.1:$p/_sim/stats" > "$WORK/c1.json"
    (python3 - "$WORK/c0.json" "$WORK/c1.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
api = lambda s, key: sum(v for k, v in s[key].items() if k.startswith(("GET /api", "POST /api")))
print(api(b, "requests_by_route") - api(a, "requests_by_route"), api(b, "bytes_by_route") - api(a, "bytes_by_route"),
      b["responses_by_status"].get("304", 0) - a["responses_by_status"].get("304", 0))
PY
    ) > "$WORK/cond-$1"
    kill "${PIDS[@]}" 2>/dev/null || true; PIDS=()
}
conditional true; conditional false
read -r n_on b_on m_on < "$WORK/cond-true"
read -r n_off b_off m_off < "$WORK/cond-false"
echo
echo "6. API response bodies, 20 active jobs that do not change, 60 s:"
echo "   conditional requests on:  $n_on requests, $b_on bytes ($m_on answered 304)"
echo "   conditional requests off: $n_off requests, $b_off bytes"
echo "   ratio: $(python3 -c "print(f'{$b_on / max(1, $b_off) * 100:.1f}%')") (target at most 10%)"
fi
