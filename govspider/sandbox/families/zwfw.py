"""政务服务网 whose 办事指南 are drawn by script from a JSON API (湖南政务服务网 / 一网通办 style).

The guide pages are shells: ``/bszn/guide.html?itemCode=…`` holds ``<div id="app">`` and a script
that fetches ``/api/item/detail?itemCode=…`` and builds the tabs (基本信息 / 申请材料 / 办理流程 /
收费标准) with the site's label words; the index ``/bszn/index.html`` fetches ``/api/item/list``.
A crawler that runs no JavaScript sees no guide text at all (the Playwright path); page_model is
what the rendered page shows. News, notices and letters are server-drawn (TRS-like, ``.html``).

API (JSON, UTF-8): ``{"code": 200, "data": …}``; ``/api/item/list`` → ``[{"itemCode",
"itemName", "url"}]``; ``/api/item/detail`` → the element values under ``FIELD_KEYS`` and, when
the 材料 are drawn as a table, ``materials`` — ``[{"materialName", "original", "copy", "count"}]``.
"""

from __future__ import annotations

import json

from govspider.facts import GUIDE_FIELDS
from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.guide_layouts import TABS

FIELD_KEYS = {"事项名称": "itemName", "设定依据": "setBasis", "申请条件": "acceptCondition", "办理材料": "materialsText",
              "办理地点": "handlePlace", "办理机构": "implementOrg", "收费标准": "chargeStandard", "办理时间": "handleTime",
              "联系电话": "consultPhone", "办理流程": "handleFlow", "承诺时限": "promiseLimit", "法定时限": "legalLimit"}

DETAIL_JS = """<script>
(function () {
  var LABELS = %(labels)s, KEYS = %(keys)s, TABS = %(tabs)s;
  function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) { e.textContent = text; } if (cls) { e.className = cls; } return e; }
  function materials(rows) {
    var t = el("table", null, "clqd"), head = el("tr");
    ["序号", "材料名称", "原件", "复印件", "份数"].forEach(function (h) { head.appendChild(el("th", h)); });
    t.appendChild(head);
    rows.forEach(function (m, i) {
      var tr = el("tr");
      [String(i + 1), m.materialName, m.original ? "√" : "", m.copy ? "√" : "", String(m.count)].forEach(function (v) { tr.appendChild(el("td", v)); });
      t.appendChild(tr);
    });
    return t;
  }
  fetch("/api/item/detail?itemCode=%(code)s").then(function (r) { return r.json(); }).then(function (res) {
    var d = res.data, app = document.getElementById("app"), nav = el("ul", null, "tab-nav");
    app.innerHTML = "";
    document.title = d.itemName + "_%(site)s";
    app.appendChild(el("h2", d.itemName, "sxmc"));
    app.appendChild(nav);
    TABS.forEach(function (tab, n) {
      var li = el("li", tab[1], n == 0 ? "on" : ""), pane = el("div", null, "tab-pane"), table = el("table", null, "bszn");
      li.setAttribute("data-tab", tab[0]); pane.id = tab[0]; pane.style.display = n == 0 ? "block" : "none";
      li.onclick = function () { TABS.forEach(function (t) { document.getElementById(t[0]).style.display = t[0] == tab[0] ? "block" : "none"; }); };
      nav.appendChild(li);
      tab[2].forEach(function (f) {
        var tr = el("tr"), td = el("td");
        tr.appendChild(el("th", LABELS[f]));
        if (f == "办理材料" && d.materials) { td.appendChild(materials(d.materials)); } else { td.textContent = d[KEYS[f]]; }
        tr.appendChild(td); table.appendChild(tr);
      });
      pane.appendChild(table); app.appendChild(pane);
    });
  });
})();
</script>"""

LIST_JS = """<script>
fetch("/api/item/list").then(function (r) { return r.json(); }).then(function (res) {
  var ul = document.createElement("ul"); ul.className = "sxlist";
  res.data.forEach(function (it) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = it.url; a.textContent = it.itemName; li.appendChild(a); ul.appendChild(li);
  });
  var app = document.getElementById("app"); app.innerHTML = ""; app.appendChild(ul);
});
</script>"""


class ZwfwHall(Family):
    name = "zwfw"
    cms = "政务服务网 with script-drawn 办事指南 (湖南政务服务网 / 一网通办: /bszn/guide.html?itemCode=, /api/item/detail JSON)"
    routes = {
        "list0": "/{col:p}/index.html", "list": "/{col:p}/index_{page:d}.html",
        "article": "/{col:p}/{ym:d}/{doc:d}.html", "attachment": "/{col:p}/{ym:d}/{doc:d}_fj.{ext}",
        "letters0": "/hdjl/{box}/index.html", "letters": "/hdjl/{box}/index_{page:d}.html", "letter": "/hdjl/{box}/{id:d}.html",
        "guides": "/bszn/index.html", "guide": "/bszn/guide.html?itemCode={id:d}",
        "special1": "/api/item/list", "special2": "/api/item/detail?itemCode={id:d}",
        "sitemap": "/wzdt.html", "privacy": "/yszc.html", "annual": "/zwgk/ndbb/{year:d}.html",
    }
    groups = {"news": "zwdt", "notice": "zwgk", "policy": "zwgk", "other": "zwgk"}
    list_date_styles = ("iso", "time")
    article_date_styles = ("time",)
    guide_layouts = ("tabs",)
    letter_lists = ("table_number", "table")
    list_open = '<ul class="news-list">'
    date_open = '<span class="time">'
    link_attrs = ' target="_blank"'
    letter_details = ("table",)

    def guide_token(self, model, guide) -> str:
        return f"{model.code[:6]}{guide.number:06d}"

    def doc_title(self, model, page) -> str:
        if page.view in ("guide", "guide_list"):
            return f"办事指南_{model.site.name}"
        return super().doc_title(model, page)

    def body_guide_list(self, model, page, as_of, links) -> str:
        return f'<div class="main"><h2>办事服务</h2><div id="app"><p class="loading">正在加载…</p></div>{LIST_JS}</div>'

    def body_guide(self, model, page, as_of, links) -> str:
        script = DETAIL_JS % {
            "labels": json.dumps(model.styles["labels"], ensure_ascii=False), "keys": json.dumps(FIELD_KEYS, ensure_ascii=False),
            "tabs": json.dumps([[k, n, list(f)] for k, n, f in TABS], ensure_ascii=False),
            "code": self.guide_token(model, page.data["guide"]), "site": model.site.name.replace('"', "")}
        return f'<div class="main"><div id="app"><p class="loading">正在加载…</p></div>{script}</div>'

    def special(self, as_of, model, params, path, query):
        from govspider.sandbox.pages import raw

        if path == "/api/item/list":
            data = [{"itemCode": self.guide_token(model, g), "itemName": g.item, "url": self.guide_path(model, g)} for g in model.guides]
        else:
            guide = next((g for g in model.guides if self.guide_token(model, g) == params["id"]), None)
            if guide is None:
                return None
            data = api_detail(guide, model.styles["materials_table"])
        body = json.dumps({"code": 200, "msg": "success", "data": data}, ensure_ascii=False)
        return raw("application/json; charset=utf-8", body.encode("utf-8"))

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办单位：", "服务热线：", "网站标识码："), conac_style="link")
        return (f'<div class="footer"><p>{" | ".join(f.links)}</p><p>{"&nbsp;&nbsp;".join(f.lines)}</p>'
                f'<div class="badge">{f.conac}{f.jiucuo}</div></div>\n')


def api_detail(guide, materials_table: bool) -> dict:
    """The detail API's ``data``: every element by its API key, plus the 材料 rows when drawn as a table."""
    data = {FIELD_KEYS[f]: guide.fields[f] for f in GUIDE_FIELDS}
    rows = guide.material_rows() if materials_table else None
    if rows is not None or (materials_table and guide.fields["办理材料"] == ""):
        data["materials"] = [{"materialName": m.name, "original": m.original, "copy": m.copy, "count": m.count} for m in rows or ()]
    else:
        data["materials"] = None
    return data
