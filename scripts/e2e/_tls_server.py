# A tiny jobs API over TLS for network.sh: python3 _tls_server.py PORT CERT KEY [CLIENT_CA]
# Serves one job on GET /api/v1/jobs*; with CLIENT_CA, requires a client certificate it signed.
# Logs each request's Authorization presence to stderr.
import http.server, json, ssl, sys

JOB = {"job_id": "job_tls_1", "status": "processing", "type": "video_generation", "title": "over tls",
       "created_at": "2024-01-15T10:00:00Z", "completed_at": None,
       "progress_data": {"percentage": 45, "current_step": "step", "estimated_time_remaining": 120},
       "result_data": {}, "error_data": {}}

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"jobs": [JOB]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        sys.stderr.write("request auth=%s\n" % ("yes" if self.headers.get("Authorization") else "no"))
        sys.stderr.flush()

port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
if len(sys.argv) > 4:
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(sys.argv[4])
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.socket = context.wrap_socket(server.socket, server_side=True)
print("ready", flush=True)
server.serve_forever()
