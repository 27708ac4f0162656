#!/usr/bin/env bash
# End to end, issue 12 (support staff hunting a stuck job), at 80x24: a job in
# no list opened by id (typed, then pasted with spaces), a 404 in words, the
# `!` support view, the API's status words, the id and type family readable.
source "$(dirname "$0")/_lib.sh"
build
SECONDS=0
PORT=$(free_port)
start_sim "$PORT" --jobs 0
at() {  # at MINUTES: an RFC 3339 time MINUTES from now (negative: ago)
    python3 -c "import datetime,sys; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(minutes=float(sys.argv[1]))).strftime('%Y-%m-%dT%H:%M:%SZ'))" "$1"
}
# The simulator lists jobs newest added first: the old ones go in first.
# Two old finished jobs that no list carries: tickets name them by id.
sim_post /_sim/jobs "{\"job_id\":\"job_7f3a91c2e0\",\"status\":\"completed\",\"type\":\"sora_video\",\"title\":\"Ticket one\",\"created_at\":\"$(at -4000)\",\"completed_at\":\"$(at -3990)\",\"progress_data\":{\"percentage\":100}}" >/dev/null
sim_post /_sim/jobs "{\"job_id\":\"job_5b8d20aa17\",\"status\":\"completed\",\"type\":\"adGeneration\",\"title\":\"Ticket two\",\"created_at\":\"$(at -5000)\",\"completed_at\":\"$(at -4990)\",\"progress_data\":{\"percentage\":100}}" >/dev/null
# An old processing job: only the active lists carry it.
sim_post /_sim/jobs "{\"job_id\":\"job_dead00beef\",\"status\":\"processing\",\"type\":\"store_scraping\",\"title\":\"Stuck one\",\"created_at\":\"$(at -120)\",\"started_at\":\"$(at -120)\",\"progress_data\":{\"percentage\":12}}" >/dev/null
# 60 finished jobs: with two newer ones below, the newest list (50) holds 48 of them.
jobs=$(python3 - "$(at -30)" <<'PY'
import json, sys
print(json.dumps([{"job_id": f"job_done_{i:04d}", "status": "completed", "type": "store_scraping",
                   "title": f"Done {i}", "created_at": sys.argv[1], "completed_at": sys.argv[1],
                   "progress_data": {"percentage": 100}} for i in range(60)]))
PY
)
sim_post /_sim/jobs "$jobs" >/dev/null
# Newest: one fine processing job, and a failure just now.
sim_post /_sim/jobs "{\"job_id\":\"job_c0ffee1234\",\"status\":\"processing\",\"type\":\"sora_video\",\"title\":\"Fine one\",\"created_at\":\"$(at -1)\",\"updated_at\":\"$(at 0)\",\"progress_data\":{\"percentage\":40,\"current_step\":\"Rendering\"}}" >/dev/null
sim_post /_sim/jobs "{\"job_id\":\"job_fa11ed0001\",\"status\":\"failed\",\"type\":\"research\",\"title\":\"Broke one\",\"created_at\":\"$(at 1)\",\"completed_at\":\"$(at 1)\",\"progress_data\":{\"percentage\":30},\"error\":{\"message\":\"boom\"}}" >/dev/null

WIDTH=80 HEIGHT=24 start_dashboard "http://127.0.0.1:$PORT"
check "the dashboard is up" wait_for "connected" 20
check "the header counts the older active job apart" wait_for "50 newest +1 older" 10
check "the API's word: processing" wait_for "processing" 2
# eventually COMMAND...: COMMAND succeeds within 5 s (keys such as Esc take a moment).
eventually() {
    local end=$((SECONDS + 5))
    while [ $SECONDS -lt $end ]; do "$@" && return 0; sleep 0.2; done
    return 1
}
# The row of a job: its short id (4+ characters of its start or end) and its type family.
row_has() {  # row_has TITLE ID FAMILY
    screen | python3 -c '
import sys
title, ident, family = sys.argv[1:]
rows = [l for l in sys.stdin if title in l]
ok = any(family in r.split() and any(len(w.rstrip("+")) >= 4 and (ident.startswith(w.rstrip("+")) or ident.endswith(w.rstrip("+"))) for w in r.split()) for r in rows)
sys.exit(0 if ok else 1)' "$1" "$2" "$3"
}
check "80x24: the id and the family are readable (video)" row_has "Fine one" job_c0ffee1234 video
tmux send-keys -t "$SESSION" f
check "f active: the old processing job is listed (active list)" wait_for "Stuck one" 5
check "80x24: the id and the family are readable (scrape)" eventually row_has "Stuck one" job_dead00beef scrape
tmux send-keys -t "$SESSION" f f f f
check "back to all" wait_for "all, newest" 5
check "nothing pinned yet: the tickets are in no list" bash -c "! (tmux capture-pane -p -t $SESSION | grep -qE 'Ticket|pin')"

# : + id + Enter opens it (details pane), then it stays pinned in the table.
tmux send-keys -t "$SESSION" ":"
check ": opens the prompt" wait_for "open job id:" 3
tmux send-keys -t "$SESSION" -l "job_7f3a91c2e0"
tmux send-keys -t "$SESSION" Enter
# The footer's "opened", not the id: the prompt line and "opening …" show the id before the answer.
check ": + id + Enter opens its details (full id)" wait_for "job_7f3a91c2e0 opened and pinned" 5
check "it says it is pinned" wait_for "pinned" 3
tmux send-keys -t "$SESSION" Escape
check "back in the table, the job stays, marked pinned" eventually row_has "Ticket one" job_7f3a91c2e0 video
check "marked with +" bash -c "tmux capture-pane -p -t $SESSION | grep -F 'Ticket one' | grep -qF '+'"
check "the header counts it" wait_for "+1 pin" 3

# A pasted id with spaces around it (bracketed paste).
tmux send-keys -t "$SESSION" ":"
wait_for "open job id:" 3 || true
tmux set-buffer -b hunt "   job_5b8d20aa17  "
tmux paste-buffer -p -b hunt -t "$SESSION"
sleep 0.3
tmux send-keys -t "$SESSION" Enter
check "a pasted id with spaces opens the job" wait_for "job_5b8d20aa17 opened and pinned" 5
tmux send-keys -t "$SESSION" Escape
check "two pinned" wait_for "+2 pin" 3
check "its family: ads" eventually row_has "Ticket two" job_5b8d20aa17 ads

# A 404 in words; Esc leaves the prompt without a request.
tmux send-keys -t "$SESSION" ":"
tmux send-keys -t "$SESSION" -l "job_nope"
tmux send-keys -t "$SESSION" Enter
check "404: no such job on the host" wait_for "no such job on 127.0.0.1" 5
before=$(sim_get /_sim/stats | json 'sum(v for k, v in d["requests_by_route"].items() if k.startswith("GET /api/v1/jobs/"))')
tmux send-keys -t "$SESSION" ":"
tmux send-keys -t "$SESSION" -l "job_esc"
tmux send-keys -t "$SESSION" Escape
sleep 0.5
check "Esc closes the prompt" bash -c "! (tmux capture-pane -p -t $SESSION | grep -qF 'open job id:')"
check "Esc sent no request for it" bash -c "! (curl -s http://127.0.0.1:$PORT/_sim/stats | grep -qF job_esc)"

# ! shows exactly the jobs needing attention: the overdue one and the recent failure.
tmux send-keys -t "$SESSION" "!"
check "! support view" wait_for "! support" 3
rows() { screen | sed -n '4,21p' | grep -E '^[▸ ] ' | grep -vE '^\s*$' ; }
check "! shows the overdue job" bash -c "tmux capture-pane -p -t $SESSION | grep -qF 'Stuck one'"
check "! shows the recent failure" bash -c "tmux capture-pane -p -t $SESSION | grep -qF 'Broke one'"
check "! shows exactly those two" test "$(rows | grep -c .)" = "2"
tmux send-keys -t "$SESSION" q
check "q quits with status 0" wait_for "EXIT=0" 5
echo "hunt.sh: ${SECONDS}s after the build"
finish
