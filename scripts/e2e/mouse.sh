#!/usr/bin/env bash
# The mouse, through a real pty: a click selects, a double-click opens the
# details, the wheel scrolls, a click on a column title sorts (again: reversed);
# mouse reporting is turned off after q, SIGTERM and Ctrl-C, and --no-mouse (or
# TASKS_MOUSE=false) never turns it on. Clicks are typed as the SGR reports an
# xterm sends (`ESC [ < button ; column ; row M`, 1-based), which is what
# ncurses reads for TERM=xterm-256color.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 0
URL="http://127.0.0.1:$PORT"
# 40 jobs that do not change: mouse_00 newest … mouse_39 oldest; progress rises with the number.
jobs=$(python3 -c '
import datetime, json
now = datetime.datetime.now(datetime.timezone.utc)
print(json.dumps([{"job_id": "mouse_%02d" % i, "status": "processing", "type": "research",
  "title": "Mouse job %02d" % i, "created_at": (now - datetime.timedelta(minutes=i + 1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
  "progress_data": {"percentage": i * 2, "current_step": "step %02d" % i}} for i in range(40)]))')
sim_post /_sim/jobs "$jobs" >/dev/null

# mouse BUTTON X Y: one SGR press (and, for a click, its release) at screen cell X, Y counted from 0.
mouse() {
    tmux send-keys -t "$SESSION" -l $'\e'"[<$1;$(($2 + 1));$(($3 + 1))M"
    [ "$1" -lt 64 ] && tmux send-keys -t "$SESSION" -l $'\e'"[<$1;$(($2 + 1));$(($3 + 1))m"
    return 0
}
# selected_on ROW TEXT: the selection arrow is on screen row ROW, which shows TEXT.
selected_on() {
    local line
    line=$(screen | sed -n "$(($1 + 1))p")
    [[ "$line" == "▸"*"$2"* ]]
}
wait_selected() {  # wait_selected ROW TEXT
    for _ in $(seq 1 25); do selected_on "$1" "$2" && return 0; sleep 0.2; done
    return 1
}
# stream_has REGEX: the bytes the dashboard wrote match REGEX (Python syntax).
stream_has() {
    python3 - "$WORK/stream" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
sys.exit(0 if re.search(sys.argv[2], text) else 1)
PY
}
buttons_only() { stream_has '\x1b\[\?[0-9;]*1000[0-9;]*h' && ! stream_has '\x1b\[\?[0-9;]*100[23][0-9;]*h'; }
# pane_mouse: the pane's mouse modes as tmux tracks them: "standard button all".
pane_mouse() { tmux display-message -p -t "$SESSION" '#{mouse_standard_flag} #{mouse_button_flag} #{mouse_all_flag}'; }
mouse_gone() { [ "$(tmux display-message -p -t "$SESSION" '#{mouse_any_flag}')" = 0 ]; }
never_enabled() { ! stream_has '\x1b\[\?[0-9;]*(1000|1002|1003|1006)[0-9;]*h'; }
# mouse_off_last: the last mouse-reporting sequence written turns it off (?1000l after any ?1000h).
mouse_off_last() {
    python3 -c "
import re, sys; t = open('$WORK/stream', 'rb').read().decode('utf-8', 'replace')
on = [m.end() for m in re.finditer(r'\x1b\[\?[0-9;]*1000h', t)]
off = [m.end() for m in re.finditer(r'\x1b\[\?1000l', t)]
sys.exit(0 if on and off and off[-1] > on[-1] else 1)"
}
start_dashboard "$URL"
check "up" wait_for "Mouse job 00" 15
sleep 0.5
check "button-event reporting on (?1000h), never motion (?1002h/?1003h)" buttons_only
check "tmux sees button events on, drag and all-motion off" test "$(pane_mouse)" = "1 0 0"

# A click on screen row 7 (the 5th job row: mouse_04) selects it.
mouse 0 40 7
check "click selects the row clicked" wait_selected 7 "Mouse job 04"
mouse 0 40 4
check "another click selects another row" wait_selected 4 "Mouse job 01"

# The wheel: three rows a notch, the selection keeping its place on screen.
mouse 65 40 10
check "wheel down: the selection stays on its screen row, three jobs on" wait_selected 4 "Mouse job 04"
check "wheel down: the first row shown is mouse_03" bash -c "tmux capture-pane -p -t $SESSION | sed -n 4p | grep -q 'Mouse job 03'"
mouse 64 40 10
check "wheel up scrolls back" wait_selected 4 "Mouse job 01"

# A click on the PROGRESS title sorts by progress (mouse_39 first); again reverses.
title_x=$(screen | sed -n 3p | python3 -c 'import sys; print(sys.stdin.read().index("PROGRESS"))')
mouse 0 $((title_x + 2)) 2
check "title click sorts by progress" wait_for "sort: progress" 3
tmux send-keys -t "$SESSION" g  # the selection stayed on its job; to the top
sleep 0.3
check "title click: highest progress first" bash -c "tmux capture-pane -p -t $SESSION | sed -n 4p | grep -q 'Mouse job 39'"
mouse 0 $((title_x + 2)) 2
check "second title click reverses" wait_for "progress reversed" 3
tmux send-keys -t "$SESSION" g
sleep 0.3
check "reversed: lowest progress first" bash -c "tmux capture-pane -p -t $SESSION | sed -n 4p | grep -q 'Mouse job 00'"

# A double-click opens the details of the job under it.
mouse 0 40 5
mouse 0 40 5
check "double-click opens the details of the job under it" wait_for "mouse_02" 3
check "double-click: the details pane" wait_for "Esc back" 3

# Every way out turns mouse reporting off: q (after the clicks above), SIGTERM, Ctrl-C.
for way in q TERM C-c; do
    if [ "$way" != q ]; then
        start_dashboard "$URL"
        wait_for "Mouse job 00" 15 || true
    fi
    case $way in
        TERM) kill -TERM "$(dashboard_pid)"; status=143 ;;
        *) tmux send-keys -t "$SESSION" "$way"; status=0 ;;
    esac
    check "$way ends it" wait_for "EXIT=$status" 3
    check "$way: mouse reporting turned off (?1000l) after it was last on" mouse_off_last
    check "$way: tmux sees no mouse mode left on" mouse_gone
done

# --no-mouse, and the config key through its variable: never turned on at all.
start_dashboard "$URL" -- --no-mouse
check "--no-mouse: up" wait_for "Mouse job 00" 15
check "--no-mouse: tmux sees no mouse mode on" mouse_gone
tmux send-keys -t "$SESSION" '?'
check "--no-mouse: the help says the mouse is off" wait_for "off (--no-mouse" 3
tmux send-keys -t "$SESSION" q q
check "--no-mouse: quits" wait_for "EXIT=0" 3
check "--no-mouse: no mouse-enable sequence ever written" never_enabled
start_dashboard "$URL" TASKS_MOUSE=false
check "TASKS_MOUSE=false: up" wait_for "Mouse job 00" 15
tmux send-keys -t "$SESSION" q
check "TASKS_MOUSE=false: quits" wait_for "EXIT=0" 3
check "TASKS_MOUSE=false: no mouse-enable sequence ever written" never_enabled
finish
