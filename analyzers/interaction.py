"""Interaction (互动交流): boilerplate replies, unanswered and overdue letters — site scope.

A letter seen on several pages (a list row and its detail page) is judged once: records are the
same letter when they share the letter's URL, its printed number (信件编号), or — with neither
to tell them apart — its title *and* asked date; two letters titled 咨询 stay two letters.
Answered means a reply text, a reply date or a printed status that says so (已办结 / 已回复 …,
``govspider.extract.letter_status``); a placeholder reply (（尚未回复）) is no reply. A letter whose
state the crawl could not read (a status nobody understands) is never vetoed on a guess: its
finding is marked for review. Boilerplate means an exact template ("您好", "已转至…请继续关注"),
a reply with nothing beyond greetings and thanks, or one reply pasted under many different
questions (near duplicates: datasketch MinHash/LSH on jieba tokens). Limits come from the
ruleset's ``interaction`` table; overdue replies are counted in working days.
"""

from __future__ import annotations

import datetime as dt
import re

from analyzers.api import Analyzer, Context, SiteData, parse_date
from govspider.extract.letter_status import CLOSED, PENDING, REPLIED, status_state
from govspider.text import tokenize

_SPACE = re.compile(r"[\s\u3000]+")
_PUNCT = re.compile(r"[\s\u3000，,。.！!？?；;：:、…—\-~～（）()“”\"'‘’]+")
_FIELDS = ("asked", "replied", "reply")


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    from govspider.crawling.urls import canonical_url

    try:
        return canonical_url(url)
    except ValueError:
        return url


class _Letter:
    """One letter, merged from every record of it the crawl saw."""

    def __init__(self):
        self.records: list[tuple[dict, str]] = []
        self.urls: set[str] = set()
        self.numbers: set[str] = set()

    def add(self, letter: dict, page_url: str) -> None:
        self.records.append((letter, page_url))
        if _url_key(letter.get("url")):
            self.urls.add(_url_key(letter.get("url")))
        if (letter.get("number") or "").strip():
            self.numbers.add(letter["number"].strip())

    def conflicts(self, other: "_Letter") -> bool:
        """Different URLs or different numbers: two letters, whatever their titles say."""
        return bool(self.urls and other.urls and not self.urls & other.urls
                    or self.numbers and other.numbers and not self.numbers & other.numbers)

    def merged(self) -> tuple[dict, str, str | None]:
        """(letter, page url where it is best seen, state: replied/pending/closed/None)."""
        best, page = max(self.records, key=lambda r: (sum(1 for k in _FIELDS if r[0].get(k)), r[0].get("url") == r[1]))
        letter = dict(best)
        for rec, _ in self.records:
            for key in ("title", "asked", "replied", "url", "number", "status"):
                if not letter.get(key) and rec.get(key):
                    letter[key] = rec[key]
            if rec.get("reply") and len(rec["reply"]) > len(letter.get("reply") or ""):
                letter["reply"] = rec["reply"]
        # a record that prints a status contributes its state (None: printed empty or not understood)
        states = {status_state(rec["status"]) for rec, _ in self.records if rec.get("status") is not None}
        if letter.get("reply") or letter.get("replied") or REPLIED in states:
            state = REPLIED
        elif CLOSED in states:
            state = CLOSED
        elif PENDING in states or not states:
            state = PENDING  # a pending status, or no status printed and the reply fields empty
        else:
            state = None  # only empty statuses or statuses nobody understands: not read
        statuses = sorted({(rec.get("status") or "").strip() for rec, _ in self.records} - {""})
        if statuses:
            letter["statuses"] = statuses
        return letter, page, state


def collect_letters(data: SiteData) -> list[tuple[dict, str, str | None]]:
    """(letter, page url, state) once per letter: records joined by URL, then number, then title + asked."""
    groups: list[_Letter] = []
    by_url: dict[str, _Letter] = {}
    by_number: dict[str, _Letter] = {}
    by_title: dict[tuple, list[_Letter]] = {}
    for page in data.pages:
        for letter in (page.get("facts") or {}).get("letters") or []:
            title = (letter.get("title") or "").strip()
            if not title:
                continue
            record = _Letter()
            record.add(letter, page.get("url", ""))
            target = None
            for key in record.urls:
                target = target or by_url.get(key)
            for key in record.numbers:
                found = by_number.get(key)
                if target is None and found is not None and not found.conflicts(record):
                    target = found
            if target is None and letter.get("asked"):
                for found in by_title.get((title, letter["asked"]), []):
                    if not found.conflicts(record):
                        target = found
                        break
            if target is None:
                target = _Letter()
                groups.append(target)
            target.add(letter, page.get("url", ""))
            for key in target.urls:
                by_url.setdefault(key, target)
            for key in target.numbers:
                by_number.setdefault(key, target)
            if letter.get("asked"):
                bucket = by_title.setdefault((title, letter["asked"]), [])
                if target not in bucket:
                    bucket.append(target)
    out = [g.merged() for g in groups]
    out.sort(key=lambda item: ((item[0].get("title") or ""), item[0].get("asked") or "", item[0].get("url") or ""))
    return out


def working_days(start: dt.date, end: dt.date) -> int:
    """Mon–Fri days after ``start`` up to and including ``end`` (public holidays not known)."""
    if end <= start:
        return 0
    import numpy as np  # here, not at import: the crawl loads every analyzer and needs none of this

    return int(np.busday_count(start + dt.timedelta(days=1), end + dt.timedelta(days=1)))


class BoilerplateJudge:
    """Decides whether reply texts are boilerplate under one ruleset's interaction table."""

    def __init__(self, table: dict):
        self.templates = [re.compile(p) for p in table["templates"]]
        words = sorted(table["greeting_words"], key=len, reverse=True)
        self.greetings = re.compile("|".join(map(re.escape, words))) if words else None
        self.leftover = int(table["greeting_max_leftover_chars"])
        self.table = table

    def single(self, reply: str) -> str | None:
        """Why one reply is boilerplate on its own, or None."""
        compact = _SPACE.sub("", reply or "")
        if not compact:
            return None
        for pattern in self.templates:
            if pattern.fullmatch(compact):
                return "套话模板"
        rest = _PUNCT.sub("", compact)
        if self.greetings is not None:
            rest = self.greetings.sub("", rest)
        if len(rest) <= self.leftover:
            return "仅有问候和致谢"
        return None

    def duplicates(self, letters: list[dict]) -> dict[int, int]:
        """index -> size of its near-duplicate group, for replies pasted under ≥ N questions."""
        from datasketch import MinHash, MinHashLSH  # site analysis only: not imported by every crawl

        t = self.table
        lsh = MinHashLSH(threshold=float(t["duplicate_jaccard"]), num_perm=int(t["duplicate_num_perm"]))
        hashes, tokens = {}, {}
        for i, letter in enumerate(letters):
            toks = shingles(tokenize(letter.get("reply") or ""), int(t.get("duplicate_shingle", 1)))
            if len(toks) < int(t["duplicate_min_tokens"]):
                continue
            mh = MinHash(num_perm=int(t["duplicate_num_perm"]))
            mh.update_batch(["\x1f".join(w).encode("utf-8") for w in toks])
            lsh.insert(i, mh)
            hashes[i], tokens[i] = mh, toks
        out = {}
        for i, mh in hashes.items():
            group = {j for j in lsh.query(mh) if _jaccard(tokens[i], tokens[j]) >= float(t["duplicate_jaccard"])}
            questions = {(letters[j].get("title") or "").strip() for j in group}
            if len(questions) >= int(t["duplicate_min_letters"]):
                out[i] = len(group)
        return out


def shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    """Runs of ``size`` consecutive tokens (the tokens themselves for size 1)."""
    size = max(1, size)
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def has_channel(data: SiteData) -> bool:
    """Some page is an interaction page (留言/信箱/咨询) or shows letters."""
    return any((p.get("facts") or {}).get("kind") == "interaction" or (p.get("facts") or {}).get("letters")
               for p in data.pages)


class InteractionAnalyzer(Analyzer):
    id = "interaction"
    scope = "site"
    rule_ids = ("interaction.boilerplate_reply", "interaction.unanswered", "interaction.overdue_reply",
                "interaction.no_channel")
    description = "互动回应：敷衍答复、留言长期未回复、答复超期"

    def analyze(self, data: SiteData, ctx: Context):
        table = ctx.table("interaction")
        items = collect_letters(data)
        if not items:
            yield from self._no_channel(data, ctx, table)
            return
        letters = [letter for letter, _, _ in items]
        judge = BoilerplateJudge(table)
        dups = judge.duplicates(letters)
        window, after = int(table["window_days"]), int(table["unanswered_after_days"])
        limit = int(table["reply_limit_working_days"])
        for i, (letter, url, state) in enumerate(items):
            title = letter["title"].strip()
            asked, replied = parse_date(letter.get("asked")), parse_date(letter.get("replied"))
            reply = (letter.get("reply") or "").strip()
            ident = {k: letter[k] for k in ("number", "url") if letter.get(k)}
            why = judge.single(reply) if reply else None
            if why is None and i in dups:
                why = f"同一答复用于 {dups[i]} 条不同留言"
            if why:
                yield ctx.finding("interaction.boilerplate_reply", url=url, key=title,
                                  evidence=f"留言「{title}」的答复{why}：{reply[:80]}",
                                  details={"letter": title, "reason": why, "reply": reply[:200], **ident})
            age = (ctx.as_of - asked).days if asked else None
            if state not in (REPLIED, CLOSED) and age is not None and after < age <= window:
                details = {"letter": title, "asked": asked.isoformat(), "days": age, **ident}
                extra = {}
                if letter.get("statuses"):
                    details["status"] = "、".join(letter["statuses"])
                if state is None:
                    printed = f"办理状态「{details['status']}」" if details.get("status") else "办理状态为空"
                    extra = {"review": True, "review_reason": f"{printed}，无法判断是否已答复，需人工核实"}
                yield ctx.finding("interaction.unanswered", url=url, key=title,
                                  evidence=f"留言「{title}」{asked} 提交，至 {ctx.as_of} 已 {age} 天未回复"
                                           + (f"（办理状态：{details['status']}）" if details.get("status") else ""),
                                  details=details, **extra)
            if asked and replied and replied <= ctx.as_of:
                days = working_days(asked, replied)
                if days > limit:
                    yield ctx.finding("interaction.overdue_reply", url=url, key=title,
                                      evidence=f"留言「{title}」{asked} 提交，{replied} 答复，用时 {days} 个工作日（限 {limit} 个）",
                                      details={"letter": title, "asked": asked.isoformat(), "replied": replied.isoformat(),
                                               "days": days, "calendar_days": (replied - asked).days,
                                               "limit_working_days": limit, **ident})

    def _no_channel(self, data: SiteData, ctx: Context, table: dict):
        """2019 互动回应差 (1): no working online consultation channel at all (the ruleset decides
        with ``require_channel`` and which site kinds must have one)."""
        if not table.get("require_channel") or ctx.site.kind not in table.get("channel_site_kinds", ()):
            return
        if ctx.site.closed or len(data.pages) < int(table.get("channel_min_pages", 1)) or has_channel(data):
            return  # a closed site, or too little of the site seen to say the channel is missing
        home = data.home or {}
        yield ctx.finding("interaction.no_channel", url=home.get("url", ctx.site.url),
                          evidence=f"全站（{len(data.pages)} 个页面）未见在线咨询、留言或信箱渠道", details={"pages": len(data.pages)})
