"""Declarative schedules (定期检查): YAML jobs with cron expressions, run by APScheduler 3.x.

A schedule file lists jobs; each starts a campaign on the full stack when its cron fires::

    timezone: Asia/Shanghai
    jobs:
      - name: 季度全面检查            # a full check in the first month of each quarter, 100 % sampled
        cron: "0 2 1 1,4,7,10 *"      # minute hour day month day-of-week
        sites: sites/hunan.yaml
        sample: 1.0
        ruleset: "2019"
      - name: 首页更新周检            # weekly home-page freshness check
        cron: "0 6 * * mon"
        sites: sites/hunan.yaml
        sample: 1.0
        max_pages: 1                  # home pages only
        max_depth: 0

:func:`load_schedule` validates a file (every problem named with its job); :func:`run_job` starts
one campaign (sampling, record in MongoDB, seeds in Redis) — or, for a job with ``watch:``, runs the
light daily check (govspider watch) with its webhooks; :func:`finish_campaigns` analyzes and
publishes the scheduled campaigns whose crawl is drained (workers crawl them meanwhile);
:func:`serve` blocks, fires jobs and finishes campaigns every :data:`FINISH_SECONDS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

import yaml

logger = logging.getLogger(__name__)
#: how often the scheduler looks for drained campaigns to analyze and publish (and replays the spool)
FINISH_SECONDS = 300


class ScheduleError(ValueError):
    """A schedule file that cannot be used; the message names every problem."""


@dataclasses.dataclass
class Job:
    name: str
    cron: str
    sites: str
    sample: float = 1.0
    by: str | None = "region"
    seed: int | None = None
    ruleset: str = "2019"
    max_pages: int | None = None
    max_depth: int | None = None
    #: a daily light check instead of a campaign (govspider watch): {out: DIR, webhook: URL(s), notify: FILE}
    watch: dict | None = None

    def trigger(self, timezone):
        from apscheduler.triggers.cron import CronTrigger

        return CronTrigger.from_crontab(self.cron, timezone=timezone)

    def settings(self) -> dict:
        out = {}
        if self.max_pages:
            out["GOVSPIDER_MAX_PAGES"] = int(self.max_pages)
        if self.max_depth is not None:
            out["GOVSPIDER_MAX_DEPTH"] = int(self.max_depth)
        return out


@dataclasses.dataclass
class Schedule:
    timezone: str
    jobs: list[Job]


def load_schedule(path: str | Path) -> Schedule:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScheduleError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ScheduleError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list) or not data["jobs"]:
        raise ScheduleError(f"{path}: expected a mapping with a non-empty `jobs` list")
    timezone = str(data.get("timezone") or "Asia/Shanghai")
    problems, jobs = [], []
    fields = {f.name for f in dataclasses.fields(Job)}
    for i, raw in enumerate(data["jobs"], 1):
        where = f"job {i}" + (f" ({raw.get('name')})" if isinstance(raw, dict) and raw.get("name") else "")
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        unknown = set(raw) - fields
        missing = {"name", "cron", "sites"} - set(raw)
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(fields))})")
        if missing:
            problems.append(f"{where}: missing {', '.join(sorted(missing))}")
        if unknown or missing:
            continue
        job = Job(**{**raw, "sites": str((path.parent / raw["sites"]) if not Path(raw["sites"]).is_absolute() else raw["sites"])})
        if job.watch is not None:
            problem = _watch_problem(job.watch)
            if problem:
                problems.append(f"{where}: {problem}")
            else:
                job.watch = {k: (str(path.parent / v) if k in ("out", "notify") and not Path(v).is_absolute() else v)
                             for k, v in job.watch.items()}
        try:
            job.trigger(timezone)
        except ValueError as exc:
            problems.append(f"{where}: bad cron {job.cron!r} ({exc}); use 'minute hour day month day-of-week'")
        if not 0 < float(job.sample) <= 1:
            problems.append(f"{where}: sample must be in (0, 1] (got {job.sample})")
        if str(job.ruleset) not in ("2015", "2019"):
            problems.append(f"{where}: ruleset must be 2015 or 2019 (got {job.ruleset})")
        jobs.append(job)
    names = [j.name for j in jobs]
    problems += [f"job name {n!r} used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise ScheduleError(f"{path}: " + "; ".join(problems))
    return Schedule(timezone, jobs)


def _watch_problem(watch) -> str | None:
    if not isinstance(watch, dict) or not watch.get("out"):
        return "watch must be a mapping with `out` (the watch directory), e.g. {out: /var/lib/govspider/watch}"
    unknown = set(watch) - {"out", "webhook", "notify"}
    return f"watch: unknown field(s) {', '.join(sorted(unknown))} (known: out, webhook, notify)" if unknown else None


def next_runs(schedule: Schedule, count: int = 3, now: dt.datetime | None = None) -> dict[str, list[dt.datetime]]:
    """The next ``count`` fire times of each job (for ``govspider schedule --dry-run``)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(schedule.timezone)
    out = {}
    for job in schedule.jobs:
        trigger, times, prev = job.trigger(tz), [], None
        current = now.astimezone(tz) if now else dt.datetime.now(tz)
        for _ in range(count):
            fire = trigger.get_next_fire_time(prev, current)
            if fire is None:
                break
            times.append(fire)
            prev, current = fire, fire + dt.timedelta(seconds=1)
        out[job.name] = times
    return out


def run_job(job: Job, redis_url: str, mongo_url: str, today: dt.date | None = None) -> str:
    """Start the campaign of ``job`` now (as of today); returns its id. A watch job runs the
    light check instead (:func:`run_watch_job`)."""
    if job.watch is not None:
        return run_watch_job(job)
    from govspider.campaigns import new_campaign
    from govspider.distributed.worker import seed_campaign
    from govspider.sites import load_sites
    from govspider.storage.mongo import MongoPageStore

    today = today or dt.date.today()
    record = new_campaign(load_sites(job.sites), today, str(job.ruleset), float(job.sample), job.by, job.seed)
    record["schedule"] = {"job": job.name, "cron": job.cron}
    record["settings"] = job.settings()  # workers apply them to this campaign
    with MongoPageStore.from_uri(mongo_url) as store:
        store.save_campaign(record)
    queued = seed_campaign(record, redis_url, job.settings())
    logger.info("schedule job %s started campaign %s (%d sites queued)", job.name, record["id"], queued)
    return record["id"]


def run_watch_job(job: Job) -> str:
    """``govspider watch`` for ``job``, in its own process (each crawl needs a fresh reactor);
    returns the watch directory. Its warnings go to the job's webhooks."""
    import subprocess
    import sys

    watch = job.watch
    cmd = [sys.executable, "-m", "govspider.cli", "watch", "--sites", job.sites, "--out", watch["out"],
           "--ruleset", str(job.ruleset), "--no-progress"]
    hooks = watch.get("webhook") or []
    for url in [hooks] if isinstance(hooks, str) else hooks:
        cmd += ["--webhook", url]
    if watch.get("notify"):
        cmd += ["--notify", watch["notify"]]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode:
        logger.error("schedule job %s: govspider watch failed (exit %s): %s", job.name, result.returncode, result.stderr[-2000:])
    else:
        logger.info("schedule job %s: %s", job.name, result.stdout.strip().splitlines()[-4:])
    return watch["out"]


def finish_campaigns(redis_url: str, mongo_url: str, index_uri: str, only: str | None = None) -> list[dict]:
    """Analyze and publish (:func:`govspider.publish.analyze_and_publish`) every campaign a
    schedule started whose crawl is drained and which is not published yet (``only``: just that
    one); marks each ``published`` in its record and returns those marks. A campaign Redis knows
    nothing of (never seeded there, or Redis lost it) is left alone: analyzing it would judge
    sites on pages never fetched. Also replays documents spooled while the index was down."""
    from govspider.distributed.connection import get_redis
    from govspider.distributed.queue import ReliableQueue
    from govspider.index import open_index
    from govspider.publish import analyze_and_publish
    from govspider.storage.mongo import MongoPageStore

    server, done = get_redis(redis_url), []
    with MongoPageStore.from_uri(mongo_url) as store:
        for record in store.list_campaigns():
            if not record.get("schedule") or record.get("published") or (only and record["id"] != only):
                continue
            queue = ReliableQueue(server, record["id"])
            if not queue.stats().get("pushed") or not queue.drained():
                continue
            try:
                published = analyze_and_publish(store, record, index_uri)["published"]
            except Exception:  # one campaign that cannot be analyzed must not hold up the others
                logger.exception("campaign %s: analysis or publishing failed; retried at the next pass", record["id"])
                continue
            record["published"] = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                                   **{k: published[k] for k in ("index", "publication", "findings", "verdicts",
                                                                "removed", "pending")}}
            store.save_campaign(record)
            logger.info("campaign %s analyzed and published: %s", record["id"], record["published"])
            done.append({"campaign": record["id"], **record["published"]})
    if not done:
        with open_index(index_uri) as index:
            if hasattr(index, "flush_spool") and index.flush_spool():
                logger.info("replayed spooled documents to %s (%d still pending)", index.uri, index.pending())
    return done


def serve(schedule: Schedule, redis_url: str, mongo_url: str, index_uri: str) -> None:
    """Block: start each job's campaign when its cron fires (workers crawl them) and every
    :data:`FINISH_SECONDS` analyze and publish the drained ones."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone=schedule.timezone)
    for job in schedule.jobs:
        scheduler.add_job(run_job, job.trigger(schedule.timezone), args=[job, redis_url, mongo_url], id=job.name,
                          name=job.name, coalesce=True, max_instances=1, misfire_grace_time=3600)
    if any(job.watch is None for job in schedule.jobs):  # watch jobs publish nothing
        scheduler.add_job(finish_campaigns, "interval", seconds=FINISH_SECONDS, args=[redis_url, mongo_url, index_uri],
                          id="govspider-finish", name="analyze and publish drained campaigns", coalesce=True,
                          max_instances=1, next_run_time=dt.datetime.now(dt.timezone.utc))
    scheduler.start()
