"""Page-store conformance tests, written once and run for every backend (SQLite, MongoDB).

Subclass :class:`StoreContract` in a test module and provide a ``store`` fixture yielding an empty
store of your backend (and a ``reopen`` fixture returning a function that opens the same store
again, to prove data is persisted); see tests/store/test_sqlite_store.py.
"""

from __future__ import annotations


from govspider.storage.base import MAX_LINK_SOURCES


def page(url, site="4300000001", campaign="c1", **extra):
    record = {
        "campaign": campaign, "site_code": site, "url": url, "status": 200, "depth": 1,
        "fetched_at": "2026-11-15T08:00:00Z", "content_type": "text/html", "encoding": "gb18030",
        "rendered": False,
        "facts": {"kind": "list", "title": "通知公告", "entries": [{"title": "关于开展政府网站抽查的通知", "url": url + "#1", "date": "2026-11-01"}]},
        "text": "长沙市人民政府 通知公告", "findings": [],
    }
    record.update(extra)
    return record


class StoreContract:
    """Behaviour every page store must have (storage/base.py)."""

    def test_campaign_roundtrip(self, store):
        campaign = {"id": "c1", "as_of": "2026-11-15", "ruleset": "2019", "created": "2026-11-28T00:00:00Z",
                    "sites": [{"site_code": "4300000001", "name": "长沙市人民政府"}], "sample": {}, "robots_ignored": False}
        store.save_campaign(campaign)
        assert store.get_campaign("c1") == campaign
        assert store.get_campaign("nope") is None
        store.save_campaign({**campaign, "robots_ignored": True})
        assert store.get_campaign("c1")["robots_ignored"] is True
        assert [c["id"] for c in store.list_campaigns()] == ["c1"]

    def test_upsert_page_is_idempotent(self, store):
        assert store.upsert_page(page("http://www.csx.gov.cn/tzgg/")) is True
        assert store.upsert_page(page("http://www.csx.gov.cn/tzgg/", status=404)) is False
        assert store.count_pages("c1") == 1
        got = store.get_page("c1", "http://www.csx.gov.cn/tzgg/")
        assert got["status"] == 404
        assert got["facts"]["entries"][0]["title"] == "关于开展政府网站抽查的通知"
        assert got["text"] == "长沙市人民政府 通知公告"

    def test_pages_are_per_campaign(self, store):
        store.upsert_page(page("http://a.gov.cn/", campaign="c1"))
        store.upsert_page(page("http://a.gov.cn/", campaign="c2"))
        assert store.count_pages("c1") == 1 and store.count_pages("c2") == 1
        assert store.get_page("c3", "http://a.gov.cn/") is None

    def test_iter_and_count_by_site(self, store):
        for i in range(30):
            store.upsert_page(page(f"http://www.csx.gov.cn/p{i}.html", site="A"))
        for i in range(7):
            store.upsert_page(page(f"http://jyj.csx.gov.cn/p{i}.html", site="B"))
        assert store.count_pages("c1") == 37
        assert store.count_pages("c1", "B") == 7
        urls = [p["url"] for p in store.iter_pages("c1", "B")]
        assert sorted(urls) == sorted(f"http://jyj.csx.gov.cn/p{i}.html" for i in range(7))
        assert sum(1 for _ in store.iter_pages("c1")) == 37

    def test_iter_pages_streams(self, store):
        for i in range(1200):
            store.upsert_page(page(f"http://www.csx.gov.cn/a/{i}.html", text="政务公开" * 50))
        it = store.iter_pages("c1")
        assert not isinstance(it, (list, tuple))
        first = next(iter(it))
        assert first["campaign"] == "c1"
        assert sum(1 for _ in store.iter_pages("c1")) == 1200

    def test_link_merge(self, store):
        base = {"campaign": "c1", "site_code": "A", "target": "http://www.csx.gov.cn/files/办事指南.doc",
                "status": None, "error": "timeout", "attachment": True, "internal": True}
        store.upsert_link({**base, "on_home": True, "sources": ["http://www.csx.gov.cn/"]})
        store.upsert_link({**base, "status": 404, "error": None, "on_home": False, "sources": ["http://www.csx.gov.cn/x.html"]})
        links = list(store.iter_links("c1"))
        assert len(links) == 1
        link = links[0]
        assert link["status"] == 404 and link["error"] is None
        assert link["on_home"] is True
        assert link["sources"] == ["http://www.csx.gov.cn/", "http://www.csx.gov.cn/x.html"]

    def test_link_partial_update_keeps_status(self, store):
        base = {"campaign": "c1", "site_code": "A", "target": "http://www.csx.gov.cn/gone.html"}
        store.upsert_link({**base, "status": 404, "error": None, "attachment": False, "internal": True,
                           "on_home": False, "sources": ["http://www.csx.gov.cn/a.html"]})
        store.upsert_link({**base, "sources": ["http://www.csx.gov.cn/b.html"], "on_home": True})
        (link,) = store.iter_links("c1", "A")
        assert link["status"] == 404 and link["on_home"] is True
        assert len(link["sources"]) == 2

    def test_link_sources_capped(self, store):
        for i in range(MAX_LINK_SOURCES + 4):
            store.upsert_link({"campaign": "c1", "site_code": "A", "target": "http://a.gov.cn/x", "status": 200,
                               "error": None, "attachment": False, "internal": True, "on_home": False,
                               "sources": [f"http://a.gov.cn/s{i}"]})
        (link,) = store.iter_links("c1")
        assert len(link["sources"]) == MAX_LINK_SOURCES
        assert list(store.iter_links("c1", "other")) == []

    def test_site_state_upsert(self, store):
        store.upsert_site_state({"campaign": "c1", "site_code": "A", "reachable": True, "error": None,
                                 "home_status": 200, "final_url": "http://www.csx.gov.cn/", "pages": 0,
                                 "finished": False, "robots_ignored": False})
        store.upsert_site_state({"campaign": "c1", "site_code": "A", "pages": 42, "finished": True})
        store.upsert_site_state({"campaign": "c1", "site_code": "B", "reachable": False, "error": "DNS lookup failed"})
        states = {s["site_code"]: s for s in store.iter_site_states("c1")}
        assert states["A"]["pages"] == 42 and states["A"]["finished"] is True
        assert states["A"]["home_status"] == 200
        assert states["B"]["reachable"] is False
        assert list(store.iter_site_states("c2")) == []

    def test_replace_findings(self, store):
        findings = [{"rule_id": "column.stale", "site_code": "A", "url": "http://a.gov.cn/tzgg/", "severity": "deduct",
                     "points": 1, "evidence": "通知公告 最新 2025-01-02", "details": {"column": "通知公告"},
                     "as_of": "2026-11-15", "campaign": "c1", "finding_id": f"f{i}"} for i in range(5)]
        assert store.replace_findings("c1", findings) == 5
        assert store.replace_findings("c1", findings[:2]) == 2
        assert [f["finding_id"] for f in store.iter_findings("c1")] == ["f0", "f1"]
        assert store.replace_findings("c1", iter([])) == 0
        assert list(store.iter_findings("c1")) == []

    def test_persisted_after_reopen(self, store, reopen):
        store.upsert_page(page("http://www.csx.gov.cn/"))
        store.upsert_site_state({"campaign": "c1", "site_code": "A", "reachable": True})
        store.close()
        with reopen() as again:
            assert again.get_page("c1", "http://www.csx.gov.cn/")["facts"]["title"] == "通知公告"
            assert [s["site_code"] for s in again.iter_site_states("c1")] == ["A"]

    def test_review_decisions_replace_and_survive_reanalysis(self, store):
        def decision(fid, what, at, by="李明"):
            return {"campaign": "c1", "finding_id": fid, "rule_id": "column.blank", "site_code": "A", "key": "机构设置",
                    "decision": what, "by": by, "reason": "静态栏目，无需更新", "at": at}

        store.save_review_decision(decision("f1", "accept", "2026-11-20T08:00:00+00:00"))
        store.save_review_decision(decision("f2", "reject", "2026-11-20T09:00:00+00:00"))
        store.save_review_decision(decision("f1", "reject", "2026-11-21T08:00:00+00:00", by="王芳"))
        store.save_review_decision({**decision("f1", "accept", "2026-11-22T08:00:00+00:00"), "campaign": "c2"})
        got = list(store.iter_review_decisions("c1"))
        assert [(d["finding_id"], d["decision"], d["by"]) for d in got] == [("f2", "reject", "李明"), ("f1", "reject", "王芳")]
        assert got[1]["reason"] == "静态栏目，无需更新" and got[1]["key"] == "机构设置"
        store.replace_findings("c1", [])  # re-analysis replaces findings, never decisions
        assert len(list(store.iter_review_decisions("c1"))) == 2
        assert [d["decision"] for d in store.iter_review_decisions("c2")] == ["accept"]
        assert list(store.iter_review_decisions("c3")) == []
