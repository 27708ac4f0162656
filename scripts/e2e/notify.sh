#!/usr/bin/env bash
# End to end (issue #16, point 4): `w` watches a job; when it ends the dashboard rings the
# bell and sends OSC 9/777 (wrapped in tmux's passthrough, since this runs in tmux), with the
# server's text sanitised; `notify: off` sends neither; `watch --notify` does the same on a
# terminal and writes nothing into a pipe or a file.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 4 --seed 3

# job ID MINUTES_AHEAD [STATUS] [ADVANCE_SECONDS] [ERROR]: a job created in the future (so it
# is the newest, the selected first row), of a type polled every 5 s.
job() {
    python3 - "$@" <<'PY'
import datetime, json, sys
id, ahead = sys.argv[1], int(sys.argv[2])
status = sys.argv[3] if len(sys.argv) > 3 else "processing"
advance = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
error = sys.argv[5] if len(sys.argv) > 5 else None
t = (datetime.datetime.utcnow() + datetime.timedelta(minutes=ahead)).strftime("%Y-%m-%dT%H:%M:%SZ")
job = {"job_id": id, "status": status, "type": "store_scraping", "title": "Watch " + id, "created_at": t,
       "progress_data": {"percentage": 10, "current_step": "working"}}
if error is not None:
    job["error_data"] = {"message": error}
if advance is not None:
    job["_sim"] = {"advance_seconds": advance}
print(json.dumps(job))
PY
}
stream_has() { grep -qaF -- "$1" "$WORK/stream"; }
stream_lacks() { ! grep -qaF -- "$1" "$WORK/stream"; }

# 1. A watched job completes: footer, bell, OSC 9 in tmux's passthrough.
sim_post /_sim/jobs "$(job w1 5 processing 6)" >/dev/null
start_dashboard "http://127.0.0.1:$PORT" TASKS_NOTIFY=osc9
check "the dashboard is up, w1 selected" wait_for "Watch w1" 15
tmux send-keys -t "$SESSION" w
check "w: the footer says it is watched" wait_for "watching" 3
check "w: the header counts it" wait_for "◉ 1 watched" 3
check "the ending is in the footer" wait_for "completed in" 30
sleep 0.5
check "the stream has the bell" stream_has $'\a'
check "the stream has OSC 9, wrapped for tmux" stream_has $'\ePtmux;\e\e]9;tasks-tui: job completed: Watch w1'
check "... and the watched count is gone" bash -c "! (tmux capture-pane -p -t $SESSION | grep -qF '◉ 1 watched')"
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 5 || true

# 2. A watched job fails with hostile text: OSC 777 (WezTerm, known by WEZTERM_PANE), the
#    server's ESC/BEL never reach the terminal, and a network error before it rings nothing.
sim_post /_sim/jobs "$(job w2 6)" >/dev/null
start_dashboard "http://127.0.0.1:$PORT" WEZTERM_PANE=1
check "the dashboard is up, w2 selected" wait_for "Watch w2" 15
tmux send-keys -t "$SESSION" w
check "w2 watched" wait_for "◉ 1 watched" 3
sim_post /_sim/faults '{"error_rate": 1, "error_status": 503}' >/dev/null
check "a 503 while watched: no ending" bash -c "sleep 7; ! grep -qaF \$'\a' '$WORK/stream'"
check "  ... still watched" wait_for "◉ 1 watched" 1
sim_post /_sim/faults '{}' >/dev/null
sim_post /_sim/jobs "$(job w2 6 failed '' $'quota\e]0;pwned\a exceeded\e[2J')" >/dev/null
check "the failure is in the footer" wait_for "failed after" 30
sleep 0.5
check "the stream has OSC 777 with the error, wrapped for tmux" \
    stream_has $'\ePtmux;\e\e]777;notify;tasks-tui: job failed;Watch w2'
check "the server's OSC 0 never reaches the terminal" stream_lacks $'\e]0;pwned'
check "nor its ESC[2J" stream_lacks $'exceeded\e[2J'
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 5 || true

# 3. notify: off: the footer says how it ended; no bell, no OSC.
sim_post /_sim/jobs "$(job w3 7 processing 5)" >/dev/null
start_dashboard "http://127.0.0.1:$PORT" TASKS_NOTIFY=off KITTY_WINDOW_ID=1
check "the dashboard is up, w3 selected" wait_for "Watch w3" 15
tmux send-keys -t "$SESSION" w
check "off: the footer says notify is off" wait_for "notify: off" 3
check "off: the ending is in the footer" wait_for "completed in" 30
sleep 0.5
check "off: no bell in the stream" stream_lacks $'\a'
check "off: no OSC 9 or 777" bash -c "! grep -qaE ']9;|]777;' '$WORK/stream'"
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 5 || true

# 4. watch --notify on a terminal: the bell and OSC 9 (kitty) on stderr; into files: nothing.
sim_post /_sim/jobs "$(job w4 8 processing 4)" >/dev/null
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 120 -y 30 "bash --norc --noprofile"
: > "$WORK/stream"
tmux pipe-pane -t "$SESSION" -o "cat >> $WORK/stream"
tmux send-keys -t "$SESSION" "env TERM=xterm-256color KITTY_WINDOW_ID=1 $BIN watch --notify --interval 1 --api-url http://127.0.0.1:$PORT w4; echo EXIT=\$?" Enter
check "watch --notify: completed" wait_for "EXIT=0" 30
check "watch --notify: the bell and OSC 9 on the terminal" stream_has $'\a\ePtmux;\e\e]9;tasks-tui: job completed: Watch w4'
sim_post /_sim/jobs "$(job w5 9 processing 3)" >/dev/null
env TMUX= KITTY_WINDOW_ID=1 "$BIN" watch --notify --interval 1 --api-url "http://127.0.0.1:$PORT" w5 \
    >"$WORK/out" 2>"$WORK/err" </dev/null || true
check "watch --notify into files: it completed" grep -qF completed "$WORK/out"
check "watch --notify into files: no bell, no OSC in stdout or stderr" \
    bash -c "! grep -qaE \$'\a|\e\\\\]' '$WORK/out' '$WORK/err'"
finish
