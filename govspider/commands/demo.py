"""``govspider demo``: the simulated province plus ``run``, one command, no server to install."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click


@click.command("demo")
@click.option("--out", "out_dir", default="govspider-demo", show_default=True, type=click.Path(file_okay=False),
              help="output directory")
@click.option("--seed", default=7, show_default=True, help="seed of the simulated province")
@click.option("--ruleset", type=click.Choice(("2015", "2019")), default="2019", show_default=True)
@click.option("--progress/--no-progress", default=True)
def command(out_dir, seed, ruleset, progress):
    """Start the sandbox (a small simulated province, as of today) and run the whole check through
    its proxy; prints where the report is."""
    from govspider.commands.run import run_job
    from govspider.sandbox.server import SandboxServer

    today = dt.date.today()
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with SandboxServer(seed=seed, as_of=today, scale="small") as server:
        sites_file = server.write_sites(out / "sites.yaml")
        server.write_truth(out / "truth.jsonl")
        # where the province's names resolve: the egress policy judges every host by it
        os.environ["GOVSPIDER_HOSTS_FILE"] = str(server.write_hosts(out / "sandbox.hosts"))
        click.echo(f"模拟省份已启动：{server.proxy_url}（{len(server.province.sites)} 个网站，基准日 {today}）")
        # the sites keep real host names: every plain-http fetch goes through the sandbox's proxy
        os.environ["http_proxy"] = server.proxy_url
        os.environ.pop("no_proxy", None)
        os.environ.pop("NO_PROXY", None)
        result = run_job(server.province.sites, out, as_of=today, ruleset=ruleset, campaign=f"demo-{today:%Y%m%d}",
                         progress=progress)
    click.echo(f"\n报告：{result['paths']['report.html']}\n表格：{result['paths']['report.xlsx']}\n"
               f"站点清单 {sites_file}，标准答案 {out / 'truth.jsonl'}")
    if result["partial"]:  # interrupted: the reports are partial, and say so
        sys.exit(130 if result["crawl"].get("close_reason") == "shutdown" else 3)
