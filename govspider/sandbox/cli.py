"""``govspider sandbox serve``: serve the simulated province on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import datetime as dt
import signal
import sys

import click


def _families(ctx, param, value):
    from govspider.sandbox.families import FAMILY_NAMES

    if not value:
        return None
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in FAMILY_NAMES]
    if unknown:
        raise click.BadParameter(f"unknown markup families {', '.join(unknown)}; known: {', '.join(FAMILY_NAMES)}")
    return names


def _as_of(ctx, param, value):
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-15") from None


@click.group(name="sandbox")
def sandbox():
    """模拟省份: generated government sites with planted defects, served on loopback."""


@sandbox.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="port on 127.0.0.1 (0 = any free port)")
@click.option("--seed", type=int, default=7, show_default=True, help="same seed, same province (byte-identical)")
@click.option("--as-of", "as_of", callback=_as_of, help="date the province is generated relative to (default: today)")
@click.option("--sites-out", type=click.Path(dir_okay=False, writable=True), help="write the sites file (YAML) here")
@click.option("--truth-out", type=click.Path(dir_okay=False, writable=True), help="write the ground truth (JSONL) here")
@click.option("--hosts-out", type=click.Path(dir_okay=False, writable=True),
              help="write where the province's names resolve (hosts file; crawl with GOVSPIDER_HOSTS_FILE=it)")
@click.option("--hostile", is_flag=True, help="serve the hostile province (attacks a crawler must survive) instead")
@click.option("--scale", type=click.Choice(["small", "bench"]), default="small", show_default=True)
@click.option("--latency", type=click.FloatRange(0), default=0.0, show_default=True, help="delay per response, milliseconds")
@click.option("--site-latency", multiple=True, metavar="HOST=MS", help="latency of one site (repeatable), e.g. www.csx.gov.cn=800")
@click.option("--rate-limit", type=click.FloatRange(0, min_open=True), default=None, help="requests/s per site; more get 429 (halls: 503)")
@click.option("--hold", type=click.FloatRange(0), default=60.0, show_default=True, help="seconds the timing-out host holds a connection")
def serve(port, seed, as_of, sites_out, truth_out, hosts_out, hostile, scale, latency, site_latency, rate_limit, hold):
    """Serve the province as site host and HTTP forward proxy on 127.0.0.1:PORT."""
    from govspider.sandbox.province import build_province
    from govspider.sandbox.server import SandboxServer

    if hostile:
        from govspider.sandbox.hostile import HostileProvince

        province = HostileProvince(as_of=as_of)
    else:
        province = build_province(seed=seed, as_of=as_of, scale=scale)
    delays = {"*": latency / 1000.0}
    for item in site_latency:
        host, _, ms = item.partition("=")
        try:
            delays[host.strip().lower()] = float(ms) / 1000.0
        except ValueError:
            raise click.BadParameter(f"{item!r}: use HOST=MS, e.g. www.csx.gov.cn=800", param_hint="--site-latency") from None
    server = SandboxServer(province=province, port=port, latency=delays, rate_limit=rate_limit, hold_seconds=hold)
    if sites_out:
        province.write_sites(sites_out)
    if truth_out:
        province.write_truth(truth_out)
    if hosts_out:
        province.write_hosts(hosts_out)
    try:
        server.start()
    except OSError as exc:
        click.echo(f"error: cannot listen on 127.0.0.1:{port} ({exc.strerror}); pick another --port or use --port 0", err=True)
        sys.exit(2)
    click.echo(f"模拟省份 seed={seed} as-of={as_of} scale={scale}: {len(province.sites)} sites, {len(province.truth)} truth lines")
    click.echo(f"serving on {server.proxy_url} (site host + HTTP forward proxy)")
    if sites_out:
        click.echo(f"sites file: {sites_out}")
    if truth_out:
        click.echo(f"ground truth: {truth_out}")
    click.echo(f"use it:  export http_proxy={server.proxy_url}  (then fetch e.g. {province.sites[0].url})")
    click.echo("Ctrl-C to stop.", err=True)
    # Ctrl-C and a plain `kill` stop it, even when started in the background from a script (a
    # non-interactive shell starts background jobs with SIGINT ignored, and Python keeps it so)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)
    try:
        while server._thread.is_alive():
            server._thread.join(0.5)
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        server.stop()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


command = sandbox


@sandbox.command()
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--as-of", "as_of", callback=_as_of, help="date the province is generated relative to (default: today)")
@click.option("--scale", type=click.Choice(["small", "bench"]), default="small", show_default=True)
@click.option("--families", callback=_families, metavar="NAME,…", help="draw the sites in these markup families only (default: all)")
def show(seed, as_of, scale, families):
    """List the province's sites, their markup family and layouts, and the defects planted on each."""
    from collections import Counter

    from govspider.findings import is_near_miss
    from govspider.sandbox.province import build_province

    try:
        province = build_province(seed=seed, as_of=as_of, scale=scale, families=families)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--families") from None
    per_site, near = {}, Counter()
    for t in province.truth:
        if is_near_miss(t):
            near[t["site_code"]] += 1
        else:
            per_site.setdefault(t["site_code"], Counter())[t["rule_id"]] += 1
    for model in province.models:
        s, st = model.site, model.styles
        defects = ", ".join(f"{r}×{n}" if n > 1 else r for r, n in sorted(per_site.get(s.site_code, {}).items())) or "无 (clean)"
        hazards = " hazards" if model.hazards else ""
        js = " js-column" if any(c.js for c in model.columns) else ""
        click.echo(f"{s.site_code} {s.name} {s.url} [{s.kind}/{s.level}, {model.family}, {model.date_style}, "
                   f"{model.encoding}{hazards}{js}; guide {st['guide_layout']}, letters {st['letter_list']}/{st['letter_detail']}]\n"
                   f"    {defects}; near misses: {near[s.site_code]}")
    click.echo(f"{len(province.sites)} sites, {len(province.truth)} truth lines, {sum(near.values())} of them near misses"
               f" (seed {seed}, as of {province.as_of})")
