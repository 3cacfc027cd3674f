"""Plug-in API: entry-point loading, `govspider analyzers list`, the docs' worked example (run as a
test), and the meta-test — every contract rule id has an analyzer, a docs/rules.md line and a test."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzers.api import Analyzer
from analyzers.registry import AnalyzerError, check_analyzer, load_analyzers, load_errors
from analyzers.rulesets import RulesetError, load_ruleset

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_RULES = (
    "site.unreachable", "home.stale", "column.stale", "column.blank", "guide.blank_field", "guide.divergence",
    "interaction.boilerplate_reply", "interaction.unanswered", "interaction.overdue_reply", "footer.missing",
    "domain.not_gov_cn", "link.broken", "attachment.broken", "content.serious_error", "content.defacement",
    "report.annual_missing", "policy.no_interpretation", "privacy.missing", "site.fake_closure",
)


def test_builtins_load_from_the_entry_point_group():
    loaded = load_analyzers()
    assert not load_errors()
    assert {item.scope for item in loaded} == {"page", "site", "pair"}
    assert all(item.dist.startswith("govspider") and ":" in item.origin for item in loaded)
    assert len({item.id for item in loaded}) == len(loaded)


def test_bad_plugins_are_refused_with_a_reason():
    class NoRules(Analyzer):
        id, scope = "x", "page"

    class BadScope(Analyzer):
        id, scope, rule_ids = "y", "province", ("a.b",)

    for cls, word in ((NoRules, "rule_ids"), (BadScope, "scope")):
        with pytest.raises(AnalyzerError, match=word):
            check_analyzer(cls)
    with pytest.raises(AnalyzerError, match="twice"):
        load_analyzers(extra=[type("Dup", (Analyzer,), {"id": "footer", "scope": "site", "rule_ids": ("a.b",)})])


def test_analyzers_list_command_shows_origin():
    from govspider.commands.analyzers import command

    result = CliRunner().invoke(command, ["list"])
    assert result.exit_code == 0, result.output
    assert "analyzers.freshness:FreshnessAnalyzer" in result.output and "govspider 0.1.0" in result.output
    assert "column.stale" in result.output


def test_unknown_ruleset_is_a_clear_error():
    with pytest.raises(RulesetError, match="2015, 2019"):
        load_ruleset("2017")


def test_the_add_an_analyzer_guide_runs_as_written(tmp_path):
    guide = (ROOT / "docs" / "analyzers.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", guide, re.S)
    assert len(blocks) == 2
    namespace: dict = {}
    exec(compile("\n".join(blocks), "docs/analyzers.md", "exec"), namespace)
    # the ruleset override of step 4, loaded from a file
    yaml_block = re.findall(r"```yaml\n(.*?)```", guide, re.S)[0]
    (tmp_path / "my2019.yaml").write_text(yaml_block, encoding="utf-8")
    table = load_ruleset(str(tmp_path / "my2019.yaml"))
    assert table["rules"]["content.test_page"]["severity"] == "deduct" and table["pass_score"] == 60
    from analyzers.testing import run_on_html

    html = "<html><head><title>Test Page 1</title></head><body></body></html>"
    [found] = run_on_html(namespace["TestPageAnalyzer"], [("http://www.example.gov.cn/t.html", html)], ruleset=table)
    assert found["severity"] == "deduct" and found["points"] == 1.0


def test_every_contract_rule_has_an_analyzer_a_docs_line_and_a_test():
    emitted = {rule: item.id for item in load_analyzers() for rule in item.analyzer.rule_ids}
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", docs, re.M))
    tests = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")
                      if p.name != Path(__file__).name)
    for rule in CONTRACT_RULES:
        assert rule in emitted, f"{rule}: no analyzer emits it"
        assert rule in documented, f"{rule}: no line in docs/rules.md"
        assert f'"{rule}"' in tests, f"{rule}: no analyzer test mentions it"
    # and every emitted rule is documented and has severity and points in both rulesets
    for rule in emitted:
        assert rule in documented, rule
        for name in ("2015", "2019"):
            assert rule in load_ruleset(name)["rules"], (name, rule)


def test_a_failing_analyzer_is_counted_and_skipped_unless_strict():
    import datetime as dt

    from analyzers import registry
    from analyzers.registry import run_page_analyzers

    from .conftest import PORTAL, page

    class Broken(Analyzer):
        id, scope, rule_ids = "broken_example", "page", ("x.y",)

        def analyze(self, page, ctx):
            raise RuntimeError("boom")

    items = load_analyzers(extra=[Broken], only=["broken_example", "serious_error"])
    p = page("http://www.changsha.gov.cn/a.html", text="中华人名共和国")
    before = registry.failures["broken_example"]
    found = run_page_analyzers(p, PORTAL, "2019", dt.date(2026, 11, 15), analyzers=items)
    assert [f["rule_id"] for f in found] == ["content.serious_error"]
    assert registry.failures["broken_example"] == before + 1
    with pytest.raises(RuntimeError, match="boom"):
        run_page_analyzers(p, PORTAL, "2019", dt.date(2026, 11, 15), analyzers=items, strict=True)


def test_a_third_party_distribution_loads_like_the_builtins(tmp_path, monkeypatch):
    """A real installed distribution (dist-info with entry_points.txt on sys.path) registering one
    good and one broken analyzer: the good one loads and is listed with its distribution."""
    import sys

    from analyzers import registry
    from govspider.commands.analyzers import command

    (tmp_path / "gs_plugin_example.py").write_text(
        "from analyzers.api import Analyzer\n"
        "class TitleAnalyzer(Analyzer):\n"
        "    id, scope, rule_ids = 'plugin_title', 'page', ('content.no_title',)\n"
        "    def analyze(self, page, ctx):\n"
        "        if not (page.get('facts') or {}).get('title'):\n"
        "            yield ctx.finding('content.no_title', url=page['url'], evidence='页面无标题')\n"
        "class Broken:\n"
        "    id = 'plugin_broken'\n", encoding="utf-8")
    info = tmp_path / "gs_plugin_example-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gs-plugin-example\nVersion: 1.2\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[govspider.analyzers]\nplugin_title = gs_plugin_example:TitleAnalyzer\nplugin_broken = gs_plugin_example:Broken\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry._from_entry_points.cache_clear()
    try:
        loaded = {item.id: item for item in load_analyzers()}
        assert loaded["plugin_title"].dist == "gs-plugin-example 1.2"
        assert "footer" in loaded and "plugin_broken" not in loaded
        assert any("plugin_broken" in e and "scope" in e for e in load_errors())
        result = CliRunner().invoke(command, ["list"])
        assert "gs_plugin_example:TitleAnalyzer" in result.output and "gs-plugin-example 1.2" in result.output
        assert "not loaded: plugin_broken" in result.output
    finally:
        monkeypatch.undo()
        sys.modules.pop("gs_plugin_example", None)
        registry._from_entry_points.cache_clear()
    assert "plugin_title" not in {item.id for item in load_analyzers()}
