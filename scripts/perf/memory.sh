#!/usr/bin/env bash
# Resident memory of the dashboard holding many finished jobs (issue #15, point 5):
#   bash scripts/perf/memory.sh [COUNT] [RESULTS]     (default 10000 jobs; RESULTS=1: with result and error details)
# A simulator holds COUNT finished jobs (every seventh failed); the dashboard lists them all
# (TASKS_LIST_LIMIT=COUNT) in a 200x60 tmux pane; VmRSS is read from /proc 8 s after start
# (WAIT=... to change) and again 32 s later, after a list refresh (AGAIN=...). RssAnon, the
# heap and stacks, is the part that grows with the jobs; the rest is code mapped from files.
# CPU (user + system) is counted between the two readings, a list refresh of COUNT jobs included.
# Release build (BIN=... to measure another binary; SIM_BIN=... for the simulator when BIN is
# the lean build, which has none). Not a test.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
COUNT=${1:-10000}; RESULTS=${2:-0}
BIN=${BIN:-$ROOT/.build/release/tasks-tui}
[[ -x "$BIN" ]] || { swift build -c release --product tasks-tui 2>&1 | tail -1; }
WORK=$(mktemp -d); SESSION="mem$$"; SIM=""
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; [[ -n "$SIM" ]] && kill "$SIM" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${SIM_BIN:-$BIN}" simulate --port "$P" --jobs 0 >/dev/null 2>&1 &
SIM=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$P/_sim/stats" && break; sleep 0.1; done
python3 - "$COUNT" "$RESULTS" > "$WORK/jobs.json" <<'PY'
import json, sys, datetime
count, results = int(sys.argv[1]), int(sys.argv[2])
types = ["store_scraping", "bulk_ad_generation", "video_generation", "research", "strategic_analysis", "avatar_video"]
now = datetime.datetime.utcnow()
jobs = []
for i in range(count):
    status = "completed" if i % 7 else "failed"
    job = {"job_id": f"perf_{i:05d}", "status": status, "type": types[i % 6], "title": f"Perf job {i}",
           "created_at": (now - datetime.timedelta(seconds=100 + i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "completed_at": (now - datetime.timedelta(seconds=50 + i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "progress_data": {"percentage": 100, "current_step": "Done"}}
    if results and status == "completed":
        job["result_data"] = {"video_url": f"https://cdn.example.com/video/{i}/final.mp4", "duration_s": 15,
                              "resolution": "1080x1920", "report_id": f"rep_{i}",
                              "sources": [f"https://source{k}.example.com/page/{i}" for k in range(4)]}
    elif results:
        job["error_data"] = {"message": "Render worker ran out of memory",
                             "details": {"worker": "gpu-7", "exit_code": 137, "trace": [f"frame {k}" for k in range(5)]}}
    jobs.append(job)
print(json.dumps(jobs))
PY
curl -s -X POST "http://127.0.0.1:$P/_sim/jobs" --data-binary @"$WORK/jobs.json" >/dev/null
tmux new-session -d -s "$SESSION" -x 200 -y 60 \
    "env TERM=xterm-256color XDG_STATE_HOME=$WORK/state TASKS_LIST_LIMIT=$COUNT $BIN --api-url http://127.0.0.1:$P"
sleep "${WAIT:-8}"
PID=$(pgrep -f "^$BIN --api-url http://127.0.0.1:$P" | head -1)
rss() { awk '/VmRSS/ { r = $2 } /RssAnon/ { a = $2 } END { printf "%.1f MB resident (heap and stacks %.1f MB)", r / 1024, a / 1024 }' "/proc/$PID/status"; }
cpu() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }   # user + system, in clock ticks
first=$(rss); cpu0=$(cpu)
# Again after the next list refresh (every 30 s): what a long session holds, not only the first load.
sleep "${AGAIN:-32}"
cpu1=$(cpu)
echo "$COUNT jobs (list $(stat -c %s "$WORK/jobs.json") bytes of JSON, results $RESULTS): $first; after a refresh: $(rss); CPU $(( (cpu1 - cpu0) * 1000 / $(getconf CLK_TCK) )) ms in those ${AGAIN:-32} s"
