"""Inline SVG charts for report.html: no script, no external font or image, nothing the report's
strict Content-Security-Policy (``default-src 'none'``) would block; every text is escaped.

Two charts, drawn directly (a charting library would bring scripts and stylesheets the CSP
forbids): per-市州 pass rates now / previous campaign / a year before as grouped horizontal bars,
and the province's pass rate over the campaigns as a line.
"""

from __future__ import annotations

from markupsafe import Markup, escape

#: now, 环比 (previous campaign), 同比 (a year before)
COLORS = ("#1f5fa6", "#8fb3de", "#c8c8c8")
FONT = 'font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"'


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def region_bars(rows: list[dict], labels: tuple[str, str, str]) -> Markup:
    """Grouped bars per 市州: ``pass_rate``, ``prev_rate``, ``yoy_rate`` of each row (合计 included)."""
    bar, gap, left, width = 11, 10, 96, 420
    keys = ("pass_rate", "prev_rate", "yoy_rate")
    shown = [k for k in keys if any(r.get(k) is not None for r in rows)] or ["pass_rate"]
    group = bar * len(shown) + gap
    height = 34 + group * len(rows)
    title = "各市州合格率：" + "，".join(labels[keys.index(k)] for k in shown)
    total = max(left + width + 70, left + 170 * len(shown))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{total}" '
             f'height="{height}" viewBox="0 0 {total} {height}" {FONT} font-size="12">',
             f"<title>{escape(title)}</title>"]
    for i, key in enumerate(shown):
        x = left + i * 170
        color = COLORS[keys.index(key)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{color}"/>'
                     f'<text x="{x + 16}" y="16">{escape(labels[keys.index(key)])}</text>')
    for n, row in enumerate(rows):
        top = 28 + n * group
        weight = ' font-weight="bold"' if row["region"] == "合计" else ""
        parts.append(f'<text x="{left - 6}" y="{top + group / 2}" text-anchor="end"{weight}>{escape(row["region"])}</text>')
        for i, key in enumerate(shown):
            rate = row.get(key)
            y = top + i * bar
            w = 0 if rate is None else round(width * rate, 1)
            parts.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar - 2}" fill="{COLORS[keys.index(key)]}">'
                         f'<title>{escape(row["region"])} {escape(labels[keys.index(key)])} {_pct(rate)}</title></rect>'
                         f'<text x="{left + w + 4}" y="{y + bar - 3}" font-size="10">{_pct(rate)}</text>')
    parts.append(f'<line x1="{left}" y1="26" x2="{left}" y2="{height - 4}" stroke="#666"/></svg>')
    return Markup("".join(parts))


def series_line(series: list[dict]) -> Markup:
    """The province's pass rate per campaign (x: as-of dates in order, y: 0–100%)."""
    left, top, width, height = 44, 14, 520, 160
    n = len(series)
    xs = [left + (width * i / (n - 1) if n > 1 else width / 2) for i in range(n)]
    ys = [None if s["pass_rate"] is None else top + height * (1 - s["pass_rate"]) for s in series]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{left + width + 40}" '
             f'height="{top + height + 36}" viewBox="0 0 {left + width + 40} {top + height + 36}" {FONT} font-size="11">',
             "<title>历次抽查总体合格率</title>"]
    for pct in (0, 50, 100):
        y = top + height * (1 - pct / 100)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{pct}%</text>')
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys) if y is not None)
    if points:
        parts.append(f'<polyline points="{points}" fill="none" stroke="{COLORS[0]}" stroke-width="2"/>')
    for x, y, s in zip(xs, ys, series):
        parts.append(f'<text x="{x:.1f}" y="{top + height + 16}" text-anchor="middle">{escape(s["as_of"])}</text>')
        if y is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{COLORS[0]}">'
                         f'<title>{escape(s["as_of"])} {_pct(s["pass_rate"])}</title></circle>'
                         f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle">{_pct(s["pass_rate"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
