"""What changed since the last watch: a warning is sent once, and again only when it gets worse
or is cleared (解除). The state between runs is one JSON file in the watch directory.

Each current warning gets a ``change``: ``new``; ``worse`` (approaching → crossed, or a count
that grew); ``unchanged``; ``improved`` (crossed → approaching, a count that fell: kept quiet).
A warning of the last run that is gone now is ``cleared`` only when this run saw its subject
(the column's list page, the letter, the homepage, the whole site for a count) — otherwise it is
carried as ``unverified`` (未复核): a page that did not load is not a problem fixed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

#: changes that are sent to the webhooks
NOTIFY = ("new", "worse", "cleared")
CHANGE_NAMES = {"new": "新增", "worse": "加重", "unchanged": "持续", "improved": "减轻", "cleared": "解除",
                "unverified": "未复核"}
_RANK = {"approaching": 1, "crossed": 2}
STATE_VERSION = 1


def classify(previous: dict[str, dict], current: list[dict], observed: dict, as_of: str) -> list[dict]:
    """Current warnings and the previous ones gone now, each with ``change`` and ``first_seen``.

    ``previous``: warning_id → warning of the last run; ``observed``: site_code → the
    :class:`~govspider.watch.detect.Observation` of this run (a site missing from it was not seen);
    ``as_of``: this run's date (ISO)."""
    out, now = [], set()
    for warning in current:
        wid = warning["warning_id"]
        now.add(wid)
        old = previous.get(wid)
        item = dict(warning)
        item["first_seen"] = (old or {}).get("first_seen") or warning["as_of"]
        item["change"] = "new" if old is None else _compare(old, warning)
        out.append(item)
    for wid, old in previous.items():
        if wid in now:
            continue
        seen = observed.get(old["site_code"])
        item = dict(old)
        if seen is not None and seen.covers(old):
            item["change"] = "cleared"
            item["cleared_on"] = as_of
        else:
            item["change"] = "unverified"
        out.append(item)
    for item in out:
        item["change_name"] = CHANGE_NAMES[item["change"]]
    out.sort(key=lambda w: (w["site_code"], -_RANK.get(w.get("level"), 0), w["rule_id"], w.get("subject") or ""))
    return out


def _compare(old: dict, new: dict) -> str:
    before, after = _RANK.get(old.get("level"), 0), _RANK[new["level"]]
    if after != before:
        return "worse" if after > before else "improved"
    if new["kind"] == "count" and new["value"] != old.get("value"):
        return "worse" if new["value"] > (old.get("value") or 0) else "improved"
    return "unchanged"


def to_send(classified: list[dict]) -> list[dict]:
    return [w for w in classified if w["change"] in NOTIFY]


def next_state(classified: list[dict]) -> dict[str, dict]:
    """The warnings to remember: everything but the cleared ones."""
    return {w["warning_id"]: {k: v for k, v in w.items() if k not in ("change", "change_name")}
            for w in classified if w["change"] != "cleared"}


def load_state(path: Path) -> dict:
    """The state file (an empty state when there is none yet); a corrupt file is an error that
    names it, never silently a fresh start that would send every warning again."""
    if not path.exists():
        return {"version": STATE_VERSION, "warnings": {}}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: the watch state cannot be read ({exc}); move it away to start afresh "
                         "(every current warning will then be sent again)") from None
    if not isinstance(state, dict) or not isinstance(state.get("warnings"), dict):
        raise ValueError(f"{path}: not a watch state file (expected an object with `warnings`)")
    return state


def save_state(path: Path, state: dict) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({**state, "version": STATE_VERSION}, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
