"""``govspider report --campaign ID --out DIR``: score a campaign's findings and write the reports."""

from __future__ import annotations

import click

from ._fullstack import load_campaign, mongo_option, open_mongo_store, services_or_exit


@click.command("report")
@click.option("--campaign", "campaign_id", required=True, help="campaign id")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="output directory")
@click.option("--screenshots", type=click.Choice(("serious", "all", "none")), default=None,
              help="which findings get a screenshot from their WARC records (default serious)")
@mongo_option
def command(campaign_id, out_dir, mongo_url, screenshots):
    """findings.jsonl, sites.jsonl, report.html, report.xlsx for an analyzed campaign."""
    from govspider.publish import campaign_verdicts
    from govspider.report import write_reports
    from govspider.screenshots import report_screenshots
    from govspider.trends import build_trends

    with services_or_exit(), open_mongo_store(mongo_url) as store:
        record = load_campaign(store, campaign_id)
        findings = list(store.iter_findings(campaign_id))
        report_screenshots(store, findings, out_dir, which=screenshots, echo=click.echo)
    if not findings and not record.get("sites"):
        raise click.UsageError(f"campaign {campaign_id} has no sites")
    verdicts, regions = campaign_verdicts(record, findings)
    with services_or_exit(), open_mongo_store(mongo_url) as store:  # 环比/同比 from the earlier campaigns
        trends = build_trends(store, record, findings, verdicts, regions)
    paths = write_reports(out_dir, record, findings, verdicts, regions, trends=trends)
    total = regions[-1]
    rate = "—" if total.get("pass_rate") is None else f"{total['pass_rate'] * 100:.1f}%"
    click.echo(f"批次 {campaign_id}：问题 {len(findings)} 个；抽查 {total.get('sampled')} 个网站，合格率 {rate}")
    for path in paths.values():
        click.echo(f"  {path}")
