"""Conversion and the checks read the same protected spans: one table, every kind of span.

For each text: what ``pipeline.markdown.inline`` scans (kind, span, target); that machine
conversion keeps each span byte for byte; that the ``markup`` check compares the same spans
(the prose it reads is the text with exactly those spans blanked) and fires when one is lost.
"""

from __future__ import annotations

import pytest

from pipeline import qa
from pipeline.l10n.convert import convert_prose, fullwidth_punctuation
from pipeline.markdown import inline
from pipeline.qa import reading
from pipeline.qa.checks.markup import markup

EN = qa.language("en")
C, A, L, IM, R, H, M, U = (
    inline.CODE,
    inline.AUTOLINK,
    inline.LINK,
    inline.IMAGE,
    inline.REFERENCE,
    inline.HTML,
    inline.COMMENT,
    inline.URL,
)

# (text, [(kind, the protected text, its target)]): the spans in text order.
CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("執行`臺灣 x`即可,好嗎?", [(C, "`臺灣 x`", "")]),
    ("用``a ` 臺灣``寫。", [(C, "``a ` 臺灣``", "")]),
    ("一個`沒有結尾的反引號。", []),
    ("轉義的\\`不是`程式碼。", []),
    ("見[說明](https://a.tw/臺灣)。", [(L, "](https://a.tw/臺灣)", "https://a.tw/臺灣")]),
    ('見[說明](https://a.tw/x "臺灣標題")。', [(L, '](https://a.tw/x "臺灣標題")', "https://a.tw/x")]),
    ("見[說明](<https://a.tw/a b>)。", [(L, "](<https://a.tw/a b>)", "https://a.tw/a b")]),
    (
        "見[維基](https://en.wikipedia.org/wiki/Foo_(bar))。",
        [(L, "](https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)")],
    ),
    ("見圖![圖(一)](img/a(1).png)!", [(IM, "](img/a(1).png)", "img/a(1).png")]),
    ("![辦公室](img/office.png '臺灣')", [(IM, "](img/office.png '臺灣')", "img/office.png")]),
    ("見[說明][參考]。", [(R, "][參考]", "參考")]),
    ("見[說明][]。", [(R, "[說明][]", "說明")]),  # the text is the label: kept whole
    ("見[`臺灣`][]。", [(R, "[`臺灣`][]", "`臺灣`")]),
    ("見<https://a.tw/x,y>和<a@b.tw>。", [(A, "<https://a.tw/x,y>", "https://a.tw/x,y"), (A, "<a@b.tw>", "a@b.tw")]),
    ("詳見 https://example.com/az 的報告。", [(U, "https://example.com/az", "https://example.com/az")]),
    (
        "見 https://en.wikipedia.org/wiki/Foo_(bar) 一文。",
        [(U, "https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")],
    ),
    ("(見 https://a.tw/x) 之後", [(U, "https://a.tw/x", "https://a.tw/x")]),
    ("See https://a.tw/x.", [(U, "https://a.tw/x", "https://a.tw/x")]),
    ("See https://a.tw/x?! And more", [(U, "https://a.tw/x", "https://a.tw/x")]),
    ("見 HTTPS://A.TW/X 一文。", [(U, "HTTPS://A.TW/X", "HTTPS://A.TW/X")]),
    ("見 www.example.com/a 一文。", [(U, "www.example.com/a", "www.example.com/a")]),
    ("見https://zh.wikipedia.org/wiki/臺灣 一文。", [(U, "https://zh.wikipedia.org/wiki/臺灣", "")]),
    ("見 https://example.net/raw,接著說明。", [(U, "https://example.net/raw", "")]),
    ("見 https://example.net/raw，接著說明。", [(U, "https://example.net/raw", "")]),
    ("見 https://example.net/a,b 一文。", [(U, "https://example.net/a,b", "")]),
    ('可現在,<b title="a,b">風向</b>變了。', [(H, '<b title="a,b">', "<b>"), (H, "</b>", "</b>")]),
    ('見<a href="https://a.tw/">臺灣</a>。', [(H, '<a href="https://a.tw/">', "<a>"), (H, "</a>", "</a>")]),
    ("可現在,<br>風向變了。", [(H, "<br>", "<br>")]),
    ("甲<!-- 臺灣,註解 -->乙。", [(M, "<!-- 臺灣,註解 -->", "")]),
    ("**臺灣**很好,*真的*。", []),
    ("5 * 3 與 snake_case 不是強調。", []),
]


def _scanned(text: str) -> list[tuple[str, str, str]]:
    return sorted(
        ((p.kind, text[p.start : p.end], p.target) for p in inline.scan(text)), key=lambda s: text.index(s[1])
    )


def _blanked(text: str) -> str:
    chars = list(text)
    for start, end in inline.protected(text):
        chars[start:end] = reading.MASK * (end - start)
    return "".join(chars)


@pytest.mark.parametrize(("text", "spans"), CASES)
def test_the_scanner_reads_every_kind_of_span(text: str, spans: list[tuple[str, str, str]]) -> None:
    found = _scanned(text)
    assert [(kind, span) for kind, span, _ in found] == [(kind, span) for kind, span, _ in spans]
    for (kind, _, target), (_, _, want) in zip(found, spans, strict=True):
        if kind in (L, IM, R, A) or want:
            assert target == want or kind == H  # an HTML span's target is read by html_tag


@pytest.mark.parametrize(("text", "spans"), CASES)
def test_conversion_keeps_the_spans(text: str, spans: list[tuple[str, str, str]]) -> None:
    converted = convert_prose(text, "tw2s")
    typeset = fullwidth_punctuation(text, traditional_source=True)
    for _, span, _ in spans:
        assert span in converted, (span, converted)
        assert span in typeset, (span, typeset)


@pytest.mark.parametrize(("text", "spans"), CASES)
def test_the_checks_compare_the_spans_conversion_keeps(text: str, spans: list[tuple[str, str, str]]) -> None:
    read = reading.markup(text)
    assert read.masked == _blanked(text)  # the checks' prose: the text without exactly those spans
    keys = {
        C: lambda span, target: read.kinds["code span"][span],
        L: lambda span, target: read.kinds["link"][target],
        A: lambda span, target: read.kinds["link"][target],
        IM: lambda span, target: read.kinds["image"][target],
        R: lambda span, target: sum(read.kinds["reference"].values()),
        H: lambda span, target: read.kinds["HTML tag"][inline.html_tag(span)[0]],
        M: lambda span, target: read.kinds["HTML tag"]["<!-- -->"],
        U: lambda span, target: read.urls[span],
    }
    for kind, span, target in _scanned(text):
        assert keys[kind](span, target) >= 1, (kind, span)
    assert markup(text, text, EN) is None
    assert markup(text, convert_prose(text, "tw2s"), EN) is None  # what the machine fill writes passes
    for kind, span, _ in spans:
        at = text.index(span)
        lost = text[:at] + text[at + len(span) :]
        assert markup(text, lost, EN), (kind, span)  # losing any protected span is reported


def test_html_links_are_compared_as_links() -> None:
    assert inline.html_tag('<a href="https://a.tw/" title="x">') == ("<a>", ("https://a.tw/",))
    assert reading.markup('見<a href="https://a.tw/">臺灣</a>。').kinds["link"]["https://a.tw/"] == 1
