"""``govspider schedule FILE``: run declarative schedules (cron) that start campaigns on the full
stack, then analyze and publish each one when its crawl is drained."""

from __future__ import annotations

import time

import click

from ._fullstack import es_option, mongo_option, redis_option, services_or_exit

#: seconds between looks at a campaign started with --run-now --wait
WAIT_POLL_SECONDS = 10


@click.command("schedule")
@click.argument("schedule_file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="validate and print the next fire times, start nothing")
@click.option("--run-now", "run_now", default=None, metavar="JOB", help="start this job's campaign once, now")
@click.option("--wait", is_flag=True,
              help="with --run-now: wait until workers drained the campaign, then analyze and publish it")
@click.option("--finish", is_flag=True,
              help="only analyze and publish the drained scheduled campaigns once (for cron/timers)")
@redis_option
@mongo_option
@es_option
def command(schedule_file, dry_run, run_now, wait, finish, redis_url, mongo_url, es_url):
    """Start campaigns when their cron expressions fire (e.g. quarterly full checks, weekly home
    pages); analyze and publish each to the search index once its crawl is drained."""
    from govspider.distributed.connection import get_redis, mongo_url as resolve_mongo, redis_url as resolve_redis
    from govspider.index import default_index_uri
    from govspider.schedule import ScheduleError, finish_campaigns, load_schedule, next_runs, run_job, serve

    try:
        schedule = load_schedule(schedule_file)
    except ScheduleError as exc:
        raise click.UsageError(str(exc)) from None
    if dry_run:
        for name, times in next_runs(schedule).items():
            click.echo(f"{name}: " + ", ".join(t.strftime("%Y-%m-%d %H:%M %Z") for t in times))
        return
    if wait and not run_now:
        raise click.UsageError("--wait goes with --run-now JOB")
    index_uri = default_index_uri(es_url)
    with services_or_exit():
        redis_url, mongo_url = resolve_redis(redis_url), resolve_mongo(mongo_url)
        if finish or any(job.watch is None for job in schedule.jobs):  # campaigns need the stack; watch jobs do not
            get_redis(redis_url)
            from govspider.storage.mongo import MongoPageStore

            MongoPageStore.from_uri(mongo_url).close()
        if finish:
            return _echo_published(finish_campaigns(redis_url, mongo_url, index_uri))
        if run_now:
            jobs = {j.name: j for j in schedule.jobs}
            if run_now not in jobs:
                raise click.UsageError(f"no job {run_now!r} in {schedule_file} (jobs: {', '.join(jobs)})")
            campaign = run_job(jobs[run_now], redis_url, mongo_url)
            click.echo(campaign)
            while wait:
                done = finish_campaigns(redis_url, mongo_url, index_uri, only=campaign)
                if done:
                    return _echo_published(done)
                time.sleep(WAIT_POLL_SECONDS)
            return
        click.echo(f"定期检查：{len(schedule.jobs)} 个任务（时区 {schedule.timezone}），Ctrl-C 停止", err=True)
        serve(schedule, redis_url, mongo_url, index_uri)


def _echo_published(done: list[dict]) -> None:
    for item in done:
        click.echo(f"{item['campaign']}: 问题 {item['findings']} 条、网站结论 {item['verdicts']} 条 → {item['index']}"
                   + (f"（{item['pending']} 条暂存待补发）" if item["pending"] else ""))
