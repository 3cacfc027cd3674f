"""``govspider extract --url URL FILE``: one JSON object of page facts, stdin with "-", exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from govspider.cli import main

PAGE = ("<html><head><meta charset='gbk'><title>长沙县人民政府</title></head><body>"
        "<ul><li><a href='/a/t20180301_1.html'>通知一</a><span>2018-03-01</span></li></ul>"
        "<div class='footer'>主办单位：长沙县人民政府 湘ICP备11013490号</div></body></html>")


def test_extract_file_prints_contract_json(tmp_path):
    path = tmp_path / "home.html"
    path.write_bytes(PAGE.encode("gbk"))
    result = CliRunner().invoke(main, ["extract", "--url", "http://www.csx.gov.cn/", str(path)])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert {"kind", "title", "footer", "entries", "publish_date", "guide", "letters"} <= set(facts)
    assert facts["kind"] == "home"
    assert facts["footer"]["sponsor"] == "长沙县人民政府"
    assert facts["entries"] == [{"title": "通知一", "url": "http://www.csx.gov.cn/a/t20180301_1.html", "date": "2018-03-01"}]
    assert "长沙县人民政府" in result.output  # ensure_ascii=False: Chinese printed as is


def test_extract_stdin_in_a_real_process():
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "extract", "--url", "http://www.csx.gov.cn/", "-"],
                          input=PAGE.encode("gbk"), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode("utf-8"))["footer"]["icp"] == "湘ICP备11013490号"


def test_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["extract", "--url", "http://www.csx.gov.cn/", str(tmp_path / "nope.html")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_relative_url_exits_2(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--url", "www.csx.gov.cn", str(path)])
    assert result.exit_code == 2
    assert "absolute" in result.output


def test_directory_is_rejected(tmp_path):
    result = CliRunner().invoke(main, ["extract", "--url", "http://www.csx.gov.cn/", str(Path(tmp_path))])
    assert result.exit_code == 2


def test_as_of_gives_month_day_dates_their_year(tmp_path):
    path = tmp_path / "home.html"
    path.write_text("<html><head><title>长沙县</title></head><body><ul>"
                    "<li><a href='/info/1/2.htm'>县政府常务会议召开</a><span>11-03</span></li></ul></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--url", "http://www.csx.gov.cn/", "--as-of", "2026-11-15", str(path)])
    assert result.exit_code == 0, result.output
    assert [e["date"] for e in json.loads(result.output)["entries"]] == ["2026-11-03"]
    bad = CliRunner().invoke(main, ["extract", "--url", "http://www.csx.gov.cn/", "--as-of", "15/11/2026", str(path)])
    assert bad.exit_code == 2
