"""Fixtures of the index tests: a hand-written campaign's findings and verdicts, and the real
search server named by GOVSPIDER_ES_URL (a missing server FAILS these tests, never skips them)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ES_SH = ROOT / "deploy" / "elasticsearch" / "es.sh"
AS_OF = "2026-11-15"
CAMPAIGN = "2026Q4-hn"

#: (rule_id, site_code, site_name, region, severity, points, evidence, details, path)
HAND_WRITTEN = [
    ("column.stale", "4301000001", "长沙市人民政府", "长沙市", "deduct", 5,
     "栏目「通知公告」最近更新 2025-03-02，超过 6 个月未更新",
     {"column": "通知公告", "category": "notice", "newest_date": "2025-03-02"}, "/tzgg/"),
    ("interaction.boilerplate_reply", "4302000001", "株洲市人民政府", "株洲市", "deduct", 1,
     "留言《关于小区停水的咨询》答复仅为“您好”", {"letter": "关于小区停水的咨询"}, "/hdjl/123.html"),
    ("guide.blank_field", "4303000002", "湘潭市政务服务网", "湘潭市", "deduct", 1,
     "办事指南「护照办理」办理材料为空", {"item": "护照办理", "field": "办理材料"}, "/bszn/hz.html"),
    ("guide.divergence", "4301000001", "长沙市人民政府", "长沙市", "deduct", 2,
     "门户与政务服务网「不动产登记」承诺时限不一致：5 个工作日 / 10 个工作日",
     {"item": "不动产登记", "fields": ["承诺时限"], "hall_site_code": "4301210055"}, "/zwfw/bdc.html"),
    # shares the characters 办 and 事 (事业单位办理) but not the word 办事指南
    ("content.serious_error", "4304000001", "衡阳市人民政府", "衡阳市", "veto", 0,
     "事业单位办理登记的页面出现严重表述错误「中华人民共和国国务院办公厅」误作「国务院办公厅室」",
     {"term": "国务院办公厅室", "correct": "国务院办公厅"}, "/zwgk/a1.html"),
    # shares 您 and 好 separately, never the word 您好
    ("interaction.overdue_reply", "4302000001", "株洲市人民政府", "株洲市", "deduct", 1,
     "留言《您的好建议何时采纳》答复用时 41 天，超过 15 个工作日", {"letter": "您的好建议何时采纳", "days": 41},
     "/hdjl/456.html"),
    ("footer.missing", "4305000003", "邵阳市教育局", "邵阳市", "deduct", 1,
     "网站底部缺少「党政机关标识」", {"element": "conac"}, "/"),
    ("domain.not_gov_cn", "4306000004", "岳阳市某县人民政府", "岳阳市", "veto", 0,
     "网站使用非 gov.cn 域名 www.yyxian.com", {"host": "www.yyxian.com"}, "/"),
]


def make_finding(rule, code, name, region, severity, points, evidence, details, path,
                 campaign=CAMPAIGN, as_of=AS_OF):
    host = f"www.{code}.gov.cn"
    return {"rule_id": rule, "site_code": code, "url": f"http://{host}{path}", "severity": severity,
            "points": points, "evidence": evidence, "details": details, "as_of": as_of,
            "campaign": campaign, "site_name": name, "region": region, "title": f"{name} - {evidence[:8]}",
            "level": "city" if name.endswith("市人民政府") else "county", "kind": "portal", "rule_name": rule}


REGIONS = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市",
           "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州"]
COLUMNS = ["工作动态", "政策解读", "通知公告", "政府信息公开", "人事信息", "规划计划"]


def review_finding(campaign=CAMPAIGN, as_of=AS_OF) -> dict:
    """A finding marked for a person's check (the crawl of the site did not finish)."""
    finding = make_finding("column.stale", "4301210001", "长沙县人民政府", "长沙市", "deduct", 0,
                           "栏目「政务要闻」最近更新 2025-09-30；抓取未完成，停更与否待人工复核",
                           {"column": "政务要闻", "category": "news", "newest_date": "2025-09-30"}, "/zwyw/",
                           campaign, as_of)
    return {**finding, "review": True, "review_reason": "抓取未完成（partial），栏目可能未抓全"}


def campaign_findings(n_sites=60, campaign=CAMPAIGN, as_of=AS_OF) -> list[dict]:
    """A sandbox-shaped campaign: hand-written findings (one marked for review) plus stale/blank
    columns and broken links on ``n_sites`` sites across the 14 市州."""
    out = [make_finding(*row, campaign=campaign, as_of=as_of) for row in HAND_WRITTEN]
    out.append(review_finding(campaign, as_of))
    for i in range(n_sites):
        code = f"43{i % 14 + 1:02d}9{i:05d}"
        region, name = REGIONS[i % 14], f"{REGIONS[i % 14]}第{i}号部门网站"
        column = COLUMNS[i % len(COLUMNS)]
        out.append(make_finding("column.stale", code, name, region, "deduct", 3,
                                f"栏目「{column}」最近更新 2025-0{i % 9 + 1}-01，超过 6 个月未更新",
                                {"column": column, "category": "news", "newest_date": f"2025-0{i % 9 + 1}-01"},
                                f"/{i}/lm/", campaign, as_of))
        out.append(make_finding("link.broken", code, name, region, "deduct", 0.1,
                                f"首页链接 http://{code}.gov.cn/dead/{i}.html 返回 404",
                                {"target": f"http://{code}.gov.cn/dead/{i}.html", "status": 404, "on_home": True},
                                "/", campaign, as_of))
    return out


def campaign_verdicts(findings: list[dict]) -> list[dict]:
    sites = {}
    for f in findings:
        v = sites.setdefault(f["site_code"], {
            "campaign": f["campaign"], "as_of": f["as_of"], "site_code": f["site_code"],
            "name": f["site_name"], "region": f["region"], "level": "department", "kind": "department",
            "score": 100.0, "vetoes": [], "findings": 0})
        v["findings"] += 1
        v["score"] -= f["points"]
        v["partial"] = v.get("partial", False) or bool(f.get("review"))
        if f["severity"] == "veto":
            v["vetoes"].append(f["rule_id"])
    for v in sites.values():  # the words `govspider run` writes in sites.jsonl
        v["level"] = "county"
        v["passed"] = not v["vetoes"] and v["score"] >= 60
        v["verdict"] = "单项否决" if v["vetoes"] else ("合格" if v["passed"] else "不合格")
    return list(sites.values())


@pytest.fixture
def findings():
    return campaign_findings()


@pytest.fixture
def verdicts(findings):
    return campaign_verdicts(findings)


@pytest.fixture
def campaign_factory():
    return campaign_findings


@pytest.fixture(scope="session")
def es_url():
    """GOVSPIDER_ES_URL (deploy/stack.sh start writes it: the Elasticsearch 8.14.3 node); FAILS
    when unset or not answering."""
    from govspider.index.client import ServerUnavailable, UnsupportedServer, server_info

    url = os.environ.get("GOVSPIDER_ES_URL")
    if not url:
        pytest.fail("GOVSPIDER_ES_URL is not set: start the stack (bash deploy/stack.sh start; "
                    ". deploy/.stack/env) or deploy/elasticsearch/es.sh start and export it")
    try:
        server_info(url)
    except (ServerUnavailable, UnsupportedServer) as exc:
        pytest.fail(f"search server at GOVSPIDER_ES_URL={url} does not answer: {exc}")
    return url


@pytest.fixture
def es_index(es_url, tmp_path):
    """An ElasticIndex with a unique prefix and its own spool; its indices are dropped after."""
    from govspider.index import open_index

    prefix = f"t{uuid.uuid4().hex[:10]}"
    index = open_index(f"{es_url}?prefix={prefix}&spool={tmp_path / 'spool'}")
    yield index
    try:
        index.drop()
    finally:
        index.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EsNode:
    """A cluster of our own (default engine: Elasticsearch), started and stopped with
    deploy/elasticsearch/es.sh."""

    def __init__(self, base: Path, nodes: int = 1, engine: str = "elasticsearch"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "ES_PORT": str(self.port), "ES_NODES": str(nodes), "ES_BASE": str(base),
                    "ES_HEAP": "384m" if nodes == 1 else "640m", "ES_ENGINE": engine}

    def run(self, action: str) -> str:
        proc = subprocess.run(["bash", str(ES_SH), action], env=self.env, capture_output=True, text=True,
                              timeout=300)
        if action != "status" and proc.returncode != 0:
            raise AssertionError(f"es.sh {action} failed ({proc.returncode}): {proc.stdout}{proc.stderr}")
        return proc.stdout

    def health(self) -> dict:
        with urllib.request.urlopen(self.url + "/_cluster/health?wait_for_status=green&timeout=60s",
                                    timeout=70) as resp:
            return json.loads(resp.read())


@pytest.fixture
def own_tmp():
    """A temporary directory outside pytest's basetemp: other pytest sessions on this machine
    prune old basetemps, which must not pull a running cluster's data or a spool away."""
    path = Path(tempfile.mkdtemp(prefix="govspider-index-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def es_node_factory(own_tmp):
    started = []

    def start(nodes: int = 1, engine: str = "elasticsearch") -> EsNode:
        node = EsNode(own_tmp / f"es{len(started)}", nodes, engine)
        started.append(node)
        node.run("start")
        return node

    yield start
    for node in started:
        node.run("stop")
