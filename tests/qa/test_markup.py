"""The ``markup`` check: links, images, code spans, HTML tags and emphasis of the source are kept."""

from __future__ import annotations

import pytest

from tests.qa.sentences import DAMAGED, SMITH, SMITH_EN, TW2S, WIND, ZH_HANS, fired

LINKED = SMITH.replace("《金融時報》", "[《金融時報》](https://www.ft.com/)")
LINKED_EN = SMITH_EN.replace("*Financial Times*", "[*Financial Times*](https://www.ft.com/)")
CODE = "2026年,當DeepSeek曝光了`MODEL1`這種完全打破常規的新架構時,史密斯的焦慮達到了頂峰。"
CODE_EN = (
    "In 2026, when DeepSeek revealed `MODEL1`, an architecture that broke every convention, Smith's anxiety peaked."
)


@pytest.mark.parametrize(
    ("source", "good", "bad", "message"),
    [
        (LINKED, LINKED_EN, LINKED_EN.replace("https://www.ft.com/", "https://ft.com"), "link https://www.ft.com/"),
        (LINKED, LINKED_EN, SMITH_EN, "link https://www.ft.com/ missing"),
        (CODE, CODE_EN, CODE_EN.replace("`MODEL1`", "MODEL1"), "code span `MODEL1` missing"),
        (CODE, CODE_EN, CODE_EN.replace("`MODEL1`", "`Model1`"), "code span `Model1` not in the source"),
        (
            "他發現,美國AI的護城河**“算力霸權”**,正在被這種“效率革命”一磚一瓦地拆掉。",
            "He realised that American AI's moat, **“compute hegemony”**, is being dismantled brick by brick.",
            "He realised that American AI's moat, “compute hegemony”, is being dismantled brick by brick.",
            "emphasis markers differ: ** ×2 in the source, none here",
        ),
        (
            "可現在,<br>風向變了。",
            "But now,<br>the wind has changed.",
            "But now, the wind has changed.",
            "HTML tag <br> missing",
        ),
        (
            "非洲白領用它寫郵件。![辦公室](img/office.png)",
            "African office workers write emails with it. ![An office](img/office.png)",
            "African office workers write emails with it. ![An office](img/office.jpg)",
            "image img/office.png missing",
        ),
    ],
)
def test_markup(source: str, good: str, bad: str, message: str) -> None:
    assert fired("markup", source, good) == ""
    assert message in fired("markup", source, bad)


ARIZONA = "公司計畫在[亞利桑那州](https://example.com/az)擴建第三座工廠。"
ARIZONA_EN = "The company plans to build a third plant in [Arizona](https://example.com/az)."
ARIZONA_LOST = "link https://example.com/az missing: the translation has it as a bare URL, not as [text]("


@pytest.mark.parametrize(
    "broken",
    [
        "The company plans to build a third plant in Arizona (https://example.com/az).",  # the link written out
        "The company plans to build a third plant in [Arizona]（https://example.com/az）.",  # its ]( made fullwidth
        "The company plans to build a third plant in [Arizona] (https://example.com/az).",  # a space between
    ],
)
def test_markup_a_bare_url_does_not_stand_in_for_a_link(broken: str) -> None:
    assert fired("markup", ARIZONA, ARIZONA_EN) == ""
    assert fired("markup", ARIZONA, "In <https://example.com/az>, Arizona, a third plant.") == ""  # still a link
    assert fired("markup", ARIZONA, broken) == ARIZONA_LOST + "https://example.com/az)"
    assert fired("markup", ARIZONA, broken, ZH_HANS) == ARIZONA_LOST + "https://example.com/az)"


def test_markup_a_bare_url_of_the_source_may_stay_bare_or_become_a_link() -> None:
    source = "詳見 https://example.com/az 的報告。"
    assert fired("markup", source, "See the report at https://example.com/az.") == ""
    assert fired("markup", source, "See [the report](https://example.com/az).") == ""
    assert fired("markup", source, "See the report.") == "link https://example.com/az missing"
    assert (
        fired("markup", source, "See https://example.com/az and https://example.com/b.")
        == "link https://example.com/b not in the source"
    )
    assert fired("markup", source, "See [it](https://example.com/b).") == (
        "link https://example.com/az missing; link https://example.com/b not in the source"
    )


def test_markup_accepts_the_machine_fill_of_inline_markup() -> None:
    assert TW2S is not None
    for source in (
        ARIZONA,
        '執行 `print("你好!")` 即可,好(嗎)?',
        "![圖(一)](img/a(1).png)",
        "見圖![圖(一)](img/a(1).png)!",
        "見[說明][參考]與<https://a.tw/x,y>和 https://a.tw/z(1) 以及<b title='a,b'>粗體</b>!",
    ):
        converted = TW2S(source)
        assert fired("markup", source, converted, ZH_HANS) == "", converted


def test_markup_lets_a_title_in_book_marks_become_italics() -> None:
    assert fired("markup", SMITH, SMITH_EN) == ""  # 《金融時報》 -> *Financial Times*
    assert "emphasis markers differ" in fired("markup", WIND, "But *now* the wind has changed.")


def test_markup_ignores_underscores_of_corrupted_text() -> None:
    translation = (
        "Because the Chinese developed a new algorithm called “GRPO” and a “decoupling of computation and memory”."
    )
    assert fired("markup", DAMAGED, translation) == ""  # the source's 碎_發 is mojibake, not emphasis


@pytest.mark.parametrize(
    ("source", "bad", "message"),
    [  # the check reads URLs as conversion protects them (pipeline.markdown.inline); before, it read "…/Foo_"
        (
            "見 https://en.wikipedia.org/wiki/Foo_(bar) 一文。",
            "See https://en.wikipedia.org/wiki/Foo_(baz).",
            "link https://en.wikipedia.org/wiki/Foo_(bar) missing",
        ),
        ("見 HTTPS://A.TW/X 一文。", "See the article.", "link HTTPS://A.TW/X missing"),  # before: no URL at all
        ("見https://a.tw/x 一文。", "See the article.", "link https://a.tw/x missing"),  # right after a Han character
    ],
)
def test_markup_reads_urls_as_conversion_keeps_them(source: str, bad: str, message: str) -> None:
    assert message in fired("markup", source, bad)
    assert fired("markup", source, source) == ""
