"""``govspider report --campaign ID --out DIR``: score a campaign's findings and write the reports."""

from __future__ import annotations

import click

from ._fullstack import load_campaign, mongo_option, open_mongo_store, services_or_exit


@click.command("report")
@click.option("--campaign", "campaign_id", required=True, help="campaign id")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="output directory")
@mongo_option
def command(campaign_id, out_dir, mongo_url):
    """findings.jsonl, sites.jsonl, report.html, report.xlsx for an analyzed campaign."""
    from govspider.report import write_reports
    from govspider.scoring import score_campaign
    from govspider.sites import validate_rows
    from govspider.trends import build_trends

    with services_or_exit(), open_mongo_store(mongo_url) as store:
        record = load_campaign(store, campaign_id)
        findings = list(store.iter_findings(campaign_id))
    if not findings and not record.get("sites"):
        raise click.UsageError(f"campaign {campaign_id} has no sites")
    sites = validate_rows(f"campaign {campaign_id}", [(i + 1, dict(s)) for i, s in enumerate(record["sites"])])
    verdicts, regions = score_campaign(findings, sites, record.get("ruleset") or "2019", campaign=record)
    with services_or_exit(), open_mongo_store(mongo_url) as store:  # 环比/同比 from the earlier campaigns
        trends = build_trends(store, record, findings, verdicts, regions)
    paths = write_reports(out_dir, record, findings, verdicts, regions, trends=trends)
    total = regions[-1]
    rate = "—" if total.get("pass_rate") is None else f"{total['pass_rate'] * 100:.1f}%"
    click.echo(f"批次 {campaign_id}：问题 {len(findings)} 个；抽查 {total.get('sampled')} 个网站，合格率 {rate}")
    for path in paths.values():
        click.echo(f"  {path}")
