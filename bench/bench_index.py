"""Findings/s indexed through govspider vs a plain ``helpers.bulk`` of the same documents.

Run by hand against a running node (ratios in the same run; numbers are noisy on 2 cores):

    deploy/elasticsearch/es.sh start          # Elasticsearch 8.14.3 (ES_ENGINE=opensearch: OpenSearch)
    GOVSPIDER_ES_URL=http://127.0.0.1:9250 python bench/bench_index.py [--n 20000] [--rounds 4]

Reports, per round: the baseline (``helpers.bulk`` of the ready documents, chunk 500), govspider
with raw findings (jieba segmentation and ids included, token cache cleared as in a fresh process),
govspider with findings that already carry ``tokens`` (the same work as the baseline) and
``publish_campaign`` with raw findings over a published campaign (what ``govspider analyze``
does: the new publication, then the old one's documents deleted), plus the embedded SQLite FTS
index for scale. Findings are spread over 800 sites (a province's registry) with evidence
templated like the analyzers' output. The order of the runs alternates between rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govspider.index import open_index  # noqa: E402
from govspider.index.client import server_info  # noqa: E402
from govspider.index.documents import _block_tokens, finding_doc, index_suffix  # noqa: E402

REGIONS = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市",
           "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州"]
TEMPLATES = [
    ("column.stale", "栏目「{c}」最近更新 2025-03-{d:02d}，超过 6 个月未更新", {"column": "{c}", "category": "notice"}),
    ("guide.blank_field", "办事指南「{c}办理」办理材料为空", {"item": "{c}办理", "field": "办理材料"}),
    ("interaction.boilerplate_reply", "留言《关于{c}的咨询》答复仅为“您好”", {"letter": "关于{c}的咨询"}),
    ("link.broken", "首页链接 http://www.x{i}.gov.cn/{c}/{d}.html 返回 404", {"target": "http://www.x{i}.gov.cn/{d}.html", "status": 404}),
]
COLUMNS = ["通知公告", "工作动态", "政策解读", "护照", "不动产登记", "小区停水", "人事信息", "规划计划"]


def make_findings(n: int, campaign: str, sites: int = 800) -> list[dict]:
    """``n`` findings on ``sites`` sites (a province's registry is ~800), templated like analyzers'."""
    out = []
    for i in range(n):
        s = i % sites
        rule, evidence, details = TEMPLATES[i % len(TEMPLATES)]
        c, d = COLUMNS[i % len(COLUMNS)], i % 28 + 1
        code = f"43{s % 14 + 1:02d}{s // 14:06d}"
        out.append({"rule_id": rule, "site_code": code, "url": f"http://www.x{i}.gov.cn/p/{i}.html",
                    "severity": "deduct", "points": 1, "evidence": evidence.format(c=c, d=d, i=i),
                    "details": {k: v.format(c=c, d=d, i=i) if isinstance(v, str) else v for k, v in details.items()},
                    "as_of": "2026-11-15", "campaign": campaign, "site_name": f"{REGIONS[s % 14]}第{s // 14}号网站",
                    "region": REGIONS[s % 14]})
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("GOVSPIDER_ES_URL"))
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    if not args.url:
        print("give --url or set GOVSPIDER_ES_URL (deploy/elasticsearch/es.sh start)", file=sys.stderr)
        return 2
    print(f"server: {server_info(args.url)}")
    findings = make_findings(args.n, "bench")
    t0 = time.perf_counter()
    _block_tokens.cache_clear()
    docs = [finding_doc(f) for f in findings]
    prep = time.perf_counter() - t0
    pretokenized = [dict(f, tokens=d["tokens"]) for f, d in zip(findings, docs)]
    fixed = [dict(f, url=f["url"] + "#fixed") for f in findings[::10]]
    print(f"{args.n} findings; building documents (jieba + ids) took {prep:.2f}s "
          f"({args.n / prep:,.0f}/s)")

    rates = {"baseline": [], "govspider": [], "govspider_pretok": [], "govspider_publish": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            names = {k: f"bench{r}{k.replace('_', '')}" for k in rates}
            indices = {k: open_index(f"{args.url}?prefix={names[k]}&spool={tmp}/{k}{r}") for k in rates}
            for ix in indices.values():                       # same templates, same empty start
                ix.drop()
                ix.client()
            # publish replaces a campaign: an earlier publication is there, a tenth of it since fixed
            indices["govspider_publish"].publish_campaign("bench", findings[1::10] + fixed, [])
            indices["govspider_publish"].refresh()
            base = indices["baseline"]
            actions = [{"_op_type": "index", "_index": f"{base.prefix}-findings-{index_suffix(d)}",
                        "_id": d["finding_id"], "_source": d} for d in docs]
            client = base.client()
            def cold_govspider():
                _block_tokens.cache_clear()  # as in a fresh process: segmentation paid in full
                return indices["govspider"].index_findings(findings)

            def cold_publish():
                _block_tokens.cache_clear()
                out = indices["govspider_publish"].publish_campaign("bench", findings, [])
                assert out["findings"] == args.n and out["removed"] == len(fixed) and out["pending"] == 0, out

            runs = {
                "baseline": lambda: client.helpers.bulk(client.raw, actions, chunk_size=500),
                "govspider": cold_govspider,
                "govspider_pretok": lambda: indices["govspider_pretok"].index_findings(pretokenized),
                "govspider_publish": cold_publish,
            }
            order = list(runs) if r % 2 == 0 else list(reversed(runs))
            for key in order:
                seconds = timed(runs[key])
                rates[key].append(args.n / seconds)
            for key, ix in indices.items():
                ix.refresh()
                assert ix.count() == args.n, (key, ix.count())
                ix.drop()
                ix.close()
            print(f"round {r + 1}: " + ", ".join(f"{k} {rates[k][-1]:,.0f}/s" for k in rates))
        with open_index(f"sqlite-fts:///{tmp}/bench.sqlite") as ix:
            _block_tokens.cache_clear()
            sqlite_rate = args.n / timed(lambda: ix.index_findings(findings))

    med = {k: statistics.median(v) for k, v in rates.items()}
    paired = {k: statistics.median(g / b for g, b in zip(rates[k], rates["baseline"]))
              for k in ("govspider", "govspider_pretok", "govspider_publish")}
    print(f"median of per-round ratios (same round, same server state): govspider "
          f"{paired['govspider']:.2f}x, with tokens given {paired['govspider_pretok']:.2f}x, "
          f"publish_campaign {paired['govspider_publish']:.2f}x")
    print(f"median findings/s: baseline helpers.bulk {med['baseline']:,.0f}; "
          f"govspider {med['govspider']:,.0f} ({med['govspider'] / med['baseline']:.2f}x); "
          f"govspider with tokens given {med['govspider_pretok']:,.0f} "
          f"({med['govspider_pretok'] / med['baseline']:.2f}x); sqlite-fts {sqlite_rate:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
