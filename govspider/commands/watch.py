"""``govspider watch``: the light daily check — warnings before a site crosses a line (日常预警).

Writes DIR/warnings.jsonl (one warning a line), DIR/warnings.html, DIR/warnings.xlsx; posts the new,
worse and cleared warnings to the webhooks (kept in DIR/notify-spool until they are taken).
Meant to run every day (``govspider schedule``, see deploy/systemd/schedule.yaml).
"""

from __future__ import annotations

import sys

import click


@click.command("watch")
@click.option("--sites", "sites_file", required=True, type=click.Path(dir_okay=False),
              help="sites file (YAML list or CSV with header)")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="watch directory: warnings, state between runs, undelivered notifications")
@click.option("--as-of", "as_of", default=None, help="check date YYYY-MM-DD (default: today)")
@click.option("--ruleset", type=click.Choice(("2015", "2019")), default="2019", show_default=True,
              help="whose lines the warnings measure against")
@click.option("--webhook", "webhooks", multiple=True, metavar="URL",
              help="post warnings here (企业微信 / 钉钉 robot URLs are recognised, others get JSON); repeatable")
@click.option("--notify", "receivers_file", default=None, type=click.Path(dir_okay=False),
              help="receivers file: webhooks per region or site, DingTalk 加签 (see govspider/notify/receivers.py)")
@click.option("--progress/--no-progress", default=True, help="live progress display")
def command(sites_file, out_dir, as_of, ruleset, webhooks, receivers_file, progress):
    """Check homepages, column lists and letter lists; warn about lines a site is close to."""
    from govspider.commands.run import parse_as_of
    from govspider.notify import load_receivers, receivers_from_urls
    from govspider.notify.receivers import ReceiversError
    from govspider.sites import SitesFileError, load_sites
    from govspider.watch.margins import MarginError
    from govspider.watch.run import WatchBusy, run_watch

    day = parse_as_of(as_of)
    try:
        sites = load_sites(sites_file)
    except SitesFileError as exc:
        raise click.UsageError("the sites file cannot be used:\n  " + "\n  ".join(exc.problems)) from None
    try:
        receivers = receivers_from_urls(webhooks) + (load_receivers(receivers_file) if receivers_file else [])
    except ReceiversError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        summary = run_watch(sites, out_dir, as_of=day, ruleset=ruleset, receivers=receivers, progress=progress,
                            echo=click.echo)
    except (WatchBusy, MarginError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    except InterruptedError as exc:
        click.echo(str(exc), err=True)
        sys.exit(130)
    c, d = summary["changes"], summary["delivery"]
    click.echo(f"预警：新增 {c['new']}，加重 {c['worse']}，解除 {c['cleared']}，持续 {c['unchanged'] + c['improved']}，"
               f"未复核 {c['unverified']}；未能巡检 {len(summary['unreachable'])} 个网站")
    if receivers or d["pending"]:
        click.echo(f"通知：发送 {d['sent']} 条，待发送 {d['pending']} 条" + (f"（{d['errors'][0]}）" if d["errors"] else ""))
    for path in summary["paths"].values():
        click.echo(f"  {path}")
