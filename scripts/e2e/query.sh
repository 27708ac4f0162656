#!/usr/bin/env bash
# End to end: cancel by query against the simulator, whose jobs are all
# injected here, so the jobs each query must select are known.
# --dry-run lists exactly them (past the newest 50); without a terminal or
# --yes nothing is sent; on a terminal, y does not confirm more than five
# jobs, the typed count does, and exactly those jobs are cancelled and audited.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
TOKEN="e2e-query-$RANDOM$RANDOM"
printf '%s\n' "$TOKEN" > "$WORK/token"
chmod 600 "$WORK/token"
start_sim "$PORT" --jobs 0 --token-file "$WORK/token"
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
export TASKS_API_URL="http://127.0.0.1:$PORT" TASKS_API_TOKEN_FILE="$WORK/token"
AUDIT="$WORK/state/tasks-tui/audit.log"
auth() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }
status_of() { auth "http://127.0.0.1:$PORT/api/v1/jobs/$1" | json 'd["status"]'; }

jobs=$(python3 -c 'import datetime, json
now = datetime.datetime.now(datetime.timezone.utc)
def job(i, status, kind, minutes):
    t = (now - datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"job_id": i, "status": status, "type": kind, "title": "Batch " + i, "created_at": t,
            "progress_data": {"percentage": 0}}
jobs = [job("q%d" % n, "queued", "scraping", 180 + n) for n in range(1, 8)]
jobs += [job("n1", "queued", "scraping", 10), job("n2", "queued", "scraping", 12)]
jobs += [job("p1", "processing", "scraping", 200), job("p2", "processing", "scraping", 210)]
jobs += [job("r1", "queued", "research", 190), job("c1", "completed", "scraping", 400)]
jobs += [job("o%02d" % n, "queued", "ocr", 120 + n) for n in range(60)]
print(json.dumps(jobs))')
auth -X POST "http://127.0.0.1:$PORT/_sim/jobs" -d "$jobs" >/dev/null

OUT="$WORK/out"
mkdir -p "$OUT"
ids_of() { cut -f1 "$1" | tail -n +2 | sort | tr '\n' ' '; }
set +e
"$BIN" cancel --status queued --type scraping --older-than 1h --dry-run >"$OUT/dry.out" 2>"$OUT/dry.err" </dev/null
dry=$?
"$BIN" cancel --status queued --type scraping --older-than 1h --dry-run --json >"$OUT/dry.json" 2>/dev/null </dev/null
"$BIN" cancel --status queued --type ocr --dry-run >"$OUT/ocr.out" 2>/dev/null </dev/null
"$BIN" cancel --status active --type scraping --older-than 1h --dry-run >"$OUT/active.out" 2>/dev/null </dev/null
"$BIN" cancel --status queued --type scraping --older-than 1h >"$OUT/notty.out" 2>"$OUT/notty.err" </dev/null
notty=$?
"$BIN" cancel q1 --status queued >/dev/null 2>&1 </dev/null
both=$?
"$BIN" cancel --status completed --dry-run >/dev/null 2>&1 </dev/null
finished=$?
set -e
check "--dry-run exits 0" test "$dry" = 0
check "  ... and lists exactly the seven old queued scraping jobs" test "$(ids_of "$OUT/dry.out")" = "q1 q2 q3 q4 q5 q6 q7 "
check "  ... and says nothing was sent" grep -q "7 job(s) would be cancelled on 127.0.0.1:$PORT: queued scraping jobs older than 1h00m; nothing sent" "$OUT/dry.err"
check "--dry-run --json: the same seven" test "$(json '" ".join(sorted(j["job_id"] for j in d["jobs"]))' < "$OUT/dry.json")" = "q1 q2 q3 q4 q5 q6 q7"
check "every listed job is considered, not only the newest 50" test "$(tail -n +2 "$OUT/ocr.out" | wc -l)" = 60
check "--status active takes processing jobs too, never the completed one" test "$(ids_of "$OUT/active.out")" = "p1 p2 q1 q2 q3 q4 q5 q6 q7 "
check "no terminal and no --yes: refused (exit 9)" test "$notty" = 9
check "  ... nothing sent" test "$(status_of q1)" = queued
check "ids and query options together: exit 64" test "$both" = 64
check "--status completed is refused (exit 64)" test "$finished" = 64

# On a terminal: seven jobs, so y is no answer; the count is.
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 120 -y 30 "bash --norc --noprofile"
ask() {
    tmux send-keys -t "$SESSION" "clear; env XDG_STATE_HOME=$WORK/state TASKS_API_URL=$TASKS_API_URL TASKS_API_TOKEN_FILE=$WORK/token $BIN cancel --status queued --type scraping --older-than 1h; echo EXIT=\$?" Enter
}
ask
check "the question counts the jobs and names the server" wait_for "Cancel 7 queued scraping jobs older than 1h00m on 127.0.0.1:$PORT?" 10
check "  ... lists the first five and says how many more" wait_for "and 2 more (--dry-run lists them all)" 2
check "  ... and asks for the count" wait_for "Type 7 to cancel all 7 jobs" 2
sleep 0.3
tmux send-keys -t "$SESSION" y Enter
check "y is no answer to seven jobs: exit 9" wait_for "EXIT=9" 10
check "  ... nothing sent" bash -c "for j in q1 q2 q3 q4 q5 q6 q7; do [ \"\$(curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/v1/jobs/\$j | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"status\"])')\" = queued ] || exit 1; done"
check "  ... and each decline is audited" test "$(grep -c '"outcome":"aborted at the confirmation"' "$AUDIT")" = 7
ask
check "asked again" wait_for "Type 7 to cancel all 7 jobs" 10
sleep 0.3
tmux send-keys -t "$SESSION" 7 Enter
check "the count typed: exit 0" wait_for "EXIT=0" 60
for j in q1 q2 q3 q4 q5 q6 q7; do
    check "$j is cancelled on the server" test "$(status_of $j)" = cancelled
done
for j in n1 n2 p1 p2 r1 o00; do
    check "$j is untouched" test "$(status_of $j)" != cancelled
done
check "each of the seven has its cancelled audit line, from the CLI" test "$(grep '"front_end":"cli"' "$AUDIT" | grep -c '"outcome":"cancelled"')" = 7
# The dashboard: C on a searched view of seven jobs asks for the count; y, a
# paste of 7 and a wrong count send nothing; 7 then Enter cancels exactly those seven.
batch=$(python3 -c 'import datetime, json
now = datetime.datetime.now(datetime.timezone.utc)
t = now.strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps([{"job_id": "b%d" % n, "status": "queued", "type": "batchjob", "title": "Batch b%d" % n,
                   "created_at": t, "progress_data": {"percentage": 0}} for n in range(1, 8)]))')
auth -X POST "http://127.0.0.1:$PORT/_sim/jobs" -d "$batch" >/dev/null
tmux send-keys -t "$SESSION" "clear; env TERM=xterm-256color XDG_STATE_HOME=$WORK/state TASKS_API_URL=$TASKS_API_URL TASKS_API_TOKEN_FILE=$WORK/token $BIN; echo EXIT=\$?" Enter
check "the dashboard lists the batch" wait_for "Batch b7" 10
tmux send-keys -t "$SESSION" -l "/batchjob"
tmux send-keys -t "$SESSION" Enter
sleep 0.5
tmux send-keys -t "$SESSION" C
check "C: one dialog for the seven jobs of the view" wait_for "Cancel all 7 active jobs in this view?" 5
check "  ... by type, the view and the server" bash -c "s=\$(tmux capture-pane -p -t $SESSION); grep -qF 'by type:  batchjob 7' <<<\"\$s\" && grep -qF 'search \"batchjob\"' <<<\"\$s\" && grep -qF 'server:   127.0.0.1:$PORT' <<<\"\$s\""
sleep 0.3
tmux set-buffer -b count "7"
tmux paste-buffer -p -b count -t "$SESSION"
tmux send-keys -t "$SESSION" y Enter
check "a paste of 7 and y then Enter: aborted" wait_for "aborted" 5
check "  ... nothing sent" test "$(status_of b1)" = queued
tmux send-keys -t "$SESSION" C
check "C again" wait_for "Cancel all 7 active jobs in this view?" 5
sleep 0.3
tmux send-keys -t "$SESSION" -l "7"
tmux send-keys -t "$SESSION" Enter
check "7 then Enter: the cancels are sent" wait_for "cancel of 7 jobs sent" 5
sleep 2
for j in b1 b2 b3 b4 b5 b6 b7; do
    check "$j is cancelled on the server" test "$(status_of $j)" = cancelled
done
for j in n1 n2 p1 p2 r1 o00; do
    check "$j is still untouched" test "$(status_of $j)" != cancelled
done
check "the dashboard's cancels and declines are audited" test "$(grep '"front_end":"dashboard"' "$AUDIT" | grep -c '"job_id":"b')" -ge 14
tmux send-keys -t "$SESSION" q
check "the token appears in no output or audit line" bash -c "! grep -rqF '$TOKEN' '$OUT' '$WORK/state'"
finish
