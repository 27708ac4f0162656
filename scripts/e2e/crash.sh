#!/usr/bin/env bash
# A crash never leaves the terminal raw: a fatal signal (SIGSEGV, SIGILL, as a
# Swift trap or a bad pointer would raise) restores the saved terminal modes,
# leaves the alternate screen, shows the cursor and turns mouse reporting off,
# then the process still dies
# of that signal.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 10 --seed 3
URL="http://127.0.0.1:$PORT"

for sig in SEGV ILL ABRT; do
    start_dashboard "$URL"
    check "$sig: up" wait_for "connected" 15
    check "$sig: in the alternate screen while running" \
        test "$(tmux display-message -p -t "$SESSION" '#{alternate_on}')" = 1
    check "$sig: mouse reporting on while running" \
        test "$(tmux display-message -p -t "$SESSION" '#{mouse_any_flag}')" = 1
    pid=$(dashboard_pid)
    kill -"$sig" "$pid"
    num=$(kill -l "$sig")
    check "$sig: dies of the signal (exit $((128 + num)))" wait_for "EXIT=$((128 + num))" 10
    check "$sig: alternate screen left" \
        test "$(tmux display-message -p -t "$SESSION" '#{alternate_on}')" = 0
    check "$sig: mouse reporting off" test "$(tmux display-message -p -t "$SESSION" '#{mouse_any_flag}')" = 0
    tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.after" Enter; sleep 0.5
    check "$sig: stty -a equals the one before" diff "$WORK/stty.before" "$WORK/stty.after"
done
finish
