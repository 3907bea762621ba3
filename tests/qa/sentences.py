"""Shared by the tests of the quality checks: real sentences of the article and ``fired``.

The sources are real sentences of the article (as they are in the catalogs: pinyin glosses
removed); where the article has no inline Markdown, a real sentence is given some.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import qa
from pipeline.l10n.convert import machine_filler
from pipeline.po.model import Entry

ROOT = Path(__file__).resolve().parents[2]

EN = qa.language("en")
ZH_HANS = qa.language("zh_Hans", "tw2s")
TW2S = machine_filler("tw2s", "fullwidth", traditional_source=True)

SMITH = "微軟總裁布拉德·史密斯在接受《金融時報》采訪時,那焦慮真是掩飾不住。"
SMITH_EN = "Microsoft president Brad Smith could not hide his anxiety when he spoke to the *Financial Times*."
R1 = "但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光:訓練成本只有29.4萬美元。"
R1_EN = (
    "But the arrival of DeepSeek-R1 slapped the whole of Silicon Valley in the face: it cost only $294,000 to train."
)
WIND = "可現在,風向變了。"
WIND_EN = "But now the wind has changed."
PRICE = "29萬美元是什么概念?"
THOUSANDTH = "當你可以用千分之一的成本達到同樣的效果時,所謂的“技術壟斷”就成了一個笑話。"
HUGGING = "2026年1月,Hugging Face(全球最大的模型托管平臺)爆出一份報告:中國開源模型的下載量,正式超過了美國。"
HUGGING_EN = (
    "In January 2026 Hugging Face (the world's largest model hosting platform) published a report: "
    "downloads of Chinese open-source models had officially overtaken American ones."
)
GIANTS = "OpenAI、谷歌、Anthropic這些巨頭,走的是典型的土豪路線。"
VILLAGES = "這種“農村包圍城市”的架勢,讓史密斯驚覺:美國AI正在失去未來的幾十億用戶。"
DAMAGED = "因?yàn)橹袊碎_發出了一套叫“GRPO”的新算法,還有那種“計算與記憶解耦”的神奇架構。"
NOTICE = (
    "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
    "NetEase Hao, which is a social media platform and only provides information storage services."
)


def fired(check_id: str, source: str, translation: str, language: qa.Language = EN, flags: tuple[str, ...] = ()) -> str:
    """The message of ``check_id`` on this pair ("" when silent), through the runner (flags honoured)."""
    found = dict((c.id, m) for c, m in qa.check_entry(Entry(source, translation, flags=flags), language))
    return found.get(check_id, "")
