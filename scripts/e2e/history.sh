#!/usr/bin/env bash
# End to end: "is this normal?". A history of 30 completed scraping jobs of
# about a minute (written before the dashboard starts, as an earlier session
# would have) makes a scraping job running for 10 minutes SLOW, in `!`, with
# "typical" in its details pane; a job completing while the dashboard runs
# is appended to this server's history file, once. The first estimate shown
# for a job (≈) is scored when it completes: the sample holds the ratio and
# the details pane says how the type's estimates did. `s` to "slowest" puts
# the job furthest past its type's median first.
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
shown_after=$(date +%s.%N)
start_dashboard "http://127.0.0.1:$PORT"
check "the dashboard lists the jobs" wait_for "Slow shop" 10
shown_before=$(date +%s.%N)
check "the job past its type's p90 is SLOW" bash -c "tmux capture-pane -p -t $SESSION | grep -F 'Slow shop' | grep -qF SLOW"
check "  ... the one within it is not" bash -c "! tmux capture-pane -p -t $SESSION | grep -F 'Quick shop' | grep -qF SLOW"
check "  ... our estimate is marked as ours (≈), not the server's" bash -c "tmux capture-pane -p -t $SESSION | grep -F 'Quick shop' | grep -qF '≈'"
tmux send-keys -t "$SESSION" '!'
check "! shows the SLOW job" wait_for "support view" 5
check "  ... and only it" bash -c "s=\$(tmux capture-pane -p -t $SESSION); grep -qF 'Slow shop' <<<\"\$s\" && ! grep -qF 'Quick shop' <<<\"\$s\""
tmux send-keys -t "$SESSION" Enter
check "the details pane says what is typical" wait_for "from 30 completed scraping jobs; this one has run" 5
check "  ... how far past p50 this one is, and that it is past p90" bash -c "tmux capture-pane -p -t $SESSION | grep -qE 'this one has run [0-9.]+× p50, past p90'"
check "the completed job was appended to the history, once" test "$(grep -c '"job_id":"donejob"' "$HISTORY")" = 1
sleep 2
tmux send-keys -t "$SESSION" r
sleep 1
check "  ... still once after another list" test "$(grep -c '"job_id":"donejob"' "$HISTORY")" = 1
check "the history holds no result or error data" bash -c "! grep -qE 'result|error' '$HISTORY'"
# The quick job, whose estimate (≈) has been on screen, completes now.
tmux send-keys -t "$SESSION" Escape
sleep 0.5
tmux send-keys -t "$SESSION" '!'
done_now=$(python3 -c 'import datetime, json
now = datetime.datetime.now(datetime.timezone.utc)
def at(seconds): return (now - datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({"job_id": "quickjob", "status": "completed", "type": "scraping", "title": "Quick shop",
  "created_at": at(45), "started_at": at(40), "completed_at": at(0), "progress_data": {"percentage": 100}}))')
sim_post /_sim/jobs "$done_now" >/dev/null
tmux send-keys -t "$SESSION" r
check "the completed job's first estimate was scored into its sample" bash -c "for i in \$(seq 50); do grep -F '\"job_id\":\"quickjob\"' '$HISTORY' | grep -q estimate_ratio && exit 0; sleep 0.2; done; exit 1"
# Its estimate was first shown at some time T between the two readings of the
# clock around the dashboard's start: at 50%, the time it had run (T - started);
# it really had (completed - T) left.
check "  ... the ratio of real to estimated time left, from when it was first shown" python3 - "$HISTORY" "$jobs" "$done_now" "$shown_after" "$shown_before" <<'PY'
import datetime, json, sys
history, jobs, done_now, after, before = sys.argv[1:]
line = [json.loads(l) for l in open(history) if '"quickjob"' in l][0]
def t(text): return datetime.datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp()
started, done = t(json.loads(jobs)[1]['started_at']), t(json.loads(done_now)['completed_at'])
# The times on the wire are whole seconds: a second either way.
ratios = [(done - shown) / (shown - started) for shown in (float(after) - 1, float(before) + 1)]
sys.exit(0 if min(ratios) <= line['estimate_ratio'] <= max(ratios) else 1)
PY
for _ in 1 2 3 4; do tmux send-keys -t "$SESSION" s; sleep 0.2; done
check "s four times: sorted slowest vs typical" wait_for "sort: slowest" 5
check "  ... the job furthest past its type's median comes first" bash -c "tmux capture-pane -p -t $SESSION | grep -E 'Slow shop|Quick shop|Done one' | head -1 | grep -qF 'Slow shop'"
tmux send-keys -t "$SESSION" g Enter
# Within ±30% when the estimate e was within 0.3 of the actual a: |1/ratio - 1| <= 0.3.
within=$(python3 -c "import json, sys
line = [json.loads(l) for l in open('$HISTORY') if '\"quickjob\"' in l][0]
print(1 if abs(1 / line['estimate_ratio'] - 1) <= 0.3 else 0)")
check "its details pane says how the type's estimates have done" wait_for "within ±30% for $within of the last 1 scored" 5
tmux send-keys -t "$SESSION" q
finish
