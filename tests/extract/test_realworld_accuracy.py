"""Extraction accuracy on the 52 real government pages of shared/realworld (labels.json), ≥ 90% overall."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from govspider.commands.extract import extract_file

def _find_shared() -> Path:
    """The project's ../shared folder: beside the checkout, or beside the folder holding worktrees."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "realworld").is_dir():
            return parent / "shared"
    return Path(__file__).resolve().parents[3] / "shared"


SHARED = _find_shared()
REALWORLD = SHARED / "realworld"
_WS = re.compile(r"\s+")


def _icp(value):
    if value is None:
        return None
    v = _WS.sub("", value).replace(":", "").replace("：", "")
    return v[:-1] if v.endswith("号") else v


def _digits(value):
    return None if value is None else re.sub(r"\D", "", value)


def _nospace(value):
    return None if value is None else _WS.sub("", value)


def _phone(value):
    return None if value is None else re.sub(r"[^\d-]", "", value)


NORMALIZE = {"icp": _icp, "police_record": _digits, "sponsor": _nospace, "title": _nospace, "phone": _phone}


def _compare(field, expected, got):
    """True when ``got`` counts as right for the label ``expected`` (README's comparison rules)."""
    if field in ("conac", "jiucuo") and expected is None:
        return True  # only an empty JS placeholder: either answer is right
    norm = NORMALIZE.get(field, lambda v: v)
    return norm(expected) == norm(got)


def evaluate() -> tuple[dict, list[str]]:
    labels = json.loads((REALWORLD / "labels.json").read_text(encoding="utf-8"))
    score = defaultdict(lambda: [0, 0])
    misses = []
    for name, label in sorted(labels.items()):
        facts = extract_file(REALWORLD / "pages" / name, label["url"])
        want = label["facts"]
        checks = []
        for key, expected in want.get("footer", {}).items():
            checks.append((f"footer.{key}", key, expected, facts["footer"].get(key)))
        for key in ("kind", "title", "publish_date"):
            if key in want:
                checks.append((key, key, want[key], facts.get(key)))
        if "home" in want:
            dates = [e["date"] for e in facts["entries"]]
            checks.append(("home.newest_date", "newest_date", want["home"]["newest_date"], max(dates) if dates else None))
            checks.append(("home.dated_entries", "dated_entries", want["home"]["dated_entries"], len(dates)))
        for field, key, expected, got in checks:
            ok = _compare(key, expected, got)
            score[field][1] += 1
            score[field][0] += ok
            if not ok:
                misses.append(f"{name} {field}: want {expected!r} got {got!r}")
    return score, misses


def test_realworld_accuracy():
    assert REALWORLD.is_dir(), f"shared/realworld not found at {REALWORLD}"
    score, misses = evaluate()
    right = sum(r for r, _ in score.values())
    total = sum(t for _, t in score.values())
    print("\nfield                 right/total")
    for field in sorted(score):
        r, t = score[field]
        print(f"{field:22s}{r:3d}/{t:<3d} {100 * r / t:5.1f}%")
    print(f"{'OVERALL':22s}{right:3d}/{total:<3d} {100 * right / total:5.1f}%")
    for line in misses:
        print("MISS", line)
    assert total > 300
    assert right / total >= 0.90, f"accuracy {right}/{total} below 90%"
