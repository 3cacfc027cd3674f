"""``govspider schedule FILE``: run declarative schedules (cron) that start campaigns on the full stack."""

from __future__ import annotations

import click

from ._fullstack import mongo_option, redis_option, services_or_exit


@click.command("schedule")
@click.argument("schedule_file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="validate and print the next fire times, start nothing")
@click.option("--run-now", "run_now", default=None, metavar="JOB", help="start this job's campaign once, now")
@redis_option
@mongo_option
def command(schedule_file, dry_run, run_now, redis_url, mongo_url):
    """Start campaigns when their cron expressions fire (e.g. quarterly full checks, weekly home pages)."""
    from govspider.distributed.connection import get_redis, mongo_url as resolve_mongo, redis_url as resolve_redis
    from govspider.schedule import ScheduleError, load_schedule, next_runs, run_job, serve

    try:
        schedule = load_schedule(schedule_file)
    except ScheduleError as exc:
        raise click.UsageError(str(exc)) from None
    if dry_run:
        for name, times in next_runs(schedule).items():
            click.echo(f"{name}: " + ", ".join(t.strftime("%Y-%m-%d %H:%M %Z") for t in times))
        return
    with services_or_exit():
        redis_url, mongo_url = resolve_redis(redis_url), resolve_mongo(mongo_url)
        if any(job.watch is None for job in schedule.jobs):  # campaigns need the stack; watch jobs do not
            get_redis(redis_url)
            from govspider.storage.mongo import MongoPageStore

            MongoPageStore.from_uri(mongo_url).close()
        if run_now:
            jobs = {j.name: j for j in schedule.jobs}
            if run_now not in jobs:
                raise click.UsageError(f"no job {run_now!r} in {schedule_file} (jobs: {', '.join(jobs)})")
            click.echo(run_job(jobs[run_now], redis_url, mongo_url))
            return
        click.echo(f"定期检查：{len(schedule.jobs)} 个任务（时区 {schedule.timezone}），Ctrl-C 停止", err=True)
        serve(schedule, redis_url, mongo_url)
