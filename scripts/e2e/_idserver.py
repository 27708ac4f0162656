"""A jobs server of our own for wrongjob.sh: two jobs whose ids are equal to
Swift's String (canonically equivalent) but differ in bytes, routed by the raw
bytes of the path as real servers route them. Every cancel POST is logged, one
line of the id's bytes in hex, so the script knows exactly which job was hit.
GET of 'slow_job' answers after 2 s (to type ahead of `tasks-tui cancel`)."""
import json, sys, time, urllib.parse
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from datetime import datetime, timedelta, timezone

port, log_path = int(sys.argv[1]), sys.argv[2]
now = datetime.now(timezone.utc)
def stamp(minutes):
    return (now - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
JOBS = {
    "job_caf\u00e9".encode(): {"type": "video_generation", "title": "Composed", "created_at": stamp(1)},
    "job_cafe\u0301".encode(): {"type": "store_scraping", "title": "Decomposed", "created_at": stamp(2)},
    b"slow_job": {"type": "research", "title": "Slow one", "created_at": stamp(3)},
}
STATUS = {key: "processing" for key in JOBS}

def body(key):
    job = dict(JOBS[key])
    job.update({"job_id": key.decode(), "status": STATUS[key], "progress_data": {"percentage": 40, "current_step": "working"}})
    return job

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def reply(self, code, value):
        data = json.dumps(value).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def key(self, path, suffix=""):
        raw = path[len("/api/v1/jobs/"):]
        if suffix:
            raw = raw[: -len(suffix)]
        return urllib.parse.unquote_to_bytes(raw)
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/api/v1/jobs":
            return self.reply(200, {"jobs": [body(k) for k in JOBS]})
        key = self.key(path)
        if key == b"slow_job":
            time.sleep(2)
        if key in JOBS:
            return self.reply(200, body(key))
        self.reply(404, {"detail": "Not found"})
    def do_POST(self):
        path = self.path.split("?")[0]
        if path.startswith("/api/v1/jobs/") and path.endswith("/cancel"):
            key = self.key(path, "/cancel")
            with open(log_path, "a") as log:
                log.write(key.hex() + "\n")
            if key in JOBS:
                STATUS[key] = "cancelled"
                return self.reply(200, body(key))
        self.reply(404, {"detail": "Not found"})

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
