"""The quality checks: each fires on a bad translation and stays silent on a good one.

The sources are real sentences of the article (as they are in the catalogs: pinyin glosses
removed); where the article has no inline Markdown, a real sentence is given some.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.l10n import qa
from pipeline.l10n.convert import machine_filler
from pipeline.l10n.glossary import Glossary, Term
from pipeline.operations import quality
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.workspace.project import Project

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


# ---------------------------------------------------------------- markup

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


# ---------------------------------------------------------------- names


def test_names_finds_latin_names_in_chinese_sentences() -> None:
    assert qa.latin_names(R1) == ("DeepSeek-R1",)
    assert qa.latin_names(HUGGING) == ("Hugging Face",)
    assert qa.latin_names(GIANTS) == ("OpenAI", "Anthropic")
    assert qa.latin_names(DAMAGED) == ("GRPO",)  # 碎_發 and ?yàn) are corrupted text, not names
    assert qa.latin_names(NOTICE) == ()  # an English sentence: its words are not names


@pytest.mark.parametrize(
    ("source", "good", "bad", "missing"),
    [
        (R1, R1_EN, R1_EN.replace("DeepSeek-R1", "DeepSeek's model"), "DeepSeek-R1"),
        (HUGGING, HUGGING_EN, HUGGING_EN.replace("Hugging Face", "HuggingFace"), "Hugging Face"),
        (
            GIANTS,
            "OpenAI, Google, Anthropic and the other giants took the classic big-spender route.",
            "OpenAI, Google and the other giants took the classic big-spender route.",
            "Anthropic",
        ),
        (
            "OpenAI CEO奧特曼在X上說,iPhone的app沒問題。",  # cut at the acronym and the common noun
            "OpenAI's chief executive Altman said on X that the iPhone application was fine.",
            "The chief executive of the company said on X that the iPhone application was fine.",
            "OpenAI",
        ),
    ],
)
def test_names(source: str, good: str, bad: str, missing: str) -> None:
    assert fired("names", source, good) == ""
    assert fired("names", source, bad).startswith(f"not in the translation: {missing}")


def test_acronyms_and_common_nouns_are_not_names() -> None:
    assert qa.latin_terms("OpenAI CEO奧特曼用iPhone的app和APP。") == (("OpenAI", "iPhone"), ("CEO", "APP"))
    assert qa.latin_terms(DAMAGED) == ((), ("GRPO",))
    assert qa.latin_terms(HUGGING) == (("Hugging Face",), ())
    # A translation may spell an acronym out, or leave it out: at most a warning, never the names error.
    source = "中國AI的崛起,靠的不是堆GPU。"
    spelled = "The rise of Chinese artificial intelligence did not come from piling up graphics processing units."
    assert fired("names", source, spelled) == "" and fired("acronyms", source, spelled) == ""
    kept = "The rise of Chinese AI did not come from piling up GPUs."
    assert fired("acronyms", source, kept) == ""
    left_out = "The rise of China's models did not come from piling up graphics cards."
    assert fired("names", source, left_out) == ""
    assert (
        fired("acronyms", source, left_out)
        == "not in the translation, nor spelled out: AI, GPU (an acronym; check the meaning is kept)"
    )
    [found] = [f for f in qa.check_entry(Entry(source, left_out), EN) if f[0].id == "acronyms"]
    assert found[0].severity == "warning"


@pytest.mark.parametrize(
    ("acronym", "translation", "spelled"),
    [
        ("AI", "Chinese artificial intelligence", True),
        ("GPUs", "graphics processing units", True),
        ("GRPO", "an algorithm called Group Relative Policy Optimization", True),
        ("USA", "the United States of America", True),
        ("CEO", "the chief executive of the company", False),
        ("APP", "an application", False),
        ("AI", "an idea", False),  # joining words are never initials
        ("AI", "Artificial-intelligence", True),
        ("NASA", "the National Aeronautics and Space Administration", True),
    ],
)
def test_spelled_out(acronym: str, translation: str, spelled: bool) -> None:
    assert qa.spelled_out(acronym, translation) is spelled


def test_names_exceptions_and_glossary() -> None:
    source = "2026年,當DeepSeek曝光了MODEL1這種完全打破常規的新架構時,史密斯的焦慮達到了頂峰。"
    translation = "In 2026, when DeepSeek revealed Model 1, a new architecture, Smith's anxiety peaked."
    assert "MODEL1" in fired("names", source, translation)
    assert fired("names", source, translation, qa.language("en", names=("MODEL1",))) == ""
    glossary = Glossary((Term("MODEL1", "en", "Model 1"),))
    assert fired("names", source, translation, qa.language("en", glossary=glossary)) == ""


# ---------------------------------------------------------------- numbers


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
    ],
)
def test_numbers_fire_on_a_lost_number(source: str, bad: str, missing: str) -> None:
    assert fired("numbers", source, bad) == f"not in the translation: {missing}"


def test_numbers_ignore_digits_in_names() -> None:
    assert qa.source_numbers("2026年,當DeepSeek曝光了MODEL1這種新架構時") == (qa.Quantity("2026", (2026.0,)),)


# ---------------------------------------------------------------- Chinese left behind


def test_untranslated_copy() -> None:
    assert fired("untranslated-copy", WIND, WIND) == "the translation is a copy of the Chinese source"
    assert fired("untranslated-copy", WIND, " 可現在, 風向變了。") != ""
    assert fired("untranslated-copy", WIND, WIND_EN) == ""
    assert fired("untranslated-copy", NOTICE, NOTICE) == ""  # an English source copied into English is right
    assert fired("untranslated-copy", WIND, "可现在，风向变了。", ZH_HANS) == ""


def test_cjk_left() -> None:
    assert fired("cjk-left", WIND, "But now the 風向 has changed.").startswith(
        "Chinese left in the translation: “風向”"
    )
    assert fired("cjk-left", WIND, "But now，the wind has changed。") != ""  # CJK punctuation
    assert fired("cjk-left", WIND, WIND_EN) == ""
    assert fired("cjk-left", WIND, WIND) == ""  # a plain copy: untranslated-copy reports it, once
    assert fired("cjk-left", WIND, "可现在，风向变了。", ZH_HANS) == ""


def test_cjk_left_allows_quoted_chinese_with_the_keep_chinese_flag() -> None:
    quoted = "This “農村包圍城市” (encircle the cities from the countryside) posture alarmed Smith."
    assert fired("cjk-left", VILLAGES, quoted) != ""
    assert fired("cjk-left", VILLAGES, quoted, flags=("keep-chinese",)) == ""
    assert fired("cjk-left", SMITH, "Brad Smith told the 《金融時報》.", flags=("keep-chinese",)) == ""
    sloppy = "This “農村包圍城市” posture alarmed Smith: American AI is losing its future 用戶."
    assert fired("cjk-left", VILLAGES, sloppy, flags=("keep-chinese",)).endswith(
        "“用戶” (flag keep-chinese if quoted on purpose)"
    )


def test_traditional_left() -> None:
    source = "而中國AI,從誕生那天起,脖子上就勒著一根叫“芯片禁令”的繩子。"
    assert TW2S is not None
    assert fired("traditional-left", source, TW2S(source), ZH_HANS) == ""
    bad = "而中国AI，从诞生那天起，脖子上就勒著一根叫“芯片禁令”的繩子。"
    assert fired("traditional-left", source, bad, ZH_HANS) == "Traditional characters left: 著→着, 繩→绳"
    assert fired("traditional-left", "著名的著作", "著名的著作", ZH_HANS) == ""  # 著 is right here
    assert fired("traditional-left", source, bad, EN) == ""  # only Simplified editions


def test_traditional_left_ignores_code_and_urls() -> None:
    """The machine fill keeps code spans, URLs and reference labels as they are: not Traditional leftovers."""
    source = "執行 `開著()` 後,見[維基](https://zh.wikipedia.org/wiki/臺灣)與[說明][參考資料]。"
    assert TW2S is not None
    converted = TW2S(source)
    assert "`開著()`" in converted and "wiki/臺灣)" in converted and "[参考资料]" not in converted
    assert fired("traditional-left", source, converted, ZH_HANS) == ""
    assert (
        fired("traditional-left", source, converted.replace("后", "後"), ZH_HANS)
        == "Traditional characters left: 後→后"
    )


# ---------------------------------------------------------------- punctuation and spaces


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


# ---------------------------------------------------------------- glossary

GLOSSARY = Glossary(
    (
        Term("微軟", "en", "Microsoft"),
        Term("布拉德·史密斯", "en", "Brad Smith"),
        Term("史密斯", "en", "Smith"),
        Term("《金融時報》", "en", "*Financial Times*"),
        Term("《金融時報》", "zh_Hans", "《金融时报》"),
        Term("開源", "en", "open source"),
    )
)


def test_glossary_check() -> None:
    language = qa.language("en", glossary=GLOSSARY)
    assert fired("glossary", SMITH, SMITH_EN, language) == ""
    bad = "Microsoft's president Brad Smith could not hide his anxiety when he spoke to the FT."
    assert fired("glossary", SMITH, bad, language) == "《金融時報》 should be “*Financial Times*”"
    assert fired("glossary", HUGGING, HUGGING_EN, language) == ""  # "open-source" uses "open source"
    assert (
        fired(
            "glossary",
            SMITH,
            "微软总裁布拉德·史密斯在接受《金融时报》采访时",
            qa.language("zh_Hans", glossary=GLOSSARY),
        )
        == ""
    )
    assert fired(
        "glossary", SMITH, "微软总裁布拉德·史密斯在接受《金融时報》采访时", qa.language("zh_Hans", glossary=GLOSSARY)
    )


# ---------------------------------------------------------------- ignore-<id> and the runner


def test_ignore_flag_silences_one_check_on_one_entry() -> None:
    bad = "But DeepSeek's model cost only $29.4 to train."
    assert fired("names", R1, bad) and fired("numbers", R1, bad)
    assert fired("names", R1, bad, flags=("ignore-names",)) == ""
    assert fired("numbers", R1, bad, flags=("ignore-names",)) != ""  # only the named check
    assert fired("numbers", R1, bad, flags=("ignore-numbers", "ignore-names")) == ""


PO = f"""\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#. paragraph 2, sentence 1
#: source/article.md:2
msgid "{WIND}"
msgstr "{WIND}"

#: source/article.md:13
#, fuzzy
msgid "{R1}"
msgstr "But DeepSeek's model cost only $29.4."

#: source/article.md:14
msgid "{PRICE}"
msgstr ""

#: source/article.md:21
#, ignore-untranslated-copy
msgid "但中國AI不嫌棄。"
msgstr "但中國AI不嫌棄。"

#: source/article.md:13
msgid "{R1.replace("29.4萬", "29萬")}"
msgstr "But DeepSeek's model cost only $290,000."

#~ msgid "舊的句子。"
#~ msgstr "舊的句子。"
"""


def test_check_catalog_checks_translated_entries_and_names_the_msgid_line() -> None:
    findings = qa.check_catalog(parse(PO, "locales/en/LC_MESSAGES/article.po"), "locales/en/x.po", EN)
    lines = PO.split("\n")
    assert [(f.check, f.line) for f in findings] == [("untranslated-copy", 8), ("names", 26)]
    for finding in findings:
        assert finding.line is not None and lines[finding.line - 1].startswith("msgid ")
    assert findings[0].format() == (
        'locales/en/x.po:8: error: [untranslated-copy] "可現在,風向變了。": '
        "the translation is a copy of the Chinese source"
    )
    assert findings[1].msgid_start == "但DeepSeek-R1的出世,…"  # the first 16 characters
    assert findings[1].language == "en"


def test_machine_filled_catalogs_are_checked_fuzzy_or_not() -> None:
    fuzzy = Entry(WIND, "可現在，風向變了。", flags=("fuzzy",), line=3)
    cat = Catalog(entries=(fuzzy,))
    assert qa.check_catalog(cat, "x.po", qa.language("zh_Hans")) == ()  # no converter: a person's fuzzy entry
    found = qa.check_catalog(cat, "x.po", ZH_HANS)
    assert [(f.check, f.line) for f in found] == [("traditional-left", 3)]


def test_machine_conversion_of_the_whole_article_passes_every_check() -> None:
    """What update writes for zh_Hans has no finding but the corrupted-source warnings."""
    assert TW2S is not None
    template = po_file.read(ROOT / "locales" / "article.pot")
    cat = Catalog(entries=tuple(Entry(e.msgid, TW2S(e.msgid), line=e.line) for e in template.entries))
    findings = qa.check_catalog(cat, "zh_Hans.po", ZH_HANS)
    assert {f.check for f in findings} == {"source-damage"}
    assert len(findings) == 4


def test_project_catalogs_have_no_errors() -> None:
    findings = quality(Project(ROOT))
    assert [f for f in findings if f.severity == "error"] == []
    assert {(f.language, f.check) for f in findings} <= {("zh_Hans", "source-damage")}


# ---------------------------------------------------------------- the registry


def test_every_check_is_registered_once_with_a_severity_and_a_summary() -> None:
    expected = {
        "markup": "error",
        "names": "error",
        "acronyms": "warning",
        "numbers": "warning",
        "untranslated-copy": "error",
        "cjk-left": "error",
        "traditional-left": "error",
        "ending": "warning",
        "whitespace": "warning",
        "source-damage": "warning",
        "glossary": "warning",
        "line-break": "error",
    }
    assert {c.id: c.severity for c in qa.CHECKS.values()} == expected
    assert all(c.summary for c in qa.CHECKS.values())
    with pytest.raises(ValueError, match="registered twice"):
        qa.register("markup", "error")(qa.markup)


def test_docs_document_every_check() -> None:
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")  # the table moved there from the README
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", docs, re.MULTILINE))
    assert rows == {c.id: c.severity for c in qa.CHECKS.values()}


def test_line_break() -> None:
    assert "line break" in fired("line-break", WIND, "But now\nthe wind has changed.")
    assert fired("line-break", WIND, WIND_EN) == ""
