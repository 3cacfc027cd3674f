"""``govspider analyze --campaign ID``: site-scope analysis over the pages in MongoDB (any worker fetched them)."""

from __future__ import annotations

import collections

import click

from ._fullstack import load_campaign, mongo_option, open_mongo_store, services_or_exit


@click.command("analyze")
@click.option("--campaign", "campaign_id", required=True, help="campaign id")
@click.option("--ruleset", type=click.Choice(["2015", "2019"]), default=None, help="default: the campaign's")
@mongo_option
def command(campaign_id, ruleset, mongo_url):
    """Run every analyzer on a campaign's stored pages and store its findings."""
    import datetime as dt

    from govspider.analysis import analyze_campaign

    with services_or_exit(), open_mongo_store(mongo_url) as store:
        record = load_campaign(store, campaign_id)
        ruleset = ruleset or record.get("ruleset") or "2019"
        findings = analyze_campaign(store, campaign_id, ruleset, as_of=dt.date.fromisoformat(record["as_of"]))
    counts = collections.Counter(f["rule_id"] for f in findings)
    click.echo(f"批次 {campaign_id}：发现问题 {len(findings)} 个")
    for rule, n in sorted(counts.items()):
        click.echo(f"  {rule}\t{n}")
