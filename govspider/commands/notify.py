"""``govspider notify``: a campaign's summary (合格率, 同比/环比, the sites vetoed) to the webhooks.

After ``govspider run --out DIR`` (``--run DIR``) or on the full stack (``--campaign ID``, MongoDB
from ``--mongo`` / ``GOVSPIDER_MONGO_URL``). Bodies wait in the spool (default
``$GOVSPIDER_STATE_DIR/notify-spool``) until their receiver takes them; every run delivers what
waited first.
"""

from __future__ import annotations

from pathlib import Path

import click

from ._fullstack import mongo_option, services_or_exit


@click.command("notify")
@click.option("--run", "run_dir", default=None, type=click.Path(file_okay=False, exists=True),
              help="a govspider run directory (its pages.sqlite holds the campaigns)")
@click.option("--store", "store_uri", default=None, help="page store URI (sqlite:///… or mongodb://…)")
@mongo_option
@click.option("--campaign", "campaign_id", default=None, help="campaign id (default: the latest full check in the store)")
@click.option("--webhook", "webhooks", multiple=True, metavar="URL", help="receiver URL (企业微信 / 钉钉 robots recognised); repeatable")
@click.option("--notify", "receivers_file", default=None, type=click.Path(dir_okay=False),
              help="receivers file (per region or site, 加签)")
@click.option("--spool", "spool_dir", default=None, type=click.Path(file_okay=False),
              help="where undelivered bodies wait (default: $GOVSPIDER_STATE_DIR/notify-spool)")
def command(run_dir, store_uri, mongo_url, campaign_id, webhooks, receivers_file, spool_dir):
    """Send a campaign's summary to the webhooks (and whatever waited in the spool)."""
    from govspider.notify import Spool, load_receivers, notify, receivers_from_urls
    from govspider.notify.messages import summary_message
    from govspider.notify.receivers import ReceiversError
    from govspider.state import state_dir
    from govspider.storage import open_store
    from govspider.trends import stored_summary

    try:
        receivers = receivers_from_urls(webhooks) + (load_receivers(receivers_file) if receivers_file else [])
    except ReceiversError as exc:
        raise click.UsageError(str(exc)) from None
    if not receivers:
        raise click.UsageError("no receiver: give --webhook URL or --notify FILE")
    if run_dir:
        store_uri = f"sqlite:///{Path(run_dir).resolve() / 'pages.sqlite'}"
    if store_uri is None:
        from govspider.distributed.connection import mongo_url as resolve

        store_uri = resolve(mongo_url)
    with services_or_exit(), open_store(store_uri) as store:
        try:
            summary = stored_summary(store, campaign_id)
        except LookupError as exc:
            raise click.UsageError(str(exc)) from None
    spool = Spool(Path(spool_dir) if spool_dir else state_dir() / "notify-spool")
    result = notify(receivers, summary_message(summary), spool)
    click.echo(f"{summary['headline']}（批次 {summary['campaign']}）")
    click.echo(f"通知：发送 {result['sent']} 条，待发送 {result['pending']} 条" + (f"（{result['errors'][0]}）" if result["errors"] else ""))
