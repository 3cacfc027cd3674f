"""A plain Scrapy spider reaches www.*.gov.cn through the sandbox with only http_proxy set (in a
subprocess: the Twisted reactor cannot restart in one process), and GBK pages decode correctly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from govspider.sandbox.server import SandboxServer


def test_scrapy_fetches_sandbox_sites_through_http_proxy(province, tmp_path):
    by_encoding = {}
    for model in province.models:
        if model.reachable:
            by_encoding.setdefault(model.encoding, model)
    assert set(by_encoding) == {"utf8", "gbk-both", "gbk-meta", "gb18030-header"}
    urls = [f"http://{m.host}/" for m in by_encoding.values()]
    article = province.page_model(by_encoding["gbk-meta"].host, "/")["entries"][0]
    urls.append(article["url"])
    out = tmp_path / "items.jsonl"
    with SandboxServer(province=province) as server:
        env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}
        env["http_proxy"] = server.proxy_url
        proc = subprocess.run(
            [sys.executable, "-m", "scrapy", "runspider", str(Path(__file__).with_name("scrapy_probe.py")),
             "-a", "urls=" + ",".join(urls), "-o", f"{out}:jsonl", "-s", "LOG_LEVEL=WARNING"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-3000:]
        served = server.requests
    items = {json.loads(line)["url"]: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    assert set(items) == set(urls), proc.stderr[-2000:]
    assert served >= len(urls)  # the requests really went through the sandbox
    for model in by_encoding.values():
        item = items[f"http://{model.host}/"]
        assert item["status"] == 200 and item["proxied"]
        assert item["title"] == model.site.name
    assert items[article["url"]]["h1"] == article["title"]
    assert items[f"http://{by_encoding['gbk-meta'].host}/"]["encoding"] in ("gb18030", "gbk", "gb2312")
