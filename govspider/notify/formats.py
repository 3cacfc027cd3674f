"""Message bodies per receiver format, the DingTalk 加签 signature, and what counts as accepted.

- ``wecom`` (企业微信群机器人): ``{"msgtype": "markdown", "markdown": {"content": …}}``; the content
  may hold at most 4096 bytes of UTF-8, so a long message becomes several, split between sections.
- ``dingtalk`` (钉钉自定义机器人): ``{"msgtype": "markdown", "markdown": {"title": …, "text": …}}``,
  split the same way; with a secret, the URL gets ``timestamp`` (ms) and ``sign`` =
  urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))), computed when the
  body is sent (DingTalk refuses timestamps more than an hour off).
- ``json``: the message's data object as it is, one body.

Both robots answer HTTP 200 with ``{"errcode": 0, …}`` on success and another errcode (rate limit,
bad key, bad signature) on failure: only errcode 0 counts as delivered.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: bytes of Markdown per robot message (企业微信: at most 4096; DingTalk kept to the same)
MARKDOWN_LIMIT = 4096


def render(fmt: str, message) -> list[dict]:
    """The bodies that carry ``message`` (a messages.Message) to a receiver of format ``fmt``."""
    if fmt == "json":
        return [message.data]
    chunks = split_markdown(message.title, message.sections, MARKDOWN_LIMIT)
    if fmt == "wecom":
        return [{"msgtype": "markdown", "markdown": {"content": text}} for text in chunks]
    if fmt == "dingtalk":
        return [{"msgtype": "markdown", "markdown": {"title": message.title, "text": text}} for text in chunks]
    raise ValueError(f"unknown receiver format {fmt!r}")


def split_markdown(title: str, sections: list[str], limit: int) -> list[str]:
    """Markdown texts of at most ``limit`` UTF-8 bytes: the title, then whole sections; a section
    too long alone is cut at line ends (and a line too long, at characters)."""
    head, more = f"### {title}", f"### {title}（续）"
    texts, current = [], head
    for section in sections:
        for piece in _fit(section, limit - _size(more) - 2):
            if _size(current) + 2 + _size(piece) > limit:
                texts.append(current)
                current = more
            current += "\n\n" + piece
    texts.append(current)
    return texts


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _fit(section: str, room: int) -> list[str]:
    if _size(section) <= room:
        return [section]
    out, current = [], ""
    for line in section.split("\n"):
        while _size(line) > room:  # one absurdly long line: cut it by characters
            cut = len(line.encode("utf-8")[:room].decode("utf-8", errors="ignore"))
            out.append(line[:cut])
            line = line[cut:]
        if current and _size(current) + 1 + _size(line) > room:
            out.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        out.append(current)
    return out


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's 加签 ``sign`` value (before URL encoding)."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    """``url`` with DingTalk's ``timestamp`` and ``sign`` query parameters (replacing old ones)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("timestamp", "sign")]
    query += [("timestamp", str(timestamp_ms)), ("sign", dingtalk_sign(secret, timestamp_ms))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def accepted(fmt: str, status: int, text: str) -> tuple[bool, str]:
    """(delivered?, why not) for a receiver's answer."""
    if not 200 <= status < 300:
        return False, f"HTTP {status}: {text[:200]}"
    if fmt == "json":
        return True, ""
    try:
        answer = json.loads(text or "{}")
    except ValueError:
        return False, f"not a robot answer: {text[:200]}"
    code = answer.get("errcode", 0) if isinstance(answer, dict) else None
    if code == 0:
        return True, ""
    return False, f"errcode {code}: {answer.get('errmsg') if isinstance(answer, dict) else text[:200]}"
