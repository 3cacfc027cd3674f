"""暗链/被篡改: content.defacement — page scope.

Defacement is content the site did not mean to publish (ruleset ``content.defacement``):

- a hidden or camouflaged link (display:none, off-screen, text in the background colour, 0–1 px,
  also when a script writes it) whose text or address carries a commercial spam term — or, when
  it leaves for an outside non-government site, a sensitive word — outside an enforcement
  context (暗链);
- a visible link to an outside, non-government site worded the same way;
- a redirect the page makes by itself (script or meta refresh) to an outside non-government site:
  confirmed when it checks the referrer or user agent first (cloaking) or its address carries a
  spam term, else for review;
- a hijacked ``<title>`` / meta keywords / description (commercial spam terms).

Weaker signs ask for a person's check (``review``): an unconditional redirect to an outside
site, one spam term in the title, several spam terms in the visible text. Hidden links with
ordinary words are not signs at all: real sites hide share menus (微博, QQ空间) and 友情链接
drop-downs. Visible
internal links and text never count: 「户籍办证指南」, 「举报色情低俗信息」 and an anti-gambling news item
(打击网络赌博、非法博彩、私彩、六合彩) are the site speaking. A defaced template repeats the same links on
every page: findings carry ``details.cause`` (the offending hosts) and analysis merges them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from analyzers.api import Analyzer, Context, url_path
from analyzers.links import registrable_domain
from analyzers.terms import occurrences


class Vocabulary:
    """The ruleset's word lists, and the questions the analyzer asks of a text or a host."""

    def __init__(self, table: dict):
        self.spam = list(table["spam_terms"])
        self.sensitive = list(table["spam_terms"]) + list(table["sensitive_words"])
        self.enforcement = list(table["enforcement_words"])
        self.trusted = tuple(s.lower() for s in table["trusted_suffixes"])
        self.width = int(table.get("context_chars", 30))

    def terms(self, text: str, words: list[str]) -> list[str]:
        """Distinct ``words`` in ``text`` that do not stand next to an enforcement word."""
        out = []
        for start, end, word in occurrences(text, words):
            around = text[max(0, start - self.width): end + self.width]
            if word not in out and not occurrences(around, self.enforcement):
                out.append(word)
        return out

    def outside(self, url: str, site) -> bool:
        """The link leaves the site for a host that is neither the site's nor a government's."""
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        if not host or host == site.host or host in site.hosts:
            return False
        if ("." + host).endswith(self.trusted) or host.endswith(self.trusted):
            return False
        return registrable_domain(host) != registrable_domain(site.host)


class Evidence:
    """What one page shows: confirmed signs, weaker ones, the words, the hosts (the cause)."""

    def __init__(self):
        self.confirmed: list[str] = []
        self.suspected: list[str] = []
        self.terms: list[str] = []
        self.causes: set[str] = set()

    def add(self, sure: bool, what: str, found, cause: str) -> None:
        (self.confirmed if sure else self.suspected).append(what)
        self.terms.extend(t for t in found if t not in self.terms)
        self.causes.add(cause)

    def link(self, sure: bool, what: str, link: dict, found) -> None:
        url = link.get("url") or ""
        self.add(sure, f"{what}「{link.get('text') or ''}」→ {url}", found, (urlsplit(url).hostname or "").lower())


class DefacementAnalyzer(Analyzer):
    id = "defacement"
    scope = "page"
    rule_ids = ("content.defacement",)
    description = "暗链、被篡改、恶意跳转（博彩、色情等违规内容）"

    def analyze(self, page: dict, ctx: Context):
        table = ctx.table("content")["defacement"]
        words, facts, seen = Vocabulary(table), page.get("facts") or {}, Evidence()
        hidden = self._hidden_links(facts, words, ctx, seen)
        self._outside_links(facts, words, ctx, seen, hidden)
        self._redirects(facts, words, ctx, seen)
        self._head(facts, words, table, seen)
        if not seen.confirmed and not seen.suspected:
            found = words.terms(page.get("text") or "", words.spam)
            if len(found) >= int(table["text_min_terms"]):
                seen.add(False, f"正文出现 {len(found)} 个博彩色情推广词", found, "text:" + "、".join(sorted(found)))
        if not seen.confirmed and not seen.suspected:
            return
        url = page.get("url", "")
        where = seen.confirmed or seen.suspected
        yield ctx.finding(
            "content.defacement", url=url, key=url_path(url),
            evidence="；".join(where[:3]) + (f"（{'、'.join(seen.terms[:5])}）" if seen.terms else ""),
            details={"terms": seen.terms, "path": url_path(url), "where": where[:10],
                     "cause": "|".join(sorted(c for c in seen.causes if c))},
            review=None if seen.confirmed else "迹象不足以确认被篡改（" + "；".join(seen.suspected[:2]) + "），请人工核实页面",
        )

    @staticmethod
    def _hidden_links(facts, words: Vocabulary, ctx: Context, seen: Evidence) -> set[str]:
        """Hidden, camouflaged and script-hidden links with listed words; returns their URLs."""
        hidden = [(l, "隐藏链接") for l in facts.get("links") or () if l.get("hidden")]
        hidden += [(l, "伪装链接") for l in facts.get("camouflaged_links") or ()]
        hidden += [(l, "脚本写入的隐藏链接") for l in facts.get("script_links") or () if l.get("hidden")]
        for link, what in hidden:
            # a hidden tab of the site's own links (「户籍办证指南」) is ordinary: inside the site only
            # commercial spam counts, outside it the sensitive words too
            outside = words.outside(link.get("url") or "", ctx.site)
            found = words.terms(f"{link.get('text') or ''} {link.get('url') or ''}",
                                words.sensitive if outside else words.spam)
            if found:
                seen.link(True, what, link, found)
        return {link.get("url") for link, _what in hidden}

    @staticmethod
    def _outside_links(facts, words: Vocabulary, ctx: Context, seen: Evidence, hidden: set[str]) -> None:
        """Visible links to outside non-government sites worded as gambling/porn advertising."""
        shown = [l for l in facts.get("links") or () if not l.get("hidden")]
        shown += [l for l in facts.get("script_links") or () if not l.get("hidden")]
        for link in shown:
            if link.get("url") in hidden or not words.outside(link.get("url") or "", ctx.site):
                continue
            found = words.terms(link.get("text") or "", words.sensitive)
            if found:
                seen.link(True, "外部违规链接", link, found)

    @staticmethod
    def _redirects(facts, words: Vocabulary, ctx: Context, seen: Evidence) -> None:
        """Redirects to outside sites: cloaked or spam-addressed ones confirmed, others for review."""
        for redirect in facts.get("redirects") or ():
            url = redirect.get("url") or ""
            if not words.outside(url, ctx.site):
                continue
            found = words.terms(url, words.sensitive)
            how = "脚本跳转" if redirect.get("how") == "script" else "自动刷新跳转"
            if redirect.get("conditional") or found:
                seen.link(True, ("按来源判断的" if redirect.get("conditional") else "") + how, {"url": url}, found)
            else:
                seen.link(False, how + "到外部网站", {"url": url}, found)

    @staticmethod
    def _head(facts, words: Vocabulary, table: dict, seen: Evidence) -> None:
        """Spam terms in the <title>, meta keywords or description (a hijacked head)."""
        meta = facts.get("meta") or {}
        head = " ".join(str(x) for x in (facts.get("head_title") or facts.get("title"), meta.get("Keywords"),
                                         meta.get("Description")) if x)
        found = words.terms(head, words.spam)
        if found:
            seen.add(len(found) >= int(table["title_min_terms"]), f"标题/关键词含「{'、'.join(found)}」", found,
                     "title:" + "、".join(sorted(found)))
