"""The disk spool (待发送队列): every message body is a file until its receiver has taken it.

``put`` writes one JSON file (atomically, mode 0600: webhook URLs carry their robot's key);
``flush`` posts the files oldest first, deletes each one its receiver accepted (HTTP 2xx, and
errcode 0 from a robot) and keeps the rest for the next flush, with the attempt count and the
last error. Within one flush a receiver that failed gets nothing more, so its messages still
arrive in order; others go on. Each post is retried with backoff by urllib3 (connection errors,
429 and 5xx, honouring Retry-After): delivery is at least once — a receiver that took a message
but answered 5xx may see it twice, never zero times. Robot receivers are paced to their limit of
20 messages a minute.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from govspider.notify.formats import accepted, signed_url
from govspider.notify.receivers import Receiver, ReceiversError

logger = logging.getLogger(__name__)
#: seconds of backoff: 0.5, 1, 2 … between retries of one post
BACKOFF = 0.5
_counter = itertools.count()


class Spool:
    def __init__(self, directory: str | Path, sleep=time.sleep, clock=time.monotonic):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._sleep, self._clock = sleep, clock
        self._last_post: dict[str, float] = {}

    def put(self, receiver: Receiver, body: dict, kind: str) -> Path:
        entry = {"receiver": receiver.to_dict(), "body": body, "kind": kind,
                 "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "attempts": 0, "last_error": None}
        name = f"{time.time_ns():020d}-{os.getpid()}-{next(_counter):06d}.json"
        return self._write(self.dir / name, entry)

    def entries(self) -> list[Path]:
        return sorted(self.dir.glob("*.json"))

    def __len__(self) -> int:
        return len(self.entries())

    def flush(self) -> dict:
        """Post every spooled body; ``{"sent": n, "pending": n, "errors": ["receiver: why", …]}``."""
        sent, errors, failed = 0, [], set()
        with requests.Session() as session:
            for path in self.entries():
                try:
                    entry = json.loads(path.read_text(encoding="utf-8"))
                    receiver = Receiver.from_dict(entry["receiver"])
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    errors.append(f"{path.name}: unreadable spool file ({exc}); left in place")
                    continue
                if receiver.url in failed:
                    continue
                ok, why = self._post(session, receiver, entry["body"])
                if ok:
                    path.unlink()
                    sent += 1
                    continue
                failed.add(receiver.url)
                entry["attempts"] += 1
                entry["last_error"] = why
                self._write(path, entry)
                errors.append(f"{receiver.name}: {why}")
                logger.warning("webhook %s: %s (kept in %s)", receiver.name, why, self.dir)
        return {"sent": sent, "pending": len(self), "errors": errors}

    def _post(self, session: requests.Session, receiver: Receiver, body: dict) -> tuple[bool, str]:
        wait = self._last_post.get(receiver.url, -1e9) + receiver.min_interval - self._clock()
        if wait > 0:
            self._sleep(wait)
        retry = Retry(total=receiver.retries, backoff_factor=BACKOFF, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=frozenset({"POST"}), respect_retry_after_header=True, raise_on_status=False)
        session.mount("http://", HTTPAdapter(max_retries=retry))
        session.mount("https://", HTTPAdapter(max_retries=retry))
        try:
            secret = receiver.signing_secret()
            url = signed_url(receiver.url, secret, int(time.time() * 1000)) if secret else receiver.url
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            response = session.post(url, data=data, timeout=(5, receiver.timeout), proxies=_proxies(url),
                                    headers={"Content-Type": "application/json; charset=utf-8"})
        except ReceiversError as exc:
            return False, str(exc)
        except requests.RequestException as exc:
            return False, f"{type(exc).__name__}: {exc}"[:300]
        finally:
            self._last_post[receiver.url] = self._clock()
        return accepted(receiver.format, response.status_code, response.text)

    @staticmethod
    def _write(path: Path, entry: dict) -> Path:
        # mkstemp creates the file with mode 0600: only this user reads the robots' keys
        fd, tmp = tempfile.mkstemp(prefix=".spool-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entry, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return path


def _proxies(url: str) -> dict | None:
    """No proxy for a receiver on this machine: ``http_proxy`` is set for crawling (the sandbox is
    one), and a loopback address through a proxy would reach the proxy itself. Others follow the
    environment (``https_proxy``, ``no_proxy``)."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return {"http": None, "https": None} if loopback else None
