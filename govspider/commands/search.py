"""``govspider search TEXT [--rule R] [--region X] [--campaign ID]``: find findings by Chinese text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def format_hit(hit: dict) -> str:
    """One finding as one readable line (rule, site, region, evidence, url); a finding waiting for
    a person's check says so before its evidence."""
    site = " ".join(str(x) for x in (hit.get("site_code"), hit.get("site_name")) if x)
    evidence = ("【待人工复核】" if hit.get("review") else "") + str(hit.get("evidence") or "")
    parts = [hit.get("rule_id", ""), site, hit.get("region") or "", evidence, hit.get("url") or ""]
    return "\t".join(str(p) for p in parts)


@click.command("search")
@click.argument("text", required=False, default="")
@click.option("--rule", default=None, help="only this rule id (e.g. guide.blank_field)")
@click.option("--region", default=None, help="only this 市州 (e.g. 长沙市)")
@click.option("--campaign", default=None, help="only this campaign id")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@click.option("--index", "index_uri", default=None,
              help="sqlite-fts:///PATH (4 slashes for an absolute path), a run's --out directory, or http(s)://HOST:PORT. Default: "
                   "GOVSPIDER_INDEX, else GOVSPIDER_ES_URL, else $GOVSPIDER_STATE_DIR/index.sqlite "
                   "(~/.local/state/govspider/index.sqlite)")
@click.option("--es", "es_url", default=None, help="Elasticsearch URL (full stack; like GOVSPIDER_ES_URL)")
@click.option("--json", "as_json", is_flag=True, help="print one JSON finding per line")
def command(text, rule, region, campaign, limit, index_uri, es_url, as_json):
    """Print findings matching TEXT (jieba words: 办事指南 matches the word, not 办 or 事 alone)."""
    from govspider.index import IndexURIError, default_index_uri, open_index, sqlite_path
    from govspider.index.client import ServerUnavailable

    uri = index_uri or default_index_uri(es_url)
    if uri.startswith("sqlite-fts:") or "://" not in uri:
        try:
            path = sqlite_path(uri) if uri.startswith("sqlite-fts:") else Path(uri)
        except IndexURIError as exc:
            raise click.UsageError(str(exc)) from exc
        if not (path.is_file() or (path / "index.sqlite").is_file()):
            raise click.UsageError(f"no search index at {path}: run `govspider run --out DIR` and pass "
                                   "--index DIR, or load one with `govspider index --findings FILE.jsonl`")
    try:
        index = open_index(uri)
    except IndexURIError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        with index:
            hits = index.search(text, rule=rule, region=region, campaign=campaign, limit=limit)
    except ServerUnavailable as exc:
        raise click.ClickException(f"{exc}; start it (deploy/elasticsearch/es.sh start) or use --index") from exc
    out = sys.stdout
    for hit in hits:
        if as_json:
            hit = {k: v for k, v in hit.items() if k != "tokens"}
            out.write(json.dumps(hit, ensure_ascii=False) + "\n")
        else:
            out.write(format_hit(hit) + "\n")
    if not as_json:
        click.echo(f"{len(hits)} finding(s)", err=True)
