"""Requests to JSON and back for the shared queue (scrapy-redis pickles by default; govspider never does).

Used as scrapy-redis's ``SCHEDULER_SERIALIZER`` (a module with ``dumps``/``loads``): bytes (bodies,
header names and values) are tagged base64, mappings with non-string keys become pair lists, and
anything else that is not plain JSON is refused with a message naming the offending key — a worker
must never load code or objects from Redis.
"""

from __future__ import annotations

import base64
import json

_BYTES = "$b"
_PAIRS = "$pairs"


def _encode(obj, path="request"):
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (bytes, bytearray)):
        return {_BYTES: base64.b64encode(bytes(obj)).decode("ascii")}
    if isinstance(obj, (list, tuple)):
        return [_encode(v, f"{path}[{i}]") for i, v in enumerate(obj)]
    if isinstance(obj, dict):
        if all(isinstance(k, str) for k in obj) and _BYTES not in obj and _PAIRS not in obj:
            return {k: _encode(v, f"{path}.{k}") for k, v in obj.items()}
        return {_PAIRS: [[_encode(k, path), _encode(v, f"{path}.{k!r}")] for k, v in obj.items()]}
    raise TypeError(
        f"cannot put {path} of type {type(obj).__name__} on the shared queue: request meta, "
        "cb_kwargs and headers must be JSON-able (str, numbers, lists, dicts, bytes)"
    )


def _decode(obj):
    if isinstance(obj, list):
        return [_decode(v) for v in obj]
    if isinstance(obj, dict):
        if len(obj) == 1 and _BYTES in obj:
            return base64.b64decode(obj[_BYTES])
        if len(obj) == 1 and _PAIRS in obj:
            return {_hashable(_decode(k)): _decode(v) for k, v in obj[_PAIRS]}
        return {k: _decode(v) for k, v in obj.items()}
    return obj


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key


def dumps(obj) -> bytes:
    """JSON bytes of a request dict (``Request.to_dict``); raises TypeError for non-JSON values."""
    return json.dumps(_encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str):
    """The request dict back from :func:`dumps` output."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return _decode(json.loads(data))
