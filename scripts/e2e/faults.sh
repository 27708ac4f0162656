#!/usr/bin/env bash
# Server faults against the real dashboard: down at start, down mid-run, 5xx,
# 429 with Retry-After, slow and hung answers, malformed bodies, 401, 404, 409.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
faults() { curl -s -X POST "http://127.0.0.1:$PORT/_sim/faults" -d "$1" >/dev/null; }
add_job() { curl -s -X POST "http://127.0.0.1:$PORT/_sim/jobs" -d "$1" >/dev/null; }


# 1. Down at start: retrying, then recovers when the server comes up.
start_dashboard "http://127.0.0.1:$PORT"
check "down at start: shows retrying" wait_for "retrying since" 10
check "down at start: says why" wait_for "connection refused" 5
sleep 2
start_sim "$PORT" --jobs 0
add_job '{"job_id":"steady","status":"processing","type":"video_generation","title":"Steady job","progress_data":{"percentage":40,"current_step":"Generating scene 2 of 5"}}'
check "recovers when the server comes up" wait_for "connected" 40
tmux send-keys -t "$SESSION" r
check "and lists its jobs" wait_for "Steady job" 10

# 2. Down mid-run: last data kept, marked stale, never shown as failed.
stop_sim
check "down mid-run: retrying" wait_for "retrying since" 20
check "down mid-run: the job is marked STALE" wait_for "STALE" 25
check "down mid-run: the job still says processing, not failed" bash -c "tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q 'processing' && ! tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q 'failed'"
check "down mid-run: its progress is kept" bash -c "tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q '40%'"
start_sim "$PORT" --jobs 0
add_job '{"job_id":"steady","status":"processing","type":"video_generation","title":"Steady job","progress_data":{"percentage":45,"current_step":"Generating scene 3 of 5"}}'
tmux send-keys -t "$SESSION" r
check "back up: connected again" wait_for "connected" 60
check "back up: fresh data, no longer stale" bash -c "sleep 2; tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q '45%' && ! tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q STALE"

# 3. 500s.
faults '{"error_rate": 1, "error_status": 500}'
tmux send-keys -t "$SESSION" r
check "500s: retrying with the status" wait_for "server error 500" 15
check "500s: the job is not failed" bash -c "tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q processing"
faults '{}'
tmux send-keys -t "$SESSION" r
check "500s cleared: connected" wait_for "connected" 70

# 4. 429 with Retry-After 20: no request before it.
faults '{"rate_limit_retry_after": 20}'
tmux send-keys -t "$SESSION" r
check "429: shows rate limiting" wait_for "rate limiting" 15
sleep 1
before=$(sim_get /_sim/stats | json 'd["requests_by_route"].get("GET /api/v1/jobs",0) + d["requests_by_route"].get("GET /api/v1/jobs/{id}",0)')
sleep 15
after=$(sim_get /_sim/stats | json 'd["requests_by_route"].get("GET /api/v1/jobs",0) + d["requests_by_route"].get("GET /api/v1/jobs/{id}",0)')
check "429: no request within Retry-After ($before then $after)" test "$before" = "$after"
faults '{}'
check "429 over: connected again" wait_for "connected" 70

# 5. Slow answers and a request that never answers: keys still answered at once; q quits.
faults '{"latency_ms": 3000}'
tmux send-keys -t "$SESSION" r
sleep 0.5
t=$(key_latency "?" "Flags")
check "slow server: a key is answered in ${t}s" fast "$t" 0.5
tmux send-keys -t "$SESSION" Escape
faults '{"hang_rate": 1}'
tmux send-keys -t "$SESSION" r
sleep 0.5
t=$(key_latency "f" "filter: active")
check "hung server: a key is answered in ${t}s" fast "$t" 0.5
tmux send-keys -t "$SESSION" f f f f
pid=$(dashboard_pid)
start_q=$(date +%s.%N)
tmux send-keys -t "$SESSION" q
check "hung server: q still quits" wait_for "EXIT=0" 3
check "hung server: the process is gone within 1 s" bash -c "sleep 1; ! kill -0 $pid 2>/dev/null"
faults '{}'

# 6. Malformed bodies; one malformed job in a list.
start_dashboard "http://127.0.0.1:$PORT"
check "restart: connected" wait_for "Steady job" 15
faults '{"malformed_rate": 1}'
tmux send-keys -t "$SESSION" r
check "malformed body: reported, not a failed job" wait_for "unreadable response" 15
check "malformed body: the job still processing" bash -c "tmux capture-pane -p -t $SESSION | grep 'Steady job' | grep -q processing"
faults '{"malformed_list_element": true}'
tmux send-keys -t "$SESSION" r
check "one malformed job in the list: the others shown, the skipped count reported" wait_for "1 unreadable" 70
check "one malformed job: the good job still listed" wait_for "Steady job" 2
faults '{}'

# 7. 404 on a job: GONE, no more polls.
add_job '{"job_id":"vanish","status":"processing","type":"scraping","title":"Vanishing job","progress_data":{"percentage":5}}'
tmux send-keys -t "$SESSION" r
check "404: the job is listed first" wait_for "Vanishing job" 10
curl -s -X DELETE "http://127.0.0.1:$PORT/_sim/jobs" >/dev/null
check "404: the job is marked GONE" wait_for "GONE" 15
polls=$(sim_get /_sim/stats | json 'd["requests_by_job"].get("vanish",0)')
sleep 7
polls2=$(sim_get /_sim/stats | json 'd["requests_by_job"].get("vanish",0)')
check "404: no more polls of a gone job ($polls then $polls2)" test "$polls" = "$polls2"

# 8. 409 on cancel: the job finished on the server before the cancel arrived.
future=$(python3 -c 'import datetime; print((datetime.datetime.utcnow()+datetime.timedelta(minutes=9)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
add_job "{\"job_id\":\"race\",\"status\":\"processing\",\"type\":\"strategic_analysis\",\"title\":\"Race job\",\"created_at\":\"$future\",\"progress_data\":{\"percentage\":95}}"
tmux send-keys -t "$SESSION" r
check "409: the job is listed" wait_for "Race job" 10
add_job "{\"job_id\":\"race\",\"status\":\"completed\",\"type\":\"strategic_analysis\",\"title\":\"Race job\",\"created_at\":\"$future\",\"progress_data\":{\"percentage\":100}}"
tmux send-keys -t "$SESSION" g c
wait_for "Cancel this job?" 3 || true
tmux send-keys -t "$SESSION" y
check "409: reported as already finished" wait_for "cannot cancel race" 10
# The row itself (the line holding its title, not the footer's "already completed") must say so.
row_says() {  # row_says TITLE WORD SECONDS
    local end=$((SECONDS + $3))
    while [ $SECONDS -lt $end ]; do
        screen | grep -F -- "$1" | grep -vF "cannot cancel" | grep -qF -- "$2" && return 0
        sleep 0.2
    done
    return 1
}
check "409: the row learns it is completed" row_says "Race job" "completed" 15

# 9. 401: a clear message, polling stops.
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 3 || true
stop_sim
printf 'sim-token\n' > "$WORK/sim-token"; chmod 600 "$WORK/sim-token"
start_sim "$PORT" --jobs 5 --token-file "$WORK/sim-token"
start_dashboard "http://127.0.0.1:$PORT"
check "401: a clear message" wait_for "unauthorized (401)" 15
n1=$(curl -s -H "Authorization: Bearer sim-token" "http://127.0.0.1:$PORT/_sim/stats" | json 'd["unauthorized"]')
sleep 8
n2=$(curl -s -H "Authorization: Bearer sim-token" "http://127.0.0.1:$PORT/_sim/stats" | json 'd["unauthorized"]')
check "401: polling stops ($n1 then $n2 refused requests)" test "$n1" = "$n2"
tmux send-keys -t "$SESSION" q
check "401: quits cleanly" wait_for "EXIT=0" 3
finish
