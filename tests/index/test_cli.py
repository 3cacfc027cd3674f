"""``govspider index`` and ``govspider search`` on the embedded index: output, errors (exit 2)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from govspider.cli import main


@pytest.fixture
def run_files(tmp_path, findings, verdicts):
    f_path, v_path = tmp_path / "findings.jsonl", tmp_path / "sites.jsonl"
    f_path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings), encoding="utf-8")
    v_path.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in verdicts), encoding="utf-8")
    return f_path, v_path


@pytest.fixture
def runner(tmp_path, monkeypatch):
    for var in ("GOVSPIDER_INDEX", "GOVSPIDER_ES_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GOVSPIDER_STATE_DIR", str(tmp_path / "state"))
    return CliRunner()


def test_index_then_search_the_default_embedded_index(runner, run_files, tmp_path, findings):
    f_path, v_path = run_files
    result = runner.invoke(main, ["index", "--findings", str(f_path), "--sites-jsonl", str(v_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "state" / "index.sqlite").is_file()
    assert f"indexed {len(findings)} findings" in result.stdout
    again = runner.invoke(main, ["index", "--findings", str(f_path)])
    assert again.exit_code == 0
    result = runner.invoke(main, ["search", "办事指南"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    rule, site, region, evidence, url = lines[0].split("\t")
    assert (rule, region) == ("guide.blank_field", "湘潭市") and "护照办理" in evidence
    result = runner.invoke(main, ["search", "", "--rule", "column.stale", "--region", "长沙市", "--json",
                                  "--limit", "500"])
    hits = [json.loads(l) for l in result.stdout.splitlines()]
    assert hits and all(h["region"] == "长沙市" and h["rule_id"] == "column.stale" for h in hits)
    assert len(hits) == sum(1 for f in findings if f["rule_id"] == "column.stale" and f["region"] == "长沙市")


def test_a_finding_to_review_says_so(runner, run_files):
    result = runner.invoke(main, ["index", "--findings", str(run_files[0])])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", "政务要闻", "--rule", "column.stale"])
    assert result.stdout.count("\n") == 1 and "【待人工复核】栏目「政务要闻」" in result.stdout


def test_search_a_run_directory(runner, run_files, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["index", "--findings", str(run_files[0]), "--index", f"sqlite-fts:///{out}/index.sqlite"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", "您好", "--index", str(out)])
    assert result.exit_code == 0 and result.stdout.startswith("interaction.boilerplate_reply\t")


def test_bad_input_is_exit_2_with_what_to_do(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"rule_id": "x", "site_code": "1"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(main, ["index", "--findings", str(bad)])
    assert result.exit_code == 2 and "line 2" in result.output
    result = runner.invoke(main, ["index", "--findings", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(main, ["index"])
    assert result.exit_code == 2 and "--findings" in result.output
    result = runner.invoke(main, ["search", "您好", "--index", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "govspider index" in result.output
    result = runner.invoke(main, ["search", "您好", "--index", "ftp://x"])
    assert result.exit_code == 2 and "sqlite-fts" in result.output
    nofield = tmp_path / "nofield.jsonl"
    nofield.write_text('{"evidence": "没有规则"}\n', encoding="utf-8")
    result = runner.invoke(main, ["index", "--findings", str(nofield)])
    assert result.exit_code == 2 and "rule_id" in result.output
