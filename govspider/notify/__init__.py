"""Notifications (通知): warnings and campaign summaries to group-robot webhooks, never lost.

- ``receivers.py`` — who gets what: ``--webhook URL`` or a receivers file, per region or per site;
- ``messages.py`` — the text (Markdown) and data of a warnings message and of a campaign summary;
- ``formats.py`` — the bodies each receiver takes: 企业微信 (WeCom) and 钉钉 (DingTalk) robot
  Markdown (chunked to their size limit, DingTalk's 加签 signature) and plain JSON;
- ``spool.py`` — every body is written to a disk spool first and removed only once the receiver
  took it; delivery retries, and what stays undelivered is sent by the next run.

``notify(receivers, message, spool)`` routes, renders and spools a message, then flushes the spool.
"""

from __future__ import annotations

from govspider.notify.receivers import Receiver, load_receivers, receivers_from_urls
from govspider.notify.spool import Spool


def notify(receivers: list[Receiver], message, spool: Spool) -> dict:
    """Spool ``message`` for every receiver it concerns, then try to deliver the whole spool.

    Returns ``{"spooled": n, "sent": n, "pending": n, "errors": [...]}``."""
    from govspider.notify.formats import render

    spooled = 0
    for receiver in receivers:
        part = message.for_receiver(receiver)
        if part is None:
            continue
        for body in render(receiver.format, part):
            spool.put(receiver, body, kind=message.kind)
            spooled += 1
    return {"spooled": spooled, **spool.flush()}


__all__ = ["Receiver", "Spool", "load_receivers", "notify", "receivers_from_urls"]
