"""The ``numbers`` check and the number reading behind it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.qa.checks.numbers import numbers
from pipeline.qa.numbers import Quantity, source_numbers
from tests.qa.sentences import EN, HUGGING, HUGGING_EN, PRICE, R1, R1_EN, THOUSANDTH, fired
from tests.scaling import assert_linear


@pytest.mark.parametrize(
    ("source", "good"),
    [
        (R1, R1_EN),
        (R1, "Training cost only 294 thousand dollars, and DeepSeek-R1 slapped Silicon Valley."),
        (R1, "DeepSeek-R1 cost just US$0.294 million to train."),
        (PRICE, "What does $290,000 buy?"),
        (THOUSANDTH, "When you can get the same result at one thousandth of the cost, monopoly is a joke."),
        (THOUSANDTH, "When the same result costs a thousandth as much, monopoly is a joke."),
        (THOUSANDTH, "When the same result costs 1/1000 as much, monopoly is a joke."),
        (THOUSANDTH, "When the same result costs 0.1% as much, monopoly is a joke."),
        (HUGGING, HUGGING_EN),
        (
            "在2025年初之前,硅谷普遍認為,要訓練一個頂尖的大模型,沒個幾億、幾十億美金門都摸不著。",
            "Until early 2025, ...",
        ),
        (
            "但在中國開發者手里,這筆“小錢”卻造出了一個在數學推理上準確率突破86.7%、直接登上《Nature》封面的超級模型。",
            "Chinese developers built a model scoring 86.7 percent on maths that made the cover of *Nature*.",
        ),
        (R1, "但DeepSeek-R1的出世，直接扇了整个硅谷一记响亮的耳光：训练成本只有29.4万美元。"),
        # a space between the figure and its multiplier, as Taiwanese text often writes it
        ("首日運量達 12.3 萬人次，超出預估的 8 萬人次。", "It carried 123,000 people, more than the 80,000 expected."),
        ("首日運量達 12.3 萬人次。", "首日运量达 12.3 万人次。"),
    ],
)
def test_numbers_understand_chinese_forms(source: str, good: str) -> None:
    assert fired("numbers", source, good) == ""


@pytest.mark.parametrize(
    ("source", "bad", "missing"),
    [
        (R1, "But DeepSeek-R1 slapped Silicon Valley: it cost only $29.4 to train.", "29.4萬"),
        (PRICE, "What does $29 buy?", "29萬"),
        (THOUSANDTH, "When you can get the same result at a tenth of the cost, monopoly is a joke.", "千分之一"),
        (HUGGING, "In 2026 Hugging Face published a report.", "1"),
        (HUGGING, "In January Hugging Face published a report.", "2026"),
        ("在津巴布韋,它拿下了17%的市場。", "In Zimbabwe it took 71% of the market.", "17"),
        ("首日運量突破 12 萬人次", "Over 12 passengers on day one", "12 萬"),
    ],
)
def test_numbers_fire_on_a_lost_number(source: str, bad: str, missing: str) -> None:
    assert fired("numbers", source, bad) == f"not in the translation: {missing}"


def test_numbers_ignore_digits_in_names() -> None:
    assert source_numbers("2026年,當DeepSeek曝光了MODEL1這種新架構時") == (Quantity("2026", (2026.0,)),)


def test_an_entry_full_of_numbers_is_checked_in_linear_time() -> None:
    # Each source number is looked up among the translation's, not compared with every one of them.
    def prepare(n: int) -> Callable[[], object]:
        source = "、".join(str(1000 + i) for i in range(n)) + "。"
        translation = ", ".join(str(1000 + i) for i in reversed(range(n))) + "."
        return lambda: numbers(source, translation, EN)

    assert_linear(prepare, 500, "numbers on a long entry")
    many = "、".join(str(1000 + i) for i in range(300)) + "。"
    assert (numbers(many, "1000.", EN) or "").startswith("not in the translation: 1001")
    assert numbers("1,2,3。", "3, 1 and 2.", EN) is None
