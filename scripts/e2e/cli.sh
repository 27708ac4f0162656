#!/usr/bin/env bash
# End to end: every one-shot command's exit status against the simulator,
# and the token never appearing in any output, log or audit line.
source "$(dirname "$0")/_lib.sh"
build
PORT=$(free_port)
TOKEN="e2e-secret-$RANDOM$RANDOM"
printf '%s\n' "$TOKEN" > "$WORK/token"
chmod 600 "$WORK/token"
start_sim "$PORT" --jobs 10 --seed 5 --token-file "$WORK/token"
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
export TASKS_API_URL="http://127.0.0.1:$PORT" TASKS_API_TOKEN_FILE="$WORK/token"
OUT="$WORK/out"
mkdir -p "$OUT"
auth() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }
add_job() { auth -X POST "http://127.0.0.1:$PORT/_sim/jobs" -d "$1" >/dev/null; }

add_job '{"job_id":"run1","status":"processing","type":"video_generation","progress_data":{"percentage":20,"current_step":"Generating scene 1 of 5"}}'
add_job '{"job_id":"fast1","status":"processing","type":"scraping","progress_data":{"percentage":50},"_sim":{"advance_seconds":2}}'
add_job '{"job_id":"fail1","status":"failed","type":"research","error_data":{"message":"LLM context length exceeded"}}'
add_job '{"job_id":"gone1","status":"cancelled","type":"scraping"}'
add_job '{"job_id":"stuck1","status":"processing","type":"scraping","_sim":{"cancel":"ignore"}}'
add_job '{"job_id":"stuck2","status":"processing","type":"scraping"}'

add_job '{"job_id":"long1","status":"processing","type":"video_generation_with_a_long_type_name","title":"A very long title that a table would cut long before it ends: Unboxing short","progress_data":{"percentage":5,"current_step":"A step text long enough to be cut in any table of fixed width"}}'
run 0 "list" list
check "piped list: tab-separated with a header line" grep -qP '^ID\tSTATUS\tTYPE\tTITLE\tPCT\tSTEP\tCREATED\tENDED\tELAPSED$' "$OUT/$n.out"
check "piped list: the injected job's fields, tab-separated" grep -qP "^run1\tprocessing\tvideo_generation\t\t20%\tGenerating scene 1 of 5\t" "$OUT/$n.out"
check "piped list: cut -f3 is the type alone" bash -c "grep '^long1' '$OUT/$n.out' | cut -f3 | grep -qx video_generation_with_a_long_type_name"
check "tasks-tui list | grep -F 'Unboxing short' finds the job (nothing cut)" bash -c "'$BIN' list | grep -F 'Unboxing short' | grep -qF 'in any table of fixed width'"
run 64 "a mistyped command" lsit
check "  ... is named, with the nearest command" grep -qF "unknown command 'lsit'; did you mean 'list'?" "$OUT/$n.err"
run 64 "options before the command, words after it" --profile production cancel x y
check "  ... the hint gives the line with the command first" grep -qF "the command comes first, then its options: tasks-tui cancel --profile production x y." "$OUT/$n.err"
check "  ... in one short line, no usage text" bash -c "[ \$(wc -l < '$OUT/$n.err') -eq 1 ] && ! grep -q Usage '$OUT/$n.err'"
run 64 "a bad value" list --limit 0
check "  ... a short message without the usage text" bash -c "grep -q 'limit must be' '$OUT/$n.err' && ! grep -q Usage '$OUT/$n.err' && [ \$(wc -c < '$OUT/$n.err') -lt 120 ]"
TASKS_API_URL= run 64 "a configuration error" list --config "$WORK/nonexistent.json"
check "  ... without the usage text" bash -c "grep -q 'no config file' '$OUT/$n.err' && ! grep -q Usage '$OUT/$n.err'"
TASKS_API_URL="http://127.0.0.1:$PORT/prefix" run 4 "an API URL whose path has no API (the path is kept)" list
check "  ... says the URL is wrong, naming the path it tried" grep -q "127.0.0.1:$PORT/prefix/api/v1/jobs: no jobs API here; check the API URL" "$OUT/$n.err"
mkdir -p "$WORK/home/.config/tasks-tui"
cp "$WORK/token" "$WORK/home/hometoken" && chmod 600 "$WORK/home/hometoken"
printf '{"token_file":"~/hometoken"}' > "$WORK/home/.config/tasks-tui/config.json"
HOME="$WORK/home" XDG_CONFIG_HOME= XDG_STATE_HOME= TASKS_API_TOKEN_FILE= run 0 "HOME elsewhere: its config file and its ~/token are used" list
HOME="$WORK/home" XDG_CONFIG_HOME= XDG_STATE_HOME= TASKS_API_TOKEN_FILE= run 0 "config with HOME elsewhere" config
check "  ... the config file, token file, log and audit log are under \$HOME" bash -c "grep -q '^config file: $WORK/home/.config/tasks-tui/config.json' '$OUT/$n.out' && grep -q '^token_file .*$WORK/home/hometoken' '$OUT/$n.out' && grep -q '^log_file .*$WORK/home/.local/state/' '$OUT/$n.out' && grep -q '^audit_log .*$WORK/home/.local/state/' '$OUT/$n.out'"
run 0 "list --json" list --status failed --json
check "list --json is JSON for jq" python3 -c "import json; d=json.load(open('$OUT/$n.out')); assert any(j['job_id']=='fail1' for j in d['jobs'])"
run 64 "list with a bad status" list --status nope
run 0 "show" show run1
check "show prints every field" grep -q "Generating scene 1 of 5" "$OUT/$n.out"
run 0 "show --json" show fail1 --json
# Local times come from the C library (no ICU): TZ is honoured, summer time included.
add_job '{"job_id":"tz1","status":"completed","type":"research","created_at":"2024-01-15T10:00:00Z","completed_at":"2024-07-15T10:00:00Z"}'
TZ=Asia/Kolkata run 0 "show under TZ=Asia/Kolkata" show tz1
check "  ... created 10:00Z reads 15:30 +05:30" grep -qF "2024-01-15 15:30:00 +05:30   2024-01-15 10:00:00Z" "$OUT/$n.out"
TZ=America/New_York run 0 "show under TZ=America/New_York" show tz1
check "  ... 05:00 -05:00 in January, 06:00 -04:00 in July" bash -c "grep -qF '2024-01-15 05:00:00 -05:00' '$OUT/$n.out' && grep -qF '2024-07-15 06:00:00 -04:00' '$OUT/$n.out'"
TZ=UTC run 0 "list --status completed under TZ=UTC" list --status completed
check "  ... CREATED of a January job is its date, not today" bash -c "grep '^tz1' '$OUT/$n.out' | grep -qP '\t2024-01-15 10:00'"
run 4 "show an unknown job" show nope
run 9 "cancel without a terminal and without --yes refuses" cancel run1
run 0 "cancel --yes cancels" cancel run1 --yes
check "the server says cancelled" bash -c "curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/v1/jobs/run1 | grep -q '\"cancelled\"'"
run 7 "cancel a finished job (409 or already final)" cancel gone1 --yes
run 4 "cancel an unknown job" cancel nope --yes
run 8 "cancel a job that ignores it" cancel stuck1 --yes
run 9 "cancel in --read-only refuses" cancel stuck2 --yes --read-only
# Several ids: one line per job; the exit status is the most severe (4 unknown before 7 finished).
add_job '{"job_id":"multi1","status":"processing","type":"scraping"}'
add_job '{"job_id":"multi2","status":"queued","type":"ocr"}'
run 4 "cancel several ids: the most severe status" cancel multi1 multi2 gone1 nope --yes
check "one line per cancelled job" bash -c "grep -qx 'job multi1 cancelled' '$OUT/$n.out' && grep -qx 'job multi2 cancelled' '$OUT/$n.out'"
check "one line per job not cancelled" bash -c "grep -q 'gone1 is already cancelled' '$OUT/$n.err' && grep -q 'nope' '$OUT/$n.err' && test \$(wc -l < '$OUT/$n.err') = 2"
check "both are cancelled on the server" bash -c "for j in multi1 multi2; do curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/v1/jobs/\$j | grep -q '\"cancelled\"' || exit 1; done"
run 9 "several ids without a terminal and without --yes refuse each" cancel stuck2 multi1
check "each refusal on its own line" test "$(wc -l < "$OUT/$n.err")" = 2
run 0 "watch a job to completion" watch fast1 --interval 0.5
run 1 "watch a failed job" watch fail1
check "watch prints error_data.message" grep -q "LLM context length exceeded" "$OUT/$n.out"
run 2 "watch a cancelled job" watch run1
run 3 "watch past its time" watch stuck2 --interval 0.5 --timeout 2
run 4 "watch an unknown job" watch nope
t0=$(date +%s.%N)
run 3 "watch --interval 10 --timeout 3 waits for the deadline" watch stuck2 --interval 10 --timeout 3
check "  ... 3 s, not the 0.05 s of before" python3 -c "import time; d=time.time()-$t0; assert 2.9 < d < 6, d"
check "watch's line names the job" grep -q "stuck2" "$OUT/$n.out"
t0=$(date +%s.%N)
TASKS_API_URL="http://127.0.0.1:1" run 6 "watch --timeout 3 with the server down exits 6" watch stuck2 --timeout 3
check "  ... at the deadline" python3 -c "import time; d=time.time()-$t0; assert 2.9 < d < 8, d"
check "watch --help documents exit 6" bash -c "'$BIN' watch --help | grep -q '6 no usable answer'"
check "no --help line is longer than 80 columns" bash -c "for c in '' dashboard demo list show cancel watch config simulate; do COLUMNS=80 '$BIN' \$c --help; done | awk 'length > 80 { bad=1 } END { exit bad }'"
run 0 "config" config
check "config shows the token only as set, and that the token file won" \
    grep -qE '^token +set +\(environment TASKS_API_TOKEN_FILE\)' "$OUT/$n.out"
TASKS_API_TOKEN_FILE= run 5 "no token: unauthorized" list
TASKS_API_URL="http://127.0.0.1:1" run 6 "server unreachable" list
TASKS_API_URL= run 64 "no server configured" list
TASKS_API_URL="http://example.invalid:8080" run 64 "token over plain http to a remote host is refused" list
chmod 644 "$WORK/token"
run 64 "a token file readable by others is refused" list
check "the refusal says how to fix it" grep -q "chmod 600" "$OUT/$n.err"
run 64 "config agrees: the same token file is not usable" config
check "config does not claim the token is set" grep -q "^token .*not usable" "$OUT/$n.out"
chmod 640 "$WORK/token"
run 64 "mode 640 is refused as open to the group" list
check "  ... and says so" grep -q "readable by its group or by others" "$OUT/$n.err"
run 64 "simulate refuses a token file the client would refuse" simulate --port 0 --token-file "$WORK/token"
chmod 600 "$WORK/token"
run 0 "completions" --generate-completion-script bash
check "the completion script names the commands" grep -q "watch" "$OUT/$n.out"
check "the completion script offers --status values" grep -q "'processing'" "$OUT/$n.out"

printf '{"profiles":{"p":{"read_olny":true}}}' > "$WORK/typo.json"; chmod 600 "$WORK/typo.json"
run 64 "a typo inside a profile is an error" config --config "$WORK/typo.json"
check "  ... naming the key" grep -q 'unknown key "read_olny"' "$OUT/$n.err"
printf '{"poll_rules":[{"match":"x","intervl":5,"interval":5,"max_duration":60}]}' > "$WORK/typo2.json"; chmod 600 "$WORK/typo2.json"
run 64 "a typo inside poll_rules names the key" config --config "$WORK/typo2.json"
check "  ... unknown key intervl" grep -q 'unknown key "intervl"' "$OUT/$n.err"
printf '{}' > "$WORK/open.json"; chmod 666 "$WORK/open.json"
run 64 "a config file others can write is refused" config --config "$WORK/open.json"
check "  ... with the chmod that fixes it" grep -qF "fix it with: chmod go-w $WORK/open.json" "$OUT/$n.err"
ln -s "$WORK/token" "$WORK/token-link"
run 64 "a token file that is a symbolic link is refused" list --token-file "$WORK/token-link"
check "  ... and says so" grep -q "is a symbolic link" "$OUT/$n.err"
mkdir -p "$WORK/audit-dir"
run 9 "cancel with an audit log that cannot be written" cancel run1 --yes --read-only --audit-log "$WORK/audit-dir"
check "  ... says on stderr the attempt is not on record" grep -q "audit log not written.*not on record" "$OUT/$n.err"
check "faults: error_rate 5 is refused (400)" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -X POST http://127.0.0.1:$PORT/_sim/faults -d '{\"error_rate\":5}') = 400 ]"
check "faults: a body that is not JSON is refused (400), the faults kept" bash -c "curl -s -H 'Authorization: Bearer $TOKEN' -X POST http://127.0.0.1:$PORT/_sim/faults -d '{\"latency_ms\":1}' >/dev/null; [ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -X POST http://127.0.0.1:$PORT/_sim/faults -d 'latency_ms=5') = 400 ] && curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/_sim/faults | grep -q '\"latency_ms\" *: *1'; r=\$?; curl -s -o /dev/null -H 'Authorization: Bearer $TOKEN' -X DELETE http://127.0.0.1:$PORT/_sim/faults; exit \$r"
check "faults: an unknown key is refused (400)" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -X POST http://127.0.0.1:$PORT/_sim/faults -d '{\"bogus\":1}') = 400 ]"
check "faults: latency_ms 1e300 is refused, and the simulator lives" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -X POST http://127.0.0.1:$PORT/_sim/faults -d '{\"latency_ms\":1e300}') = 400 ] && curl -sf -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/_sim/faults >/dev/null"
run 64 "simulate on a port in use says so" simulate --port "$PORT"
check "  ... in words" grep -q "already in use" "$OUT/$n.err"
check "  ... without the NIO call" bash -c "! grep -q 'bind(descriptor' '$OUT/$n.err'"

# cancel on a terminal: the prompt names the title; each poll on one line rewritten in place.
add_job '{"job_id":"tty1","status":"processing","type":"scraping","title":"Spring catalogue","_sim":{"cancel":"ignore"}}'
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 100 -y 20 "bash --norc --noprofile"
tmux send-keys -t "$SESSION" "env XDG_STATE_HOME=$WORK/state TASKS_API_URL=$TASKS_API_URL TASKS_API_TOKEN_FILE=$WORK/token $BIN cancel tty1; echo EXIT=\$?" Enter
check "cancel on a terminal: the prompt names the title" wait_for 'title:    Spring catalogue' 10
check "  ... and asks" wait_for 'Cancel it? [y/N]' 2
# Typed after the question is on screen (what was typed before it is discarded).
sleep 0.3
tmux send-keys -t "$SESSION" y Enter
check "  ... after y, each poll's state is shown" wait_for "poll 2: tty1 is processing" 20
check "  ... on one line updated in place" bash -c "[ \$(tmux capture-pane -p -t '$SESSION' | grep -c 'poll ') -eq 1 ]"
check "  ... and it ends with exit 8" wait_for "EXIT=8" 20

# demo: its cancels stay out of the user's audit log.
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 120 -y 30 "bash --norc --noprofile"
tmux send-keys -t "$SESSION" "env TERM=xterm-256color XDG_STATE_HOME=$WORK/demostate $BIN demo --jobs 24; echo EXIT=\$?" Enter
wait_for "DEMO" 10 || true
sleep 1
tmux send-keys -t "$SESSION" f
sleep 0.5
tmux send-keys -t "$SESSION" c
check "demo: the cancel dialog opens" wait_for "Cancel this job?" 5
tmux send-keys -t "$SESSION" y
# The row shows CANCELLING, or, when the simulator answered first, the footer says so.
check "  ... the cancel is sent" wait_for_re "CANCEL|job [^ ]+ cancelled" 5
tmux send-keys -t "$SESSION" q
wait_for "EXIT=" 10 || true
check "  ... and no audit line is written" bash -c "[ ! -s '$WORK/demostate/tasks-tui/audit.log' ]"

# The token never appears anywhere we wrote.
check "the token appears in no output" bash -c "! grep -rqF '$TOKEN' '$OUT'"
check "the token appears in no log or audit line" bash -c "! grep -rqF '$TOKEN' '$WORK/state'"
check "every cancel attempt is audited" bash -c "[ \$(wc -l < '$WORK/state/tasks-tui/audit.log') -ge 6 ]"
check "audit lines carry user, host, job, type and outcome" grep -q '"host":".*"job_id":"run1","outcome":"cancelled".*"type":"video_generation","user":"' "$WORK/state/tasks-tui/audit.log"
finish
