"""What a letter's printed 办理状态 and a reply cell's placeholder mean.

Interaction sections print a letter's state in words: 已办结 / 已回复 / 已答复 (answered, even when
the reply text itself was not crawled), 待回复 / 办理中 / 处理中 / 已受理 / 已转办 (still open),
不予受理 (closed without a reply). A reply cell holding only such words — "（尚未回复）",
"暂无回复", "正在办理中，请耐心等待" — is a placeholder, not a reply.
"""

from __future__ import annotations

import re

REPLIED = "replied"
PENDING = "pending"
CLOSED = "closed"

_NOISE = re.compile(r"[\s\u3000（）()【】\[\]「」<>《》:：,，.。!！、…~～-]+")
_SUBJECT = r"(?:该|此|本|您的|你的)?(?:信件|来信|留言|咨询|投诉|问题|事项)?"
_PLACEHOLDER = re.compile(
    rf"{_SUBJECT}(?:"
    r"(?:尚未|暂未|暂无|还未|还没有|没有|未|待|等待)(?:回复|答复|办理|处理|反馈|办结|审核|受理)(?:内容|信息|意见)?"
    r"|(?:目前)?(?:正在|仍在)?(?:办理|处理|受理|审核|转办|交办|回复|答复)中"
    r"|正在(?:办理|处理|受理|审核|转办|回复|答复)"
    r"|已受理(?:正在(?:办理|处理)中?)?"
    r"|(?:暂无|无)(?:回复|答复)(?:内容|信息)?"
    r")(?:请耐心等待|请等待|敬请等待|请稍候)?"
)
#: printed statuses, compared without spaces and punctuation
_REPLIED_STATUS = re.compile(r"已?(?:办结|回复|答复|处理完毕|反馈|解决|完成)|已处理|已办理|已公开|已评价|办理完毕|处理完毕")
_PENDING_STATUS = re.compile(
    r"(?:待|未|尚未|暂未)(?:回复|答复|办理|处理|办结|受理|审核|反馈)|(?:正在)?(?:办理|处理|受理|审核|转办|交办)中|"
    r"正在(?:办理|处理|受理|审核|转办)|已受理|已转办|已交办|已转交|已签收|已分办|转办|交办"
)
_CLOSED_STATUS = re.compile(r"不予(?:受理|答复|回复|办理|公开)|已撤[回销]|无效(?:留言|信件)?|重复(?:留言|信件)|已关闭")


def _compact(text: str | None) -> str:
    return _NOISE.sub("", text or "")


def is_placeholder(text: str | None) -> bool:
    """A reply cell that only says the letter has no reply yet (（尚未回复）, 待回复, 正在办理中 …)."""
    compact = _compact(text)
    return bool(compact) and len(compact) <= 24 and _PLACEHOLDER.fullmatch(compact) is not None


def status_state(status: str | None) -> str | None:
    """``replied`` / ``pending`` / ``closed`` for a printed status, None when it is empty or not understood."""
    compact = _compact(status)
    if not compact or len(compact) > 24:
        return None
    if _CLOSED_STATUS.fullmatch(compact):
        return CLOSED
    if _PENDING_STATUS.fullmatch(compact) or is_placeholder(compact):
        return PENDING
    if _REPLIED_STATUS.fullmatch(compact):
        return REPLIED
    return None
