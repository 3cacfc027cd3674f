"""办事指南 of portals, their service halls and departments: shared items, divergences (两张皮), blanks.

A portal and its hall show the same items with identical values except the planted divergences;
blank fields are planted only on hall-only items and department guides, never on a pair.
"""

from __future__ import annotations

from govspider.sandbox import content
from govspider.sandbox.model import Guide, SiteModel
from govspider.sandbox.truth import truth_line as _t

def _guide_fields(seed, item: str, region: str, short: str, phone: str) -> dict:
    rng = content.stable_rng(seed, "guide", region, item)
    promised = rng.randint(3, 15)
    return {
        "事项名称": item,
        "设定依据": rng.choice(content.LAWS),
        "申请条件": f"申请人符合{item}的法定条件，材料齐全、符合法定形式。",
        "办理材料": "；".join(f"{n}.{m}" for n, m in enumerate(rng.sample(content.MATERIALS, rng.randint(3, 5)), 1)),
        "办理地点": f"{short}政务服务中心{rng.randint(1, 3)}楼{rng.randint(1, 40)}号窗口",
        "办理机构": f"{short}行政审批服务局",
        "收费标准": rng.choice(content.FEES),
        "办理时间": rng.choice(content.HOURS),
        "联系电话": phone,
        "办理流程": rng.choice(content.PROCESSES),
        "承诺时限": f"{promised}个工作日",
        "法定时限": f"{promised + rng.randint(5, 15)}个工作日",
    }


DIVERGE = ("办理材料", "收费标准", "承诺时限", "联系电话")
BLANKABLE = ("办理材料", "收费标准", "办理地点", "联系电话", "承诺时限", "设定依据")


def plan_pair_guides(portal: SiteModel, hall: SiteModel, profile: dict, seed: int) -> list[dict]:
    rng = content.stable_rng(seed, "pair", portal.code)
    items = rng.sample(content.GUIDE_ITEMS, 12)
    shared, hall_only = items[:8], items[8:]
    truth = []
    for n, item in enumerate(shared):
        fields = _guide_fields(seed, item, portal.site.region + portal.short, portal.short, hall.phone)
        portal.guides.append(Guide(n + 1, dict(fields)))
        hall_fields = dict(fields)
        if n < profile.get("divergence", 0):
            for field in rng.sample(DIVERGE, 3 if n == 0 else 2):
                hall_fields[field] = _diverge(field, fields[field], rng)
                truth.append(_t("guide.divergence", portal, f"{item}/{field}", f"http://{portal.host}/bsfw/zn_{n + 1}.html",
                                {"hall": hall.code, "portal_value": fields[field], "hall_value": hall_fields[field]}))
        hall.guides.append(Guide(n + 1, hall_fields))
    for n, item in enumerate(hall_only):
        fields = _guide_fields(seed, item, hall.site.region + hall.short, hall.short, hall.phone)
        if n < profile.get("hall_blank", 0):
            field = BLANKABLE[(n + rng.randint(0, 5)) % len(BLANKABLE)]
            fields[field] = ""
            truth.append(_t("guide.blank_field", hall, f"{item}/{field}",
                            f"http://{hall.host}/bsfw/zn_{len(shared) + n + 1}.html", {}))
        hall.guides.append(Guide(len(shared) + n + 1, fields))
    return truth


def plan_dept_guides(model: SiteModel, profile: dict, seed: int) -> list[dict]:
    rng = content.stable_rng(seed, "dept-guides", model.code)
    truth = []
    for n, item in enumerate(rng.sample(content.GUIDE_ITEMS, 5)):
        fields = _guide_fields(seed, item, model.code, model.short, model.phone)
        if n < profile.get("dept_blank", 0):
            field = BLANKABLE[n % len(BLANKABLE)]
            fields[field] = ""
            truth.append(_t("guide.blank_field", model, f"{item}/{field}", f"http://{model.host}/bsfw/zn_{n + 1}.html", {}))
        model.guides.append(Guide(n + 1, fields))
    return truth


def _diverge(field: str, value: str, rng) -> str:
    if field == "办理材料":
        return value + f"；{value.count('；') + 2}.{rng.choice(('村（社区）出具的证明', '无犯罪记录证明', '近三年财务审计报告'))}"
    if field == "收费标准":
        return "按件收取工本费50元" if "不" in value or "免" in value else "不收费"
    if field == "承诺时限":
        return f"{int(value.split('个')[0]) + rng.randint(5, 20)}个工作日"
    return f"0731-{rng.randint(30000000, 39999999)}"
