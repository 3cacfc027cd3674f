"""Letters of the interaction sections (领导信箱, 咨询投诉, 网民留言): normal, near-miss and defective ones.

Normal replies come 0-3 days after the letter; near-misses are a letter asked 1-3 days ago with no
reply yet and a reply that starts with 您好 and then answers; defects are boilerplate replies,
unanswered letters (asked 100-300 days ago) and overdue replies (30-90 days).
"""

from __future__ import annotations

import datetime as dt

from govspider.sandbox import content
from govspider.sandbox.model import Letter, SiteModel

BOXES_PORTAL = (("ldxx", "领导信箱"), ("zxts", "咨询投诉"), ("wmly", "网民留言"))
BOXES_OTHER = (("zxts", "咨询投诉"),)


def plan_letters(model: SiteModel, kind: str, profile: dict, rng, as_of: dt.date) -> None:
    boxes = BOXES_PORTAL if kind == "portal" else BOXES_OTHER
    pairs = rng.sample([(p, i) for p in content.PLACES for i in content.ISSUES], 60)
    unit = model.short + ("政府办" if kind == "portal" else "")
    number = 1000 + rng.randint(0, 500)
    plan = []
    for box, _name in boxes:
        for _ in range(rng.randint(6, 10)):
            plan.append((box, None))
        plan.append((box, "recent"))       # near-miss: asked 1-3 days ago, no reply yet
        plan.append((box, "greet_ok"))     # near-miss: starts with 您好 and then answers
    defects = []
    if profile.get("boilerplate"):
        defects += ["bp:greet", "bp:forward", "bp:thanks"] + ["bp:pasted"] * 4
    defects += ["unanswered"] * profile.get("unanswered", 0) + ["overdue"] * profile.get("overdue", 0)
    for n, d in enumerate(defects):
        plan.append((boxes[n % len(boxes)][0], d))
    for box, name in boxes:
        model.boxes[box] = (name, [])
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
        model.boxes[box][1].append(Letter(number, box, title, question, asked, replied, reply, unit, defect))
        number += 1 + lrng.randint(0, 30)
    for _name, letters in model.boxes.values():
        letters.sort(key=lambda l: (l.asked, l.number), reverse=True)
