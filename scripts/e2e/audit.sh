#!/usr/bin/env bash
# End to end (issue #28): every `tasks-tui cancel` attempt is one JSON line of the
# audit log, and `tasks-tui audit` reads it back: newest first, filtered by job,
# server and time, tab-separated into a pipe, a table on a terminal, old text
# lines still read, escape sequences from a title never printed, the token nowhere.
source "$(dirname "$0")/_lib.sh"
build
export HOME="$WORK/home" XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
mkdir -p "$HOME"
PORT=$(free_port)
TOKEN="e2e-audit-secret-$RANDOM$RANDOM"
printf '%s\n' "$TOKEN" > "$WORK/token"
chmod 600 "$WORK/token"
start_sim "$PORT" --jobs 4 --seed 3 --token-file "$WORK/token"
export TASKS_API_URL="http://127.0.0.1:$PORT" TASKS_API_TOKEN_FILE="$WORK/token"
AUDIT="$WORK/state/tasks-tui/audit.log"
OUT="$WORK/out"
mkdir -p "$OUT"
add_job() { curl -s -H "Authorization: Bearer $TOKEN" -X POST "http://127.0.0.1:$PORT/_sim/jobs" -d "$1" >/dev/null; }
# jsonl EXPR FILE: EXPR on `rows`, the file's JSON lines parsed.
jsonl() { python3 -c "import json,sys; rows=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]; print($1)" "$2"; }

run 0 "no audit log yet: not an error" audit
check "  ... says there is none yet" grep -q "no audit log yet at $AUDIT" "$OUT/$n.err"
check "  ... prints nothing on stdout" test ! -s "$OUT/$n.out"

add_job '{"job_id":"aud1","status":"processing","type":"research","title":"Weekly \u001b]0;pwned\u0007\u001b[2J report","progress_data":{"percentage":10}}'
add_job '{"job_id":"aud2","status":"completed","type":"scraping","title":"Done already"}'
run 0 "cancel aud1 --yes" cancel aud1 --yes
run 7 "cancel aud2 --yes (already completed)" cancel aud2 --yes
check "the audit log is JSON lines, mode 600" bash -c "[ \$(stat -c %a '$AUDIT') = 600 ] && python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' '$AUDIT'"

run 0 "audit --json" audit --json
JS="$OUT/$n.out"
check "  ... every attempt, newest first: aud2 then aud1" test "$(jsonl '[r["job_id"] for r in rows][0]' "$JS")" = "aud2"
check "  ... aud1 cancelled, from the cli" test "$(jsonl 'any(r["job_id"]=="aud1" and r["outcome"]=="cancelled" and r["front_end"]=="cli" for r in rows)' "$JS")" = "True"
check "  ... aud2 not sent: already completed" test "$(jsonl '[r["outcome"] for r in rows if r["job_id"]=="aud2"]' "$JS")" = "['not sent: already completed']"
check "  ... as many entries as lines in the log" test "$(jsonl 'len(rows)' "$JS")" = "$(wc -l < "$AUDIT" | tr -d ' ')"
check "  ... server, user, host, title, action on each" test "$(jsonl 'all(r["server"]=="127.0.0.1:'"$PORT"'" and r["user"] and r["host"] and r["action"]=="cancel" for r in rows) and any(r.get("title")=="Done already" for r in rows)' "$JS")" = "True"
check "  ... no raw escape byte in the JSON" bash -c "! grep -qP '\x1b|\x07' '$JS'"

run 0 "audit --job aud1 --json" audit --job aud1 --json
check "  ... only aud1" test "$(jsonl 'sorted(set(r["job_id"] for r in rows))' "$OUT/$n.out")" = "['aud1']"
run 0 "audit --job aud (no such exact id)" audit --job aud --json
check "  ... nothing, and says so" bash -c "[ ! -s '$OUT/$n.out' ] && grep -q 'no audit entries match' '$OUT/$n.err'"
run 0 "audit --server 127.0.0.1 --since 1h" audit --server 127.0.0.1 --since 1h --json
check "  ... every entry" test "$(wc -l < "$OUT/$n.out")" = "$(wc -l < "$AUDIT")"
run 0 "audit --server elsewhere.example" audit --server elsewhere.example --json
check "  ... none" test ! -s "$OUT/$n.out"

run 0 "audit piped" audit
TSV="$OUT/$n.out"
check "  ... tab-separated, a header line" grep -qP '^TIME\tFRONT_END\tUSER\tHOST\tSERVER\tPROFILE\tJOB\tTYPE\tACTION\tOUTCOME\tTITLE$' "$TSV"
check "  ... eleven fields on every line" bash -c "awk -F'\t' 'NF != 11 { bad = 1 } END { exit bad }' '$TSV'"
check "  ... cut -f7 is the job, newest first" test "$(cut -f7 "$TSV" | sed -n 2p)" = "aud2"
check "  ... the title sanitised: no escape byte, the words kept" bash -c "! grep -qP '\x1b|\x07' '$TSV' && grep -q 'Weekly.*report' '$TSV'"

run 64 "audit --since 5x: a bad duration" audit --since 5x
check "  ... says which forms work" grep -q "not a duration" "$OUT/$n.err"
run 64 "audit --job '': an empty id" audit --job ''

# An audit log written before the JSON format, then appended to by this version.
OLD="$WORK/old/audit.log"
mkdir -p "$WORK/old"
printf '2026-01-02T03:04:05.000Z\tuser=old\thost=h\tsource=dashboard\tserver=legacy:8080\tjob=job_cafe\xcc\x81\tjob_exact=job_cafe\\u{301}\ttype=research\toutcome=aborted at the confirmation\n' > "$OLD"
printf 'garbage line\n' >> "$OLD"
chmod 600 "$OLD"
add_job '{"job_id":"aud3","status":"processing","type":"scraping","progress_data":{"percentage":5}}'
run 0 "cancel appends to an old log" cancel aud3 --yes --audit-log "$OLD"
run 0 "audit of a mixed file (old line, a bad line, JSON lines)" audit --json --audit-log "$OLD"
check "  ... the old line read with its exact id, last (oldest)" test "$(jsonl 'rows[-1]["job_id"].encode().hex()' "$OUT/$n.out")" = "$(printf 'job_cafe\xcc\x81' | od -An -tx1 | tr -d ' \n')"
check "  ... its front end and server" test "$(jsonl 'rows[-1]["front_end"]+" "+rows[-1]["server"]' "$OUT/$n.out")" = "dashboard legacy:8080"
check "  ... the bad line skipped and counted" grep -q "1 line(s) of .* could not be read and were skipped (line 2)" "$OUT/$n.err"
run 0 "audit --server legacy (host, any port)" audit --server legacy --audit-log "$OLD" --json
check "  ... only the old line" test "$(wc -l < "$OUT/$n.out")" = "1"

# On a terminal: an aligned table, nothing from the title reaching the terminal.
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 160 -y 20 "bash --norc --noprofile"
: > "$WORK/stream"
tmux pipe-pane -t "$SESSION" -o "cat >> $WORK/stream"
tmux send-keys -t "$SESSION" "env HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME $BIN audit; echo EXIT=\$?" Enter
check "on a terminal: a table with a header" wait_for "TIME (UTC)" 10
check "  ... exit 0" wait_for "EXIT=0" 5
check "  ... aud1's row, its title sanitised" bash -c "tmux capture-pane -p -t $SESSION | grep -F aud1 | grep -q 'Weekly.*report'"
check "  ... no OSC or clear-screen from the title in the bytes" bash -c "! grep -qaP '\x1b\]0;pwned|\x1b\[2J' '$WORK/stream'"

check "the token appears in no output" bash -c "! grep -rqF '$TOKEN' '$OUT' '$WORK/stream'"
check "the token appears in no audit line" bash -c "! grep -rqF '$TOKEN' '$WORK/state' '$WORK/old'"
finish
