"""Footer facts (网站底部要素): ICP/公安备案号, 网站标识码, 主办单位, 联系电话, 网站地图, 党政机关标识, 我为政府网站找错."""

from __future__ import annotations

import re

from .document import Document, normalize_space, text_lines

ICP = re.compile(r"([京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新港澳台])\s*ICP\s*备\s*[:：]?\s*(\d{4,12})\s*(号)?\s*(?:[-－—]\s*(\d{1,3}))?", re.I)
POLICE = re.compile(r"公网安备\s*[:：]?\s*(?:号\s*)?(?:[:：]\s*)?(\d{14})")
POLICE_LOOSE = re.compile(r"公网安备[^\d\n]{0,8}\n?[^\d]{0,20}?(\d{14})")
SITE_CODE = re.compile(r"(?:政府)?网站(?:标识|识别)码\s*[:：]?\s*((?:bm|BM)\d{8}|\d{10})(?![\d])")
SPONSOR_LABEL = re.compile(r"主\s*办\s*(?:单\s*位)?\s*[:：]\s*([^\n|｜]+)")
SPONSOR_SUFFIX = re.compile(r"([\u4e00-\u9fff（）()、，,· ]{4,60}?)\s*主办(?![单])")
#: labels that end a sponsor value written on one line with other footer items
SPONSOR_END = re.compile(
    r"\s{2,}|\s*(?:承办|协办|主管|运维|维护|技术支持|地址|电话|(?:服务|咨询|投诉|举报)热线|联系|邮编|邮政编码|传真|网站标识码|政府网站标识码|"
    r"[\u4e00-\u9fff]{1,2}ICP|ICP|备案|版权|Copyright|©|E-?mail|邮箱|[\u4e00-\u9fff]公网安备)"
)
PHONE = re.compile(
    r"(?:电\s*话|热\s*线|联系我们|咨询|投诉|举报|技术支持|Tel|TEL)[^\d\n]{0,16}?"
    r"((?:[(（]?0\d{2,3}[)）]?\s*[-－—]?\s*)?\d{5,8}(?:\s*[-－—]\s*\d{1,4})?|1[3-9]\d{9})(?!\d)"
)
FOOTER_HINT = re.compile(r"ICP|公网安备|网站标识码|网站识别码|版权所有|主办|Copyright|©", re.I)
_FOOTER_CLASS = re.compile(r"foot|bottom|copyright|(?:^|[\s_-])copy|banquan|bqxx|fotcon|wzxx|dibu|db[a-z]{0,6}\b", re.I)
_STRONG_FOOTER = re.compile(r"foot|copyright|banquan|dibu", re.I)
_LAST_HINT = re.compile(r"ICP\s*备|公网安备|网站标识码|网站识别码|版权所有|主办")
_SPACE_IN = re.compile(r"\s+")


def _footer_text(doc: Document, full_text: str) -> str:
    """Text of the footer block(s): footer-marked containers, else the block around the last footer item."""
    blocks = []
    for el in doc.root.iter("footer", "div", "table", "section", "p", "td", "ul"):
        marker = (el.get("id") or "") + " " + (el.get("class") or "")
        if el.tag != "footer" and not _FOOTER_CLASS.search(marker):
            continue
        raw = text_lines(el)
        if len(raw) > 12000:
            continue  # a page-wide wrapper that happens to say "bottom": not a footer (cheap test first)
        text = normalize_space(raw)
        if text and len(text) < 3000 and (FOOTER_HINT.search(text) or _STRONG_FOOTER.search(marker) or el.tag == "footer"):
            blocks.append((el, text))
    keep = [text for el, text in blocks if not any(o is not el and _is_ancestor(o, el) for o, _ in blocks)]
    if any(FOOTER_HINT.search(t) for t in keep):
        return "\n".join(keep)
    return _block_around_last_hint(doc)


def _block_around_last_hint(doc: Document) -> str:
    """The largest ancestor (under ~1200 characters) of the last text naming an ICP/公安/标识码/版权 item."""
    last = None
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        if (el.text and _LAST_HINT.search(el.text)) or any(c.tail and _LAST_HINT.search(c.tail) for c in el):
            last = el
    if last is None:
        return ""
    block = last
    text = normalize_space(text_lines(block))
    parent = block.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        ptext = normalize_space(text_lines(parent))
        if len(ptext) > 1200:
            break
        block, text = parent, ptext
        parent = parent.getparent()
    return text


def _is_ancestor(a, b) -> bool:
    parent = b.getparent()
    while parent is not None:
        if parent is a:
            return True
        parent = parent.getparent()
    return False


def _icp(text: str) -> str | None:
    m = ICP.search(text)
    if not m:
        return None
    prov, num, hao, suffix = m.groups()
    out = f"{prov}ICP备{num}" + ("号" if hao else "")
    if suffix:
        out += f"-{suffix}"
    return out


def _police(text: str) -> str | None:
    m = POLICE.search(text) or POLICE_LOOSE.search(text)
    return m.group(1) if m else None


def _sponsor(text: str) -> str | None:
    for m in SPONSOR_LABEL.finditer(text):
        value = SPONSOR_END.split(m.group(1).strip(), maxsplit=1)[0].strip(" ：:，,;；")
        if value and "版权" not in value:
            return value
    for line in text.split("\n"):
        m = SPONSOR_SUFFIX.search(line)
        if m:
            value = m.group(1).strip(" ：:，,")
            # a suffix sponsor sits after the previous footer item on the same line
            value = re.split(r"\s+|版权所有|Copyright|©", value)[-1] if "  " in value else value
            value = value.strip()
            if len(value) >= 4:
                return value
    return None


def _phone(text: str) -> str | None:
    m = PHONE.search(text)
    if not m:
        return None
    raw = m.group(1)
    raw = re.sub(r"[（(]", "", raw)
    raw = re.sub(r"[)）]\s*", "-", raw)
    raw = re.sub(r"\s*[-－—]\s*", "-", raw)
    return _SPACE_IN.sub("", raw)


def _has_link(doc: Document, needles: tuple[str, ...]) -> bool:
    """True when an href/src/onclick attribute of any element contains one of the needles."""
    blob = doc.attr_blob
    return any(n in blob for n in needles)


_SITEMAP_XPATH = ("//a[contains(., '网站地图') or contains(., '站点地图') or contains(@title, '网站地图') "
                  "or contains(@title, '站点地图')]")


def footer_facts(doc: Document, full_text: str, links: list[dict] | None = None) -> dict:
    """The footer facts of the contract (keys of govspider.facts.FOOTER_KEYS).

    ``links`` (the page's link records, if already built) answers the 网站地图 question cheaply."""
    foot = _footer_text(doc, full_text)
    icp = _icp(foot)
    police = _police(foot)
    m = SITE_CODE.search(foot)
    site_code = m.group(1).lower() if m and m.group(1).lower().startswith("bm") else (m.group(1) if m else None)
    if links is not None:
        sitemap = any("网站地图" in l["text"] or "站点地图" in l["text"] for l in links)
    else:
        sitemap = bool(doc.root.xpath(_SITEMAP_XPATH))
    blob = doc.script_blob
    conac = _has_link(doc, ("bszs.conac.cn", "dcs.conac.cn")) or "bszs.conac.cn" in blob or "dcs.conac.cn" in blob
    jiucuo = (
        "_jiucuo_" in blob
        or "zfwzgl.www.gov.cn" in blob
        or "exposure/jiucuo" in blob
        or _has_link(doc, ("zfwzgl.www.gov.cn", "/exposure/jiucuo", "jiucuo"))
        or _jiucuo_image(doc)
    )
    return {
        "icp": icp,
        "police_record": police,
        "site_code": site_code,
        "sponsor": _sponsor(foot),
        "phone": _phone(foot),
        "sitemap": sitemap,
        "conac": conac,
        "jiucuo": jiucuo,
        # not in the contract's list (an addition): the sitecode the 我为政府网站找错 entry carries,
        # which should equal the printed 网站标识码 and the SiteIDCode meta tag
        "jiucuo_site_code": _jiucuo_site_code(doc) if jiucuo else None,
    }


_JIUCUO_SCRIPT_CODE = re.compile(r"_jiucuo_\\?['\"]?\s+sitecode\s*=\s*\\?['\"]?([a-z]{2}\d{8}|\d{10})")
_JIUCUO_LINK_CODE = re.compile(r"exposure/jiucuo\.html\?site_code=([a-z]{2}\d{8}|\d{10})")


def _jiucuo_site_code(doc: Document) -> str | None:
    """The sitecode of the ``_jiucuo_`` script (markup or document.write) or jiucuo.html link."""
    m = _JIUCUO_SCRIPT_CODE.search(doc.script_blob) or _JIUCUO_LINK_CODE.search(doc.attr_blob)
    return m.group(1) if m else None


def _jiucuo_image(doc: Document) -> bool:
    for img in doc.root.iter("img"):
        src = (img.get("src") or "").lower()
        if "jiucuo" in src and img.get("onclick"):
            return True
        if "jiucuo" in src and img.getparent() is not None and img.getparent().tag == "a":
            return True
    return False
