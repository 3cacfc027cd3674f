"""Every KQL example of docs/analyst-guide.md finds findings (or verdicts) on the real server.

Kibana translates KQL to Elasticsearch queries; the guide uses a small subset (``field : "value"``,
``field : true``, ``field : *``, ``field < "v"`` / ``> n``, joined by ``and``), translated here the
way Kibana does (match on text fields, term on others, exists, range), and run against the aliases.
"""

from __future__ import annotations

import re
from pathlib import Path

from govspider.index.templates import load_templates

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "analyst-guide.md"
CLAUSE = re.compile(r'^\s*([\w.]+)\s*(:|<=|>=|<|>)\s*(".*?"|\(.*?\)|\S+)\s*$')
AND = re.compile(r"\s+and\s+(?![^(]*\))")
VERDICT_FIELDS = {"passed", "verdict", "vetoes", "score", "name", "sampled", "serious", "problems", "status",
                  "partial"}


def field_types(prefix: str, kind: str) -> dict[str, str]:
    props = load_templates(prefix)[f"{prefix}-{kind}"]["template"]["mappings"]["properties"]
    out = {}
    for name, spec in props.items():
        out[name] = spec.get("type", "object")
        for sub, sub_spec in spec.get("properties", {}).items():
            out[f"{name}.{sub}"] = sub_spec["type"]
    return out


def value_query(field: str, raw: str, types: dict[str, str]) -> dict:
    if raw.startswith("("):
        return {"bool": {"filter": [value_query(field, v.strip(), types)
                                    for v in re.split(r"\s+and\s+", raw[1:-1])]}}
    if raw == "*":
        return {"exists": {"field": field}}
    if types[field] == "text":
        if raw.startswith('"'):
            return {"match_phrase": {field: raw[1:-1]}}
        return {"match": {field: raw}}
    value = raw[1:-1] if raw.startswith('"') else {"true": True, "false": False}.get(raw, raw)
    return {"term": {field: value}}


def kql_to_query(line: str, types: dict[str, str]) -> dict:
    filters = []
    for clause in AND.split(line.strip()):
        m = CLAUSE.match(clause)
        assert m, f"not in the guide's KQL subset: {clause!r}"
        field, op, raw = m.groups()
        assert field in types, f"{field} is not an indexed field"
        if op == ":":
            filters.append(value_query(field, raw, types))
        else:
            value = raw[1:-1] if raw.startswith('"') else raw
            word = {"<": "lt", ">": "gt", "<=": "lte", ">=": "gte"}[op]
            filters.append({"range": {field: {word: value}}})
    return {"bool": {"filter": filters}}


def test_a_quoted_jieba_phrase_is_not_what_jieba_cut(es_index, findings):
    """Why the guide says tokens : (办事 and 指南) and never tokens : "办事指南"."""
    es_index.index_findings(findings)
    es_index.refresh()
    client, p = es_index.client(), es_index.prefix
    types = field_types(p, "findings")
    def count(line):
        return len(client.search(f"{p}-findings", {"query": kql_to_query(line, types)})["hits"]["hits"])
    assert count('tokens : "办事指南"') == 0
    assert count("tokens : (办事 and 指南)") == 1
    assert count('evidence : "办事指南"') == 1
    assert count('evidence : "事办"') == 0          # adjacent, in order: 事业单位办理 is not a match


def test_every_guide_example_finds_something(es_index, findings, verdicts):
    es_index.index_findings(findings)
    es_index.index_verdicts(verdicts)
    es_index.refresh()
    client, p = es_index.client(), es_index.prefix
    lines = [l for block in re.findall(r"```kql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
             for l in block.strip().splitlines()]
    assert len(lines) >= 10
    for line in lines:
        fields = {m.group(1) for c in AND.split(line) if (m := CLAUSE.match(c))}
        kind = "verdicts" if fields & VERDICT_FIELDS else "findings"
        query = kql_to_query(line, field_types(p, kind))
        hits = client.search(f"{p}-{kind}", {"query": query, "size": 5})["hits"]["hits"]
        assert hits, f"analyst guide example finds nothing: {line}"
