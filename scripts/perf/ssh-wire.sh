#!/usr/bin/env bash
# Wire bytes and packets per minute over a real OpenSSH link on loopback:
#   bash scripts/perf/ssh-wire.sh [SECONDS]              the cases of docs/performance.md (default 60 s each)
#   bash scripts/perf/ssh-wire.sh SECONDS LABEL COMMAND  one command of your own, run through `bash -c`
# Starts its own sshd on a free 127.0.0.1 port with throwaway host and user keys in a temp
# directory, runs each command over `ssh -tt` in a 120x40 tmux pane, lets it settle 5 s, then
# reads `bytes_sent` and `segs_out` of the server's socket from `ss -tin`. htop on the same link
# is the reference row. Release build (BIN=... to measure another binary). Not a test: nothing
# fails on a number, timings are noisy.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECONDS_EACH=${1:-60}
SETTLE=5
install_missing() {  # install_missing COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || [[ -x "/usr/sbin/$1" ]] && return
    echo "installing $2" >&2
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null; }
}
install_missing sshd openssh-server
install_missing ssh openssh-client
install_missing htop htop
install_missing tmux tmux
BIN=${BIN:-$ROOT/.build/release/tasks-tui}
[[ -x "$BIN" ]] || { swift build -c release --product tasks-tui 2>&1 | tail -1; }
WORK=$(mktemp -d)
SESSION="wire$$"
PIDS=()
cleanup() {
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# sshd as the current user, keys and config in $WORK.
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/user_key"
cp "$WORK/user_key.pub" "$WORK/authorized_keys"
chmod 600 "$WORK/authorized_keys" "$WORK/host_key" "$WORK/user_key"
SSH_PORT=$(port)
cat > "$WORK/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
PrintMotd no
PrintLastLog no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
CONF
[[ $(id -u) -eq 0 ]] && mkdir -p /run/sshd
/usr/sbin/sshd -f "$WORK/sshd_config" -D -e 2>"$WORK/sshd.log" &
PIDS+=($!)
for _ in $(seq 1 50); do ss -ltnH "( sport = :$SSH_PORT )" | grep -q . && break; sleep 0.1; done

# measure LABEL COMMAND: per-minute wire bytes and packets from the server side of the link.
measure() {
    local label=$1 command=$2
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    tmux new-session -d -s "$SESSION" -x 120 -y 40 \
        "ssh -tt -p $SSH_PORT -i $WORK/user_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR $(id -un)@127.0.0.1 $(printf %q "cd $ROOT && TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$WORK/state exec bash -c $(printf %q "$command")")"
    sleep "$SETTLE"
    local before after
    before=$(ss -tinH state established "( sport = :$SSH_PORT )" | tr ' ' '\n' | grep -E '^(bytes_sent|segs_out):' | tr '\n' ' ')
    sleep "$SECONDS_EACH"
    after=$(ss -tinH state established "( sport = :$SSH_PORT )" | tr ' ' '\n' | grep -E '^(bytes_sent|segs_out):' | tr '\n' ' ')
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    python3 - "$label" "$SECONDS_EACH" "$before" "$after" <<'PY'
import sys
label, seconds, before, after = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
def parse(text):
    fields = dict(item.split(":") for item in text.split())
    return int(fields.get("bytes_sent", 0)), int(fields.get("segs_out", 0))
b0, s0 = parse(before); b1, s1 = parse(after)
if not before.strip() or not after.strip():
    print(f"| {label} | no connection seen | |")
else:
    print(f"| {label} | {(b1 - b0) * 60 / seconds:,.0f} | {(s1 - s0) * 60 / seconds:,.0f} |")
PY
    sleep 1
}

echo "machine: $(nproc) cores, $(uname -sr); $(ssh -V 2>&1); $(htop --version | head -1); date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "| case (120x40, ssh -tt, ${SECONDS_EACH} s after ${SETTLE} s) | wire bytes/min | packets/min |"
echo "| --- | --- | --- |"
if [[ $# -ge 3 ]]; then
    measure "$2" "$3"
    exit 0
fi
SIM=$(port)
"$BIN" simulate --port "$SIM" --jobs 0 >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$SIM/_sim/stats" && break; sleep 0.1; done
python3 - > "$WORK/finished.json" <<'PY'
import json, datetime
now = datetime.datetime.utcnow()
types = ["store_scraping", "bulk_ad_generation", "video_generation", "research", "strategic_analysis", "avatar_video"]
print(json.dumps([{"job_id": f"done_{i:03d}", "status": "completed" if i % 7 else "failed", "type": types[i % 6],
    "title": f"Finished job {i}", "created_at": (now - datetime.timedelta(hours=3, seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "progress_data": {"percentage": 100, "current_step": "Done"}} for i in range(200)]))
PY
curl -s -X POST "http://127.0.0.1:$SIM/_sim/jobs" --data-binary @"$WORK/finished.json" >/dev/null
measure "tasks-tui idle (200 finished jobs)" "$BIN --api-url http://127.0.0.1:$SIM"
measure "tasks-tui demo (busy)" "$BIN demo"
measure "htop (the same link)" "htop"
