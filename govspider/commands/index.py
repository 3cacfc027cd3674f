"""``govspider index --findings FILE.jsonl [--sites-jsonl FILE]``: load a run's output into an index."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import click

BATCH = 5000


def read_jsonl(path: Path, what: str):
    """Objects of a JSONL file; a bad line is a usage error naming the file and line."""
    with open(path, encoding="utf-8-sig") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise click.UsageError(f"{path} line {number}: not JSON ({exc.msg}); "
                                       f"give the {what} JSONL that `govspider run` writes") from exc
            if not isinstance(obj, dict):
                raise click.UsageError(f"{path} line {number}: expected a JSON object per line")
            yield obj


def load(index, path: Path, kind: str) -> int:
    """Index one JSONL file in bounded batches with progress on stderr; returns documents indexed."""
    method = index.index_findings if kind == "findings" else index.index_verdicts
    total = seen = 0
    rows = read_jsonl(path, "findings" if kind == "findings" else "site verdicts (sites.jsonl)")
    while batch := list(itertools.islice(rows, BATCH)):
        try:
            total += method(batch)
        except ValueError as exc:
            raise click.UsageError(f"{path}: {exc}") from exc
        seen += len(batch)
        click.echo(f"  {kind}: {seen} read, {total} indexed", err=True)
    return total


@click.command("index")
@click.option("--findings", "findings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="findings.jsonl of a run (one finding per line)")
@click.option("--sites-jsonl", "sites_file", type=click.Path(dir_okay=False, path_type=Path),
              help="sites.jsonl of a run (one site verdict per line)")
@click.option("--index", "index_uri", default=None,
              help="index URI: sqlite-fts:///PATH or http(s)://HOST:PORT (default: see `govspider search -h`)")
@click.option("--es", "es_url", default=None,
              help="Elasticsearch URL (full stack; like GOVSPIDER_ES_URL); overrides the embedded default")
@click.option("--flush-spool", is_flag=True, help="only replay findings spooled while Elasticsearch was down")
def command(findings_file, sites_file, index_uri, es_url, flush_spool):
    """Load findings (and site verdicts) into the search index; re-loading never duplicates."""
    from govspider.index import IndexURIError, default_index_uri, open_index

    if not (findings_file or sites_file or flush_spool):
        raise click.UsageError("nothing to index: give --findings FILE.jsonl and/or --sites-jsonl FILE")
    for path in (findings_file, sites_file):
        if path is not None and not path.is_file():
            raise click.UsageError(f"{path}: no such file (give the JSONL files `govspider run --out DIR` writes)")
    uri = index_uri or default_index_uri(es_url)
    try:
        index = open_index(uri)
    except IndexURIError as exc:
        raise click.UsageError(str(exc)) from exc
    spooled = 0
    with index:
        if flush_spool:
            if not hasattr(index, "flush_spool"):
                raise click.UsageError(f"{uri} has no spool (only Elasticsearch indices spool)")
            click.echo(f"replayed {index.flush_spool()} spooled documents; {index.pending()} still pending")
            return
        counts = {}
        for kind, path in (("findings", findings_file), ("verdicts", sites_file)):
            if path is not None:
                counts[kind] = load(index, path, kind)
                spooled += getattr(index, "last_spooled", 0)
        pending = index.pending() if hasattr(index, "pending") else 0
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    click.echo(f"indexed {summary} into {index.uri}")
    if pending:
        click.echo(f"{pending} documents spooled (server unavailable); they are sent on the next "
                   "`govspider index` (or `govspider index --flush-spool`)", err=True)
        sys.exit(1)
