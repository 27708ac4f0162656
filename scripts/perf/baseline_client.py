#!/usr/bin/env python3
"""The obvious client, for comparison: what the reference's Tasks page and
pollJobStatus do together. The list every 30 s, and every active job polled
at its own type's interval from the moment it is seen until it finishes,
one loop per job, no coalescing, no backoff beyond the interval.

usage: baseline_client.py BASE_URL SECONDS
"""
import json, sys, threading, time, urllib.request

BASE, SECONDS = sys.argv[1], float(sys.argv[2])
RULES = [("avatar", 10), ("scrap", 5), ("video", 10), ("sora", 10), ("strategic", 10), ("persona", 10),
         ("angle", 10), ("analysis", 10), ("research", 10), ("_ad_", 6), ("_ads_", 6)]
end = time.monotonic() + SECONDS
polling, lock = set(), threading.Lock()


def interval(job_type):
    name = "_" + job_type.lower().replace("-", "_").replace(" ", "_") + "_"
    return next((i for match, i in RULES if match in name), 10)


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return json.load(response)


def poll(job_id, every):  # pollJobStatus
    while time.monotonic() < end:
        try:
            job = get(f"/api/v1/jobs/{job_id}")
            if job.get("status") in ("completed", "failed", "cancelled"):
                return
        except Exception:
            pass
        time.sleep(every)


while time.monotonic() < end:
    try:
        for job in get("/api/v1/jobs?status=all&limit=50")["jobs"]:
            if job["status"] in ("queued", "processing"):
                with lock:
                    if job["job_id"] in polling:
                        continue
                    polling.add(job["job_id"])
                threading.Thread(target=poll, args=(job["job_id"], interval(job["type"])), daemon=True).start()
    except Exception:
        pass
    time.sleep(min(30, max(0, end - time.monotonic())))
