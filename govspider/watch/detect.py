"""Early warnings (预警) of one site: which time and count lines it is close to, or past.

The analyzers decide, never this module: the freshness, interaction and annual-report analyzers
run twice on the same pages — under the ruleset (the line) and under its shadow table (the
margin, margins.py) — and a finding of the shadow run is a warning, ``approaching`` (临近) when the
real run does not have it, ``crossed`` (已越线) when it does. Count lines count the real findings.
Letters still waiting for a reply, the one line no analyzer judges before the reply comes, use the
interaction analyzer's own helpers (``collect_letters`` — which also says whether a letter is
answered, pending or unreadable — and ``working_days``).

A warning is one JSON object (one line of ``warnings.jsonl``): ``warning_id``, ``rule_id``,
``site_code``, ``site_name``, ``region``, ``subject`` (column, letter, year or "" — what it is
about), ``kind`` (time|count), ``level``, ``what`` (the sentence for people), ``value``, ``line``,
``warn_at``, ``unit``, ``remaining`` (line − value: how close), ``url``, ``as_of``, ``details``,
``review`` / ``review_reason`` (the warning rests on something not seen, e.g. no readable date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from analyzers.api import SiteData, parse_date
from analyzers.interaction import collect_letters, working_days
from analyzers.registry import load_analyzers, run_site_analyzers
from govspider.compare import identity
from govspider.extract.letter_status import PENDING
from govspider.watch.margins import Margins, load_margins, shadow_table

#: the analyzers whose findings have time lines
ANALYZERS = ("freshness", "interaction", "annual_report")
#: count lines the light check sees whole (every column list page linked from the homepage)
LIGHT_COUNT_RULES = ("column.stale", "column.blank")
LEVEL_NAMES = {"approaching": "临近", "crossed": "已越线"}


@dataclasses.dataclass(frozen=True)
class Observation:
    """What a check of one site actually saw: a warning missing now is cleared only if its
    subject was seen (absence of a page is not the absence of a problem)."""

    home: bool = False
    columns: frozenset = frozenset()
    letters: frozenset = frozenset()
    complete: bool = False

    def covers(self, warning: dict) -> bool:
        rule, subject = warning["rule_id"], warning.get("subject") or ""
        if warning.get("kind") == "count":
            return self.complete
        if rule.startswith("interaction."):
            return subject in self.letters
        if rule == "column.stale":
            return subject in self.columns
        return self.home


def _state_of(details: dict, letters: list[tuple[dict, str | None]]) -> str | None:
    """The merged state of the letter a finding is about (same title, and number/URL when it has them)."""
    title = (details.get("letter") or "").strip()
    for letter, state in letters:
        if letter["title"].strip() != title:
            continue
        if all(letter.get(k) == details[k] for k in ("number", "url") if details.get(k)):
            return state
    return None


def warning_id(rule_id: str, kind: str, site_code: str, subject: str) -> str:
    return hashlib.sha1(f"{rule_id}\x1f{kind}\x1f{site_code}\x1f{subject}".encode("utf-8")).hexdigest()[:16]


class Detector:
    """Warnings of sites under one ruleset (the analyzers are loaded once)."""

    def __init__(self, ruleset: str | dict = "2019", analyzers=None):
        self.margins: Margins = load_margins(ruleset)
        self.shadow = shadow_table(self.margins)
        self.analyzers = analyzers if analyzers is not None else load_analyzers(only=ANALYZERS)
        missing = set(ANALYZERS) - {a.id for a in self.analyzers}
        if missing:
            raise LookupError(f"analyzers {', '.join(sorted(missing))} are not loaded: run `pip install -e .`")

    def site(self, data: SiteData, as_of: dt.date, count_rules=LIGHT_COUNT_RULES) -> tuple[list[dict], Observation]:
        """(warnings, what was observed) for one site's pages (and crawl state)."""
        m = self.margins
        real = run_site_analyzers(data, m.ruleset, as_of, analyzers=self.analyzers)
        shadow = run_site_analyzers(data, self.shadow, as_of, analyzers=self.analyzers)
        crossed = {identity(f) for f in real}
        letters = [(letter, state) for letter, _url, state in collect_letters(data)]
        # a finding marked for review (it rests on what the crawl did not see) makes its warning one too
        doubts = {identity(f): f.get("review_reason") or "需人工确认" for f in real + shadow if f.get("review")}
        make = _Maker(data, m, as_of, doubts)
        out = []
        for f in shadow:
            level = "crossed" if identity(f) in crossed else "approaching"
            rule, details = f["rule_id"], f.get("details") or {}
            if rule == "home.stale":
                out.append(make.age("home.stale", "", f, level, m.home_days, m.home_line, "首页"))
            elif rule == "column.stale":
                category = details.get("category")
                label = next((c.get("label", c["name"]) for c in m.ruleset["freshness"]["categories"] if c["name"] == category), category)
                out.append(make.age("column.stale", details["column"], f, level, m.column_days[category],
                                    m.column_lines[category], f"栏目「{details['column']}」（{label}）"))
            elif rule == "interaction.unanswered":
                if _state_of(details, letters) == PENDING:
                    out.append(make.unanswered(f, level))
        out += self._waiting(make, letters)
        out += self._annual(data, as_of, make, real)
        out += self._counts(make, real, count_rules)
        pages = list(data.facts_pages())
        observed = Observation(
            home=data.home is not None,
            # a column is seen when its list page showed rows: one whose rows only a script draws
            # (not rendered by the light check) says nothing about the column's age
            columns=frozenset((p["facts"].get("column") or "").strip() for p in pages if p["facts"].get("kind") == "list"
                              and (p["facts"].get("entries") or p["facts"].get("undated_entries"))),
            letters=frozenset(letter["title"].strip() for letter, _ in letters),
            complete=data.home is not None and bool((data.state or {}).get("finished")),
        )
        return out, observed

    def _waiting(self, make: "_Maker", letters: list[tuple[dict, str | None]]) -> list[dict]:
        """Letters still waiting for their reply, near or past the reply time limit (答复时限)."""
        m, out = self.margins, []
        for letter, state in letters:
            title = letter["title"].strip()
            asked = parse_date(letter.get("asked"))
            if asked is None or state != PENDING:
                continue
            days = (make.as_of - asked).days
            if not 0 <= days < m.unanswered_days:
                continue  # beyond the window, or the unanswered line's own warning speaks
            waited = working_days(asked, make.as_of)
            if waited >= m.reply_working_days:
                out.append(make.waiting(title, letter, asked, waited))
        return out

    def _annual(self, data: SiteData, as_of: dt.date, make: "_Maker", real: list[dict]) -> list[dict]:
        """The annual report (年度报表) still missing from the homepage near or past its due date."""
        annual = [a for a in self.analyzers if a.id == "annual_report"]
        later = as_of + dt.timedelta(days=self.margins.annual_days + 1)  # due within warn_days: past due then
        missing = {f["details"]["year"]: f for f in run_site_analyzers(data, self.margins.ruleset, later, analyzers=annual)}
        now = {f["details"]["year"]: f for f in real if f["rule_id"] == "report.annual_missing"}
        return [make.annual(f, "crossed" if year in now else "approaching") for year, f in {**missing, **now}.items()]

    def _counts(self, make: "_Maker", real: list[dict], rules) -> list[dict]:
        out = []
        for rule_id in rules:
            if rule_id not in self.margins.counts:
                continue
            warn, line = self.margins.counts[rule_id]
            subjects = sorted({f.get("key") or "" for f in real if f["rule_id"] == rule_id and not f.get("review")})
            if len(subjects) >= warn:
                out.append(make.count(rule_id, subjects, warn, line))
        return out


class _Maker:
    """Builds warning dicts for one site (ids, rule names, the sentence, how close)."""

    def __init__(self, data: SiteData, margins: Margins, as_of: dt.date, doubts: dict | None = None):
        self.site, self.margins, self.as_of = data.site, margins, as_of
        self.home_url = (data.home or {}).get("url") or data.site.url
        self.doubts = doubts or {}

    def _rule(self, rule_id: str) -> tuple[str, bool]:
        rule = (self.margins.ruleset.get("rules") or {}).get(rule_id) or {}
        return rule.get("name", rule_id), rule.get("severity") == "veto"

    def _consequence(self, rule_id: str) -> str:
        name, veto = self._rule(rule_id)
        return "即单项否决" if veto else f"即为「{name}」"

    def build(self, rule_id, kind, subject, level, *, value, line, warn_at, unit, what, url, details,
              review_reason=None, source: dict | None = None) -> dict:
        """A warning; ``source`` is the finding it was made from (its doubt, if any, is kept)."""
        if review_reason is None and source is not None:
            review_reason = self.doubts.get(identity(source))
        return {
            "warning_id": warning_id(rule_id, kind, self.site.site_code, subject),
            "rule_id": rule_id, "site_code": self.site.site_code, "site_name": self.site.name,
            "region": self.site.region, "subject": subject, "kind": kind, "level": level,
            "level_name": LEVEL_NAMES[level], "what": what, "value": value, "line": line, "warn_at": warn_at,
            "unit": unit, "remaining": None if value is None else line - value, "url": url,
            "as_of": self.as_of.isoformat(), "ruleset": self.margins.name, "rule_name": self._rule(rule_id)[0],
            "details": details, "review": review_reason is not None, "review_reason": review_reason,
        }

    def _distance(self, level: str, value: int, line: int, unit: str, rule_id: str) -> str:
        if level == "crossed":
            return f"已超过 {line} {unit}的时限，{self._consequence(rule_id)}"
        left = "今日到期" if value >= line else f"还剩 {line - value} {unit}"
        return f"超过 {line} {unit}{self._consequence(rule_id)}，{left}"

    def age(self, rule_id, subject, finding, level, warn_at, line, label) -> dict:
        details = finding.get("details") or {}
        newest = parse_date(details.get("newest_date"))
        extra = {"category": details["category"]} if "category" in details else {}
        if newest is None:
            return self.build(rule_id, "time", subject, level, value=None, line=line, warn_at=warn_at, unit="天",
                              what=f"{label}的信息均无可识别的发布日期，按未更新计（{self._consequence(rule_id)}）",
                              url=finding.get("url", ""), details={"newest_date": None, **extra},
                              review_reason="未能读出任何发布日期：可能是未识别的页面样式，需人工确认", source=finding)
        age = (self.as_of - newest).days
        return self.build(rule_id, "time", subject, level, value=age, line=line, warn_at=warn_at, unit="天",
                          what=f"{label}最新信息 {newest}，已 {age} 天未更新（{self._distance(level, age, line, '天', rule_id)}）",
                          url=finding.get("url", ""), details={"newest_date": newest.isoformat(), **extra}, source=finding)

    def unanswered(self, finding, level) -> dict:
        d = finding["details"]
        m = self.margins
        return self.build("interaction.unanswered", "time", d["letter"], level, value=d["days"], line=m.unanswered_line,
                          warn_at=m.unanswered_days, unit="天", url=finding.get("url", ""),
                          what=f"留言「{d['letter']}」{d['asked']} 提交，已 {d['days']} 天未回复"
                               f"（{self._distance(level, d['days'], m.unanswered_line, '天', 'interaction.unanswered')}）",
                          details={"letter": d["letter"], "asked": d["asked"]}, source=finding)

    def waiting(self, title, letter, asked, waited) -> dict:
        m = self.margins
        level = "crossed" if waited > m.reply_line else "approaching"
        return self.build("interaction.overdue_reply", "time", title, level, value=waited, line=m.reply_line,
                          warn_at=m.reply_working_days, unit="个工作日", url=letter.get("url") or self.home_url,
                          what=f"留言「{title}」{asked} 提交，已 {waited} 个工作日尚未答复"
                               f"（{self._distance(level, waited, m.reply_line, '个工作日', 'interaction.overdue_reply')}）",
                          details={"letter": title, "asked": asked.isoformat(), "status": letter.get("status")})

    def annual(self, finding, level) -> dict:
        year = int(finding["details"]["year"])
        month, day = (int(x) for x in self.margins.ruleset["report"]["due_month_day"].split("-"))
        due = dt.date(year + 1, month, day)
        left = (due - self.as_of).days
        when = f"{due} 截止，已过 {-left} 天" if level == "crossed" else f"{due} 截止，还剩 {left} 天"
        return self.build("report.annual_missing", "time", str(year), level, value=-left, line=0,
                          warn_at=-self.margins.annual_days, unit="天", url=finding.get("url") or self.home_url,
                          what=f"首页未见 {year} 年度政府网站工作年度报表（{when}）",
                          details={"year": year, "due": due.isoformat()}, source=finding)

    def count(self, rule_id, subjects, warn, line) -> dict:
        name, _veto = self._rule(rule_id)
        n = len(subjects)
        level = "crossed" if n >= line else "approaching"
        tail = f"已达到 {line} 个，即单项否决" if level == "crossed" else f"达到 {line} 个即单项否决，还差 {line - n} 个"
        shown = "、".join(subjects[:8]) + ("等" if n > 8 else "")
        return self.build(rule_id, "count", "", level, value=n, line=line, warn_at=warn, unit="个", url=self.home_url,
                          what=f"「{name}」共 {n} 个（{tail}）：{shown}", details={"subjects": subjects})
