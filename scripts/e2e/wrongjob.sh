#!/usr/bin/env bash
# End to end: a cancel reaches exactly the job the user saw named. Against a
# small server of our own (_idserver.py) holding two ids that Swift's String
# calls equal (é as one code point, and as e + a combining accent): two rows,
# and the cancel goes to the bytes the dialog named; a 50x8 pane: c, y sends
# nothing; `tasks-tui cancel ID` with y typed ahead of its question: nothing sent.
source "$(dirname "$0")/_lib.sh"
build
export HOME="$WORK/home" XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
mkdir -p "$HOME"
PORT=$(free_port)
CANCELS="$WORK/cancels.log"
: > "$CANCELS"
python3 "$(dirname "$0")/_idserver.py" "$PORT" "$CANCELS" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; cleanup' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/jobs" && break; sleep 0.1; done
NFC=$(python3 -c 'print("job_caf\u00e9".encode().hex())')
NFD=$(python3 -c 'print("job_cafe\u0301".encode().hex())')
sent() { wc -l < "$CANCELS" | tr -d ' '; }

start_dashboard "http://127.0.0.1:$PORT" TASKS_API_TOKEN=e2e-token HOME=$HOME
check "two rows for the two byte-different ids" wait_for "Decomposed" 15
check "  ... both titles on screen" bash -c "s=\$(tmux capture-pane -p -t $SESSION); grep -qF Composed <<<\"\$s\" && grep -qF Decomposed <<<\"\$s\""

# The second row (older): Decomposed, e + U+0301.
tmux send-keys -t "$SESSION" j
sleep 0.5
tmux send-keys -t "$SESSION" c
check "the dialog names the exact spelling" wait_for 'exact id: job_cafe\u{301}' 5
check "  ... and that job's type" wait_for "store_scraping" 2
tmux send-keys -t "$SESSION" y
for _ in $(seq 1 30); do [ "$(sent)" -ge 1 ] && break; sleep 0.2; done
check "one cancel sent" test "$(sent)" = "1"
check "  ... to the decomposed bytes, not the composed ones" test "$(head -1 "$CANCELS")" = "$NFD"
check "the audit line holds the exact spelling and its own type" bash -c "$BIN audit --job \"\$(printf 'job_cafe\\xcc\\x81')\" --json | grep -qF '\"type\":\"store_scraping\"'"

# A pane too small for the dialog: c then y sends nothing, and the footer says why.
tmux resize-window -t "$SESSION" -x 50 -y 8 2>/dev/null || tmux resize-pane -t "$SESSION" -x 50 -y 8
sleep 0.8
tmux send-keys -t "$SESSION" k
sleep 0.3
# c, then y a second later (after any paint): typed-ahead discarding plays no part.
tmux send-keys -t "$SESSION" c
sleep 1
tmux send-keys -t "$SESSION" y
sleep 1
check "50x8: c, y sends nothing" test "$(sent)" = "1"
tmux resize-window -t "$SESSION" -x 120 -y 30 2>/dev/null || true
sleep 0.8
check "  ... back at 120x30 the footer says the terminal was too small" wait_for "too small" 3
tmux send-keys -t "$SESSION" q
sleep 0.5

# tasks-tui cancel: a y typed before the question is discarded (the slow read holds the question back 2 s).
tmux send-keys -t "$SESSION" "clear; TASKS_API_TOKEN=e2e-token $BIN cancel slow_job --api-url http://127.0.0.1:$PORT; echo CLI_EXIT=\$?" Enter
sleep 0.5
tmux send-keys -t "$SESSION" y Enter
check "the question shows the job" wait_for "Cancel it? [y/N]" 6
check "  ... with its type and title" bash -c "s=\$(tmux capture-pane -p -t $SESSION); grep -qF 'type:     research' <<<\"\$s\" && grep -qF 'Slow one' <<<\"\$s\""
sleep 0.5
check "the y typed ahead answered nothing: still asking, nothing sent" bash -c "! tmux capture-pane -p -t $SESSION | grep -qF CLI_EXIT && test \"\$(wc -l < $CANCELS)\" = 1"
tmux send-keys -t "$SESSION" n Enter
check "  ... n declines: exit 9" wait_for "CLI_EXIT=9" 5
check "  ... and nothing was sent" test "$(sent)" = "1"
finish
