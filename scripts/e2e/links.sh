#!/usr/bin/env bash
# Links (#16 point 3): a URL in a job's result is written as a well-formed OSC 8
# link with hyperlinks=on and as plain text with hyperlinks=off, the screen text
# the same either way (tmux's own copy of the screen: nothing garbled); a hostile
# URL is never linked; Y copies the job's id through tmux (set-clipboard on) by OSC 52.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 4 --seed 5
URL="http://127.0.0.1:$PORT"
# Newest, so it is the first row and selected.
future=$(python3 -c 'import datetime; print((datetime.datetime.utcnow()+datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
LINK="https://cdn.example.com/reports/q3-summary.pdf?sig=a1b2c3"
LONG="https://cdn.example.com/archive/$(printf 'x%.0s' $(seq 1 150))/end.pdf"
sim_post /_sim/jobs "{\"job_id\":\"e2e_links\",\"status\":\"failed\",\"type\":\"research\",\"title\":\"Links\",\"created_at\":\"$future\",\"completed_at\":\"$future\",\"progress_data\":{\"percentage\":100},\"error_data\":{\"message\":\"quota, see https://status.example.com/i/42\"},\"result_data\":{\"report\":\"$LINK\",\"long\":\"$LONG\",\"zevil\":\"https://evil.example/\\u001b]8;;https://x.example\\u0007\"}}" >/dev/null
tmux set-option -g set-clipboard on

# The stream's OSC 8 sequences: every one well formed (ESC ] 8 ; ; printable-URL ESC \),
# every open closed, and the URLs linked, one per line.
osc8() {
    python3 - "$WORK/stream" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
starts = [m.start() for m in re.finditer(rb"\x1b\]8;", data)]
good = list(re.finditer(rb"\x1b\]8;;([\x21-\x5b\x5d-\x7e]*)\x1b\\", data))
if len(starts) != len(good):
    print("MALFORMED"); sys.exit(0)
depth = 0
for m in good:
    depth = depth + 1 if m.group(1) else depth - 1
    if depth not in (0, 1):
        print("UNBALANCED"); sys.exit(0)
if depth != 0:
    print("UNCLOSED"); sys.exit(0)
for url in sorted({m.group(1).decode() for m in good if m.group(1)}):
    print(url)
PY
}
# The details pane's lines from "Error" on (the result's too), as tmux shows them, without hints and footer.
result_lines() { screen | sed -n '/^Error/,$p' | head -n -2; }

# hyperlinks=on
start_dashboard "$URL" TASKS_HYPERLINKS=on
check "up" wait_for "Links" 15
tmux send-keys -t "$SESSION" Enter
check "details open" wait_for "Steps seen" 5
tmux send-keys -t "$SESSION" G
check "the result at the end of the pane" wait_for "Result" 5
sleep 1.5
links=$(osc8)
check "hyperlinks=on: OSC 8 well formed and closed ($(echo "$links" | head -1 | cut -c1-40))" bash -c "[ \"\$1\" != MALFORMED ] && [ \"\$1\" != UNBALANCED ] && [ \"\$1\" != UNCLOSED ]" _ "$(echo "$links" | head -1)"
check "hyperlinks=on: the result's URL is a link" grep -qxF "$LINK" <<<"$links"
check "hyperlinks=on: the long URL is one link to the whole URL" grep -qxF "$LONG" <<<"$links"
check "hyperlinks=on: the error message's URL is a link" grep -qxF "https://status.example.com/i/42" <<<"$links"
check "hyperlinks=on: the hostile URL is not linked, nor anything but these three" test "$(echo "$links" | wc -l)" = 3
check "the URL that fits is whole on one line" bash -c "tmux capture-pane -p -t $SESSION | grep -qF '$LINK'"
# The long URL: its lines from column 0, put together, are the URL.
joined=$(screen | sed -n '/"long"/,/end.pdf/p' | tail -n +2 | tr -d '\n')
check "the long URL continues from column 0 with nothing inserted" bash -c "[[ \"\$1\" == \"$LONG\"* ]]" _ "$joined"
on_lines=$(result_lines)
tmux send-keys -t "$SESSION" k k k k k j
sleep 1
on_scrolled=$(result_lines)
on_stream=$(wc -c < "$WORK/stream")

# Y: the id on tmux's clipboard, and the footer says so.
tmux send-keys -t "$SESSION" Y
check "Y: the footer says the id was copied" wait_for "copied id e2e_links to the clipboard (OSC 52)" 3
check "Y: tmux (set-clipboard on) holds the id" bash -c "[ \"\$(tmux show-buffer)\" = e2e_links ]"
check "Y: the stream carries OSC 52 with the id in base64" grep -qaF "$(printf '\033]52;c;%s' "$(printf e2e_links | base64)")" "$WORK/stream"
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 5 || true

# hyperlinks=off: no OSC 8 at all, and the same text on screen.
start_dashboard "$URL" TASKS_HYPERLINKS=off
wait_for "Links" 15 || true
tmux send-keys -t "$SESSION" Enter
wait_for "Steps seen" 5 || true
tmux send-keys -t "$SESSION" G
wait_for "Result" 5 || true
sleep 1.5
check "hyperlinks=off: no OSC 8 in the stream" bash -c "! grep -qaF $'\e]8;' $WORK/stream"
check "hyperlinks=off: the same result text as with links" test "$(result_lines)" = "$on_lines"
tmux send-keys -t "$SESSION" k k k k k j
sleep 1
check "after scrolling: the same text as with links (curses' screen not corrupted)" test "$(result_lines)" = "$on_scrolled"
echo "bytes written with links: $on_stream; without: $(wc -c < "$WORK/stream")"
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 5 || true
finish
