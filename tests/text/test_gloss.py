"""Pinyin gloss removal: ``競(jìng)賽`` -> ``競賽``, every other parenthesis stays."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.text.gloss import is_reading, strip_glosses

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tone marks, straight from the article
        ("競(jìng)賽", "競賽"),
        ("如果把全球AI競(jìng)賽比作一場(chǎng)豪車", "如果把全球AI競賽比作一場豪車"),
        ("平臺(tái))爆出一份報告", "平臺)爆出一份報告"),
        ("數(shù)據(jù)投喂", "數據投喂"),
        # the neutral tone has no tone mark
        ("么(me)", "么"),
        ("怎么(me)樣", "怎么樣"),
        # tone numbers, the neutral tone written as 5 too
        ("競(jing4)賽", "競賽"),
        ("么(me5)", "么"),
        ("的(de5)", "的"),
        # no tone at all
        ("競(jing)賽", "競賽"),
        ("場(chang)", "場"),
        # fullwidth parentheses
        ("競（jìng）賽", "競賽"),
        ("平臺（tái）)", "平臺)"),
        # ü written as ü, with its tone, or as v
        ("女(nǚ)", "女"),
        ("女(nü)", "女"),
        ("女(nv3)", "女"),
        ("綠(lv4)", "綠"),
        # any reading of a heteronym
        ("行(háng)", "行"),
        ("行(xíng)", "行"),
        ("長(zhǎng)期", "長期"),
        ("么(yāo)", "么"),
        # capitals and decomposed tone marks are the same reading
        ("競(JÌNG)", "競"),
        ("魏(Wei4)", "魏"),  # capitalised, but with a tone: a reading
        ("魏(wei)", "魏"),
        (unicodedata.normalize("NFD", "競(jìng)賽"), "競賽"),
        # several glosses in a row
        ("設(shè)計(jì)", "設計"),
    ],
)
def test_glosses_are_removed(text: str, expected: str) -> None:
    assert strip_glosses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "中國隊只能被限制了頂級零件(芯片),只能在後排吃灰。",
        "Hugging Face(全球最大的模型托管平臺)爆出一份報告",
        "Notice: The content above (including the pictures and videos if any) is uploaded",
        "以上內容(如有圖片或視頻亦包括在內)為自媒體平臺",
        # a reading, but not one of this character: content, not a gloss
        "件(shè)",
        "說(jìng)",
        # a reading after a non-Han character: the character was eaten (damage, not a gloss)
        "痹O(shè)計",
        "DeepSeek(shè)",
        # a capitalised romanisation without a tone is a name the article gives, not a gloss
        "台積電創辦人張(Chang)忠謀與董事長魏(Wei)哲家出席。",
        "董事長張(Zhang)表示",
        "魏(WEI)",
        # not a reading at all, or not closed
        "中文(abc)",
        "模型(GPT)",
        "競(jìng 賽",
        "競()賽",
        # longer than any syllable
        "中(zhuangzhuang)",
        "沒有括號的句子。",
        "",
    ],
)
def test_other_parentheses_stay(text: str) -> None:
    assert strip_glosses(text) == text


def test_a_gloss_after_a_gloss_is_not_a_gloss() -> None:
    # the second reading follows ")" rather than a Han character
    assert strip_glosses("競(jìng)(jìng)") == "競(jìng)"


def test_is_reading() -> None:
    assert is_reading("競", "jìng")
    assert is_reading("競", "jing4")
    assert is_reading("競", "jing")
    assert is_reading("競", "JING")
    assert is_reading("么", "me5")
    assert is_reading("女", "nv")
    assert is_reading("女", "nü")
    assert not is_reading("競", "jīng")  # a tone mark that is not this character's
    assert not is_reading("競", "jing1")
    assert not is_reading("件", "shè")
    assert not is_reading("競", "")


def test_the_real_article_loses_every_gloss_and_nothing_else() -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    lines = raw.split("\n")
    stripped = [strip_glosses(line) for line in lines]
    assert stripped[0].startswith("如果把全球AI競賽比作一場豪車?yán)悾")
    assert stripped[24] == (
        "2026年1月,Hugging Face(全球最大的模型托管平臺)爆出一份報告:中國開源模型的下載量,正式超過了美國。"
    )
    assert stripped[1] == "可現在,風向變了。"
    remaining = {m.group() for line in stripped for m in re.finditer(r".[(（][^)）]*[)）]", line)}
    assert remaining == {
        "]()",
        "件(芯片)",
        "O(shè)",
        "e(全球最大的模型托管平臺)",
        "容(如有圖片或視頻亦包括在內)",
        " (including the pictures and videos if any)",
    }
    # only glosses went: what is left of each line is the line without its "(reading)"s
    for before, after in zip(lines, stripped, strict=True):
        assert re.sub(r"(?<=[\u4e00-\u9fff])\([a-zà-ǜ]{1,8}\)", "", before) == after
