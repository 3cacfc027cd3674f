"""``govspider analyzers list``: the analyzers loaded (built-in and plug-ins) and where from."""

from __future__ import annotations

import click


@click.group("analyzers")
def command():
    """Analyzer plug-ins (entry-point group govspider.analyzers)."""


@command.command("list")
@click.option("--rules", is_flag=True, help="also list each analyzer's rule ids on its own line")
def list_analyzers(rules):
    """Show every loaded analyzer: id, scope, rule ids, entry point and distribution."""
    from analyzers.registry import load_analyzers, load_errors

    items = load_analyzers()
    click.echo(f"{'id':24s} {'scope':5s} {'from':52s} dist")
    for item in items:
        click.echo(f"{item.id:24s} {item.scope:5s} {item.origin:52s} {item.dist}")
        text = ", ".join(item.analyzer.rule_ids)
        click.echo(f"{'':30s} rules: {text}" if not rules else "".join(f"{'':30s} {r}\n" for r in item.analyzer.rule_ids).rstrip())
    errors = load_errors()
    for error in errors:
        click.echo(f"not loaded: {error}", err=True)
    click.echo(f"{len(items)} analyzers loaded" + (f", {len(errors)} not loaded" if errors else ""))
