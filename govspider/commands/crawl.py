"""``govspider crawl``: crawl every site of a sites file into the page store (embedded, 嵌入式抓取)."""

from __future__ import annotations

import datetime as dt
import sys

import click


def _as_of(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-15") from None


@click.command("crawl")
@click.option("--sites", "sites_file", required=True, type=click.Path(dir_okay=False), help="sites file (YAML or CSV) — 网站名录")
@click.option("--store", "store_uri", default=None, help="page store URI (default: settings GOVSPIDER_STORE_URI, sqlite:///govspider-store.sqlite)")
@click.option("--campaign", default=None, help="campaign id (default: derived from the sites file and --as-of, so a rerun resumes)")
@click.option("--as-of", "as_of", default=None, callback=_as_of, help="check date YYYY-MM-DD (default: today)")
@click.option("--ruleset", type=click.Choice(["2015", "2019"]), default="2019", show_default=True)
@click.option("--ignore-robots", is_flag=True, help="do not obey robots.txt (recorded in the campaign and every site state)")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="page cap per site")
@click.option("--max-depth", type=click.IntRange(min=0), default=None, help="depth cap (clicks from the home page)")
@click.option("--no-progress", is_flag=True, help="plain log output instead of the live progress line")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="any Scrapy/govspider setting")
def command(sites_file, store_uri, campaign, as_of, ruleset, ignore_robots, max_pages, max_depth, no_progress, overrides):
    """Crawl the sites of a sites file (抓取网站) into the page store; Ctrl-C stops, rerun resumes."""
    from govspider.commands.run import parse_overrides
    from govspider.crawl import crawl_sites
    from govspider.crawling.records import default_campaign_id
    from govspider.redact import redact
    from govspider.sites import SitesFileError, load_sites

    try:
        sites = load_sites(sites_file)
    except SitesFileError as exc:
        click.echo(f"Error: {exc}", err=True)
        click.echo("Fix the sites file (see DESIGN.md, Sites file) and run the command again; nothing was crawled.", err=True)
        sys.exit(2)
    as_of = as_of or dt.date.today()
    campaign = campaign or default_campaign_id(sites, as_of)
    settings = {"GOVSPIDER_AS_OF": as_of.isoformat(), "GOVSPIDER_RULESET": ruleset}
    settings.update(parse_overrides(overrides))
    if ignore_robots:
        settings["ROBOTSTXT_OBEY"] = False
    if max_pages is not None:
        settings["GOVSPIDER_MAX_PAGES"] = max_pages
    if max_depth is not None:
        settings["GOVSPIDER_MAX_DEPTH"] = max_depth
    if store_uri is None:
        from govspider import settings as project_settings

        store_uri = project_settings.GOVSPIDER_STORE_URI
    try:
        from govspider.storage import open_store

        open_store(store_uri).close()
    except (ValueError, OSError, ImportError) as exc:
        click.echo(f"Error: cannot open the page store {redact(store_uri)!r}: {redact(exc)}", err=True)
        sys.exit(2)
    click.echo(f"campaign {campaign} · {len(sites)} sites · store {redact(store_uri)}", err=True)
    summary = crawl_sites(sites, store_uri, campaign, settings=settings, progress=not no_progress)
    _print_summary(summary)
    if not summary["finished"]:
        if summary.get("write_error"):
            click.echo(f"crawl stopped: the page store could not be written ({redact(summary['write_error'])}). "
                       "Free disk space (or make the store writable) and run the same command again: it resumes, "
                       "nothing stored is lost.", err=True)
        else:
            click.echo(f"crawl stopped ({summary['close_reason']}); run the same command again to resume.", err=True)
        sys.exit(130 if summary["close_reason"] == "shutdown" else 1)


def _print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"抓取结果 crawl summary — {summary['campaign']}", show_header=False)
    rows = [
        ("sites", summary["sites"]), ("reachable", summary["sites_reachable"]),
        ("unreachable", ", ".join(summary["sites_unreachable"]) or "-"),
        ("pages stored", summary["pages"]), ("pages this run", summary["pages_this_run"]),
        ("pages/s", summary["pages_per_s"]), ("links checked", summary["links"]),
        ("broken links", summary["links_broken"]), ("refused (outside sites)", summary["refused"]),
        ("traps bounded", ", ".join(f"{k}: {v}" for k, v in summary["traps"].items()) or "-"),
        ("robots.txt", "ignored (--ignore-robots)" if summary["robots_ignored"] else "obeyed"),
        ("elapsed", f"{summary['elapsed_s']} s"), ("finished", summary["close_reason"]),
        ("log", summary["log_file"] or "-"),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    Console(stderr=True).print(table)
    import json

    click.echo(json.dumps(summary, ensure_ascii=False))
