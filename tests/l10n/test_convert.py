"""OpenCC conversion and Chinese typography for the Simplified edition."""

from __future__ import annotations

from collections.abc import Callable
from math import isqrt
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.l10n.convert import batched, fullwidth_punctuation, machine_filler
from pipeline.l10n.opencc_calls import check_converter, opencc_convert
from pipeline.markdown import inline
from pipeline.text import segment, source
from tests.scaling import assert_linear


@pytest.mark.parametrize("word", ["開著", "勒著", "逼著", "摸不著", "盯著", "帶著", "預示著"])
def test_tw2s_turns_the_verb_suffix_into_zhe(word: str) -> None:
    assert opencc_convert(word, "tw2s").endswith("着")


def test_tw2s_keeps_zhu_in_words_that_need_it() -> None:
    assert opencc_convert("著名的著作", "tw2s") == "著名的著作"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("中國AI,從誕生", "中國AI，從誕生"),
        ("Hugging Face(全球最大的模型托管平臺)爆出", "Hugging Face（全球最大的模型托管平臺）爆出"),
        ("這說明什么?說明", "這說明什么？說明"),
        ("的:美國", "的：美國"),
        ("有1,000人在12:30開會!", "有1,000人在12:30開會！"),
        (
            "Notice: The content above (including the pictures) is posted.",
            "Notice: The content above (including the pictures) is posted.",
        ),
        ("豪車?yán)悾敲丛谶@之前,劇本", "豪車?yán)悾敲丛谶@之前，劇本"),  # the corrupted span is left alone
        # an English sentence quoting Chinese keeps its punctuation (more English words than Han
        # characters outside quotations, brackets and markup); a Chinese one naming English does not
        (
            "She quoted a proverb, 「千里之行，始於足下」, which means (roughly) this!",
            "She quoted a proverb, 「千里之行，始於足下」, which means (roughly) this!",
        ),
        ("It is called 豆腐 (tofu).", "It is called 豆腐 (tofu)."),
        ("OpenAI、谷歌、Anthropic這些巨頭,走的是典型的路線!", "OpenAI、谷歌、Anthropic這些巨頭，走的是典型的路線！"),
        ("見 https://example.com/a/b/c/d (說明)!", "見 https://example.com/a/b/c/d （說明）！"),
        ("請撥客服專線 (02)2181-2345 詢問。", "請撥客服專線 (02)2181-2345 詢問。"),  # a telephone number is Latin text
        ("降息 2 碼(0.5 個百分點)。", "降息 2 碼（0.5 個百分點）。"),
        (
            "&nbsp;&lt;標籤&gt; 與 &#169; &#x4E2D; 符號;好",
            "&nbsp;&lt;標籤&gt; 與 &#169; &#x4E2D; 符號；好",
        ),  # entities stay
    ],
)
def test_fullwidth_punctuation(source: str, expected: str) -> None:
    assert fullwidth_punctuation(source, traditional_source=True) == expected


def test_machine_filler_applies_typography_then_opencc() -> None:
    fill = machine_filler("tw2s", "fullwidth", traditional_source=True)
    assert fill is not None
    assert fill("而中國AI,從誕生那天起,脖子上就勒著一根繩子。") == "而中国AI，从诞生那天起，脖子上就勒着一根绳子。"
    keep = machine_filler("tw2s", "keep", traditional_source=True)
    assert keep is not None and keep("中國AI,從") == "中国AI,从"
    assert machine_filler(None, "keep", True) is None


def test_unknown_opencc_configuration() -> None:
    with pytest.raises(ConfigError, match="unknown OpenCC configuration"):
        check_converter("no-such-config")


def test_a_batched_filler_gives_exactly_what_the_filler_gives() -> None:
    article = source.read(Path(__file__).resolve().parents[2] / "source" / "article.md", "article")
    texts = [s.text for s in segment.segment(article).segments()] + ["開著(車)!", "", "English only, (really)?"]
    fill = machine_filler("tw2s", "fullwidth", traditional_source=True)
    assert fill is not None
    fast = batched(fill, "tw2s", "fullwidth", True, texts[:-5])  # the last five are converted on demand
    assert [fast(t) for t in texts] == [fill(t) for t in texts]


# ---------------------------------------------------------------- inline Markdown is not prose


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a link: its text is prose, its "](destination)" is not
        (
            "公司計畫在[亞利桑那州](https://example.com/az)擴建,工廠",
            "公司計畫在[亞利桑那州](https://example.com/az)擴建，工廠",
        ),
        ("見[說明,注釋](https://a.tw/x?a=1,2)!", "見[說明，注釋](https://a.tw/x?a=1,2)！"),
        ('見[說明](https://a.tw/x "標題,一(二)")!', '見[說明](https://a.tw/x "標題,一(二)")！'),
        ("見[說明](<https://a.tw/x y(1>)!", "見[說明](<https://a.tw/x y(1>)！"),
        ("見[說明 [注] 一](https://a.tw/(a(b)c))!", "見[說明 [注] 一](https://a.tw/(a(b)c))！"),
        # code spans of any backtick run length, escapes outside them
        ('執行 `print("你好!")` 即可!', '執行 `print("你好!")` 即可！'),
        ("執行 ``a ` (b)`` 即可!", "執行 ``a ` (b)`` 即可！"),
        ("執行 \\`a(中)` 即可", "執行 \\`a（中）` 即可"),
        ("執行 `a 即可!", "執行 `a 即可！"),  # no closing run: the backtick is literal
        # images: the alt text is prose, the source with nested parentheses is not
        ("![圖(一)](img/a(1).png)", "![圖（一）](img/a(1).png)"),
        ("見圖![圖(一)](img/a(1).png)!", "見圖![圖（一）](img/a(1).png)！"),  # the image's "!" stays
        ("好![不是圖片", "好！[不是圖片"),
        # autolinks, bare URLs, HTML tags, comments and reference labels
        ("見<https://a.tw/x,y>!", "見<https://a.tw/x,y>！"),
        ("見 https://a.tw/x,(y)?z=1 網站!", "見 https://a.tw/x,(y)?z=1 網站！"),
        ("(見 https://a.tw/x)中文", "（見 https://a.tw/x）中文"),
        ('見<span title="a,b(c)">標籤</span>!', '見<span title="a,b(c)">標籤</span>！'),
        ("見<!-- 注釋,(一) -->中文!", "見<!-- 注釋,(一) -->中文！"),
        ("見[說明,一][參考,二]!", "見[說明，一][參考,二]！"),
        # brackets that are no link stay prose
        ("見[說明](中文", "見[說明]（中文"),
        ("見\\[說明](中文)", "見\\[說明]（中文）"),
    ],
)
def test_typography_leaves_inline_markup_alone(source: str, expected: str) -> None:
    assert fullwidth_punctuation(source, traditional_source=True) == expected


FILL = machine_filler("tw2s", "fullwidth", traditional_source=True)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "- 公司計畫在[亞利桑那州](https://example.com/az)擴建第三座工廠。",
            "- 公司计划在[亚利桑那州](https://example.com/az)扩建第三座工厂。",
        ),
        ('執行 `print("你好!")` 即可。', '执行 `print("你好!")` 即可。'),
        ("![圖(一)](img/a(1).png)", "![图（一）](img/a(1).png)"),
        # code and URLs with Traditional characters are kept byte for byte; the prose around them is converted
        ("執行 `print('開著')` 後,程式開著。", "执行 `print('開著')` 后，程式开着。"),
        ("見[維基百科](https://zh.wikipedia.org/wiki/臺灣)與<https://例子.台灣/說明>。", None),
        ("見 https://例子.台灣/說明 網頁,標籤<b title='說明'>說明</b>。", None),
        ("見[說明][參考資料]。", "见[说明][參考資料]。"),
        # a URL ends where the article goes on after a comma; Han characters inside one stay
        ("見 https://example.net/raw,接著說明!", "见 https://example.net/raw，接着说明！"),
    ],
)
def test_machine_fill_keeps_code_and_urls(source: str, expected: str | None) -> None:
    assert FILL is not None
    converted = FILL(source)
    if expected is not None:
        assert converted == expected
    for kept in (
        "https://zh.wikipedia.org/wiki/臺灣",
        "<https://例子.台灣/說明>",
        "https://例子.台灣/說明",
        "<b title='說明'>",
    ):
        assert (kept in source) == (kept in converted)
    assert "维基百科" in converted or "維基百科" not in source
    assert "网页" in converted or "網頁" not in source


def test_a_batched_filler_gives_what_the_filler_gives_with_markup() -> None:
    texts = [
        "公司計畫在[亞利桑那州](https://example.com/az)擴建,工廠。",
        "`開著`",
        "[開著](https://例子.tw/開著)",
        "開著`開著`開著`開著`開著",
        "![圖(一)](img/a(1).png)",
        "沒有標記的句子,對吧?",
        "",
    ]
    assert FILL is not None
    fast = batched(FILL, "tw2s", "fullwidth", True, texts)
    assert [fast(t) for t in texts] == [FILL(t) for t in texts]
    assert FILL("開著`開著`開著`開著`開著") == "开着`開著`开着`開著`开着"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("純文字,沒有標記", []),
        ("a `b` c", ["`b`"]),
        ("a ``b`c`` d `e", ["``b`c``"]),
        ("[t](u) [v](w 'x') ![i](j(k))", ["](u)", "](w 'x')", "!", "](j(k))"]),
        ("[a [b](u) c](v)", ["](u)"]),  # no link inside a link: the outer one is text
        ("![a [b](u) c](v)", ["!", "](u)", "](v)"]),  # a link inside an image's alt text is fine
        ("[`]`](u)", ["`]`", "](u)"]),  # the code span's ] closes nothing
        ("<https://a.b/c> <x@y.org> <b class='c'> </b> <!-- c -->", None),
        ("見 https://a.b/c.", ["https://a.b/c"]),
        ("[t][lab] [t][]", ["][lab]", "[t][]"]),  # a collapsed reference's text is its label: kept whole
        ("\\[t](u) \\`c`", []),
    ],
)
def test_protected_spans(text: str, spans: list[str] | None) -> None:
    found = [text[start:end] for start, end in inline.protected(text)]
    if spans is None:  # every piece of markup, nothing else
        assert found == ["<https://a.b/c>", "<x@y.org>", "<b class='c'>", "</b>", "<!-- c -->"]
    else:
        assert found == spans
    assert "".join(inline.pieces(text, inline.protected(text))) == text


# Hostile inline markup, each as a function of its length in characters (about).
HOSTILE: list[Callable[[int], str]] = [
    lambda n: "[" * n,
    lambda n: "(" * n,
    lambda n: "`" * n,
    lambda n: "".join("`" * k + "x" for k in range(1, isqrt(2 * n))),  # every run length once: no code span closes
    lambda n: "[a](" * (n // 4),
    lambda n: "[](<" * (n // 4),
    lambda n: "[a](b '" * (n // 7),
    lambda n: '[a](b "' * (n // 7),
    lambda n: "<!--" * (n // 4),
    lambda n: "<a " * (n // 3),
    lambda n: "[" * (n // 3) + "](" * (n // 3),
    lambda n: "![[" * (n // 7) + "](u)" * (n // 7),
    lambda n: "[a][" * (n // 4),
    lambda n: "\\" * (n // 3) + "![" * (n // 3),
    lambda n: "https://" * (n // 14) + "中文,(" * (n // 14),
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_scanner_and_typography_are_linear_on_hostile_input(hostile: Callable[[int], str]) -> None:
    def prepare(n: int) -> Callable[[], object]:
        text = "中文," + hostile(n)
        return lambda: (inline.protected(text), fullwidth_punctuation(text, traditional_source=True))

    assert_linear(prepare, 6_000, hostile(20))
