"""``govspider compare OLD NEW``: fixed / persisting / new findings between two checks (整改复查)."""

from __future__ import annotations

import json

import click

from govspider.compare import compare_findings, load_findings, summary_by_rule


@click.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("--store", "store_uri", default=None, envvar="GOVSPIDER_STORE_URI",
              help="page store holding the campaigns, when OLD and NEW are campaign ids (sqlite:///… or mongodb://…)")
@click.option("--json", "as_json", is_flag=True, help="print the three lists as JSON")
@click.option("--list/--no-list", "show_list", default=True, help="list each fixed and new finding")
def command(old, new, store_uri, as_json, show_list):
    """Compare two run directories (or two campaigns of a store): 已整改 fixed, 仍存在 persisting, 新发现 new."""
    try:
        old_label, old_findings = load_findings(old, store_uri)
        new_label, new_findings = load_findings(new, store_uri)
    except (LookupError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    result = compare_findings(old_findings, new_findings)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    click.echo(f"旧: {old_label}（{len(old_findings)} 个问题）\n新: {new_label}（{len(new_findings)} 个问题）")
    click.echo(f"{'rule_id':34s} 已整改 仍存在 新发现")
    for rule, fixed, persisting, fresh in summary_by_rule(result):
        click.echo(f"{rule:34s} {fixed:6d} {persisting:6d} {fresh:6d}")
    click.echo(f"{'合计':32s} {len(result['fixed']):6d} {len(result['persisting']):6d} {len(result['new']):6d}")
    if result["set_aside"]:
        click.echo(f"未计入：{len(result['set_aside'])} 个问题待人工复核或已驳回（不算已整改，也不算新发现）")
    if show_list:
        for name, label in (("fixed", "已整改"), ("new", "新发现")):
            for f in result[name]:
                click.echo(f"[{label}] {f['site_code']} {f.get('site_name', '')} {f['rule_id']}: {f.get('evidence', '')}")
