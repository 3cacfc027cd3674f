"""``govspider extract --url URL [--as-of YYYY-MM-DD] FILE``: print the page facts of one saved page as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def extract_file(path, url: str, content_type: str | None = None) -> dict:
    """Facts of a saved page file (the function the CLI and the accuracy test both use)."""
    from govspider.extract import extract_page

    data = Path(path).read_bytes()
    return extract_page(data, url, content_type=content_type)


@click.command("extract")
@click.option("--url", required=True, help="the page's URL (resolves relative links, decides the page kind)")
@click.option("--content-type", default=None, help="HTTP Content-Type header, if known (charset)")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="date of the check: gives month-day dates (03-21) a year when the page does not")
@click.argument("file", type=str)
def command(url, content_type, as_of, file):
    """Print the page facts (JSON) of FILE, a saved page ("-" reads stdin)."""
    from govspider.extract import extract_page

    if not url.startswith(("http://", "https://")):
        raise click.UsageError(f"--url must be an absolute http(s) URL (got {url!r})")
    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise click.UsageError(f"cannot read {file}: no such file (give a saved HTML page or - for stdin)")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise click.UsageError(f"cannot read {file}: {exc.strerror}") from exc
    facts = extract_page(data, url, content_type=content_type, as_of=as_of.date() if as_of else None)
    out = json.dumps(facts, ensure_ascii=False, indent=2)
    sys.stdout.buffer.write(out.encode("utf-8") + b"\n")
