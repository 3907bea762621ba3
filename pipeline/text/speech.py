"""Reported speech: the attribution after a quotation that stays with it (「快進來！」媽媽喊道。).

The rules, with examples: docs/sentences.md (Reported speech).
"""

from __future__ import annotations

import re

__all__ = ["SPEAKER", "SPEECH_OBJECTS", "SPEECH_SUFFIXES", "SPEECH_VERBS", "attribution"]

# Reported speech: a closing quotation followed by a short attribution (at most SPEAKER
# characters of speaker, then a speech verb, then the end of the sentence or a comma) keeps the
# attribution: 「快進來！」媽媽喊道。 is one sentence, 「快進來！」大家都笑了。 two. Traditional and Simplified.
SPEECH_VERBS: tuple[str, ...] = (
    "說", "说", "問", "问", "喊", "叫", "答", "嚷", "表示", "寫道", "写道", "回答", "補充", "补充",
    "強調", "强调", "指出", "透露", "坦言", "回應", "回应", "解釋", "解释", "追問", "追问", "宣布",
    "笑道", "嘆道", "叹道", "說道", "说道",
    "直言", "說明", "说明", "認為", "认为", "坦承", "承認", "承认", "提到", "談到", "谈到", "呼籲",
    "呼吁", "重申", "提醒", "警告", "證實", "证实", "表明", "聲稱", "声称", "感嘆", "感叹", "開口",
    "开口", "反問", "反问", "質疑", "质疑", "分析", "回憶", "回忆",
    "said", "says", "asked", "asks", "replied", "shouted", "cried", "wrote", "added", "told",
    "explained", "noted", "insisted", "admitted", "warned", "answered",
)  # fmt: skip
SPEECH_SUFFIXES = "道著着了"
# Who was spoken to, right after the verb: 「妳在看什麼？」我問她。 "Why?" she asked him.
SPEECH_OBJECTS: tuple[str, ...] = (
    "他們", "她們", "我們", "你們", "妳們", "他们", "她们", "我们", "你们", "大家",
    "他", "她", "我", "你", "妳", "它",
    "him", "her", "me", "us", "them",
)  # fmt: skip
SPEAKER = 16  # 國家衛生研究院研究員王小明 (13) 表示
# A negation in the last _NEGATED characters before the verb: the speaker said nothing
# (沒有人回應, 他並未表示, 笑而不答); further back it is part of the speaker (從未受訪的他表示).
_NEGATION = frozenset("沒没不未無无別别")
_NEGATED = 3
_ATTRIBUTION = re.compile(
    r"\s*([^。！？!?.，,；;：:「」『』“”‘’\"（）()《》…]{0," + str(SPEAKER) + "}?)"
    + "(?:" + "|".join(sorted(map(re.escape, SPEECH_VERBS), key=len, reverse=True)) + ")"
    + f"[{SPEECH_SUFFIXES}]?"
    + r"(?:\s*(?:" + "|".join(sorted(map(re.escape, SPEECH_OBJECTS), key=len, reverse=True)) + "))?"
    + r"\s*(?:[。！？!?.，,]|$)"
)  # fmt: skip


def attribution(text: str, k: int) -> int:
    """The end of the attribution that begins at ``k`` (after a quotation), or -1 if there is none."""
    found = _ATTRIBUTION.match(text, k)
    if found is None or not _NEGATION.isdisjoint(found.group(1)[-_NEGATED:]):
        return -1
    return found.end()
