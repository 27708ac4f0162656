#!/usr/bin/env python3
"""One scale of scripts/perf/scale.sh: reads WORK/{a,b}.json (stats with
freshness of the tasks-tui and the reference simulator), WORK/{a,b}-active.json
(the jobs active at the end) and WORK/header (the dashboard's header line);
prints a table row, then the details of the row.

usage: scale_report.py JOBS SECONDS WORK
"""
import datetime, json, sys

JOBS, SECONDS, WORK = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
LIST_INTERVAL = 30
# PollRules.reference: the first rule whose words occur in the type wins.
RULES = [(["avatar", "product_video"], 10, 30), (["scrap"], 5, 10), (["video", "sora"], 10, 45),
         (["strategic", "_persona_", "_personas_", "angle", "analysis", "research_summary"], 10, 90),
         (["research"], 10, 50), (["_ad_", "_ads_", "advert", "creative", "_adgen", "image_template", "remix"], 6, 30)]


def policy(job_type):
    name = "_" + job_type.lower().replace("-", "_").replace(" ", "_") + "_"
    return next(((i, m * 60) for words, i, m in RULES if any(w in name for w in words)), (10, 60 * 60))


def when(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def load(name):
    with open(f"{WORK}/{name}") as f:
        return json.load(f)


def api(stats):
    routes = lambda key: {k: v for k, v in stats[key].items() if k.startswith(("GET /api", "POST /api"))}
    requests, sizes = routes("requests_by_route"), routes("bytes_by_route")
    lists = dict(stats.get("lists_by_status", {}))
    lists["bytes"] = sizes.get("GET /api/v1/jobs", 0)
    return sum(requests.values()), sum(sizes.values()), lists


def client(side):
    stats, every = load(f"{side}.json"), {j["job_id"]: j for j in load(f"{side}-jobs.json")["jobs"]}
    active = {i: j for i, j in every.items() if j["status"] in ("queued", "processing")}
    requests, size, lists = api(stats)
    now = datetime.datetime.now(datetime.timezone.utc)
    covered, over, worst, shown_seconds = stats.get("freshness", {}), [], None, 0.0
    for job_id, f in covered.items():
        # A job not yet seen finished is still shown as it was at its last read.
        finished = f.get("finished", f.get("since_last") is None)
        open_gap = 0 if finished else f.get("since_last") or 0
        gap = max(f["max_gap"], open_gap)
        # Seconds the client has been showing it active: first read to the read that showed it finished.
        if "since_first" in f:
            shown_seconds += f["since_first"] - (f["since_last"] if f.get("finished") else 0)
        job = every.get(job_id, {})
        interval, maximum = policy(job.get("type", ""))
        start = when(job.get("started_at")) or when(job.get("created_at"))
        overdue = job_id in active and start is not None and (now - start).total_seconds() > maximum
        # An overdue job is read by the active lists only, once per list interval.
        limit = (LIST_INTERVAL if overdue else interval) + 1
        excess = gap - (limit - 1)
        if worst is None or excess > worst[0]:
            worst = (excess, job_id, gap, limit - 1)
        if gap > limit:
            over.append((job_id, round(gap, 2), limit - 1))
    shown = sum(1 for j in active if j in covered)
    return dict(requests=requests, bytes=size, lists=lists, covered=len(covered), shown=shown,
                active=len(active), over=over, worst=worst, seconds=shown_seconds)


a, b = client("a"), client("b")
try:
    header = open(f"{WORK}/header").read().strip()
except OSError:
    header = ""
per = lambda key: (a[key] / max(1, a["covered"])) / max(1e-9, b[key] / max(1, b["covered"]))
# The same per second of active job shown (a job shown for 5 s is not one shown for 90 s).
per_s = lambda key: (a[key] / max(1, a["seconds"])) / max(1e-9, b[key] / max(1, b["seconds"]))
worst = lambda c: f"{c['worst'][0]:+.2f} s" if c["worst"] else "-"
print(f"| {JOBS} ({a['active']}) | {a['covered']} / {b['covered']} | {a['requests']} | {b['requests']} | "
      f"{a['requests'] / max(1, b['requests']):.2f} | **{per('requests'):.2f}** | {a['bytes']:,} | {b['bytes']:,} | "
      f"{a['bytes'] / max(1, b['bytes']):.2f} | **{per('bytes'):.2f}** | {len(a['over'])} ({worst(a)}) / {len(b['over'])} ({worst(b)}) |")
for name, c in (("tasks-tui", a), ("reference", b)):
    print(f"--jobs {JOBS}, {name}: {c['requests']} requests (lists {c['lists']}), {c['bytes']:,} bytes; "
          f"active jobs covered over the run {c['covered']}, at the end {c['shown']} of {c['active']}; "
          f"over interval + 1 s: {c['over'][:6]}{' ...' if len(c['over']) > 6 else ''}")
if a["seconds"] and b["seconds"]:
    print(f"--jobs {JOBS}, per active job-second shown, tasks-tui / reference: requests {per_s('requests'):.2f}, "
          f"bytes {per_s('bytes'):.2f}")
print(f"--jobs {JOBS}, dashboard header: {header}")
