#!/usr/bin/env bash
# End to end: the dashboard in a real pty (tmux) against the simulator.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 12 --seed 3
# The job we will cancel: newest, so it is the first row.
future=$(python3 -c 'import datetime; print((datetime.datetime.utcnow()+datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
sim_post /_sim/jobs "{\"job_id\":\"e2e_target\",\"status\":\"processing\",\"type\":\"video_generation\",\"title\":\"E2E target\",\"created_at\":\"$future\",\"progress_data\":{\"percentage\":33,\"current_step\":\"Generating scene 2 of 7\"}}" >/dev/null

tmux new-session -d -s "$SESSION" -x 120 -y 30 "bash --norc --noprofile"
tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.before; TERM=xterm-256color $BIN --api-url http://127.0.0.1:$PORT; echo EXIT=\$?" Enter

check "header and rows appear" wait_for "connected" 15
check "the simulated jobs are listed" wait_for "E2E target" 10
check "the first row is selected" bash -c "tmux capture-pane -p -t $SESSION | grep -F '▸' | grep -qF 'E2E target'"

tmux send-keys -t "$SESSION" j
sleep 0.5
check "j moves the selection off the first job" bash -c "! (tmux capture-pane -p -t $SESSION | grep -F '▸' | grep -qF 'E2E target')"
tmux send-keys -t "$SESSION" g
sleep 0.5

# c then n: nothing is sent.
tmux send-keys -t "$SESSION" c
check "c asks, naming the job" wait_for "Cancel this job?" 5
check "the dialog names the id" wait_for "e2e_target" 2
tmux send-keys -t "$SESSION" n
sleep 1
cancels=$(sim_get /_sim/stats | json 'd["requests_by_route"].get("POST /api/v1/jobs/{id}/cancel", 0)')
check "c then n sends nothing" test "$cancels" = "0"
check "the abort is reported" wait_for "aborted" 3

# c then y: the simulator reports it cancelled.
tmux send-keys -t "$SESSION" c
wait_for "Cancel this job?" 5 || true
tmux send-keys -t "$SESSION" y
sleep 2
status=$(sim_get /api/v1/jobs/e2e_target | json 'd["status"]')
check "c then y cancels the job on the server" test "$status" = "cancelled"
check "the dashboard shows it cancelled" wait_for "cancelled" 5

# Resize: the layout follows.
tmux resize-window -t "$SESSION" -x 80 -y 24
sleep 1
fits() { screen | python3 -c "import sys; sys.exit(0 if max(len(l.rstrip('\n')) for l in sys.stdin) <= $1 else 1)"; }
check "a resize re-lays out (80 columns)" fits 80
check "the header survives the resize" wait_for "connected" 3
tmux resize-window -t "$SESSION" -x 50 -y 8
sleep 1
check "below 60x10: too-small message" wait_for "terminal too small" 3
tmux resize-window -t "$SESSION" -x 120 -y 30
sleep 1
check "back to full size" wait_for "E2E target" 5

# q leaves the shell usable, the terminal as it was.
tmux send-keys -t "$SESSION" q
check "q quits with status 0" wait_for "EXIT=0" 5
tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.after; echo SHELL_OK" Enter
check "the shell is usable after quitting" wait_for "SHELL_OK" 5
check "stty settings are restored" diff -q "$WORK/stty.before" "$WORK/stty.after"
finish
