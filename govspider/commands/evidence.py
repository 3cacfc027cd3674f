"""``govspider evidence FINDING_ID [--out FILE]``: the archived response a finding rests on.

Prints the WARC record's place and fetch time, the status line and headers as received and the
body decoded as a browser would; ``--out FILE`` writes the body (content-decoded bytes, as
fetched) to FILE instead of printing it. The store is ``--store`` (a store URI or a ``govspider
run`` output directory), else ``--mongo`` / ``$GOVSPIDER_MONGO_URL``, else ``./pages.sqlite``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ._fullstack import fail, services_or_exit

MIN_ID_PREFIX = 6


def resolve_store_uri(store: str | None, mongo_url: str | None) -> str:
    if store:
        if "://" in store:
            return store
        path = Path(store)
        path = path / "pages.sqlite" if path.is_dir() else path
        if not path.is_file():
            fail(f"no page store at {path} (pass a `govspider run` output directory, a .sqlite file or a store URI)")
        return f"sqlite:///{path.resolve()}"
    mongo = mongo_url or os.environ.get("GOVSPIDER_MONGO_URL")
    if mongo:
        return mongo
    if Path("pages.sqlite").is_file():
        return f"sqlite:///{Path('pages.sqlite').resolve()}"
    fail("which page store? pass --store DIR (a `govspider run` output directory) or --mongo URL")


def find_finding(store, finding_id: str, campaign: str | None = None) -> dict:
    """The finding whose id is (or starts with) ``finding_id``; exit 2 when none or ambiguous."""
    if len(finding_id) < MIN_ID_PREFIX:
        fail(f"a finding id has 40 hex digits; give at least {MIN_ID_PREFIX} (got {finding_id!r})")
    campaigns = [campaign] if campaign else [c["id"] for c in store.list_campaigns()]
    hits = [f for c in campaigns for f in store.iter_findings(c) if str(f.get("finding_id", "")).startswith(finding_id)]
    if not hits:
        fail(f"no finding {finding_id} in {len(campaigns)} campaign(s) of this store (ids are in findings.jsonl)")
    if len({f["finding_id"] for f in hits}) > 1:
        fail(f"{finding_id} is ambiguous: " + ", ".join(sorted({f['finding_id'] for f in hits})[:5]))
    return hits[0]


@click.command("evidence")
@click.argument("finding_id")
@click.option("--out", "out_file", default=None, type=click.Path(dir_okay=False),
              help="write the body as fetched to FILE (headers still printed)")
@click.option("--store", default=None, help="store URI, .sqlite file or `govspider run` output directory")
@click.option("--mongo", "mongo_url", default=None, metavar="URL", help="MongoDB URL (default: $GOVSPIDER_MONGO_URL)")
@click.option("--campaign", default=None, help="only look in this campaign")
@click.option("--warc-dir", "warc_dirs", multiple=True, type=click.Path(file_okay=False),
              help="another directory holding WARC files (repeatable)")
def command(finding_id, out_file, store, mongo_url, campaign, warc_dirs):
    """Print what was fetched for a finding: headers and decoded body, from the WARC archive."""
    from govspider.archive import ArchiveNotFound, archive_dirs_for_store, open_record
    from govspider.storage import open_store

    uri = resolve_store_uri(store, mongo_url)
    with services_or_exit(), open_store(uri) as page_store:
        finding = find_finding(page_store, finding_id, campaign)
        ref = finding.get("archive")
        if not ref:
            fail(f"finding {finding['finding_id']} ({finding['rule_id']}) rests on no archived response "
                 "(nothing was received, or the crawl ran without the WARC archive)")
        try:
            record = open_record(ref, [*map(Path, warc_dirs), *archive_dirs_for_store(uri)], store=page_store)
        except ArchiveNotFound as exc:
            fail(str(exc))
    echo = click.echo
    echo(f"问题 {finding['finding_id']}  {finding['rule_id']}  {finding.get('site_name', '')}（{finding['site_code']}）")
    echo(f"证据 {finding.get('evidence', '')}")
    echo(f"存档 {record.warc} @ {record.offset}  {record.record_id}")
    echo(f"抓取 {record.date}  {record.url}" + ("（浏览器渲染后的文档）" if record.rendered else ""))
    echo("")
    echo(f"{record.protocol} {record.status_line}")
    for name, value in record.headers:
        echo(f"{name}: {value}")
    echo("")
    if out_file:
        Path(out_file).write_bytes(record.body)
        echo(f"（正文 {len(record.body)} 字节已写入 {out_file}）")
        return
    text = record.text() if record.body else None
    if not record.body:
        echo("（无正文：链接检查只取状态行和响应头）" if record.status else "（无正文）")
    elif text is None:
        echo(f"（正文 {len(record.body)} 字节，非文本；用 --out FILE 保存）")
    else:
        echo(text)
