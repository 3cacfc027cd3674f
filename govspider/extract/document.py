"""Decoding and parsing one page into an lxml tree plus the script evidence extraction needs."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from w3lib.encoding import html_to_unicode

from govspider.bounds import flatten_deep_nesting

def _new_parser() -> etree.HTMLParser:
    """One parser per page: its error log says whether the page was read to the end."""
    return etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True)


_HREF_WS = re.compile(r"\s+")
#: a relative path urljoin would simply append to the page's folder: no scheme, no "..", no "./" inside
_PLAIN_RELATIVE = re.compile(r"(?:\./)?(?![./])(?!.*/\.)[^:/?#][^:?#]*(?:[?#].*)?$", re.S)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
#: libxml2 stops reading at a stray </html> (server-side includes paste whole documents); browsers do not
_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.I)
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|tbody|thead|tfoot|h[1-6]|br|hr|section|article|header|footer|"
    r"nav|aside|form|blockquote|pre|center|address|caption)[\s/>])",
    re.I,
)
_INLINE_END = re.compile(r"</(?=(?:span|a|font|em|i|b|strong|label|small|u|big|sup|sub|cite|abbr|time)\s*>)", re.I)
#: 大汉 Hanweb jpage lists: the rows sit as CDATA records in an XML datastore (inside a script) that
#: the page's own script draws; they are read in place, as the browser would show them
_DATASTORE = re.compile(r"(?:<script[^>]*>\s*)?<datastore>(.*?)</datastore>(?:\s*</script>)?", re.S | re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
#: elements whose text a visitor never sees
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "textarea", "select", "option")


def _auto_detect(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def decode_body(body: bytes | str, content_type: str | None = None, encoding: str | None = None) -> str:
    """Unicode text of a page: the explicit ``encoding``; else bytes that are valid (non-ASCII) UTF-8
    are UTF-8; else the HTTP header charset, BOM, meta tag, then UTF-8/GB18030 detection (w3lib)."""
    if isinstance(body, str):
        return body
    if encoding:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    if body[:3] == b"\xef\xbb\xbf":
        body = body[3:]
    if not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        # bytes that are valid UTF-8 (and not plain ASCII) are UTF-8, whatever a stale
        # <meta charset=gb2312> says; GBK text practically never decodes as UTF-8
        try:
            text = body.decode("utf-8")
            if not text.isascii():
                return text
        except UnicodeDecodeError:
            pass
    header = content_type or None
    _enc, text = html_to_unicode(header, body, default_encoding="utf-8", auto_detect_fun=_auto_detect)
    return text


class Document:
    """A parsed page: the comment-free tree, script evidence, and visible text helpers."""

    __slots__ = ("url", "root", "scripts", "script_blob", "base_url", "style_text", "_joined", "_attr_blob", "_origin",
                 "_folder")

    def __init__(self, url: str, root, scripts: list[tuple[str, str, str]], base_url: str, style_text: str = ""):
        self.url = url
        self.root = root
        #: (id, src, text) of every <script> outside HTML comments
        self.scripts = scripts
        #: all script sources and bodies, %-unescaped, lower-cased: where JS-written badges show
        self.script_blob = unquote(" ".join(f"{i} {s} {t}" for i, s, t in scripts)).lower()
        self.base_url = base_url
        #: the text of every <style> element (for class/id hiding rules)
        self.style_text = style_text
        self._joined: dict[str, str | None] = {}
        self._attr_blob: str | None = None
        parts = urlsplit(base_url)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._folder = self._origin + (parts.path or "/").rsplit("/", 1)[0] + "/"

    @property
    def attr_blob(self) -> str:
        """Every href, src and onclick value of the page (outside comments), lower-cased, in one string."""
        if self._attr_blob is None:
            self._attr_blob = "\n".join(self.root.xpath("//@href|//@src|//@onclick")).lower()
        return self._attr_blob

    def absolute(self, href: str) -> str | None:
        """Absolute URL of an href on this page, fragment removed (None when it cannot be joined)."""
        url = self._joined.get(href, "")
        if url != "":
            return url
        raw = href
        if "\n" in href or "\r" in href or "\t" in href:
            href = _HREF_WS.sub("", href)
        try:
            if href.startswith(("http://", "https://")):
                url = href
            elif href.startswith("/") and not href.startswith("//") and "/." not in href:
                url = self._origin + href
            elif _PLAIN_RELATIVE.match(href):
                # "./202403/t20240321_1.html", "index_1.html": the page's folder + the path (urljoin's result)
                url = self._folder + (href[2:] if href.startswith("./") else href)
            else:
                url = urljoin(self.base_url, href)
            url = url.split("#", 1)[0]
        except ValueError:
            url = None
        self._joined[raw] = url
        return url


def parse(body: bytes | str, url: str, content_type: str | None = None, encoding: str | None = None) -> Document | None:
    """Parse a page; None when there is nothing HTML-like to parse (empty or binary garbage)."""
    text = decode_body(body, content_type, encoding)
    text = _XML_DECL.sub("", text, count=1)
    if "\x00" in text:
        text = text.replace("\x00", "")
    text = _END_TAGS.sub("", text)
    if "<datastore>" in text:
        text = _DATASTORE.sub(lambda m: "<div>" + "".join(_CDATA.findall(m.group(1))) + "</div>", text)
    # line structure for itertext(): a newline before every block tag, a space before an inline
    # element's end tag (C-speed regex here instead of a Python pass over the tree)
    text = _BLOCK_TAG.sub("\n<", text)
    text = _INLINE_END.sub(" </", text)
    if not text.strip() or "<" not in text[:10000] and len(text) > 200:
        return None
    try:
        parser = _new_parser()
        root = etree.fromstring(text, parser=parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            # nested past libxml2's limit: it dropped the rest of the page; parse it flattened
            root = etree.fromstring(flatten_deep_nesting(text), parser=_new_parser())
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    if root is None or root.find("body") is None and root.find("head") is None:
        return None
    scripts = []
    for el in root.iter("script"):
        ident = el.get("id") or ""
        if el.get("sitecode"):  # <script id="_jiucuo_" sitecode="…">: keep the code with the id
            ident += f" sitecode='{el.get('sitecode').strip()}'"
        scripts.append((ident, el.get("src") or "", el.text or ""))
    style_text = "\n".join(el.text or "" for el in root.iter("style"))
    base_url = url
    for el in root.iter("base"):
        href = (el.get("href") or "").strip()
        if href:
            base_url = urljoin(url, href)
        break
    etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    return Document(url, root, scripts, base_url, style_text)


def raw_text(el) -> str:
    """All text under an element (block boundaries are newlines after parse())."""
    return "".join(el.itertext())


def text_lines(el) -> str:
    """Visible text of an element with block boundaries as newlines."""
    return "".join(el.itertext())


_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u200b\ufeff]+")
_NL = re.compile(r"\s*\n\s*")


def normalize_space(text: str) -> str:
    """Collapse runs of spaces (incl. full-width) to one and blank lines to one newline."""
    return _NL.sub("\n", _WS.sub(" ", text)).strip()


def flat_text(el) -> str:
    """Visible text of an element on one line, spaces collapsed."""
    return " ".join("".join(el.itertext()).split())
