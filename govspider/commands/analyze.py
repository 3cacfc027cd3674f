"""``govspider analyze --campaign ID``: site-scope analysis over the pages in MongoDB (any worker
fetched them), then publishing: findings and site verdicts replace the campaign in the search index."""

from __future__ import annotations

import collections
import sys

import click

from ._fullstack import es_option, fail, load_campaign, mongo_option, open_mongo_store, services_or_exit


@click.command("analyze")
@click.option("--campaign", "campaign_id", required=True, help="campaign id")
@click.option("--ruleset", type=click.Choice(["2015", "2019"]), default=None, help="default: the campaign's")
@mongo_option
@es_option
def command(campaign_id, ruleset, mongo_url, es_url):
    """Run every analyzer on a campaign's stored pages, store its findings and publish them
    (with the site verdicts) to the search index. Exit 1 when documents wait in the spool."""
    from govspider.index import IndexURIError, default_index_uri
    from govspider.index.client import UnsupportedServer
    from govspider.publish import analyze_and_publish

    index_uri = default_index_uri(es_url)
    with services_or_exit(), open_mongo_store(mongo_url) as store:
        record = load_campaign(store, campaign_id)
        try:
            result = analyze_and_publish(store, record, index_uri, ruleset)
        except (IndexURIError, UnsupportedServer) as exc:
            fail(f"findings are stored in MongoDB, but cannot be published: {exc}")
    findings, published = result["findings"], result["published"]
    counts = collections.Counter(f["rule_id"] for f in findings)
    click.echo(f"批次 {campaign_id}：发现问题 {len(findings)} 个")
    for rule, n in sorted(counts.items()):
        click.echo(f"  {rule}\t{n}")
    click.echo(f"发布到检索索引 {published['index']}：问题 {published['findings']} 条，网站结论 "
               f"{published['verdicts']} 条，撤下旧发布 {published['removed']} 条")
    if published["rejected"]:
        click.echo(f"{published['rejected']} documents refused by the search server (kept in the spool's "
                   "rejected.jsonl with the reason)", err=True)
    if published["pending"]:
        click.echo(f"{published['pending']} documents wait in the spool (search server unavailable); the next "
                   "`govspider analyze` or `govspider index --flush-spool` sends them", err=True)
    if published["pending"] or published["rejected"]:
        sys.exit(1)
