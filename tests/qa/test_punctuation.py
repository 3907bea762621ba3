"""The ``ending``, ``whitespace`` and ``source-damage`` checks."""

from __future__ import annotations

import pytest

from tests.qa.sentences import DAMAGED, EN, PRICE, WIND, WIND_EN, ZH_HANS, fired


@pytest.mark.parametrize(
    ("source", "good", "bad"),
    [
        (PRICE, "What does $290,000 buy?", "Think of $290,000."),
        (PRICE, "29万美元是什么概念？", "29万美元是什么概念。"),  # ？ and ? are the same end
        (WIND, WIND_EN, "But now the wind has changed"),
        (WIND, "But now the wind has changed!", "But has the wind changed?"),
        (
            "這位科技大佬的潛臺詞翻譯過來其實就一句話:“壞了,我們花大價錢造出來的超跑,快要跑不過中國人的五菱宏光了。”",
            "His subtext, translated, is one sentence: “Uh-oh, our supercar will soon lose to the Wuling Hongguang.”",
            "His subtext, translated, is one sentence: “Uh-oh, our supercar will soon lose to the Wuling Hongguang”",
        ),
    ],
)
def test_ending(source: str, good: str, bad: str) -> None:
    language = ZH_HANS if "概念" in good else EN
    assert fired("ending", source, good, language) == ""
    assert fired("ending", source, bad, language).startswith("the source ends ")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (" But now the wind has changed.", "leading space"),
        ("But now the wind has changed. ", "trailing space"),
        ("But now  the wind has changed.", "doubled space"),
        ("But now,the wind has changed.", "no space after “,”"),
        ("The wind changed.But now it is over.", "no space after “.”"),
    ],
)
def test_whitespace(bad: str, message: str) -> None:
    assert fired("whitespace", WIND, WIND_EN) == ""
    assert message in fired("whitespace", WIND, bad)


def test_whitespace_accepts_abbreviations_numbers_and_urls() -> None:
    good = "The U.S. share fell to 86.7% at 12:30, see https://example.com/a,b and e.g. the FT."
    assert fired("whitespace", WIND, good) == ""
    assert fired("whitespace", WIND, "可现在，风向变了。", ZH_HANS) == ""


def test_source_damage() -> None:
    translation = "Because the Chinese developed a new algorithm called “GRPO”."
    assert fired("source-damage", DAMAGED, translation) == (
        "source damaged: corrupted text (mojibake) '?yàn)橹袊碎_'; compare with the original article"
    )
    assert fired("source-damage", WIND, WIND_EN) == ""
