"""办事指南 fields under their canonical names (govspider.facts.GUIDE_FIELDS), synonyms mapped."""

from __future__ import annotations

import re

from ..facts import GUIDE_FIELDS

#: canonical guide field -> labels real guides print for it (after enumerators/brackets are stripped)
_LABELS = {
    "事项名称": ("事项名称", "服务事项", "事项", "项目名称", "审批事项", "服务事项名称", "办理事项", "审批事项名称",
             "权力事项名称", "事项名称（子项）", "实施清单名称"),
    "设定依据": ("设定依据", "法律依据", "办理依据", "实施依据", "法定依据", "依据", "政策依据", "设立依据",
             "法律法规依据", "审批依据", "行使依据"),
    "申请条件": ("申请条件", "受理条件", "办理条件", "申报条件", "准予条件", "许可条件", "受理标准", "准予许可的条件"),
    "办理材料": ("办理材料", "申请材料", "申报材料", "提交材料", "所需材料", "材料目录", "申请材料目录", "办理所需材料",
             "申请资料", "所需资料", "提交资料", "办理资料", "申请材料清单", "材料清单", "需提交材料", "申报资料",
             "应当提交的材料", "申请材料及要求"),
    "办理地点": ("办理地点", "受理地点", "办公地点", "办理地址", "窗口地址", "受理地址", "办理窗口", "受理窗口",
             "办理场所", "服务地点"),
    "办理机构": ("办理机构", "实施机构", "受理机构", "实施主体", "办理部门", "受理部门", "承办机构", "实施部门",
             "办理单位", "受理单位", "决定机构", "审批部门", "审批机关", "承办部门"),
    "收费标准": ("收费标准", "收费依据及标准", "是否收费", "收费情况", "收费依据", "收费标准及依据", "收费项目及标准",
             "收费依据和标准", "办理费用", "费用标准"),
    "办理时间": ("办理时间", "受理时间", "办公时间", "工作时间", "窗口办理时间", "服务时间"),
    "联系电话": ("联系电话", "咨询电话", "联系方式", "咨询方式", "咨询投诉电话"),
    "办理流程": ("办理流程", "办事流程", "办理程序", "流程", "审批流程", "办理步骤", "办事程序", "审批程序",
             "受理程序", "工作流程"),
    "承诺时限": ("承诺时限", "办理时限", "承诺期限", "承诺办结时限", "承诺办理时限", "承诺办结时间", "承诺时间"),
    "法定时限": ("法定时限", "法定期限", "法定办结时限", "法定办理时限", "法定办结时间"),
}
#: label as printed (bare) -> canonical guide field
SYNONYMS = {label: canon for canon, labels in _LABELS.items() for label in labels}
#: fields that only a service guide carries (a page with these and others is a guide)
_GUIDE_ONLY = {"办理材料", "申请条件", "设定依据", "承诺时限", "法定时限", "收费标准"}
#: how a page names itself a guide (in its <title>, headline or breadcrumb)
GUIDE_NAME = re.compile(r"办事指南|服务指南|办理指南|办事须知|服务须知|办事服务")
#: a guide's headline names the item: "食品经营许可办事指南" -> "食品经营许可"
_NAME_SUFFIX = re.compile(r"(?:的)?(?:办事指南|服务指南|办理指南|办事须知|服务须知)$")
#: a notice with 申报条件 / 申报材料 / 联系电话 sections is not a guide: without the item named or the
#: page calling itself a guide, this many fields are needed
_UNNAMED_MIN_FIELDS = 6


def guide_fields(pairs, named_guide: bool = False, headline: str | None = None) -> dict:
    """Canonical guide fields found in the page's label/value pairs ("" for a blank element), or {}
    when the page is not a guide.

    A page is a guide with ≥ 3 fields, one of them guide-only (办理材料, 申请条件, 设定依据, 时限,
    收费标准), and either a labelled 事项名称, a name calling it a guide (``named_guide``) or ≥ 6
    fields. An unlabelled 事项名称 is the guide's headline. A value is kept as printed (暂无/无
    stay as text); only an empty element becomes "": deciding that 暂无 means blank is the
    analyzer's job.
    """
    out: dict[str, str] = {}
    for label, value, _el in pairs:
        canon = SYNONYMS.get(label)
        if canon and canon not in out:
            out[canon] = value.strip()
    if len(out) < 3 or not (_GUIDE_ONLY & out.keys()):
        return {}
    if "事项名称" not in out:
        if not named_guide and len(out) < _UNNAMED_MIN_FIELDS:
            return {}
        name = _NAME_SUFFIX.sub("", (headline or "").strip())
        if name:
            out["事项名称"] = name
    return {k: out[k] for k in GUIDE_FIELDS if k in out}
