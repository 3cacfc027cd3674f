"""Warning margins (预警线): the ruleset's ``warnings`` table, checked against the lines it shadows.

Every time line (a column silent 14 days, a letter unanswered 90 days, a reply within 5 working
days, the annual report by 31 January) and count line (5 stale or blank columns) lives where the
analyzers read it; ``warnings`` says how close to it a site may come before govspider warns. A
margin that is not inside its line is a mistake in the table, refused with the key that is wrong.

:func:`shadow_table` is the ruleset with each time line moved to its margin: the analyzers run on
it unchanged, so a warning is computed by exactly the code that decides the finding.
"""

from __future__ import annotations

import copy
import dataclasses

from analyzers.rulesets import RulesetError, load_ruleset

#: rules whose count line (``veto_if_count``) may carry a ``warn_count``
COUNT_RULES = ("column.stale", "column.blank", "guide.blank_field")


class MarginError(RulesetError):
    """A ``warnings`` table that cannot be used (a margin outside its line, a missing value)."""


@dataclasses.dataclass(frozen=True)
class Margins:
    """The checked ``warnings`` table of one ruleset, with the lines it shadows."""

    ruleset: dict
    home_days: int
    home_line: int
    column_days: dict          # category name -> warn days
    column_lines: dict         # category name -> max_age_days
    counts: dict               # rule id -> (warn_count, veto_if_count)
    unanswered_days: int
    unanswered_line: int
    window_days: int
    reply_working_days: int
    reply_line: int
    annual_days: int

    @property
    def name(self) -> str:
        return str(self.ruleset.get("name"))


def load_margins(ruleset: str | dict) -> Margins:
    """The ``warnings`` table of ``ruleset`` (a name, a YAML path or a loaded table), checked."""
    table = load_ruleset(ruleset)
    name = table.get("name")
    warn = table.get("warnings")
    if not isinstance(warn, dict):
        raise MarginError(f"ruleset {name!r} has no `warnings` table (see analyzers/rulesets/common.yaml)")
    fresh, inter, rules = table["freshness"], table["interaction"], table.get("rules") or {}

    def value(path: str) -> int:
        node = warn
        for part in path.split("/"):
            if not isinstance(node, dict) or part not in node:
                raise MarginError(f"ruleset {name!r}: warnings/{path} is missing")
            node = node[part]
        try:
            return int(node)
        except (TypeError, ValueError):
            raise MarginError(f"ruleset {name!r}: warnings/{path} must be a whole number (got {node!r})") from None

    def inside(path: str, margin: int, line: int, what: str) -> int:
        if not 0 < margin < line:
            raise MarginError(f"ruleset {name!r}: warnings/{path} = {margin} must be above 0 and below {what} ({line})")
        return margin

    home_line = int(fresh["home_max_age_days"])
    home = inside("home.stale/warn_days", value("home.stale/warn_days"), home_line, "freshness.home_max_age_days")
    column_lines = {c["name"]: int(c["max_age_days"]) for c in fresh["categories"]}
    column_days = {}
    for category, line in column_lines.items():
        path = f"column.stale/warn_days/{category}"
        column_days[category] = inside(path, value(path), line, f"the {category} columns' max_age_days")
    counts = {}
    for rule_id in COUNT_RULES:
        line = (rules.get(rule_id) or {}).get("veto_if_count")
        if line is None or "warn_count" not in (warn.get(rule_id) or {}):
            continue  # no count line in this ruleset (guide.blank_field under 2015)
        path = f"{rule_id}/warn_count"
        counts[rule_id] = (inside(path, value(path), int(line), f"rules.{rule_id}.veto_if_count"), int(line))
    unanswered_line = int(inter["unanswered_after_days"])
    reply_line = int(inter["reply_limit_working_days"])
    annual = value("report.annual_missing/warn_days")
    if not 0 < annual < 365:
        raise MarginError(f"ruleset {name!r}: warnings/report.annual_missing/warn_days = {annual} must be 1-364")
    return Margins(
        ruleset=table, home_days=home, home_line=home_line, column_days=column_days, column_lines=column_lines,
        counts=counts,
        unanswered_days=inside("interaction.unanswered/warn_days", value("interaction.unanswered/warn_days"),
                               unanswered_line, "interaction.unanswered_after_days"),
        unanswered_line=unanswered_line, window_days=int(inter["window_days"]),
        reply_working_days=inside("interaction.overdue_reply/warn_working_days",
                                  value("interaction.overdue_reply/warn_working_days"), reply_line,
                                  "interaction.reply_limit_working_days"),
        reply_line=reply_line, annual_days=annual,
    )


def shadow_table(margins: Margins) -> dict:
    """The ruleset with every time line moved to its margin (the analyzers' input for warnings).

    The analyzers flag an age *beyond* their line (silent more than 14 days); a margin of 10 warns
    from the 10th day on, so the shadow line is the margin minus one."""
    table = copy.deepcopy(margins.ruleset)
    table["name"] = f"{margins.name}-warnings"
    table["freshness"]["home_max_age_days"] = margins.home_days - 1
    for category in table["freshness"]["categories"]:
        category["max_age_days"] = margins.column_days[category["name"]] - 1
    table["interaction"]["unanswered_after_days"] = margins.unanswered_days - 1
    return table
