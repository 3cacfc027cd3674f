"""Kibana saved objects (deploy/kibana) and the analyst guide's KQL use only fields the live
mapping has — ``_field_caps`` on the real Elasticsearch node, indices made by govspider's templates —
with types the visualizations can use; the NDJSON has Kibana's import shape."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from .conftest import campaign_findings, campaign_verdicts

ROOT = Path(__file__).resolve().parents[2]
NDJSON = ROOT / "deploy" / "kibana" / "govspider.ndjson"
GUIDE = ROOT / "docs" / "analyst-guide.md"
NUMERIC = {"integer", "long", "float", "double", "scaled_float", "short", "byte", "half_float"}
AGGREGATABLE = NUMERIC | {"keyword", "date", "boolean", "ip"}
LENS_TYPES = {"string": {"keyword", "ip"}, "number": NUMERIC, "date": {"date"}, "boolean": {"boolean"}}
OPERATION_TYPES = {"terms": AGGREGATABLE, "average": NUMERIC, "min": NUMERIC | {"date"},
                   "max": NUMERIC | {"date"}, "sum": NUMERIC, "median": NUMERIC,
                   "unique_count": AGGREGATABLE, "date_histogram": {"date"}}


class Field(str):
    """A field's type as ``_field_caps`` reports it, with its searchable/aggregatable flags."""

    def __new__(cls, type_: str, caps: dict):
        field = super().__new__(cls, type_)
        field.searchable, field.aggregatable = caps["searchable"], caps["aggregatable"]
        return field


@pytest.fixture(scope="module")
def fields(es_url):
    """data view title (govspider-findings-*, govspider-verdicts-*) -> {field: Field} from the
    live ``_field_caps`` of indices govspider created (own prefix, dropped after)."""
    from govspider.index import open_index

    prefix = f"k{uuid.uuid4().hex[:10]}"
    index = open_index(f"{es_url}?prefix={prefix}")
    try:
        findings = campaign_findings(n_sites=2)
        index.publish_campaign(findings[0]["campaign"], findings, campaign_verdicts(findings))
        client, out = index.client(), {}
        for kind in ("findings", "verdicts"):
            live = {}
            for name, by_type in client.field_caps(f"{prefix}-{kind}").items():
                if name.startswith("_") or set(by_type) & {"object", "nested"}:
                    continue
                assert len(by_type) == 1, f"{kind}.{name} has conflicting types {sorted(by_type)}"
                (type_, caps), = by_type.items()
                live[name] = Field(type_, caps)
            out[f"govspider-{kind}-*"] = live
        yield out
    finally:
        index.drop()
        index.close()


@pytest.fixture(scope="module")
def objects():
    lines = [l for l in NDJSON.read_text(encoding="utf-8").splitlines() if l.strip()]
    parsed = [json.loads(l) for l in lines]
    summary = parsed.pop()
    assert summary["exportedCount"] == len(parsed) and summary["missingRefCount"] == 0
    return parsed


def test_ndjson_has_kibana_import_shape(objects):
    ids = set()
    for obj in objects:
        assert obj["type"] in {"index-pattern", "search", "dashboard", "lens", "visualization"}
        assert isinstance(obj["id"], str) and obj["id"] and (obj["type"], obj["id"]) not in ids
        ids.add((obj["type"], obj["id"]))
        assert obj["coreMigrationVersion"] and obj["typeMigrationVersion"]
        assert isinstance(obj["attributes"], dict) and obj["attributes"]["title"]
        for ref in obj["references"]:
            assert set(ref) == {"id", "name", "type"}
            assert (ref["type"], ref["id"]) in ids or ref["type"] == "index-pattern" and \
                any(o["id"] == ref["id"] for o in objects if o["type"] == "index-pattern")
    kinds = [o["type"] for o in objects]
    assert kinds.count("index-pattern") == 2 and kinds.count("search") >= 5 and kinds.count("dashboard") == 1
    review = next(o for o in objects if o["id"] == "govspider-review")  # 待人工复核
    assert json.loads(review["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"] == "review : true"


def test_data_views_match_the_live_mapping(objects, fields):
    views = [o for o in objects if o["type"] == "index-pattern"]
    for view in views:
        title = view["attributes"]["title"]
        assert title in fields, f"data view {title} matches no index govspider creates"
        assert fields[title][view["attributes"]["timeFieldName"]] == "date"
        assert {"value": "tokens"} in json.loads(view["attributes"]["sourceFilters"])


def view_fields(objects, fields, view_id):
    view = next(o for o in objects if o["type"] == "index-pattern" and o["id"] == view_id)
    return fields[view["attributes"]["title"]]


def kql_fields(query: str) -> list[str]:
    return re.findall(r"([A-Za-z_][\w.]*)\s*(?::|<=|>=|<|>)", query)


def test_saved_searches_use_existing_fields(objects, fields):
    for search in (o for o in objects if o["type"] == "search"):
        source = json.loads(search["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        ref = next(r for r in search["references"] if r["name"] == source["indexRefName"])
        known = view_fields(objects, fields, ref["id"])
        for column in search["attributes"]["columns"]:
            assert column in known, f"{search['id']}: column {column} not in the live mapping"
        for field, _ in search["attributes"]["sort"]:
            assert field in known and known[field].aggregatable, f"{search['id']}: cannot sort on {field}"
        assert source["query"]["language"] == "kuery"
        used = kql_fields(source["query"]["query"])
        assert used, search["id"]
        for field in used:
            assert field in known and known[field].searchable, f"{search['id']}: KQL field {field} not searchable"


def test_dashboard_lens_columns_fit_field_types(objects, fields):
    dash = next(o for o in objects if o["type"] == "dashboard")
    panels = json.loads(dash["attributes"]["panelsJSON"])
    assert len(panels) >= 4
    dash_refs = {r["name"]: r for r in dash["references"]}
    used_views = set()
    for panel in panels:
        attrs = panel["embeddableConfig"]["attributes"]
        assert attrs["type"] == "lens" and attrs["visualizationType"] in {"lnsXY", "lnsDatatable", "lnsMetric", "lnsPie"}
        layers = attrs["state"]["datasourceStates"]["formBased"]["layers"]
        for layer_id, layer in layers.items():
            ref_name = f"indexpattern-datasource-layer-{layer_id}"
            ref = next(r for r in attrs["references"] if r["name"] == ref_name)
            assert dash_refs[f"{panel['panelIndex']}:{ref_name}"]["id"] == ref["id"]
            used_views.add(ref["id"])
            known = view_fields(objects, fields, ref["id"])
            assert set(layer["columnOrder"]) == set(layer["columns"])
            for col_id, col in layer["columns"].items():
                op, field = col["operationType"], col.get("sourceField")
                if op == "count":
                    assert field == "___records___"
                    continue
                assert field in known, f"{panel['title']}: {field} not in the live mapping"
                assert known[field] in OPERATION_TYPES[op], f"{panel['title']}: {op} on {field} ({known[field]})"
                assert known[field].aggregatable, f"{panel['title']}: {field} is not aggregatable"
                assert known[field] in LENS_TYPES[col["dataType"]], f"{panel['title']}: {field} is {known[field]}"
                if op == "terms":
                    assert col["params"]["orderBy"]["columnId"] in layer["columns"]
        vis = attrs["state"]["visualization"]
        accessor_ids = set()
        for layer in vis.get("layers", []):
            accessor_ids |= {layer["xAccessor"], *layer["accessors"], layer.get("splitAccessor")} - {None}
        for column in vis.get("columns", []):
            accessor_ids.add(column["columnId"])
        all_columns = {c for l in layers.values() for c in l["columns"]}
        assert accessor_ids <= all_columns, panel["title"]
    assert used_views == {"govspider-findings", "govspider-verdicts"}
    titles = " ".join(p["title"] for p in panels)
    for needle in ("市州", "rule", "worst", "trend"):
        assert needle in titles


def test_analyst_guide_kql_uses_live_fields(fields):
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```kql\n(.*?)```", text, re.S)
    assert len(blocks) >= 6
    every = {**fields["govspider-findings-*"], **fields["govspider-verdicts-*"]}
    for block in blocks:
        for line in block.strip().splitlines():
            used = kql_fields(line)
            assert used, line
            for field in used:
                assert field in every and every[field].searchable, \
                    f"analyst guide: {field} (in {line!r}) is not a searchable field"
