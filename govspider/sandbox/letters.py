"""Letters of the interaction sections (领导信箱, 咨询投诉, 网民留言): normal, near-miss and defective ones.

Normal replies come 0-3 days after the letter. Defects: boilerplate replies, unanswered letters
(asked 100-300 days ago) and overdue replies (30-90 days). Near misses (truth lines with
``expect: "none"``, see truth.py): a letter asked 1-3 days ago with no reply yet (not unanswered);
a reply that opens with 您好 and then answers (not boilerplate); a letter asked on a Friday and
answered the Thursday after — 6 calendar days but 4 working days, inside the strictest limit of
the rulesets (5 working days) — not overdue. Titles repeat as they do in real boxes: the recent
letter and the first unanswered one share their title with an answered letter of the same box, so
a detector that keys letters by title hides the unanswered one (issue 12).
"""

from __future__ import annotations

import datetime as dt

from govspider.sandbox import content
from govspider.sandbox.model import Letter, SiteModel

BOXES_PORTAL = (("ldxx", "领导信箱"), ("zxts", "咨询投诉"), ("wmly", "网民留言"))
BOXES_OTHER = (("zxts", "咨询投诉"),)
#: months with no public holiday or 调休 working weekend (so a Friday-to-Thursday span is 4 working days)
QUIET_MONTHS = (3, 7, 8, 11)


def plan_letters(model: SiteModel, kind: str, profile: dict, rng, as_of: dt.date) -> None:
    boxes = BOXES_PORTAL if kind == "portal" else BOXES_OTHER
    pairs = rng.sample([(p, i) for p in content.PLACES for i in content.ISSUES], 60)
    unit = model.short + ("政府办" if kind == "portal" else "")
    number = 1000 + rng.randint(0, 500)
    plan = []
    for box, _name in boxes:
        plan += [(box, None)] * rng.randint(6, 10)
        plan += [(box, "recent"), (box, "greet_ok"), (box, "weekend")]
    defects = []
    if profile.get("boilerplate"):
        defects += ["bp:greet", "bp:forward", "bp:thanks"] + ["bp:pasted"] * 4
    defects += ["unanswered"] * profile.get("unanswered", 0) + ["overdue"] * profile.get("overdue", 0)
    for n, d in enumerate(defects):
        plan.append((boxes[n % len(boxes)][0], d))
    for box, name in boxes:
        model.boxes[box] = (name, [])
    placeholder = model.styles.get("placeholder", "")
    twinned, unanswered_twinned = set(), False
    for (box, kind_), (place, issue) in zip(plan, pairs):
        lrng = content.stable_rng(model.seed, model.code, "letter", number)
        title = lrng.choice(("关于{p}{i}的问题", "{p}{i}问题何时解决？", "反映{p}{i}", "咨询{i}相关事宜（{p}）")).format(p=place, i=issue)
        question = content.letter_question(lrng, place, issue)
        asked = as_of - dt.timedelta(days=lrng.randint(5, 200))
        replied = asked + dt.timedelta(days=lrng.randint(0, 3))
        reply = content.substantive_reply(lrng, place, issue, unit, model.phone, greet=lrng.random() < 0.3)
        defect = None
        if kind_ == "recent":
            asked, replied, reply = as_of - dt.timedelta(days=lrng.randint(1, 3)), None, None
        elif kind_ == "greet_ok":
            reply = content.substantive_reply(lrng, place, issue, unit, model.phone, greet=True)
        elif kind_ == "weekend":
            asked = weekend_friday(as_of, lrng.randint(0, 3))
            replied = asked + dt.timedelta(days=6)
        elif kind_ == "unanswered":
            asked, replied, reply, defect = as_of - dt.timedelta(days=lrng.randint(100, 300)), None, None, "unanswered"
        elif kind_ == "overdue":
            asked = as_of - dt.timedelta(days=lrng.randint(120, 250))
            replied, defect = asked + dt.timedelta(days=lrng.randint(30, 90)), "overdue"
        elif kind_ and kind_.startswith("bp:"):
            defect = "boilerplate"
            reply = {"bp:greet": lrng.choice(content.BOILERPLATE_GREETINGS),
                     "bp:forward": lrng.choice(content.BOILERPLATE_FORWARDED),
                     "bp:thanks": lrng.choice(content.BOILERPLATE_THANKS),
                     "bp:pasted": content.PASTED_REPLY}[kind_]
        if kind_ == "recent" or (kind_ == "unanswered" and not unanswered_twinned):
            twin = _answered_twin(model.boxes[box][1], twinned)
            if twin is not None:
                title = twin.title
                twinned.add(twin.title)
                unanswered_twinned |= kind_ == "unanswered"
        near_miss = kind_ if kind_ in ("recent", "greet_ok", "weekend") else None
        model.boxes[box][1].append(Letter(number, box, title, question, asked, replied, reply, unit, defect,
                                          placeholder="" if replied else placeholder, near_miss=near_miss))
        number += 1 + lrng.randint(0, 30)
    for _name, letters in model.boxes.values():
        letters.sort(key=lambda l: (l.asked, l.number), reverse=True)


def _answered_twin(letters, taken: set):
    """An ordinary answered letter of the box whose title a second letter may repeat."""
    for letter in letters:
        if letter.defect is None and letter.replied and letter.title not in taken and letter.near_miss is None:
            return letter
    return None


def weekend_friday(as_of: dt.date, back: int) -> dt.date:
    """A Friday 2-6 weeks before ``as_of`` (``back`` weeks further) whose next 6 days lie in a quiet month."""
    day = as_of - dt.timedelta(days=14 + 7 * back)
    day -= dt.timedelta(days=(day.weekday() - 4) % 7)
    for _ in range(60):
        if day.month in QUIET_MONTHS and (day + dt.timedelta(days=6)).month == day.month:
            return day
        day -= dt.timedelta(days=7)
    raise ValueError(f"no quiet Friday before {as_of}")
