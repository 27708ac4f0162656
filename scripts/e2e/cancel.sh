#!/usr/bin/env bash
# End to end (issue #13): no stray key, type-ahead or paste can cancel a job;
# a cancel confirmed while paused goes out at once; the audit log tells the truth.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 6 --seed 5
# The victim: newest, so it is the selected first row.
victim=$(python3 -c 'import datetime, json
t = (datetime.datetime.utcnow() + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({"job_id": "victim", "status": "processing", "type": "research", "title": "Victim",
                  "created_at": t, "progress_data": {"percentage": 10}}))')
sim_post /_sim/jobs "$victim" >/dev/null
cancels() { sim_get /_sim/stats | json 'd["requests_by_route"].get("POST /api/v1/jobs/{id}/cancel", 0)'; }
AUDIT="$WORK/state/tasks-tui/audit.log"

start_dashboard "http://127.0.0.1:$PORT"
check "the dashboard is up, victim selected" wait_for "Victim" 15

# Bracketed paste: never keys.
for text in policy cy xcyz; do
    tmux set-buffer -b e2e "$text"
    tmux paste-buffer -p -d -b e2e -t "$SESSION"
    sleep 0.6
    check "pasting '$text' opens no dialog" bash -c "! (tmux capture-pane -p -t $SESSION | grep -qF 'Cancel this job?')"
    check "pasting '$text' is said to be ignored" wait_for "pasted text ignored" 2
done
check "pasting did not pause" bash -c "! (tmux capture-pane -p -t $SESSION | grep -qF 'paused')"
check "no cancel sent by pastes" test "$(cancels)" = "0"

# Fast typed keys: c opens the dialog, the keys typed ahead of its paint are no answer.
for text in policy cy xcyz; do
    tmux send-keys -t "$SESSION" -l "$text"
    sleep 0.8
    # Close whatever is open (a dialog answered n, or nothing), and resume if paused.
    tmux send-keys -t "$SESSION" n
    sleep 0.4
    if tmux capture-pane -p -t "$SESSION" | grep -qF "paused"; then tmux send-keys -t "$SESSION" p; fi
    sleep 0.8
    check "typing '$text' fast sends no cancel" test "$(cancels)" = "0"
done
check "victim still processing" test "$(sim_get /api/v1/jobs/victim | json 'd["status"]')" = "processing"

# Paused: c, then y after the dialog is painted, goes out at once and names the job.
tmux send-keys -t "$SESSION" g p
check "paused" wait_for "paused" 3
tmux send-keys -t "$SESSION" c
check "the dialog names the job and the server" bash -c "wait_for() { :; }; sleep 1; s=\$(tmux capture-pane -p -t $SESSION); grep -qF 'Cancel this job?' <<<\"\$s\" && grep -qF 'victim' <<<\"\$s\" && grep -qF '127.0.0.1' <<<\"\$s\""
tmux send-keys -t "$SESSION" y
# The footer says "sent … all the same", unless the answer already replaced it.
check "the footer tells the truth while paused" bash -c "for i in \$(seq 15); do tmux capture-pane -p -t $SESSION | grep -qE 'sent all the same|job victim cancelled' && exit 0; sleep 0.2; done; exit 1"
sleep 1
check "exactly one cancel went out" test "$(cancels)" = "1"
check "the job named is the job cancelled" test "$(sim_get /api/v1/jobs/victim | json 'd["status"]')" = "cancelled"
tmux send-keys -t "$SESSION" p
# The victim's own row (its title), not the footer: its status word is cancelled.
row_cancelled() {
    local end=$((SECONDS + 40))
    while [ $SECONDS -lt $end ]; do
        screen | sed -n '4,$p' | grep -F "$1" | grep -qF "cancelled" && return 0
        sleep 0.2
    done
    return 1
}
check "the row shows it cancelled" row_cancelled "$(sim_get /api/v1/jobs/victim | json 'd.get("title") or d["type"]')"
# Space marks three jobs (and a finished one): one dialog, exactly those three cancelled.
marks=$(python3 -c 'import datetime, json
now = datetime.datetime.utcnow()
def job(i, status, minutes):
    t = (now + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"job_id": i, "status": status, "type": "ocr", "title": "Marked " + i, "created_at": t,
            "progress_data": {"percentage": 5}}
print(json.dumps([job("m1", "processing", 9), job("m2", "queued", 8), job("m3", "processing", 7),
                  job("done1", "completed", 6), job("keep1", "processing", 5.5)]))')
sim_post /_sim/jobs "$marks" >/dev/null
tmux send-keys -t "$SESSION" r
check "the marked jobs are listed" wait_for "Marked m1" 10
before=$(cancels)
tmux send-keys -t "$SESSION" g Space j Space j Space j Space
check "the header counts the marks" wait_for "4 marked" 3
tmux send-keys -t "$SESSION" c
sleep 1
check "one dialog lists the three, the finished one skipped" bash -c "s=\$(tmux capture-pane -p -t $SESSION); grep -qF 'Cancel these 3 jobs?' <<<\"\$s\" && grep -qF 'm1  ocr  processing' <<<\"\$s\" && grep -qF 'm3  ocr' <<<\"\$s\" && grep -qF 'done1 (completed)' <<<\"\$s\""
tmux send-keys -t "$SESSION" y
sleep 2
check "exactly three more cancels went out" test "$(cancels)" = "$((before + 3))"
for j in m1 m2 m3; do
    check "$j is cancelled on the server" test "$(sim_get /api/v1/jobs/$j | json 'd["status"]')" = "cancelled"
done
check "the unmarked job is untouched" test "$(sim_get /api/v1/jobs/keep1 | json 'd["status"]')" = "processing"
check "each marked job has its cancelled audit line" bash -c "for i in \$(seq 30); do ok=1; for j in m1 m2 m3; do grep -qF \"\\\"job_id\\\":\\\"\$j\\\",\\\"outcome\\\":\\\"cancelled\\\"\" '$AUDIT' || ok=0; done; [ \$ok = 1 ] && exit 0; sleep 0.5; done; exit 1"
check "the finished one is audited as not sent" grep -qF '"job_id":"done1","outcome":"not sent: already completed"' "$AUDIT"
# a: the audit screen, this server's attempts newest first, read from the file just written.
tmux send-keys -t "$SESSION" a
check "a shows the audit screen for this server" wait_for "cancel attempts on 127.0.0.1:$PORT, newest first" 5
check "  ... with the declined cancel of the victim" wait_for "aborted at the confirmation" 2
check "  ... and the cancels of the marked jobs, newest first" bash -c "tmux capture-pane -p -t $SESSION | grep -m1 -oE ' m[123] ' | grep -q m"
tmux send-keys -t "$SESSION" Enter
check "Enter opens the job of the line" wait_for "Marked m" 5
tmux send-keys -t "$SESSION" Escape
tmux send-keys -t "$SESSION" q
sleep 1
check "the audit log has the declines and the cancel" bash -c "grep -qF '\"job_id\":\"victim\",\"outcome\":\"aborted at the confirmation\"' '$AUDIT' && grep -qF '\"job_id\":\"victim\",\"outcome\":\"cancelled\"' '$AUDIT'"
check "no audit line claims an unsent cancel was sent" bash -c "! grep -q 'NOT sent' '$AUDIT'"
cat "$AUDIT" | sed 's/^/    audit: /' | head -20
finish
