"""``govspider run``: the whole check on the embedded default — crawl → analyze → score → report.

Writes DIR/findings.jsonl, DIR/sites.jsonl, DIR/report.html, DIR/report.xlsx; the page store is
DIR/pages.sqlite and the search index DIR/index.sqlite; every response is archived in DIR/warc/ and
the serious findings get screenshots in DIR/screenshots/. Plain-http fetches honour ``http_proxy``.

A crawl that did not finish (Ctrl-C, a crash) still yields reports, marked partial (the campaign
record's ``partial``: the report header and sites.jsonl say so, and absence-based rules give
review findings instead of vetoes), and the command exits non-zero (130 after Ctrl-C, 3
otherwise); the same command again resumes the crawl. A store that cannot be written (disk full)
stops everything with exit 1 and no reports; an output directory that cannot be written is
refused before anything is crawled (exit 2).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

RULESETS = ("2015", "2019")


def run_job(sites, out_dir, *, as_of: dt.date, ruleset: str = "2019", campaign: str | None = None,
            settings: dict | None = None, progress: bool = True, echo=click.echo, screenshots: str | None = None) -> dict:
    """Crawl ``sites`` into OUT/pages.sqlite, analyze, score, write the reports and the index.

    The crawl archives every response in OUT/warc/; ``screenshots`` (serious|all|none) says which
    findings get a picture in OUT/screenshots/."""
    from govspider.analysis import analyze_campaign
    from govspider.crawl import crawl_sites
    from govspider.crawling.records import default_campaign_id
    from govspider.report import write_reports
    from govspider.scoring import score_campaign
    from govspider.screenshots import report_screenshots
    from govspider.storage import open_store
    from govspider.trends import build_trends

    out = writable_dir(out_dir)
    # the default id names the as-of date and the sites: the same command again (same --out) resumes
    # an interrupted crawl and replaces the findings; another sites file is another campaign
    campaign = campaign or f"run-{default_campaign_id(sites, as_of)}"
    store_uri = f"sqlite:///{out / 'pages.sqlite'}"
    echo(f"抓取 {len(sites)} 个网站 → {out / 'pages.sqlite'}（批次 {campaign}，基准日 {as_of}，指标 {ruleset}）")
    crawl = crawl_sites(sites, store_uri, campaign, settings=settings, progress=progress, as_of=as_of, ruleset=ruleset)
    if crawl.get("write_error"):
        raise click.ClickException(f"抓取中止：页面库 {out / 'pages.sqlite'} 无法写入（{crawl['write_error']}）。"
                                   "请腾出磁盘空间后再次运行同一命令，抓取会从中断处继续，已抓取内容不会丢失；未生成报告。")
    if crawl.get("finished"):
        echo(f"抓取完成：{crawl.get('pages', 0)} 个页面，{crawl.get('links', 0)} 个链接，用时 {crawl.get('elapsed_s', 0)} 秒")
    else:
        echo(f"抓取未完成（{crawl.get('close_reason')}）：已抓取 {crawl.get('pages', 0)} 个页面。报告将标记为部分结果"
             "（partial），未访问的网站不作否决；再次运行同一命令可继续抓取。")
    with open_store(store_uri) as store:
        record = store.get_campaign(campaign) or {"id": campaign}
        record.update(id=campaign, as_of=as_of.isoformat(), ruleset=ruleset, partial=not crawl.get("finished"))
        if not record.get("sites"):
            record["sites"] = [s.to_dict() for s in sites]
        store.save_campaign(record)
        echo("分析中 …")
        findings = analyze_campaign(store, campaign, ruleset, as_of=as_of, progress=progress)
        shots = report_screenshots(store, findings, out, store_uri=store_uri, which=screenshots, progress=progress, echo=echo)
    from analyzers.registry import failures

    if failures:
        echo(f"注意：分析器出错 {sum(failures.values())} 次（{dict(failures)}），详见日志；其余结果照常输出")
    verdicts, regions = score_campaign(findings, sites, ruleset, campaign=record)
    with open_store(store_uri) as store:  # 环比/同比 against the earlier runs kept in this store
        trends = build_trends(store, record, findings, verdicts, regions)
    paths = write_reports(out, record, findings, verdicts, regions, trends=trends)
    indexed = _publish(out, campaign, findings, verdicts, echo)
    total = regions[-1]
    rate = "—" if total["pass_rate"] is None else f"{total['pass_rate'] * 100:.1f}%"
    echo(f"发现问题 {len(findings)} 个；抽查 {total['sampled']} 个网站，合格 {total['passed']} 个，合格率 {rate}")
    for name in ("report.html", "report.xlsx", "findings.jsonl", "sites.jsonl"):
        echo(f"  {paths[name]}")
    if not crawl.get("finished"):
        echo("注意：抓取未完成，以上为部分结果（partial）。")
    return {"campaign": campaign, "out": str(out), "crawl": crawl, "findings": len(findings), "partial": record["partial"],
            "screenshots": shots,
            "regions": regions, "indexed": indexed, "paths": {k: str(v) for k, v in paths.items()}}


def writable_dir(path) -> Path:
    """``path`` created and proven writable (a file is made and removed), else a usage error (exit 2)."""
    import tempfile

    out = Path(path).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".govspider-write-test-"):
            pass
    except OSError as exc:
        raise click.UsageError(f"输出目录 {out} 不可写（{exc.strerror or exc}）：请换一个目录或修正权限；未抓取任何网站。") from None
    return out


def _publish(out: Path, campaign: str, findings, verdicts, echo) -> int | None:
    """Findings and verdicts into the run's search index OUT/index.sqlite (SQLite FTS), replacing
    the campaign's earlier ones (a rerun after fixes leaves no fixed problem in search)."""
    from govspider.publish import publish

    try:
        count = publish(f"sqlite-fts:///{out / 'index.sqlite'}", campaign, findings, verdicts)["findings"]
    except Exception as exc:  # the reports are written already; say what failed, exit non-zero
        raise click.ClickException(f"报告已写出，但检索索引 {out / 'index.sqlite'} 写入失败：{exc}") from exc
    echo(f"检索索引：{out / 'index.sqlite'}（{count} 条问题）")
    return count


def parse_overrides(items) -> list[tuple[str, str]]:
    """``-s NAME=VALUE`` options as (name, value) pairs; a malformed one is a usage error."""
    pairs = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: use NAME=VALUE", param_hint="--set")
        pairs.append((name.strip(), value))
    return pairs


def parse_as_of(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD (got {value!r})", param_hint="--as-of") from None


@click.command("run")
@click.option("--sites", "sites_file", required=True, type=click.Path(dir_okay=False),
              help="sites file (YAML list or CSV with header)")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="output directory")
@click.option("--as-of", "as_of", default=None, help="check date YYYY-MM-DD (default: today)")
@click.option("--ruleset", type=click.Choice(RULESETS), default="2019", show_default=True,
              help="2015 普查评分表 or 2019 检查指标")
@click.option("--campaign", default=None,
              help="campaign id (default run-<as-of>-<digest of the sites>; the same id resumes an interrupted run)")
@click.option("--max-pages", type=int, default=None, help="page cap per site")
@click.option("--progress/--no-progress", default=True, help="live progress display")
@click.option("--screenshots", type=click.Choice(("serious", "all", "none")), default=None,
              help="which findings get a screenshot (default serious: vetoes, deductions, review)")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="any Scrapy/govspider setting")
def command(sites_file, out_dir, as_of, ruleset, campaign, max_pages, progress, screenshots, overrides):
    """Check every site of a sites file and write findings, verdicts and the reports to --out."""
    from govspider.sites import SitesFileError, load_sites

    day = parse_as_of(as_of)
    try:
        sites = load_sites(sites_file)
    except SitesFileError as exc:
        raise click.UsageError("the sites file cannot be used:\n  " + "\n  ".join(exc.problems)
                               + "\nfix these lines (fields: site_code, name, region, level, kind, url …) and run again") from None
    settings = dict(parse_overrides(overrides))
    if max_pages:
        settings["GOVSPIDER_MAX_PAGES"] = max_pages
    result = run_job(sites, out_dir, as_of=day, ruleset=ruleset, campaign=campaign, settings=settings or None,
                     progress=progress, screenshots=screenshots)
    if result["partial"]:
        sys.exit(130 if result["crawl"].get("close_reason") == "shutdown" else 3)
