#!/usr/bin/env bash
# The load on the API as the work grows (issue #19), side by side with the
# reference algorithm, at simulator --jobs 24, 100 and 300:
#   bash scripts/perf/scale.sh [SECONDS] [SCALES...]      (default 90; 24 100 300)
# At each scale two simulators with the same seed run the same story: one is
# watched by the dashboard (in tmux), the other by scripts/perf/baseline_client.py
# (the list every 30 s, each active job polled at its interval). From each
# simulator's /_sim/stats?freshness=1 it prints requests, response bytes, the
# active jobs each client covers (was shown while active), the ratios per job
# covered, and freshness: for every active job a client covers, the longest
# gap between two reads of it (or since its last read, while it is still
# unread as finished) against its type's interval + 1 s (an overdue job,
# polled by the active lists only, against the list interval + 1 s).
# Debug build unless BIN is set (counts of requests and bytes do not depend on
# the build). PERF_SEED picks the story (default 1). SIM_BIN runs the
# simulators from another binary (to measure an older dashboard against the
# same simulator). Not a test: nothing fails
# on a number; the table is what docs/performance.md records.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN=${1:-90}
shift || true
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(24 100 300)
SEED=${PERF_SEED:-1}
if [ -z "${BIN:-}" ]; then
    swift build --product tasks-tui 2>&1 | tail -1
    BIN="$ROOT/.build/debug/tasks-tui"
fi
WORK=$(mktemp -d) SESSION="scale$$" PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; PIDS=(); }
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; stop_all; rm -rf "$WORK"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SIM_BIN=${SIM_BIN:-$BIN}
sim() {  # sim PORT JOBS
    "$SIM_BIN" simulate --port "$1" --jobs "$2" --seed "$SEED" >/dev/null 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1/_sim/stats" && return; sleep 0.1; done
}
jobs() {  # jobs PORT > file: every job on that simulator now
    curl -s "http://127.0.0.1:$1/api/v1/jobs?status=all&limit=100000"
}
echo "seed $SEED, $SECONDS_PER_RUN s per scale, $(basename "$(dirname "$BIN")") build; $(date -u +%Y-%m-%dT%H:%MZ)"
for JOBS in "${SCALES[@]}"; do
    A=$(port); B=$(port)
    sim "$A" "$JOBS"; sim "$B" "$JOBS"
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    tmux new-session -d -s "$SESSION" -x 160 -y 50 \
        "env TERM=xterm-256color XDG_STATE_HOME=$WORK/state $BIN --api-url http://127.0.0.1:$A"
    python3 scripts/perf/baseline_client.py "http://127.0.0.1:$B" "$SECONDS_PER_RUN" &
    PIDS+=($!)
    sleep "$SECONDS_PER_RUN"
    # Stats first: reading the jobs afterwards must not count.
    curl -s "http://127.0.0.1:$A/_sim/stats?freshness=1" > "$WORK/a.json"
    curl -s "http://127.0.0.1:$B/_sim/stats?freshness=1" > "$WORK/b.json"
    tmux capture-pane -p -t "$SESSION" | sed -n 2p > "$WORK/header"
    jobs "$A" > "$WORK/a-jobs.json"; jobs "$B" > "$WORK/b-jobs.json"
    python3 scripts/perf/scale_report.py "$JOBS" "$SECONDS_PER_RUN" "$WORK" >> "$WORK/rows"
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    stop_all
    sleep 1
done
echo
echo "| simulator \`--jobs\` (active at the end) | active jobs covered: tasks-tui / reference | tasks-tui requests | reference requests | ratio | per job covered | tasks-tui bytes | reference bytes | ratio | per job covered | freshness: jobs over interval + 1 s (worst gap over interval) tasks-tui / reference |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
grep '^|' "$WORK/rows"
echo
grep -v '^|' "$WORK/rows"
