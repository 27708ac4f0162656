#!/usr/bin/env bash
# The terminal: rapid resizes, tiny sizes, TERM=dumb and unknown, NO_COLOR, a
# non-UTF-8 locale, and every way out (q, Ctrl-C, SIGTERM, SIGHUP) within 1 s,
# with no CPU spin and the terminal restored.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 30 --seed 9
URL="http://127.0.0.1:$PORT"

# Rapid resizes, then tiny sizes.
start_dashboard "$URL"
check "up" wait_for "connected" 15
python3 - "$SESSION" <<'PY'
import random, subprocess, sys
random.seed(7)
for _ in range(100):
    subprocess.run(["tmux", "resize-window", "-t", sys.argv[1], "-x", str(random.randint(20, 300)), "-y", str(random.randint(5, 100))])
PY
tmux resize-window -t "$SESSION" -x 120 -y 30
check "100 rapid resizes between 20x5 and 300x100: still alive and drawing" wait_for "connected" 5
tmux resize-window -t "$SESSION" -x 10 -y 3
sleep 0.5
check "10x3: too-small message" wait_for "too small" 3
tmux resize-window -t "$SESSION" -x 1 -y 1
sleep 0.5
check "1x1: still alive" bash -c "kill -0 $(dashboard_pid)"
tmux resize-window -t "$SESSION" -x 120 -y 30
check "back from 1x1" wait_for "connected" 5

# Idle CPU: a few seconds of an idle screen use almost nothing.
pid=$(dashboard_pid)
t1=$(cpu_ticks "$pid"); sleep 10; t2=$(cpu_ticks "$pid")
check "no CPU spin while idle ($((t2 - t1)) ticks in 10 s)" test $((t2 - t1)) -lt 50

# Ways out. q:
tmux send-keys -t "$SESSION" q
check "q ends it" wait_for "EXIT=0" 2
tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.after" Enter; sleep 0.3
check "q: stty restored" diff -q "$WORK/stty.before" "$WORK/stty.after"

# Ctrl-C:
start_dashboard "$URL"
wait_for "connected" 15 || true
tmux send-keys -t "$SESSION" C-c
check "Ctrl-C ends it" wait_for "EXIT=0" 2
tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.after" Enter; sleep 0.3
check "Ctrl-C: stty restored" diff -q "$WORK/stty.before" "$WORK/stty.after"

# SIGTERM:
start_dashboard "$URL"
wait_for "connected" 15 || true
pid=$(dashboard_pid)
kill -TERM "$pid"
check "SIGTERM ends it within 1 s" bash -c "sleep 1; ! kill -0 $pid 2>/dev/null"
check "SIGTERM: exit status 143" wait_for "EXIT=143" 2
tmux send-keys -t "$SESSION" "stty -a > $WORK/stty.after" Enter; sleep 0.3
check "SIGTERM: stty restored" diff -q "$WORK/stty.before" "$WORK/stty.after"

# SIGHUP by closing the pty, as a dropped SSH link does:
start_dashboard "$URL"
wait_for "connected" 15 || true
pid=$(dashboard_pid)
tmux kill-session -t "$SESSION"
check "closed pty (SIGHUP) ends it within 1 s" bash -c "sleep 1; ! kill -0 $pid 2>/dev/null || [ \"\$(awk '{print \$3}' /proc/$pid/stat)\" = Z ]"

# SIGHUP alone, with the pty still open:
start_dashboard "$URL"
wait_for "connected" 15 || true
pid=$(dashboard_pid)
kill -HUP "$pid"
check "SIGHUP ends it within 1 s" bash -c "sleep 1; ! kill -0 $pid 2>/dev/null"

# NO_COLOR: no colour escapes at all.
start_dashboard "$URL" NO_COLOR=1
check "NO_COLOR: up" wait_for "connected" 15
sleep 1
check "NO_COLOR: no colour sequences written" python3 -c "
import re,sys; t=open('$WORK/stream','rb').read().decode('utf-8','replace')
sys.exit(1 if re.search(r'\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5;\d+)m', t) else 0)"
check "NO_COLOR: status still readable as words and symbols" wait_for "processing" 2
tmux send-keys -t "$SESSION" q; wait_for "EXIT=0" 2 || true

# A non-UTF-8 locale: ASCII bars and symbols.
start_dashboard "$URL" LC_ALL=C LANG=C
check "C locale: up" wait_for "connected" 15
check "C locale: ASCII progress bars" bash -c "tmux capture-pane -p -t $SESSION | grep -qE '#+\.+ +[0-9]+%|\.{3,} +0%'"
check "C locale: no non-ASCII bytes written" python3 -c "
import sys; sys.exit(0 if all(b < 0x80 for b in open('$WORK/stream','rb').read()) else 1)"
tmux send-keys -t "$SESSION" q; wait_for "EXIT=0" 2 || true

# TERM=dumb and an unknown TERM: a clear error, no garbage.
tmux send-keys -t "$SESSION" "clear; TERM=dumb $BIN --api-url $URL; echo EXIT=\$?" Enter
check "TERM=dumb: a clear error" wait_for "cannot drive this terminal (TERM=dumb)" 5
check "TERM=dumb: usage exit status" wait_for "EXIT=64" 2
tmux send-keys -t "$SESSION" "clear; TERM=vt-nonesuch $BIN --api-url $URL; echo EXIT=\$?" Enter
check "unknown TERM: a clear error" wait_for "unknown terminal type TERM=vt-nonesuch" 5
finish
