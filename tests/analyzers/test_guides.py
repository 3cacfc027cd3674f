"""guide.blank_field (blank, missing, 暂无/无) and guide.divergence (两张皮, portal vs hall)."""

from analyzers.api import SiteData, SitePair
from analyzers.divergence import GuideDivergenceAnalyzer, materials_set
from analyzers.guides import GuideBlankFieldAnalyzer
from govspider.facts import GUIDE_FIELDS

from .conftest import HALL, PORTAL, ctx, page

FULL = {
    "事项名称": "食品经营许可", "设定依据": "《中华人民共和国食品安全法》第三十五条", "申请条件": "具有与经营品种相适应的场所",
    "办理材料": "1. 申请表（原件1份）；2. 营业执照（副本复印件）；3. 场所使用证明", "办理地点": "长沙市民之家A区12号窗口",
    "办理机构": "长沙市市场监督管理局", "收费标准": "不收费", "办理时间": "工作日9:00-17:00", "联系电话": "0731-88665000",
    "办理流程": "申请—受理—审查—决定—送达", "承诺时限": "10个工作日", "法定时限": "20个工作日",
}


def guide_page(site, n, **changes):
    fields = {**FULL, **changes}
    fields = {k: v for k, v in fields.items() if v is not None}
    return page(f"{site.url}bsfw/{n}.html", site=site, kind="guide", title=fields.get("事项名称"), guide=fields)


def test_blank_missing_and_placeholder_fields():
    p = guide_page(PORTAL, 1, 办理材料="暂无", 收费标准="", 联系电话=None, 办理地点=" 无 ")
    found = list(GuideBlankFieldAnalyzer().analyze(p, ctx()))
    assert sorted(f["details"]["field"] for f in found) == ["办理地点", "办理材料", "收费标准", "联系电话"]
    assert all(f["key"].startswith("食品经营许可/") and f["rule_id"] == "guide.blank_field" for f in found)
    assert not list(GuideBlankFieldAnalyzer().analyze(guide_page(PORTAL, 2), ctx()))
    assert set(FULL) == set(GUIDE_FIELDS)


def test_materials_compare_as_sets():
    assert materials_set("1. 申请表；2. 营业执照") == materials_set("营业执照、申请表")
    assert materials_set("申请表；营业执照") != materials_set("申请表")


def test_divergence_names_the_fields_and_both_values():
    portal = SiteData(PORTAL, [guide_page(PORTAL, 1), guide_page(PORTAL, 2, 事项名称="取水许可")])
    hall = SiteData(HALL, [
        guide_page(HALL, 7, 事项名称="食品经营许可（新办）", 办理材料="营业执照（副本复印件）；申请表（原件1份）",
                   承诺时限="5个工作日", 联系电话="0731-88665999"),
        guide_page(HALL, 8, 事项名称="取水许可"),
    ])
    found = list(GuideDivergenceAnalyzer().analyze(SitePair(portal, hall), ctx()))
    [f] = found
    assert f["site_code"] == PORTAL.site_code and f["details"]["hall_site_code"] == HALL.site_code
    assert f["details"]["fields"] == ["办理材料", "承诺时限", "联系电话"]
    assert "办理材料: 门户 1. 申请表" in f["evidence"] and "/ 政务服务网 营业执照" in f["evidence"]


def test_unrelated_items_are_not_paired():
    portal = SiteData(PORTAL, [guide_page(PORTAL, 1, 事项名称="残疾人证办理", 收费标准="免费")])
    hall = SiteData(HALL, [guide_page(HALL, 1, 事项名称="排水许可证核发", 收费标准="每件20元")])
    assert not list(GuideDivergenceAnalyzer().analyze(SitePair(portal, hall), ctx()))


def test_no_fee_is_an_answer_not_a_blank():
    """收费标准「无」 means no fee; 「无」 for 办理材料 is still blank."""
    found = list(GuideBlankFieldAnalyzer().analyze(guide_page(PORTAL, 3, 收费标准="无", 办理材料="无"), ctx()))
    assert [f["details"]["field"] for f in found] == ["办理材料"]


def test_the_same_guide_printed_two_ways_is_not_two_sets_of_values():
    """One phone number with its area code written two ways, one list of materials as numbered
    text on the portal and as a 材料 table (名称 / 原件 / 份数) on the hall: no 两张皮."""
    portal = SiteData(PORTAL, [guide_page(PORTAL, 1, 联系电话="0731-88665000", 收费标准="无")])
    hall = SiteData(HALL, [guide_page(HALL, 1, 联系电话="（0731）88665000", 收费标准="不收费",
                                      办理材料="场所使用证明 申请表（原件：√；份数：1） 营业执照（副本复印件）")])
    assert list(GuideDivergenceAnalyzer().analyze(SitePair(portal, hall), ctx())) == []
    extra = SiteData(HALL, [guide_page(HALL, 1, 办理材料=FULL["办理材料"] + "；4. 近三年财务审计报告")])
    [f] = GuideDivergenceAnalyzer().analyze(SitePair(portal, extra), ctx())
    assert f["details"]["fields"] == ["办理材料"]
