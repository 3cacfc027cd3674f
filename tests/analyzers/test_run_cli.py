"""`govspider run` refuses bad input with exit 2 and says what to do (before any crawl starts)."""

from click.testing import CliRunner

from govspider.commands.run import command


def test_bad_sites_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "sites.yaml"
    bad.write_text("- site_code: '4300000001'\n  name: 湖南省人民政府\n  region: 湖南省\n  level: town\n  kind: portal\n"
                   "  url: http://www.hunan.gov.cn/\n", encoding="utf-8")
    result = CliRunner().invoke(command, ["--sites", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "line 4" in result.output and "level" in result.output and "town" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_sites_file_and_bad_date(tmp_path):
    result = CliRunner().invoke(command, ["--sites", str(tmp_path / "none.yaml"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "file not found" in result.output
    result = CliRunner().invoke(command, ["--sites", "x.yaml", "--out", str(tmp_path), "--as-of", "2026/11/15"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = CliRunner().invoke(command, ["--sites", "x.yaml", "--out", str(tmp_path), "--ruleset", "2017"])
    assert result.exit_code == 2 and "2015" in result.output
