#!/usr/bin/env bash
# Makes the PNG screenshots in docs/screenshots/ in a real xterm under Xvfb:
# `tasks-tui demo --seed 1` at 120x40 (the table, the details pane, the cancel
# dialog) and at 80x24. Not part of CI. Run it again after a visual change and
# look at the pictures before committing them.
#
#   scripts/screenshots.sh            # builds the debug binary if needed
#   BIN=/path/to/tasks-tui scripts/screenshots.sh
#
# Needs Xvfb, xterm, ImageMagick (`import`), DejaVu Sans Mono and tmux; the
# Debian packages are installed with apt-get when missing. The xterm runs
# `tmux attach` (status line off) so the script can read the screen and type
# keys: every step waits for the text it expects on the screen, never for a
# fixed time alone. Takes about 10 seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/docs/screenshots}"
BIN="${BIN:-$ROOT/.build/debug/tasks-tui}"
SEED="${SEED:-1}"
FONT="DejaVu Sans Mono"
FONT_SIZE=11

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xterm >/dev/null || need+=(xterm)
command -v import >/dev/null || need+=(imagemagick)
command -v tmux >/dev/null || need+=(tmux)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
    echo "screenshots: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$BIN" ]; then
    (cd "$ROOT" && swift build --product tasks-tui 2>&1 | tail -1)
fi

WORK="$(mktemp -d)"
export TMUX_TMPDIR="$WORK"
# tmux reads and writes the screen (the ▸ of the selection) as UTF-8 only under a UTF-8 locale.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
XVFB_PID=""
XTERM_PID=""
cleanup() {
    [ -n "$XTERM_PID" ] && kill "$XTERM_PID" 2>/dev/null || true
    tmux kill-server 2>/dev/null || true
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# An X server of our own on a free display (Xvfb picks it and writes its number).
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/display" ] && break; sleep 0.1; done
[ -s "$WORK/display" ] || { echo "Xvfb did not start"; cat "$WORK/xvfb.log"; exit 1; }
export DISPLAY=":$(cat "$WORK/display")"

cat >"$WORK/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal tmux-256color
set -g escape-time 10
set -ga terminal-overrides ",xterm-256color:Tc"
EOF

screen() { tmux capture-pane -p -t shot; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
    local text=$1 limit=${2:-30}
    local end=$((SECONDS + limit))
    while [ $SECONDS -lt $end ]; do
        screen 2>/dev/null | grep -qF -- "$text" && return 0
        sleep 0.2
    done
    echo "screenshots: '$text' never showed; the screen was:"; screen || true
    return 1
}

# settle: until two captures a moment apart agree (a frame is complete), at most 5 s.
settle() {
    local before after end=$((SECONDS + 5))
    before=$(screen)
    while [ $SECONDS -lt $end ]; do
        sleep 0.3
        after=$(screen)
        [ "$after" = "$before" ] && return 0
        before=$after
    done
}

# start COLUMNS ROWS: the demo in tmux, shown by an xterm of exactly that size.
start() {
    local columns=$1 rows=$2
    tmux -f "$WORK/tmux.conf" new-session -d -s shot -x "$columns" -y "$rows" \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config \
         $BIN demo --seed $SEED; sleep 86400"
    xterm -fa "$FONT" -fs "$FONT_SIZE" -geometry "${columns}x${rows}+0+0" -tn xterm-256color -u8 \
        -bg '#1d1f21' -fg '#d8d8d8' -b 8 -xrm 'XTerm*cursorBlink: false' \
        -e sh -c "echo \$WINDOWID > $WORK/window; exec tmux attach -t shot" &
    XTERM_PID=$!
    for _ in $(seq 1 100); do [ -s "$WORK/window" ] && break; sleep 0.1; done
    [ -s "$WORK/window" ] || { echo "xterm did not start"; exit 1; }
    # The xterm client sets the window's size; wait until the program draws at it.
    for _ in $(seq 1 50); do
        [ "$(tmux display-message -p -t shot '#{window_width}x#{window_height}')" = "${columns}x${rows}" ] && break
        sleep 0.1
    done
}

stop() {
    tmux send-keys -t shot q
    sleep 0.3
    kill "$XTERM_PID" 2>/dev/null || true
    wait "$XTERM_PID" 2>/dev/null || true
    XTERM_PID=""
    tmux kill-session -t shot 2>/dev/null || true
    rm -f "$WORK/window"
}

# shot NAME: the xterm's window as docs/screenshots/NAME.png.
shot() {
    settle
    # 256 colours are all a terminal shows: a palette PNG is half the size and looks the same.
    import -window "$(cat "$WORK/window")" -strip -colors 256 "png8:$OUT/$1.png"
    echo "screenshots: $OUT/$1.png ($(identify -format '%wx%h' "$OUT/$1.png"))"
}

# select_row WORD: moves the selection down (from the top) to the first row showing WORD.
select_row() {
    tmux send-keys -t shot Home
    for _ in $(seq 1 40); do
        screen | grep -F "▸" | grep -qF -- "$1" && return 0
        tmux send-keys -t shot Down
        sleep 0.1
    done
    echo "screenshots: no row shows '$1'"; screen; return 1
}

# key KEY TEXT: types KEY, then waits until TEXT shows.
key() {
    tmux send-keys -t shot "$1"
    wait_for "$2"
}

mkdir -p "$OUT"
started=$SECONDS

# 120x40: the table with a mix of states, a finished job selected; its
# details; then a running job's cancel dialog.
start 120 40
wait_for "processing"
wait_for "completed" 60
wait_for "failed" 60
# The selection on a finished job, so the bar shows between two others.
select_row "completed"
shot table-120x40
# Its details: the result the user came for.
key Enter "Result"
shot details-120x40
key Escape "STATUS"
# The first running job's cancel dialog.
select_row "processing"
key c "Cancel this job?"
shot cancel-120x40
tmux send-keys -t shot n
stop

# 80x24: the narrow table.
start 80 24
wait_for "processing"
wait_for "completed" 60
select_row "completed"
shot table-80x24
stop

echo "screenshots: done in $((SECONDS - started)) s"
