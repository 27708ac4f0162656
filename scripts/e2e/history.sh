#!/usr/bin/env bash
# End to end: "is this normal?". A history of 30 completed scraping jobs of
# about a minute (written before the dashboard starts, as an earlier session
# would have) makes a scraping job running for 10 minutes SLOW, in `!`, with
# "typical" in its details pane; a job completing while the dashboard runs
# is appended to this server's history file, once.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 0
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
HISTORY="$WORK/state/tasks-tui/history/127.0.0.1_$PORT.jsonl"
mkdir -p "$(dirname "$HISTORY")"
python3 -c 'import json
for n in range(30):
    print(json.dumps({"type": "scraping", "job_id": "old%d" % n, "seconds": 55 + n % 10, "ended_at": "2026-12-01T10:00:00Z"}))' > "$HISTORY"
chmod 600 "$HISTORY"
jobs=$(python3 -c 'import datetime, json
now = datetime.datetime.now(datetime.timezone.utc)
def at(seconds): return (now - datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps([
  {"job_id": "slowjob", "status": "processing", "type": "scraping", "title": "Slow shop", "created_at": at(610),
   "started_at": at(600), "progress_data": {"percentage": 40, "current_step": "Scraping page 4 of 10"}},
  {"job_id": "quickjob", "status": "processing", "type": "scraping", "title": "Quick shop", "created_at": at(25),
   "started_at": at(20), "progress_data": {"percentage": 50}},
  {"job_id": "donejob", "status": "completed", "type": "research", "title": "Done one", "created_at": at(400),
   "started_at": at(390), "completed_at": at(300), "progress_data": {"percentage": 100}}]))')
sim_post /_sim/jobs "$jobs" >/dev/null
start_dashboard "http://127.0.0.1:$PORT"
check "the dashboard lists the jobs" wait_for "Slow shop" 10
check "the job past its type's p90 is SLOW" bash -c "tmux capture-pane -p -t $SESSION | grep -F 'Slow shop' | grep -qF SLOW"
check "  ... the one within it is not" bash -c "! tmux capture-pane -p -t $SESSION | grep -F 'Quick shop' | grep -qF SLOW"
check "  ... our estimate is marked as ours (≈), not the server's" bash -c "tmux capture-pane -p -t $SESSION | grep -F 'Quick shop' | grep -qF '≈'"
tmux send-keys -t "$SESSION" '!'
check "! shows the SLOW job" wait_for "support view" 5
check "  ... and only it" bash -c "s=\$(tmux capture-pane -p -t $SESSION); grep -qF 'Slow shop' <<<\"\$s\" && ! grep -qF 'Quick shop' <<<\"\$s\""
tmux send-keys -t "$SESSION" Enter
check "the details pane says what is typical" wait_for "from 30 completed scraping jobs; this one has run past p90" 5
check "the completed job was appended to the history, once" test "$(grep -c '"job_id":"donejob"' "$HISTORY")" = 1
sleep 2
tmux send-keys -t "$SESSION" r
sleep 1
check "  ... still once after another list" test "$(grep -c '"job_id":"donejob"' "$HISTORY")" = 1
check "the history holds no result or error data" bash -c "! grep -qE 'result|error' '$HISTORY'"
tmux send-keys -t "$SESSION" q
finish
