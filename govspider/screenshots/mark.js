// Finds the element a finding is about on the archived page, scrolls to it and outlines it.
// Called by govspider/screenshots/browser.py as page.evaluate(this, args); page scripts are off.
// args: {phase: "locate"|"mark", target: {mode, ...}, caption: [lines], outline: css colour,
//        viewportHeight}. Returns {found, height} (locate) or {found, box} (mark, viewport px).
(args) => {
  const state = window.__govspider || (window.__govspider = {});
  const squash = (s) => (s || "").replace(/[\s\u00a0\u3000]+/g, "");
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const BLOCK = "tr,li,dl,dd,p,div,td,section,article,table,ul,ol";

  function textElements(needles) {
    // parents of text nodes whose text contains one of the needles, in document order
    const out = [];
    const wanted = needles.map(squash).filter(Boolean);
    if (!wanted.length) return out;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = squash(node.nodeValue);
      if (text && wanted.some((w) => text.includes(w))) out.push(node.parentElement);
    }
    // a needle split over several text nodes: the smallest element whose text holds it
    if (!out.length) {
      const all = Array.from(document.body.querySelectorAll("*")).filter((el) => wanted.some((w) => squash(el.textContent).includes(w)));
      return all.filter((el) => !all.some((o) => o !== el && el.contains(o)));
    }
    return out;
  }
  function labelElements(labels) {
    const wanted = new Set(labels.map(squash));
    return Array.from(document.body.querySelectorAll("th,td,dt,span,label,strong,b,em,div,li,p"))
      .filter((el) => wanted.has(squash(el.textContent).replace(/^[*＊]/, "").replace(/[:：]$/, "")));
  }
  function fieldRow(label) {
    if (label.tagName === "DT") {
      const dd = label.nextElementSibling;
      return dd && dd.tagName === "DD" ? [label, dd] : [label];
    }
    const row = label.closest("tr,li");
    if (row) return [row];
    let el = label.parentElement;
    while (el && el !== document.body && squash(el.textContent) === squash(label.textContent)) el = el.parentElement;
    return [el && el !== document.body ? el : label];
  }
  function listOf(el) {
    let list = el.closest("ul,ol,table,dl");
    if (list) return list;
    let cur = el.parentElement;   // rows written as <div>s: the first ancestor holding several dated rows
    while (cur && cur !== document.body) {
      if (cur.children.length >= 3) return cur;
      cur = cur.parentElement;
    }
    return el;
  }
  function reveal(el) {
    // a hidden link (暗链) is made visible where it sits, so the picture can show it
    for (let cur = el; cur && cur !== document.body; cur = cur.parentElement) {
      const style = getComputedStyle(cur);
      if (style.display === "none") cur.style.setProperty("display", cur === el ? "inline-block" : "block", "important");
      if (style.visibility === "hidden") cur.style.setProperty("visibility", "visible", "important");
      if (parseFloat(style.opacity) === 0) cur.style.setProperty("opacity", "1", "important");
      if (style.position === "absolute" || style.position === "fixed") cur.style.setProperty("position", "static", "important");
      if (parseFloat(style.fontSize) < 6) cur.style.setProperty("font-size", "14px", "important");
      if (style.overflow === "hidden" && (cur.clientHeight < 4 || cur.clientWidth < 4)) {
        cur.style.setProperty("overflow", "visible", "important");
        cur.style.setProperty("height", "auto", "important");
        cur.style.setProperty("width", "auto", "important");
      }
      const indent = parseFloat(style.textIndent);
      if (Math.abs(indent) > 500) cur.style.setProperty("text-indent", "0", "important");
    }
  }
  function sameUrl(a, b) {
    const clean = (u) => (u || "").split("#")[0].replace(/\/$/, "");
    return clean(a) === clean(b);
  }

  function locate(t) {
    const pick = (els) => els.find(shown) || els[0];
    switch (t.mode) {
      case "date": {
        const el = pick(textElements(t.dates));
        if (el) return { primary: [listOf(el)], secondary: [el] };
        return t.column ? locate({ mode: "column", column: t.column }) : null;
      }
      case "field": {
        const rows = [];
        for (const labels of t.fields) {
          const el = pick(labelElements(labels));
          if (el) rows.push(fieldRow(el));
        }
        return rows.length ? { primary: rows[0], secondary: rows.slice(1).flat() } : null;
      }
      case "reply": {
        const title = pick(textElements([t.title]));
        const replies = textElements([t.reply]).filter((el) => !title || title.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        const reply = pick(replies);
        if (!reply) return title ? { primary: [title.closest(BLOCK) || title], secondary: [] } : null;
        return { primary: [reply.closest("dd,td,p,div,li") || reply], secondary: title ? [title] : [] };
      }
      case "letter": {
        const title = pick(textElements([t.title]));
        return title ? { primary: [title.closest("tr,li,dl,table,article,section") || title.closest(BLOCK) || title], secondary: [title] } : null;
      }
      case "column": {
        const heads = textElements([t.column]).filter((el) => squash(el.textContent) === squash(t.column));
        const head = heads.find((el) => /^H[1-6]$/.test(el.tagName) || /title|tit|lmmc|column/i.test(el.className)) || heads[heads.length - 1];
        if (!head) return null;
        let box = head.parentElement;
        while (box && box !== document.body && box.getBoundingClientRect().height < head.getBoundingClientRect().height * 3) box = box.parentElement;
        return { primary: [box && box !== document.body ? box : head], secondary: [head] };
      }
      case "footer": {
        const classRe = new RegExp(t.footerClass, "i"), hintRe = new RegExp(t.footerHint, "i");
        const marked = Array.from(document.body.querySelectorAll("footer,div,table,section,p,td,ul"))
          .filter((el) => (el.tagName === "FOOTER" || classRe.test(`${el.id} ${el.className}`)) && hintRe.test(el.textContent));
        const outer = marked.filter((el) => !marked.some((o) => o !== el && o.contains(el)));
        let el = outer[outer.length - 1];
        if (!el) {
          const hints = textElements(t.footerWords);
          el = hints.length ? hints[hints.length - 1].closest("div,table,section,footer") : null;
        }
        return el ? { primary: [el], secondary: [] } : null;
      }
      case "link": {
        const links = Array.from(document.querySelectorAll("a[href]"));
        let el = links.find((a) => sameUrl(a.href, t.href));
        if (!el && t.text) el = links.find((a) => squash(a.textContent).includes(squash(t.text)));
        if (!el) return t.text ? locate({ mode: "term", term: t.text }) : null;
        if (t.reveal) reveal(el);
        return { primary: [el], secondary: [] };
      }
      case "term": {
        const el = pick(textElements([t.term]));
        return el ? { primary: [el], secondary: [] } : null;
      }
      default:
        return null;
    }
  }
  function union(els) {
    const rects = els.filter(Boolean).map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 || r.height > 0);
    if (!rects.length) return null;
    const left = Math.min(...rects.map((r) => r.left)), top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right)), bottom = Math.max(...rects.map((r) => r.bottom));
    return { left, top, width: right - left, height: bottom - top };
  }
  function frame(rect, width, colour, pad) {
    const box = document.createElement("div");
    const x = Math.round(rect.left - pad - width), y = Math.round(rect.top - pad - width);
    const w = Math.round(rect.width + 2 * (pad + width)), h = Math.round(rect.height + 2 * (pad + width));
    box.style.cssText = `position:fixed;left:${x}px;top:${y}px;width:${w}px;height:${h}px;box-sizing:border-box;` +
      `border:${width}px solid ${colour};z-index:2147483646;pointer-events:none;background:transparent;margin:0;padding:0`;
    document.documentElement.appendChild(box);
    return { x, y, width: w, height: h };
  }
  function caption(lines, colour) {
    const bar = document.createElement("div");
    bar.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#fffbe6;color:#111;" +
      `border-top:3px solid ${colour};font:14px/1.5 "Noto Sans CJK SC","Noto Sans SC",sans-serif;padding:6px 12px;` +
      "white-space:pre-wrap;word-break:break-all;text-align:left;letter-spacing:0;text-indent:0";
    bar.textContent = lines.join("\n");
    document.documentElement.appendChild(bar);
    return bar.getBoundingClientRect().height;
  }

  if (args.phase === "locate") {
    state.found = locate(args.target || {});
    const rect = state.found && union(state.found.primary);
    return { found: !!rect, height: rect ? rect.height : 0 };
  }
  const found = state.found;
  let rect = found && union(found.primary);
  const captionHeight = caption([...(args.caption || []), ...(rect ? [] : [args.notFound || ""])], args.outline);
  if (!rect) {
    window.scrollTo(0, 0);
    return { found: false, box: null, captionHeight };
  }
  window.scrollTo(0, Math.max(0, rect.top + window.scrollY - args.margin));
  rect = union(found.primary);
  const second = found.secondary.filter((el) => !found.primary.includes(el));
  for (const el of second) { const r = union([el]); if (r) frame(r, 2, args.outline, 1); }
  const box = frame(rect, args.width, args.outline, args.pad);
  return { found: true, box, captionHeight };
}
