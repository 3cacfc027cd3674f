"""What changed since the last watch: sent once, again only when worse or cleared; a warning whose
page was not seen this time is carried as unverified, never cleared; the state file."""

from __future__ import annotations

import json

import pytest

from govspider.watch.changes import classify, load_state, next_state, save_state, to_send
from govspider.watch.detect import Observation, warning_id


def warning(subject="政务要闻", level="approaching", value=11, kind="time", rule="column.stale", site="4301210001", as_of="2026-11-20"):
    return {"warning_id": warning_id(rule, kind, site, subject), "rule_id": rule, "site_code": site, "subject": subject,
            "kind": kind, "level": level, "value": value, "as_of": as_of}


SEEN = {"4301210001": Observation(home=True, columns=frozenset({"政务要闻", "通知公告"}), letters=frozenset(), complete=True)}


def run(previous, current, observed=SEEN, as_of="2026-11-21"):
    out = classify(previous, current, observed, as_of)
    return {w["subject"] or w["kind"]: w["change"] for w in out}, next_state(out), to_send(out)


def test_sent_once_then_again_only_when_worse_or_cleared():
    changes, state, sent = run({}, [warning()])
    assert changes == {"政务要闻": "new"} and len(sent) == 1
    changes, state, sent = run(state, [warning(value=12)])
    assert changes == {"政务要闻": "unchanged"} and sent == []  # a day older is not news
    changes, state2, sent = run(state, [warning(level="crossed", value=15)])
    assert changes == {"政务要闻": "worse"} and len(sent) == 1
    assert state2[warning()["warning_id"]]["first_seen"] == "2026-11-20"
    changes, state3, sent = run(state2, [warning(value=3)])  # crossed → approaching: quiet
    assert changes == {"政务要闻": "improved"} and sent == []
    changes, state4, sent = run(state3, [])
    assert changes == {"政务要闻": "cleared"} and sent[0]["cleared_on"] == "2026-11-21" and state4 == {}


def test_counts_worse_when_they_grow():
    count = lambda n: warning(subject="", kind="count", value=n, level="crossed" if n >= 5 else "approaching")  # noqa: E731
    _, state, _ = run({}, [count(3)])
    assert run(state, [count(4)])[0] == {"count": "worse"}
    assert run(state, [count(3)])[0] == {"count": "unchanged"}


def test_not_seen_is_not_cleared():
    _, state, _ = run({}, [warning(), warning(subject="人事信息")])
    # 人事信息's list page was not fetched this time, and a site that did not load at all
    changes, state, sent = run(state, [])
    assert changes == {"政务要闻": "cleared", "人事信息": "unverified"} and [w["subject"] for w in sent] == ["政务要闻"]
    assert list(state.values())[0]["subject"] == "人事信息"
    other = {**state, **{w["warning_id"]: w for w in [warning(site="4302000001")]}}
    changes, _, sent = run(other, [], observed={})
    assert set(changes.values()) == {"unverified"} and sent == []


def test_count_cleared_only_after_a_complete_check():
    _, state, _ = run({}, [warning(subject="", kind="count", value=3)])
    partial = {"4301210001": Observation(home=True, columns=frozenset({"政务要闻"}), complete=False)}
    assert run(state, [], observed=partial)[0] == {"count": "unverified"}
    assert run(state, [])[0] == {"count": "cleared"}


def test_state_file(tmp_path):
    path = tmp_path / "watch-state.json"
    assert load_state(path) == {"version": 1, "warnings": {}}
    save_state(path, {"campaign": "watch-2026-11-20-070000", "warnings": {"a": {"subject": "政务要闻"}}})
    assert load_state(path)["warnings"]["a"]["subject"] == "政务要闻"
    assert "政务要闻" in path.read_text(encoding="utf-8") and not list(tmp_path.glob(".state-*"))
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot be read.*move it away"):
        load_state(path)
    path.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(ValueError, match="not a watch state file"):
        load_state(path)
