#!/usr/bin/env bash
# Load: 10,000 jobs in the list, 500 active jobs polled, and a soak at a high
# simulator speed (SOAK_SECONDS, default 120) with memory bounded and no request left hanging.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
SOAK_SECONDS=${SOAK_SECONDS:-120}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-200}
rss_mb() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$1/status"; }

# 1. 10,000 jobs in the list.
start_sim "$PORT" --jobs 0
python3 - "$PORT" <<'PY'
import json, sys, urllib.request, datetime
port = sys.argv[1]
base = datetime.datetime(2026, 1, 1)
jobs = []
for i in range(10_000):
    status = "processing" if i % 50 == 0 else ("failed" if i % 7 == 0 else "completed")
    jobs.append({"job_id": f"load_{i:05d}", "status": status, "type": ["scraping", "ad_generation", "video_generation", "research"][i % 4],
                 "title": f"Load job {i}", "created_at": (base + datetime.timedelta(seconds=i)).isoformat() + "Z",
                 "progress_data": {"percentage": i % 100, "current_step": f"step {i % 13}"}})
urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/_sim/jobs", data=json.dumps(jobs).encode(), method="POST"))
PY
start_dashboard "http://127.0.0.1:$PORT" TASKS_LIST_LIMIT=10000
check "10,000 jobs: listed" wait_for "Load job 9999" 30
check "10,000 jobs: counts in the header" bash -c "tmux capture-pane -p -t $SESSION | head -2 | grep -qE '[0-9]+(▶|>) |[0-9]+ processing'"
t=$(key_latency G "Load job 0 ")
check "10,000 jobs: G reaches the last row in ${t}s" fast "$t" 1
t=$(key_latency k "Load job 1 ")
check "10,000 jobs: one row up in ${t}s" fast "$t" 0.5
pid=$(dashboard_pid)
check "10,000 jobs: resident memory $(rss_mb "$pid") MB (limit $RSS_LIMIT_MB)" test "$(rss_mb "$pid")" -lt "$RSS_LIMIT_MB"
tmux send-keys -t "$SESSION" q; wait_for "EXIT=0" 3 || true
stop_sim

# 2. 500 active jobs polled.
start_sim "$PORT" --jobs 0
python3 - "$PORT" <<'PY'
import json, sys, urllib.request
port = sys.argv[1]
jobs = [{"job_id": f"act_{i:03d}", "status": "processing", "type": ["scraping", "ad_generation", "video_generation"][i % 3],
         "progress_data": {"percentage": i % 100}, "_sim": {"advance_seconds": 600}} for i in range(500)]
urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/_sim/jobs", data=json.dumps(jobs).encode(), method="POST"))
PY
start_dashboard "http://127.0.0.1:$PORT" TASKS_LIST_LIMIT=1000
check "500 active: listed" wait_for "500 processing" 20
curl -s -X POST "http://127.0.0.1:$PORT/_sim/stats/reset" >/dev/null
max_inflight=0
for _ in $(seq 1 30); do
    f=$(sim_get /_sim/stats | json 'd["in_flight"] - 1')
    [ "$f" -gt "$max_inflight" ] && max_inflight=$f
    sleep 1
done
stats=$(sim_get /_sim/stats)
requests=$(echo "$stats" | json 'd["requests"] - d["requests_by_route"].get("GET /_sim/stats", 0)')
check "500 active: polled ($requests requests in 30 s, at most $max_inflight in flight)" bash -c "[ $requests -ge 6 ] && [ $max_inflight -le 4 ]"
t=$(key_latency "?" "Flags")
check "500 active: keys answered in ${t}s" fast "$t" 0.5
tmux send-keys -t "$SESSION" Escape q; wait_for "EXIT=0" 3 || true
stop_sim

# 3. Soak at a high speed.
start_sim "$PORT" --jobs 200 --speed 100 --seed 21
start_dashboard "http://127.0.0.1:$PORT" TASKS_LIST_LIMIT=500
check "soak: up" wait_for "connected" 15
pid=$(dashboard_pid)
samples=()
end=$((SECONDS + SOAK_SECONDS))
while [ $SECONDS -lt $end ]; do
    samples+=("$(rss_mb "$pid")")
    tmux send-keys -t "$SESSION" j
    sleep 10
done
first=${samples[1]:-${samples[0]}}
last=${samples[-1]}
max=$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)
echo "soak RSS samples (MB): ${samples[*]}"
check "soak: memory under $RSS_LIMIT_MB MB (max $max MB)" test "$max" -lt "$RSS_LIMIT_MB"
check "soak: memory not growing (from $first to $last MB)" test $((last - first)) -le 15
check "soak: still connected" wait_for "connected" 2
tmux send-keys -t "$SESSION" q
check "soak: quits" wait_for "EXIT=0" 3
sleep 1
inflight=$(sim_get /_sim/stats | json 'd["in_flight"] - 1')
check "soak: no request left hanging ($inflight in flight)" test "$inflight" = 0
echo "soak: $(sim_get /_sim/stats | json 'd["requests"]') requests served in ${SOAK_SECONDS}s"
finish
