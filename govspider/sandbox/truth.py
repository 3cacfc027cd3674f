"""Ground-truth lines (DESIGN.md contract) for the defects planted on one site."""

from __future__ import annotations

import datetime as dt

from govspider.sandbox import content
from govspider.sandbox.model import SiteModel, entry

def truth_line(rule: str, model: SiteModel, key: str, url: str, details: dict) -> dict:
    return {"rule_id": rule, "site_code": model.code, "key": key, "url": url, "details": details}


def near_miss_line(rule: str, model: SiteModel, key: str, url: str, why: str, details: dict | None = None) -> dict:
    """A near miss (DESIGN.md ground truth, addition): a page a careless detector flags under ``rule``
    and a person would not. ``expect: "none"`` — a finding matching this line is a false positive."""
    return {"rule_id": rule, "site_code": model.code, "key": key, "url": url, "expect": "none",
            "details": {"why": why, **(details or {})}}


def site_truth(model: SiteModel, profile: dict, as_of: dt.date) -> list[dict]:
    out = []
    home = model.site.url
    if profile.get("unreachable"):
        return [truth_line("site.unreachable", model, "", home, {})]
    if profile.get("fake_closure"):
        out.append(truth_line("site.fake_closure", model, "", home, {}))
    if profile.get("non_gov"):
        out.append(truth_line("domain.not_gov_cn", model, model.host, home, {}))
    if profile.get("home_stale"):
        newest = min(c.newest_age for c in model.columns if c.count)
        out.append(truth_line("home.stale", model, "", home, {"newest_date": str(as_of - dt.timedelta(days=newest))}))
    skin = model.skin
    for col in model.columns:
        url = f"http://{model.host}{skin.list_path(model, col, 0)}"
        if col.static:   # 机构设置 / 领导简介 …: neither updated nor blank by nature
            pass
        elif col.count == 0:
            out.append(truth_line("column.blank", model, col.name, url, {"category": col.category}))
        elif col.extras.get("stale"):
            out.append(truth_line("column.stale", model, col.name, url, {
                "category": col.category, "newest_date": str(as_of - dt.timedelta(days=col.newest_age))}))
        for idx, extras in col.extras.items():
            if not isinstance(idx, int):
                continue
            e = entry(model, col, idx, as_of)
            page = f"http://{model.host}{e.path}"
            for extra in extras:
                if extra == "no_interp":
                    out.append(truth_line("policy.no_interpretation", model, e.path, page, {"title": e.title}))
                elif extra == "defaced":
                    out.append(truth_line("content.defacement", model, e.path, page, {"terms": list(content.SPAM_TERMS[:3])}))
                elif extra.startswith("serious:"):
                    term = extra.split(":", 1)[1]
                    out.append(truth_line("content.serious_error", model, term, page, {"correct": content.SERIOUS_ERRORS[term]}))
                elif extra.startswith("broken:"):
                    target, status = extra[len("broken:"):].rsplit(":", 1)
                    status = int(status) if status.isdigit() else status
                    out.append(truth_line("link.broken", model, target, page, {"status": status, "on_home": False}))
                elif extra == "broken_attachment":
                    target = f"http://{model.host}/uploads/{e.date:%Y%m}/{e.doc_id}_fj.pdf"
                    out.append(truth_line("attachment.broken", model, target, page, {"status": 404}))
    for url, status, on_home in model.broken_links:
        out.append(truth_line("link.broken", model, url, home, {"status": status, "on_home": on_home}))
    for element in sorted(model.footer_missing):
        out.append(truth_line("footer.missing", model, element, home, {}))
    if not model.privacy:
        out.append(truth_line("privacy.missing", model, "", home, {}))
    if as_of.year - 1 not in model.annual_years:
        out.append(truth_line("report.annual_missing", model, str(as_of.year - 1), home, {}))
    for _box, (_name, letters) in model.boxes.items():
        for letter in letters:
            out.extend(letter_truth(model, letter, as_of))
    return out


def letter_truth(model: SiteModel, letter, as_of: dt.date) -> list[dict]:
    """The truth line of a defective letter, or the near-miss line of a letter planted to look like one."""
    url = f"http://{model.host}{model.skin.letter_path(model, letter)}"
    if letter.defect == "boilerplate":
        return [truth_line("interaction.boilerplate_reply", model, letter.title, url, {"reply": letter.reply})]
    if letter.defect == "unanswered":
        return [truth_line("interaction.unanswered", model, letter.title, url, {"asked": str(letter.asked)})]
    if letter.defect == "overdue":
        return [truth_line("interaction.overdue_reply", model, letter.title, url, {"days": (letter.replied - letter.asked).days})]
    if letter.near_miss == "recent":
        return [near_miss_line("interaction.unanswered", model, letter.title, url,
                               f"asked {(as_of - letter.asked).days} days before the check: not yet due",
                               {"asked": str(letter.asked)})]
    if letter.near_miss == "greet_ok":
        return [near_miss_line("interaction.boilerplate_reply", model, letter.title, url,
                               "the reply opens with 您好 and then answers the question", {"reply": letter.reply})]
    if letter.near_miss == "weekend":
        return [near_miss_line("interaction.overdue_reply", model, letter.title, url,
                               "asked on a Friday, answered the Thursday after: 6 calendar days, 4 working days",
                               {"asked": str(letter.asked), "replied": str(letter.replied), "calendar_days": 6,
                                "working_days": 4})]
    return []
