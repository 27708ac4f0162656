#!/usr/bin/env bash
# Hostile and wide text from the server: the bytes written to the terminal carry
# none of it as a control sequence, rows stay in their columns, the screen stays intact.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
start_sim "$PORT" --jobs 0
python3 - "$PORT" <<'PY'
import json, sys, urllib.request
port = sys.argv[1]
E = "\x1b"
hostile = (E + "]52;c;ZXZpbA==\x07" + E + "]0;PWNED-TITLE\x07" + E + "[21t" + E + "[38;5;201mPINK" + E + "[0m"
           + E + " bare " + "\u009b2J" + "<<RAW:9b>>" + "<<RAW:ff>>" + "\r\b\t\n" + "\x7f"
           + "\u202eevil\u202c" + "\u2066\u2067\u2068\u2069" + "zero\u200b\u200c\u200d\ufeffwidth")
jobs = [
    {"job_id": "hostile_type", "status": "processing", "type": hostile, "title": hostile,
     "progress_data": {"percentage": 12, "current_step": hostile}},
    {"job_id": "hostile_error", "status": "failed", "type": "scraping", "title": "bad error",
     "error_data": {"message": hostile, "details": {"x": hostile}}},
    {"job_id": "huge_step", "status": "processing", "type": "research",
     "progress_data": {"percentage": 50, "current_step": "H" * 1_000_000}},
    {"job_id": "wide_cjk", "status": "processing", "type": "결제-서비스", "title": "世蓮 日本語のタイトル",
     "progress_data": {"percentage": 40, "current_step": "生成中 3/7"}},
    {"job_id": "wide_emoji", "status": "processing", "type": "video_generation", "title": "👩‍🔧 ❤️ 🏳️‍🌈 team",
     "progress_data": {"percentage": 70, "current_step": "scene 👩‍👩‍👧‍👦 3"}},
    {"job_id": "combining", "status": "processing", "type": "scraping", "title": "e" + "\u0301" * 20 + "nd",
     "progress_data": {"percentage": 90, "current_step": "a" + "\u0300\u0301\u0302" * 7 + "z"}},
    {"job_id": "plain_ok", "status": "processing", "type": "scraping", "title": "Plain job",
     "progress_data": {"percentage": 30, "current_step": "Scraping page 3 of 10"}},
]
body = json.dumps(jobs).encode()
urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/_sim/jobs", data=body, method="POST"))
PY
start_dashboard "http://127.0.0.1:$PORT"
check "the dashboard shows the jobs" wait_for "Plain job" 15
check "a raw 0x9B and invalid UTF-8 were really served" bash -c "curl -s http://127.0.0.1:$PORT/api/v1/jobs/hostile_type | python3 -c 'import sys; b=sys.stdin.buffer.read(); sys.exit(0 if b\"\\x9b\" in b.replace(\"\\u009b\".encode(),b\"\") and b\"\\xff\" in b else 1)'"
# Open the details of the hostile jobs too, so every field is drawn.
tmux send-keys -t "$SESSION" g; sleep 0.3
for _ in 1 2 3 4 5 6 7; do
    tmux send-keys -t "$SESSION" Enter; sleep 0.4; tmux send-keys -t "$SESSION" G; sleep 0.3
    tmux send-keys -t "$SESSION" Escape; sleep 0.2; tmux send-keys -t "$SESSION" j; sleep 0.2
done
tmux send-keys -t "$SESSION" g; sleep 1
check "the screen is intact: header, column titles, plain row" bash -c "tmux capture-pane -p -t $SESSION | grep -q 'connected' && tmux capture-pane -p -t $SESSION | grep -q 'STATUS' && tmux capture-pane -p -t $SESSION | grep -q 'Scraping page 3 of 10'"
check "the window title was never set" bash -c "[ \"\$(tmux display -p -t $SESSION '#{pane_title}')\" != PWNED-TITLE ]"
python3 - "$WORK/stream" > "$WORK/stream.report" <<'PY' || true
import sys, unicodedata
raw = open(sys.argv[1], "rb").read()
problems = []
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError as error:
    problems.append(f"invalid UTF-8 written to the terminal at byte {error.start}")
    text = raw.decode("utf-8", "replace")
for needle, name in [("\x1b]", "OSC (clipboard, title)"), ("\x1b[21t", "title report"), ("\x1b[38;5;201m", "server colour code"),
                     ("\x07", "BEL"), ("\x1b]0;PWNED", "OSC 0 window-title set")]:
    if needle in text:
        problems.append(f"{name} sequence in the output")
for ch, name in [("\u009b", "C1 CSI"), ("\u202e", "RLO"), ("\u2066", "LRI"), ("\u2067", "RLI"), ("\u2068", "FSI"),
                 ("\u2069", "PDI"), ("\u200b", "ZWSP"), ("\u200c", "ZWNJ"), ("\u200d", "ZWJ"), ("\ufeff", "BOM"), ("\u202c", "PDF")]:
    if ch in text:
        problems.append(f"{name} character in the output")
print(f"{len(raw)} bytes checked")
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
PY
# (A problem is reported by the check below, not by ending the script here.)
check "the byte stream carries no hostile control sequence or character" bash -c "cat $WORK/stream.report; ! grep -q PROBLEM $WORK/stream.report"
python3 - > "$WORK/align.report" <<PY
import subprocess, unicodedata
lines = subprocess.run(["tmux", "capture-pane", "-p", "-t", "$SESSION"], capture_output=True, text=True).stdout.splitlines()
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch): continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
cols = {}
for line in lines[3:]:
    if "%" in line and ("processing" in line or "failed" in line):
        cols[line[:40]] = width(line[:line.index("%")])
print(cols)
print("ALIGNED" if len(set(cols.values())) == 1 and len(cols) >= 6 else "MISALIGNED")
PY
check "wide, emoji, combining and hostile rows keep the columns aligned" grep -q ALIGNED "$WORK/align.report"
check "no line is wider than the terminal" bash -c "tmux capture-pane -p -t $SESSION | python3 -c 'import sys,unicodedata; w=lambda s: sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in s); sys.exit(0 if all(w(l) <= 120 for l in sys.stdin.read().splitlines()) else 1)'"
[ -n "${SHOW_SCREEN:-}" ] && screen
tmux send-keys -t "$SESSION" q
check "quits cleanly" wait_for "EXIT=0" 5
[ -n "${SHOW_SCREEN:-}" ] && cat "$WORK/align.report"
finish
