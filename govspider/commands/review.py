"""``govspider review``: findings marked 待人工复核 — list them, accept or reject them (a name and
a reason each), or import the decisions filled into report.xlsx. Decisions are kept in the page
store and the campaign is scored again: the reports in ``--out`` are rewritten, and a later
``govspider report`` / ``run`` / ``analyze`` applies them too.

The store: ``--store URI``; else ``--out DIR`` (a ``govspider run`` directory: DIR/pages.sqlite);
else ``$GOVSPIDER_MONGO_URL`` (full stack).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

store_option = click.option("--store", "store_uri", default=None, metavar="URI",
                            help="page store (sqlite:///PATH or mongodb://…); default: --out DIR/pages.sqlite or $GOVSPIDER_MONGO_URL")
out_option = click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False),
                          help="a `govspider run` output directory: its store, and where the reports are rewritten")
campaign_option = click.option("--campaign", "campaign_id", default=None, help="campaign id (default: the store's only one)")


def _open(store_uri: str | None, out_dir: str | None):
    from govspider.storage import open_store

    if not store_uri and out_dir:
        path = Path(out_dir) / "pages.sqlite"
        if not path.is_file():
            raise click.UsageError(f"{path} does not exist: --out must be a `govspider run` output directory")
        store_uri = f"sqlite:///{path.resolve()}"
    store_uri = store_uri or os.environ.get("GOVSPIDER_MONGO_URL")
    if not store_uri:
        raise click.UsageError("say where the findings are: --out DIR (a `govspider run` directory), --store URI or $GOVSPIDER_MONGO_URL")
    try:
        return open_store(store_uri)
    except (ValueError, ConnectionError) as exc:
        raise click.UsageError(str(exc)) from None


def _campaign(store, campaign_id: str | None) -> str:
    known = [c["id"] for c in store.list_campaigns()]
    if campaign_id:
        if campaign_id not in known:
            raise click.UsageError(f"campaign {campaign_id!r} is not in the store (campaigns: {', '.join(known) or 'none'})")
        return campaign_id
    if len(known) != 1:
        raise click.UsageError(f"the store holds {len(known)} campaigns ({', '.join(known) or 'none'}): pass --campaign")
    return known[0]


def _decide(store, campaign: str, items, out_dir: str | None) -> None:
    from govspider.review import ReviewError, record_decisions, rescore

    try:
        records = record_decisions(store, campaign, items)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    for r in records:
        click.echo(f"{'采纳' if r['decision'] == 'accept' else '驳回'} {r['finding_id'][:12]} {r['rule_id']} "
                   f"{r['site_code']}（{r['by']}：{r['reason']}）")
    if out_dir:
        paths = rescore(store, campaign, out_dir)
        click.echo(f"已重新评分，报告已更新：{paths['report.html']}")
    else:
        click.echo("决定已保存；再次评分（govspider report / run）时生效")


@click.group("review")
def command():
    """Findings waiting for a person's check (待人工复核): list, accept, reject, import."""


@command.command("list")
@store_option
@out_option
@campaign_option
@click.option("--all", "show_all", is_flag=True, help="also findings already decided, and decisions on confirmed ones")
@click.option("--json", "as_json", is_flag=True, help="one JSON object a line")
def list_command(store_uri, out_dir, campaign_id, show_all, as_json):
    """Findings marked for review (by default only those not yet decided)."""
    from govspider.findings import STATUS_LABELS, review_status

    with _open(store_uri, out_dir) as store:
        campaign = _campaign(store, campaign_id)
        findings = list(store.iter_findings(campaign))
    shown = [f for f in findings if review_status(f) == "pending" or show_all and review_status(f) != "confirmed"]
    for f in shown:
        if as_json:
            click.echo(json.dumps(f, ensure_ascii=False, default=str))
            continue
        decision = f.get("review_decision") or {}
        click.echo(f"{f.get('finding_id', '')[:12]}  {STATUS_LABELS[review_status(f)]}  {f['site_code']} "
                   f"{f.get('site_name', '')}  {f['rule_id']}\n    原因：{f.get('review_reason') or '—'}\n"
                   f"    证据：{(f.get('evidence') or '')[:120]}\n    页面：{f.get('url', '')}"
                   + (f"\n    复核：{decision.get('by')}（{decision.get('reason')}）" if decision else ""))
    if not as_json:
        click.echo(f"批次 {campaign}：待人工复核 {sum(1 for f in findings if review_status(f) == 'pending')} 个")


def _decision_command(name: str, decision: str, help_text: str):
    @command.command(name, help=help_text)
    @click.argument("finding_ids", nargs=-1, required=True)
    @click.option("--by", required=True, help="the analyst's name (复核人)")
    @click.option("--reason", required=True, help="why (复核说明)")
    @store_option
    @out_option
    @campaign_option
    def decide(finding_ids, by, reason, store_uri, out_dir, campaign_id):
        with _open(store_uri, out_dir) as store:
            campaign = _campaign(store, campaign_id)
            _decide(store, campaign, [(ref, decision, by, reason) for ref in finding_ids], out_dir)

    return decide


_decision_command("accept", "accept", "Accept findings (id or its first 8+ characters): they score and may veto.")
_decision_command("reject", "reject", "Reject findings: they neither score nor veto.")


@command.command("import")
@click.argument("xlsx", type=click.Path(exists=True, dir_okay=False))
@click.option("--by", default=None, help="analyst's name for rows whose 复核人 is empty")
@store_option
@out_option
def import_command(xlsx, by, store_uri, out_dir):
    """Read the 复核结论 column of report.xlsx's 待人工复核 sheet and record its decisions.

    By default the store and the reports are those of the directory the workbook sits in."""
    from govspider.review import ReviewError, read_decisions_xlsx

    try:
        rows = read_decisions_xlsx(xlsx)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    if not rows:
        click.echo(f"{xlsx}：待人工复核表中没有填写复核结论")
        return
    if not store_uri and not out_dir:
        out_dir = str(Path(xlsx).resolve().parent)
    campaigns = {r["campaign"] for r in rows}
    with _open(store_uri, out_dir) as store:
        for campaign in sorted(campaigns):
            items = [(r["finding_id"], r["decision"], r["by"] or by or "", r["reason"]) for r in rows if r["campaign"] == campaign]
            _decide(store, _campaign(store, campaign or None), items, out_dir)
