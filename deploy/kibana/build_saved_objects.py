"""Writes deploy/kibana/govspider.ndjson: govspider's Kibana 8.14 saved objects (run by hand).

Data views for findings and site verdicts, saved searches for the spot-check's usual questions,
and one dashboard (pass rate by 市州, findings by rule, worst sites, trend across campaigns).
Import: Kibana → Stack Management → Saved objects → Import, or
``curl -X POST KIBANA/api/saved_objects/_import?overwrite=true -H 'kbn-xsrf: true' --form file=@govspider.ndjson``.
tests/index/test_kibana.py checks every field used here against the live mapping (``_field_caps``
on the Elasticsearch node of the tests, with the templates of deploy/elasticsearch/templates).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "govspider.ndjson"
CORE = "8.8.0"
STAMP = "2026-11-28T00:00:00.000Z"
FINDINGS, VERDICTS = "govspider-findings", "govspider-verdicts"


def data_view(view_id, title, name):
    return {"id": view_id, "type": "index-pattern", "managed": False, "references": [],
            "coreMigrationVersion": CORE, "typeMigrationVersion": "8.0.0", "updated_at": STAMP,
            "attributes": {"title": title, "name": name, "timeFieldName": "as_of", "fields": "[]",
                           "fieldAttrs": "{}", "fieldFormatMap": "{}", "runtimeFieldMap": "{}",
                           "sourceFilters": '[{"value":"tokens"}]', "typeMeta": "{}", "allowNoIndex": True}}


def saved_search(search_id, title, description, kql, columns):
    source = {"query": {"query": kql, "language": "kuery"}, "filter": [],
              "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"}
    return {"id": search_id, "type": "search", "managed": False, "coreMigrationVersion": CORE,
            "typeMigrationVersion": "8.0.0", "updated_at": STAMP,
            "references": [{"id": FINDINGS, "name": "kibanaSavedObjectMeta.searchSourceJSON.index",
                            "type": "index-pattern"}],
            "attributes": {"title": title, "description": description, "columns": columns,
                           "sort": [["as_of", "desc"], ["site_code", "asc"]], "grid": {},
                           "hideChart": False, "isTextBasedQuery": False,
                           "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(source, ensure_ascii=False)}}}


def col_terms(field, label, order_by, size=20, direction="desc"):
    return {"label": label, "customLabel": True, "dataType": "string", "operationType": "terms",
            "sourceField": field, "isBucketed": True, "scale": "ordinal",
            "params": {"size": size, "orderBy": {"type": "column", "columnId": order_by},
                       "orderDirection": direction, "otherBucket": False, "missingBucket": False}}


def col_metric(op, field, label, percent=False):
    col = {"label": label, "customLabel": True, "dataType": "number", "operationType": op,
           "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}
    if field:
        col["sourceField"] = field
    else:
        col["sourceField"] = "___records___"
    if percent:
        col["params"]["format"] = {"id": "percent", "params": {"decimals": 1}}
    return col


def col_date(field, label, interval="M"):
    return {"label": label, "customLabel": True, "dataType": "date", "operationType": "date_histogram",
            "sourceField": field, "isBucketed": True, "scale": "interval",
            "params": {"interval": interval, "includeEmptyRows": False, "dropPartials": False}}


def lens_panel(panel, title, view_id, layer, columns, visualization, vis_type, grid):
    attributes = {
        "title": title, "description": "", "visualizationType": vis_type, "type": "lens",
        "references": [{"type": "index-pattern", "id": view_id, "name": f"indexpattern-datasource-layer-{layer}"}],
        "state": {"visualization": visualization, "query": {"query": "", "language": "kuery"}, "filters": [],
                  "datasourceStates": {"formBased": {"layers": {layer: {
                      "columns": columns, "columnOrder": list(columns), "incompleteColumns": {}}}}},
                  "internalReferences": [], "adHocDataViews": {}}}
    return {"version": "8.14.0", "type": "lens", "panelIndex": panel, "title": title,
            "gridData": {**grid, "i": panel},
            "embeddableConfig": {"attributes": attributes, "enhancements": {}, "hidePanelTitles": False}}


def xy(layer, x, y, series="bar_horizontal", split=None):
    layer_cfg = {"layerId": layer, "layerType": "data", "seriesType": series, "xAccessor": x, "accessors": [y]}
    if split:
        layer_cfg["splitAccessor"] = split
    return {"preferredSeriesType": series, "layers": [layer_cfg], "valueLabels": "show",
            "legend": {"isVisible": True, "position": "right"}, "fittingFunction": "None",
            "axisTitlesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
            "tickLabelsVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
            "gridlinesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True}}


def dashboard():
    panels = []
    # 1. pass rate by 市州 (verdicts: average of passed = share of sites that passed)
    cols = {"region": col_terms("region", "市州", "rate"), "rate": col_metric("average", "passed", "合格率", True)}
    panels.append(lens_panel("p1", "各市州合格率 (pass rate by 市州)", VERDICTS, "l1", cols,
                             xy("l1", "region", "rate"), "lnsXY", {"x": 0, "y": 0, "w": 24, "h": 15}))
    # 2. findings by rule
    cols = {"rule": col_terms("rule_id", "问题类型 (rule)", "n", size=30),
            "n": col_metric("count", None, "发现问题数")}
    panels.append(lens_panel("p2", "各类问题数量 (findings by rule)", FINDINGS, "l2", cols,
                             xy("l2", "rule", "n"), "lnsXY", {"x": 24, "y": 0, "w": 24, "h": 15}))
    # 3. worst sites: lowest score first, with region and number of findings
    cols = {"site": col_terms("name", "网站 (site)", "score", size=20, direction="asc"),
            "score": col_metric("min", "score", "得分 (score)"),
            "findings": col_metric("max", "findings", "问题数"),
            "failed": col_metric("min", "passed", "合格 (1=是)")}
    table = {"layerId": "l3", "layerType": "data",
             "columns": [{"columnId": c} for c in cols], "sorting": {"columnId": "score", "direction": "asc"}}
    panels.append(lens_panel("p3", "问题最突出的网站 (worst sites)", VERDICTS, "l3", cols, table,
                             "lnsDatatable", {"x": 0, "y": 15, "w": 24, "h": 15}))
    # 4. trend across campaigns: pass rate per campaign date, and findings per campaign date
    cols = {"when": col_date("as_of", "抽查日期 (campaign as-of)"),
            "rate": col_metric("average", "passed", "合格率", True)}
    panels.append(lens_panel("p4", "历次抽查合格率趋势 (trend across campaigns)", VERDICTS, "l4", cols,
                             xy("l4", "when", "rate", series="line"), "lnsXY", {"x": 24, "y": 15, "w": 24, "h": 15}))
    cols = {"when": col_date("as_of", "抽查日期 (campaign as-of)"),
            "n": col_metric("count", None, "发现问题数"),
            "sev": col_terms("severity", "严重程度", "n", size=3)}
    panels.append(lens_panel("p5", "历次抽查问题数 (findings per campaign)", FINDINGS, "l5", cols,
                             xy("l5", "when", "n", series="bar_stacked", split="sev"), "lnsXY",
                             {"x": 0, "y": 30, "w": 48, "h": 12}))
    references = []
    for p in panels:
        for ref in p["embeddableConfig"]["attributes"]["references"]:
            references.append({**ref, "name": f"{p['panelIndex']}:{ref['name']}"})
    return {"id": "govspider-overview", "type": "dashboard", "managed": False, "coreMigrationVersion": CORE,
            "typeMigrationVersion": "8.7.0", "updated_at": STAMP, "references": references,
            "attributes": {"title": "govspider 政府网站抽查总览", "description":
                           "合格率（市州）、问题类型、问题最突出的网站、历次抽查趋势", "version": 1,
                           "timeRestore": True, "timeFrom": "now-2y", "timeTo": "now",
                           "refreshInterval": {"pause": True, "value": 60000},
                           "optionsJSON": json.dumps({"useMargins": True, "syncColors": False, "syncCursor": True,
                                                      "syncTooltips": False, "hidePanelTitles": False}),
                           "panelsJSON": json.dumps(panels, ensure_ascii=False),
                           "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(
                               {"query": {"query": "", "language": "kuery"}, "filter": []})}}}


def objects():
    return [
        data_view(FINDINGS, "govspider-findings-*", "govspider 发现问题 (findings)"),
        data_view(VERDICTS, "govspider-verdicts-*", "govspider 网站结论 (site verdicts)"),
        saved_search("govspider-stale-columns", "栏目不更新 (stale columns)",
                     "column.stale: 栏目最近更新日期超过阈值", 'rule_id : "column.stale"',
                     ["site_name", "region", "details.column", "details.category", "details.newest_date",
                      "evidence", "url"]),
        saved_search("govspider-blank-guide-fields", "办事指南要素空白 (blank guide fields)",
                     "guide.blank_field: 办事指南要素缺失或为空", 'rule_id : "guide.blank_field"',
                     ["site_name", "region", "details.item", "details.field", "evidence", "url"]),
        saved_search("govspider-portal-hall-divergence", "两张皮 (portal/hall divergence)",
                     "guide.divergence: 门户与政务服务平台同一事项内容不一致", 'rule_id : "guide.divergence"',
                     ["site_name", "region", "details.item", "details.fields", "details.hall_site_code", "evidence"]),
        saved_search("govspider-boilerplate-replies", "互动回应敷衍 (boilerplate replies)",
                     "interaction.boilerplate_reply: 答复仅为“您好”等", 'rule_id : "interaction.boilerplate_reply"',
                     ["site_name", "region", "details.letter", "evidence", "url"]),
        saved_search("govspider-review", "待人工复核 (findings to review)",
                     "review: 需人工复核的发现（抓取不完整、证据不足等），复核通过前不扣分、不否决", "review : true",
                     ["site_name", "region", "rule_id", "review_reason", "evidence", "url", "screenshot"]),
        dashboard(),
    ]


def main():
    objs = objects()
    lines = [json.dumps(o, ensure_ascii=False, sort_keys=True) for o in objs]
    lines.append(json.dumps({"excludedObjects": [], "excludedObjectsCount": 0, "exportedCount": len(objs),
                             "missingRefCount": 0, "missingReferences": []}))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(objs)} saved objects to {OUT}")


if __name__ == "__main__":
    main()
