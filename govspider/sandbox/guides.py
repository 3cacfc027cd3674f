"""办事指南 of portals, their service halls and departments: shared items, divergences (两张皮), blanks.

A portal and its hall show the same items with identical values except the planted divergences;
blank fields are planted only on hall-only items and department guides, never on a pair.
"""

from __future__ import annotations

from govspider.sandbox import content
from govspider.sandbox.model import Guide, Material, SiteModel, materials_text
from govspider.sandbox.truth import truth_line as _t


def _guide(number: int, fields: dict, materials: list) -> Guide:
    return Guide(number, fields, list(materials))


def _guide_fields(seed, item: str, region: str, short: str, phone: str) -> tuple[dict, list]:
    """(fields, 办理材料 rows) of one item; the 办理材料 value is the rows' text."""
    rng = content.stable_rng(seed, "guide", region, item)
    promised = rng.randint(3, 15)
    materials = [Material(*m) for m in rng.sample(content.MATERIALS, rng.randint(3, 5))]
    return {
        "事项名称": item,
        "设定依据": rng.choice(content.LAWS),
        "申请条件": f"申请人符合{item}的法定条件，材料齐全、符合法定形式。",
        "办理材料": materials_text(materials),
        "办理地点": f"{short}政务服务中心{rng.randint(1, 3)}楼{rng.randint(1, 40)}号窗口",
        "办理机构": f"{short}行政审批服务局",
        "收费标准": rng.choice(content.FEES),
        "办理时间": rng.choice(content.HOURS),
        "联系电话": phone,
        "办理流程": rng.choice(content.PROCESSES),
        "承诺时限": f"{promised}个工作日",
        "法定时限": f"{promised + rng.randint(5, 15)}个工作日",
    }, materials


DIVERGE = ("办理材料", "收费标准", "承诺时限", "联系电话")
BLANKABLE = ("办理材料", "收费标准", "办理地点", "联系电话", "承诺时限", "设定依据")


def plan_pair_guides(portal: SiteModel, hall: SiteModel, profile: dict, seed: int) -> list[dict]:
    rng = content.stable_rng(seed, "pair", portal.code)
    items = rng.sample(content.GUIDE_ITEMS, 12)
    shared, hall_only = items[:8], items[8:]
    truth = []
    for n, item in enumerate(shared):
        fields, materials = _guide_fields(seed, item, portal.site.region + portal.short, portal.short, hall.phone)
        portal.guides.append(_guide(n + 1, dict(fields), materials))
        hall_guide = _guide(n + 1, dict(fields), materials)
        if n < profile.get("divergence", 0):
            for field in rng.sample(DIVERGE, 3 if n == 0 else 2):
                _diverge(hall_guide, field, rng)
                truth.append(_t("guide.divergence", portal, f"{item}/{field}", _guide_url(portal, portal.guides[-1]),
                                {"hall": hall.code, "portal_value": fields[field], "hall_value": hall_guide.fields[field]}))
        hall.guides.append(hall_guide)
    for n, item in enumerate(hall_only):
        fields, materials = _guide_fields(seed, item, hall.site.region + hall.short, hall.short, hall.phone)
        guide = _guide(len(shared) + n + 1, fields, materials)
        if n < profile.get("hall_blank", 0):
            field = BLANKABLE[(n + rng.randint(0, 5)) % len(BLANKABLE)]
            fields[field] = ""
            truth.append(_t("guide.blank_field", hall, f"{item}/{field}", _guide_url(hall, guide), {}))
        hall.guides.append(guide)
    return truth


def _guide_url(model: SiteModel, guide: Guide) -> str:
    return f"http://{model.host}{model.skin.guide_path(model, guide)}"


def plan_dept_guides(model: SiteModel, profile: dict, seed: int) -> list[dict]:
    rng = content.stable_rng(seed, "dept-guides", model.code)
    truth = []
    for n, item in enumerate(rng.sample(content.GUIDE_ITEMS, 5)):
        fields, materials = _guide_fields(seed, item, model.code, model.short, model.phone)
        guide = _guide(n + 1, fields, materials)
        if n < profile.get("dept_blank", 0):
            field = BLANKABLE[n % len(BLANKABLE)]
            fields[field] = ""
            truth.append(_t("guide.blank_field", model, f"{item}/{field}", _guide_url(model, guide), {}))
        model.guides.append(guide)
    return truth


def _diverge(guide: Guide, field: str, rng) -> None:
    """Make the hall's value of ``field`` differ from the portal's (两张皮)."""
    value = guide.fields[field]
    if field == "办理材料":
        guide.materials = guide.materials + [Material(*rng.choice(content.EXTRA_MATERIALS))]
        guide.fields[field] = materials_text(guide.materials)
    elif field == "收费标准":
        guide.fields[field] = "按件收取工本费50元" if "不" in value or "免" in value else "不收费"
    elif field == "承诺时限":
        guide.fields[field] = f"{int(value.split('个')[0]) + rng.randint(5, 20)}个工作日"
    else:
        guide.fields[field] = f"0731-{rng.randint(30000000, 39999999)}"
