"""What a notification says: the warnings that changed, or a campaign's summary (抽查结果).

A :class:`Message` is an introduction plus items (one per site, or per 市州 for a summary), each
with its Markdown text and its data; :meth:`Message.for_receiver` keeps the items a receiver is
configured for (its regions or sites), so a 市州 hears only about its own sites.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from govspider.trends import pp_text, rate_text


@dataclasses.dataclass(frozen=True)
class Item:
    site_code: str | None
    region: str | None
    markdown: str
    data: dict


@dataclasses.dataclass(frozen=True)
class Message:
    kind: str                 # warnings | summary
    title: str
    intro: tuple[str, ...]
    items: tuple[Item, ...]
    head: dict                # the JSON data besides the items
    items_key: str

    @property
    def sections(self) -> list[str]:
        return [*self.intro, *(item.markdown for item in self.items)]

    @property
    def data(self) -> dict:
        return {**self.head, self.items_key: [item.data for item in self.items]}

    def for_receiver(self, receiver) -> "Message | None":
        """The part of this message for ``receiver``, or None when nothing in it concerns them."""
        if not receiver.wants(self.kind):
            return None
        if receiver.everything:
            return self
        items = tuple(i for i in self.items if receiver.concerns(i.site_code or "", i.region))
        return dataclasses.replace(self, items=items) if items else None


def warnings_message(changed: list[dict], as_of: str, ruleset: str) -> Message | None:
    """The message for warnings that are new, worse or cleared (None when there are none)."""
    if not changed:
        return None
    counts = defaultdict(int)
    by_site: dict[str, list[dict]] = defaultdict(list)
    for w in changed:
        counts[w["change"]] += 1
        by_site[w["site_code"]].append(w)
    summary = "，".join(f"{name} {counts[key]} 条" for key, name in (("new", "新增"), ("worse", "加重"), ("cleared", "解除"))
                       if counts[key])
    items = []
    for code, warnings in by_site.items():
        first = warnings[0]
        lines = [f"**{first['site_name']}**（{code}，{first['region']}）"]
        for w in warnings:
            label = "解除" if w["change"] == "cleared" else f"{w['change_name']}·{w['level_name']}"
            review = "（需人工确认）" if w.get("review") else ""
            lines.append(f"- 【{label}】{w['what']}{review}")
        items.append(Item(code, first["region"], "\n".join(lines), {"site_code": code, "warnings": warnings}))
    return Message(
        kind="warnings", title=f"政府网站预警 {as_of}",
        intro=(f"{summary}（{ruleset} 指标；已越线的问题在抽查中将被扣分或单项否决）",),
        items=tuple(items),
        head={"type": "govspider.warnings", "as_of": as_of, "ruleset": ruleset, "counts": dict(counts)},
        items_key="sites",
    )


def summary_message(summary: dict) -> Message:
    """A campaign's summary: the headline (合格率, 同比, 环比), each 市州, the vetoed sites.

    ``summary`` is :func:`govspider.trends.campaign_summary`'s output."""
    items = []
    for row in summary["regions"]:
        rate = rate_text(row["pass_rate"])
        change = "".join(f"，{label}{pp_text(row.get(key))}" for key, label in (("mom_pp", "环比"), ("yoy_pp", "同比"))
                         if row.get(key) is not None)
        items.append(Item(None, row["region"], f"- {row['region']}：抽查 {row['sampled']} 个，合格 {row['passed']} 个，"
                                               f"合格率 {rate}{change}", row))
    for site in summary["serious"]:
        items.append(Item(site["site_code"], site["region"],
                          f"- 【单项否决】{site['name']}（{site['site_code']}，{site['region']}）：{'；'.join(site['vetoes'])}", site))
    return Message(
        kind="summary", title=f"政府网站抽查结果 {summary['as_of']}",
        intro=(summary["headline"],), items=tuple(items),
        head={"type": "govspider.summary", **{k: v for k, v in summary.items() if k not in ("regions", "serious")}},
        items_key="items",
    )
