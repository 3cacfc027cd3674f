"""办事指南 fields under their canonical names (govspider.facts.GUIDE_FIELDS), synonyms mapped."""

from __future__ import annotations

from ..facts import GUIDE_FIELDS

#: label as printed -> canonical guide field
SYNONYMS = {
    "事项名称": "事项名称", "服务事项": "事项名称", "事项": "事项名称", "项目名称": "事项名称", "审批事项": "事项名称",
    "服务事项名称": "事项名称", "办理事项": "事项名称",
    "设定依据": "设定依据", "法律依据": "设定依据", "办理依据": "设定依据", "实施依据": "设定依据", "法定依据": "设定依据",
    "依据": "设定依据",
    "申请条件": "申请条件", "受理条件": "申请条件", "办理条件": "申请条件", "申报条件": "申请条件", "准予条件": "申请条件",
    "办理材料": "办理材料", "申请材料": "办理材料", "申报材料": "办理材料", "提交材料": "办理材料", "所需材料": "办理材料",
    "材料目录": "办理材料", "申请材料目录": "办理材料", "办理所需材料": "办理材料",
    "办理地点": "办理地点", "受理地点": "办理地点", "办公地点": "办理地点", "办理地址": "办理地点", "窗口地址": "办理地点",
    "受理地址": "办理地点",
    "办理机构": "办理机构", "实施机构": "办理机构", "受理机构": "办理机构", "实施主体": "办理机构", "办理部门": "办理机构",
    "受理部门": "办理机构", "承办机构": "办理机构",
    "收费标准": "收费标准", "收费依据及标准": "收费标准", "是否收费": "收费标准", "收费情况": "收费标准",
    "收费依据": "收费标准", "收费标准及依据": "收费标准",
    "办理时间": "办理时间", "受理时间": "办理时间", "办公时间": "办理时间", "工作时间": "办理时间",
    "联系电话": "联系电话", "咨询电话": "联系电话", "联系方式": "联系电话", "咨询方式": "联系电话", "咨询投诉电话": "联系电话",
    "办理流程": "办理流程", "办事流程": "办理流程", "办理程序": "办理流程", "流程": "办理流程", "审批流程": "办理流程",
    "承诺时限": "承诺时限", "办理时限": "承诺时限", "承诺期限": "承诺时限", "承诺办结时限": "承诺时限", "承诺办理时限": "承诺时限",
    "法定时限": "法定时限", "法定期限": "法定时限", "法定办结时限": "法定时限", "法定办理时限": "法定时限",
}
#: fields that only a service guide carries (a page with these and others is a guide)
_GUIDE_ONLY = {"办理材料", "申请条件", "设定依据", "承诺时限", "法定时限", "收费标准"}


def guide_fields(pairs) -> dict:
    """Canonical guide fields found in the page's label/value pairs ("" for a blank element).

    A value is kept as printed (暂无/无 stay as text); only an empty cell becomes "". Deciding that
    暂无 means blank is the analyzer's job.
    """
    out: dict[str, str] = {}
    for label, value, _el in pairs:
        canon = SYNONYMS.get(label)
        if canon and canon not in out:
            out[canon] = value.strip()
    if len(out) < 3 or not (_GUIDE_ONLY & out.keys()):
        return {}
    return {k: out[k] for k in GUIDE_FIELDS if k in out}
