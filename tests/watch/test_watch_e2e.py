"""Done-when of issue 14, end to end on the sandbox (seed 131, used nowhere else): ``govspider watch``
in a subprocess through the sandbox's proxy, posting to a real HTTP receiver on 127.0.0.1.

A news column aged past its margin gives one warning and one webhook call; an unchanged rerun gives
none (and revisits with 304s); the column past its line is sent again, once, as worse."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from govspider.sandbox.server import SandboxServer
from govspider.storage import open_store

from .crawls import run_govspider
from .receiver import Receiver

SEED, AS_OF = 131, dt.date(2026, 11, 15)


def pick_column(province):
    """A portal whose oldest fresh news column is older than its other news columns: (site, column, days to 10)."""
    for model in province.models:
        if model.site.kind != "portal" or not model.reachable or any(c.js for c in model.columns):
            continue
        news = sorted((c.newest_age, c.name) for c in model.columns if c.category == "news" and "stale" not in c.extras)
        if len(news) >= 2 and news[-1][0] > news[-2][0] and 10 - news[-1][0] >= 1:
            return model.site, news[-1][1], 10 - news[-1][0]
    raise AssertionError("no portal of this seed has one news column to age alone")


@pytest.fixture(scope="module")
def watch(tmp_path_factory):
    root = tmp_path_factory.mktemp("watch")
    with SandboxServer(seed=SEED, as_of=AS_OF) as server, Receiver() as receiver:
        site, column, days = pick_column(server.province)
        dead = next(m.site for m in server.province.models if not m.reachable)
        hall = next(s for s in server.province.sites if s.site_code == site.service_hall)
        # the portal, its hall listed as closed (so the portal's crawl stays on its own host; a
        # closed site is not watched) and a site that never answers
        rows = [site.to_dict(), {**hall.to_dict(), "status": "closed"}, dead.to_dict()]
        (root / "sites.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")

        def run(day):
            proc = run_govspider(server, root / "state", "watch", "--sites", root / "sites.yaml", "--out", root / "out",
                                 "--as-of", day.isoformat(), "--webhook", f"{receiver.url}/hook", "--no-progress")
            assert proc.returncode == 0, proc.stderr[-4000:]
            lines = (root / "out" / "warnings.jsonl").read_text(encoding="utf-8").splitlines()
            return [json.loads(line) for line in lines], len(receiver.requests), proc.stdout

        first_day = AS_OF + dt.timedelta(days=days)
        results = [run(first_day), run(first_day), run(first_day + dt.timedelta(days=5))]
        yield {"root": root, "site": site, "dead": dead, "column": column, "results": results,
               "requests": list(receiver.requests)}


def columns(warnings):
    """Dated columns' time warnings (a column printing no dates warns for review, 需人工确认: not these)."""
    return {w["subject"]: w for w in warnings if w["rule_id"] == "column.stale" and w["kind"] == "time" and not w["review"]}


def test_a_column_past_its_margin_gives_one_warning_and_one_call(watch):
    warnings, calls, stdout = watch["results"][0]
    assert calls == 1
    (only,) = columns(warnings).values()
    assert (only["subject"], only["level"], only["value"], only["change"], only["notified"]) == (watch["column"], "approaching", 10, "new", True)
    body = watch["requests"][0]["body"]
    assert body["type"] == "govspider.warnings" and body["counts"]["new"] == len(warnings)
    sent = [w for s in body["sites"] for w in s["warnings"]]
    assert any(w["subject"] == watch["column"] and w["rule_id"] == "column.stale" for w in sent)
    assert all(w["site_code"] == watch["site"].site_code for w in warnings)  # the dead site: no warning, listed
    html = (watch["root"] / "out" / "warnings.html").read_text(encoding="utf-8")
    assert watch["dead"].name in html and "<script" not in html.lower() and "default-src 'none'" in html
    assert (watch["root"] / "out" / "warnings.xlsx").stat().st_size > 0


def test_an_unchanged_rerun_gives_none_and_costs_what_changed(watch):
    first, _, first_out = watch["results"][0]
    warnings, calls, stdout = watch["results"][1]
    assert calls == 1  # no new call
    assert {w["change"] for w in warnings} == {"unchanged"} and not any(w["notified"] for w in warnings)
    assert sorted(w["warning_id"] for w in warnings) == sorted(w["warning_id"] for w in first)
    assert "个未变化" in stdout


def test_past_the_line_it_is_sent_again_as_worse(watch):
    warnings, calls, _ = watch["results"][2]
    assert calls == 2
    column = columns(warnings)[watch["column"]]
    first_day = watch["results"][0][0][0]["as_of"]
    assert (column["level"], column["value"], column["change"], column["first_seen"]) == ("crossed", 15, "worse", first_day)
    sent = [w for s in watch["requests"][1]["body"]["sites"] for w in s["warnings"]]
    assert any(w["subject"] == watch["column"] and w["change"] == "worse" for w in sent)
    assert all(w["change"] in ("new", "worse", "cleared") for w in sent)


def test_the_rerun_revisited_with_conditional_requests(watch):
    state = json.loads((watch["root"] / "out" / "watch-state.json").read_text(encoding="utf-8"))
    stores = list((watch["root"] / "out" / "store").glob("*.sqlite"))
    assert [p.name for p in stores] == [state["store"].split("/")[-1]]  # older stores pruned
    with open_store(f"sqlite:///{stores[0]}") as store:
        pages = list(store.iter_pages(state["campaign"]))
        record = store.get_campaign(state["campaign"])
    assert record["light"] and len(pages) > 10
    assert all(p.get("revisit") in ("not_modified", "carried") for p in pages)
