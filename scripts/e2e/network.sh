#!/usr/bin/env bash
# End to end (#17): real TLS servers on loopback with certificates made here by
# openssl (an internal CA, a good certificate, an expired one, one for another
# name, a server requiring a client certificate), and a real proxy (tinyproxy)
# through HTTPS_PROXY / NO_PROXY. Each case checks the exact outcome: listed,
# or the classified error's words and exit status.
source "$(dirname "$0")/_lib.sh"
command -v openssl >/dev/null || { echo "openssl missing"; exit 1; }
TINYPROXY=$(command -v tinyproxy || echo /usr/sbin/tinyproxy)
if [ ! -x "$TINYPROXY" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinyproxy >/dev/null 2>&1 || true
fi
build
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy ALL_PROXY all_proxy NO_PROXY no_proxy SSL_CERT_FILE SSL_CERT_DIR
C="$WORK/certs"
mkdir -p "$C/db"
touch "$C/db/index.txt"
echo 1000 > "$C/db/serial"
cat > "$C/ca.cnf" <<CNF
[ca]
default_ca = tca
[tca]
database = $C/db/index.txt
serial = $C/db/serial
new_certs_dir = $C/db
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
[anything]
commonName = supplied
CNF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$C/ca.key" -out "$C/ca.pem" \
    -days 30 -subj "/CN=Test Internal CA" 2>/dev/null
cert() {  # cert NAME CN SAN START END
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$C/$1.key" -out "$C/$1.csr" \
        -subj "/CN=$2" -addext "subjectAltName=$3" 2>/dev/null
    openssl ca -batch -config "$C/ca.cnf" -cert "$C/ca.pem" -keyfile "$C/ca.key" -in "$C/$1.csr" -out "$C/$1.pem" \
        -startdate "$4" -enddate "$5" -notext >/dev/null 2>&1
}
NOW=$(date -u +%Y%m%d%H%M%SZ)
LATER=$(date -u -d '+30 days' +%Y%m%d%H%M%SZ)
cert good localhost "DNS:localhost,IP:127.0.0.1" "$NOW" "$LATER"
cert expired localhost "DNS:localhost" 20200101000000Z 20210101000000Z
cert other other.example "DNS:other.example" "$NOW" "$LATER"
cert client "support engineer" "DNS:client" "$NOW" "$LATER"
chmod 600 "$C"/*.key

PIDS=()
server() {  # server NAME CERT [CLIENT_CA]: a TLS jobs server; sets PORT_NAME
    local port
    port=$(free_port)
    python3 "$ROOT/scripts/e2e/_tls_server.py" "$port" "$C/$2.pem" "$C/$2.key" ${3:+"$C/$3.pem"} \
        >"$WORK/$1.out" 2>"$WORK/$1.log" &
    PIDS+=($!)
    for _ in $(seq 1 50); do grep -q ready "$WORK/$1.out" 2>/dev/null && break; sleep 0.1; done
    eval "PORT_$1=$port"
}
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; cleanup; }
trap stop_all EXIT
server good good
server expired expired
server other other
server mtls good ca

TOKEN="net-secret-$RANDOM$RANDOM"
printf '%s\n' "$TOKEN" > "$WORK/token"
chmod 600 "$WORK/token"
export TASKS_API_TOKEN_FILE="$WORK/token"
OUT="$WORK/out"
mkdir -p "$OUT"
n=0
# expect STATUS TEXT NAME ARGS...: runs `tasks-tui ARGS`, checks the exit status and that TEXT is in its output.
expect() {
    local expected=$1 text=$2 name=$3; shift 3
    n=$((n + 1))
    set +e
    local command=("$BIN" "$@")
    [ "$1" = env ] && command=("$@")
    timeout 30 "${command[@]}" >"$OUT/$n.out" 2>"$OUT/$n.err" </dev/null
    local status=$?
    set -e
    if [ "$status" = "$expected" ] && grep -qF -- "$text" "$OUT/$n.out" "$OUT/$n.err" \
        && ! grep -qF -- "$TOKEN" "$OUT/$n.out" "$OUT/$n.err"; then
        echo "ok   $name (exit $status)"; PASSED=$((PASSED + 1))
    else
        echo "FAIL $name: exit $status, expected $expected with: $text"; cat "$OUT/$n.out" "$OUT/$n.err" | head -10
        FAILED=$((FAILED + 1))
    fi
}
GOOD="https://localhost:$PORT_good"

# Trust.
expect 10 "certificate not trusted: signed by 'Test Internal CA', which is not a trusted root; add it with --ca-file" \
    "unknown CA" list --api-url "$GOOD"
expect 0 "job_tls_1" "--ca-file" list --api-url "$GOOD" --ca-file "$C/ca.pem"
expect 0 "job_tls_1" "TASKS_CA_FILE" env TASKS_CA_FILE="$C/ca.pem" "$BIN" list --api-url "$GOOD"
expect 0 "job_tls_1" "--ca-file-only" list --api-url "$GOOD" --ca-file "$C/ca.pem" --ca-file-only
expect 0 "job_tls_1" "SSL_CERT_FILE" env SSL_CERT_FILE="$C/ca.pem" "$BIN" list --api-url "$GOOD"
# SSL_CERT_DIR: a hashed directory of roots, as OpenSSL reads it (`openssl rehash` names the links).
mkdir -p "$C/certdir" && cp "$C/ca.pem" "$C/certdir/" && openssl rehash "$C/certdir" >/dev/null 2>&1
expect 0 "job_tls_1" "SSL_CERT_DIR" env SSL_CERT_DIR="$C/certdir" "$BIN" list --api-url "$GOOD"
expect 10 "certificate not trusted" "SSL_CERT_DIR without the CA" env SSL_CERT_DIR="$C" "$BIN" list --api-url "$GOOD"
expect 0 "ca_file $C/ca.pem + system roots" "config shows the trust" config --api-url "$GOOD" --ca-file "$C/ca.pem"
expect 0 "SSL_CERT_FILE $C/ca.pem" "config shows SSL_CERT_FILE" env SSL_CERT_FILE="$C/ca.pem" "$BIN" config
expect 0 "job_tls_1" "--insecure" list --api-url "$GOOD" --insecure
expect 10 "certificate expired: valid from 2020-01-01 00:00 UTC to 2021-01-01 00:00 UTC" "expired" \
    list --api-url "https://localhost:$PORT_expired" --ca-file "$C/ca.pem"
expect 10 "certificate name mismatch: it is for 'other.example', not 'localhost'" "another name" \
    list --api-url "https://localhost:$PORT_other" --ca-file "$C/ca.pem"

# The dashboard's header says the short form; the job list stays empty, nothing shown as failed.
WIDTH=160 start_dashboard "$GOOD" "TASKS_API_TOKEN_FILE=$WORK/token"
check "header: TLS: certificate not trusted" wait_for "cannot reach server: TLS: certificate not trusted" 20
tmux send-keys -t "$SESSION" q
wait_for "EXIT=0" 5 || true

# Client certificates.
MTLS="https://localhost:$PORT_mtls"
expect 10 "give --client-cert and --client-key" "client certificate wanted" list --api-url "$MTLS" --ca-file "$C/ca.pem"
expect 0 "job_tls_1" "client certificate given" \
    list --api-url "$MTLS" --ca-file "$C/ca.pem" --client-cert "$C/client.pem" --client-key "$C/client.key"
chmod 644 "$C/client.key"
expect 64 "chmod 600" "client key readable by others" \
    list --api-url "$MTLS" --ca-file "$C/ca.pem" --client-cert "$C/client.pem" --client-key "$C/client.key"
chmod 600 "$C/client.key"

# --insecure no longer lets the token over plain http; --allow-http-token does. The host is
# 127.0.0.1 written as an IPv4-mapped IPv6 address: not loopback to the check (only 127/8,
# ::1 and localhost are), yet every byte stays on this machine (a closed port: refused).
MAPPED="http://[::ffff:127.0.0.1]:$(free_port)"
expect 64 "--allow-http-token" "--insecure is not plain http" list --api-url "$MAPPED" --insecure
expect 6 "cannot reach server" "--allow-http-token" \
    list --api-url "$MAPPED" --allow-http-token --request-timeout 1

# Proxies.
if [ -x "$TINYPROXY" ]; then
    PROXY_PORT=$(free_port)
    cat > "$WORK/tinyproxy.conf" <<CONF
Port $PROXY_PORT
Listen 127.0.0.1
Timeout 30
LogFile "$WORK/tinyproxy.log"
LogLevel Info
PidFile "$WORK/tinyproxy.pid"
MaxClients 20
Allow 127.0.0.1
ConnectPort $PORT_good
CONF
    "$TINYPROXY" -d -c "$WORK/tinyproxy.conf" >"$WORK/tinyproxy.out" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && break; sleep 0.1; done
    PROXY="http://127.0.0.1:$PROXY_PORT"
    expect 0 "job_tls_1" "HTTPS_PROXY through CONNECT" \
        env HTTPS_PROXY="$PROXY" "$BIN" list --api-url "$GOOD" --ca-file "$C/ca.pem"
    check "the proxy saw the CONNECT" grep -q "CONNECT localhost:$PORT_good" "$WORK/tinyproxy.log"
    check "the proxy never saw the token" bash -c "! grep -qF -- '$TOKEN' '$WORK/tinyproxy.log'"
    before=$(grep -c CONNECT "$WORK/tinyproxy.log")
    expect 0 "job_tls_1" "NO_PROXY=localhost goes direct" \
        env HTTPS_PROXY="$PROXY" NO_PROXY=localhost "$BIN" list --api-url "$GOOD" --ca-file "$C/ca.pem"
    expect 0 "job_tls_1" "NO_PROXY=*" \
        env https_proxy="$PROXY" no_proxy='*' "$BIN" list --api-url "$GOOD" --ca-file "$C/ca.pem"
    check "no CONNECT for the NO_PROXY cases" test "$(grep -c CONNECT "$WORK/tinyproxy.log")" = "$before"
    expect 11 "refused to connect to the API host" "proxy refuses the CONNECT" \
        env HTTPS_PROXY="$PROXY" "$BIN" list --api-url "https://localhost:$PORT_other" --ca-file "$C/ca.pem"
    expect 0 "http://***@127.0.0.1:$PROXY_PORT" "config hides proxy credentials" \
        config --api-url "$GOOD" --proxy "http://alice:pw-secret@127.0.0.1:$PROXY_PORT"
    check "no proxy password in config" bash -c "! grep -qF pw-secret '$OUT/$n.out' '$OUT/$n.err'"
    # A proxy wanting credentials: 407 without them, through with them in the proxy URL (never shown).
    AUTH_PORT=$(free_port)
    sed -e "s/^Port .*/Port $AUTH_PORT/" -e "s|tinyproxy.log|tinyproxy-auth.log|" -e "s|tinyproxy.pid|tinyproxy-auth.pid|" \
        "$WORK/tinyproxy.conf" > "$WORK/tinyproxy-auth.conf"
    echo "BasicAuth alice pw-secret" >> "$WORK/tinyproxy-auth.conf"
    "$TINYPROXY" -d -c "$WORK/tinyproxy-auth.conf" >"$WORK/tinyproxy-auth.out" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$AUTH_PORT") 2>/dev/null && break; sleep 0.1; done
    expect 11 "requires authentication (407)" "proxy wants credentials" \
        env HTTPS_PROXY="http://127.0.0.1:$AUTH_PORT" "$BIN" list --api-url "$GOOD" --ca-file "$C/ca.pem"
    expect 0 "job_tls_1" "proxy credentials in the URL" \
        env HTTPS_PROXY="http://alice:pw-secret@127.0.0.1:$AUTH_PORT" "$BIN" list --api-url "$GOOD" --ca-file "$C/ca.pem"
    check "no proxy password in the output" bash -c "! grep -qF pw-secret '$OUT/$n.out' '$OUT/$n.err'"
    expect 0 "route" "config shows the route" env HTTPS_PROXY="$PROXY" "$BIN" config --api-url "$GOOD"
    check "route names HTTPS_PROXY" grep -q "HTTPS_PROXY" "$OUT/$n.out"
else
    echo "FAIL tinyproxy not available"; FAILED=$((FAILED + 1))
fi
DOWN=$(free_port)
expect 11 "proxy http://127.0.0.1:$DOWN (HTTPS_PROXY): connection refused" "proxy down" \
    env HTTPS_PROXY="http://127.0.0.1:$DOWN" "$BIN" list --api-url "$GOOD" --ca-file "$C/ca.pem"
finish
