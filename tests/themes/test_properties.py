"""Property tests: building with no translations gives back any source text exactly.

The number of examples is 300 by default; set the environment variable
HYPOTHESIS_EXAMPLES to run more on demand, e.g.

    HYPOTHESIS_EXAMPLES=10000 pytest tests/themes/test_properties.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.editions.assemble import render
from pipeline.text.gloss import strip_glosses
from pipeline.text.segment import Document, segment
from pipeline.text.sentences import split
from pipeline.text.source import parse
from tests.conftest import piece_lists

# HYPOTHESIS_EXAMPLES, if set, overrides the default of 300 examples per property.
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))

# Pieces that exercise the Markdown structure and the sentence rules.
FRAGMENTS = [
    "# ",
    "## ",
    "#",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    "|",
    "| ",
    " | ",
    "---",
    "===",
    "***",
    "`",
    "```",
    "~~~",
    "    ",
    "\t",
    " ",
    "\u3000",
    "![]()",
    "![圖](a.png)",
    "[ ] ",
    "<div>",
    "<!--",
    "[a]: http://x",
    "+++",
    "\\",
    "。",
    "！",
    "？",
    "｡",
    "?",
    "!",
    ".",
    "...",
    "…",
    "……",
    "“",
    "”",
    "「",
    "」",
    '"',
    "'",
    "(",
    ")",
    "（",
    "）",
    "《Nature》",
    "可現在,風向變了",
    "29.4萬",
    "86.7%",
    "DeepSeek-R1",
    "Mr. Smith",
    "e.g.",
    "J. ",
    "這說明什么?說明",
    "?yán)",
    "丛谶@之",
    "痹O(shè)",
    "这",
    "爲",
    "\ufffd",
    "\ufeff",
    "\x0c",
    "\x85",
    "\u2028",
    # inline markup, alone and around sentence ends
    "*",
    "**",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "](http://x.com/a?b.)",
    "][ref]",
    "[ref]: http://x",
    "<b>",
    "</b>",
    "<!-- 註。 -->",
    "<http://x.com/a。b>",
    "**第一句。第二句。** ",
    "*第一句。第二句。* ",
    "_第一。_ ",
    "[第一句。第二句。](http://x)",
    "![第一。第二。](a.png)",
    "`代碼。代碼。`",
    "<b>第一。第二。</b>",
    "**One. Two.** ",
]
# Up to 8 pieces, each a fragment or any text of up to 4 characters (tests/conftest.py: drawn in two choices).
LINES = piece_lists(FRAGMENTS, st.characters(), 8, 4).map("".join)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Lines with any mix of endings; the last line may or may not end with one."""
    lines = draw(st.lists(LINES, max_size=8))
    text = ""
    for index, line in enumerate(lines):
        text += line
        if index < len(lines) - 1 or draw(st.booleans()):
            text += draw(ENDINGS)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def build(text: str, granularity: str) -> Document:
    return segment(parse(text, Path("x.md"), "x"), granularity)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(documents())
def test_no_translations_give_the_text_back(text: str) -> None:
    assume(strip_glosses(text) == text)  # the only change normalisation makes
    assert render(build(text, "sentence"), {}, True) == text
    assert render(build(text, "paragraph"), {}, True) == text


@settings(max_examples=EXAMPLES, deadline=None)
@given(documents())
def test_identity_translations_give_the_text_back(text: str) -> None:
    assume(strip_glosses(text) == text)
    for granularity in ("sentence", "paragraph"):
        document = build(text, granularity)
        identity = {s.text: s.text for s in document.segments()}
        assert render(document, identity, True) == text
        assert render(document, identity, False) == text


@settings(max_examples=EXAMPLES, deadline=None)
@given(documents())
def test_segments_are_trimmed_and_not_empty(text: str) -> None:
    for granularity in ("sentence", "paragraph"):
        for segment_ in build(text, granularity).segments():
            assert segment_.text
            assert segment_.text == segment_.text.strip()


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text())
def test_any_unicode_text_comes_back(text: str) -> None:
    assume(strip_glosses(text) == text)
    assert render(build(text, "sentence"), {}, True) == text
    assert render(build(text, "paragraph"), {}, False) == text


# Sentences to wrap in markup: Chinese and English, with and without end marks.
SENTENCES = st.lists(
    st.sampled_from(
        ["第一句很長。", "第二句也很長。", "真的嗎？", "好!", "完了……", "「引用。」", "One.", "Two?", "三"]
    ),
    min_size=1,
    max_size=5,
)
# Markup that holds prose, as (opening, closing); a space after the closing one keeps it a
# right-flanking delimiter in CommonMark whatever the last sentence ends with.
WRAPPERS = st.sampled_from(
    [
        ("**", "** "),
        ("*", "* "),
        ("__", "__ "),
        ("_", "_ "),
        ("[", "](http://x.com) "),
        ("![", "](a.png) "),
        ("<b>", "</b>"),
        ("<em>", "</em> "),
    ]
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(SENTENCES, SENTENCES, SENTENCES, WRAPPERS, st.sampled_from(["", " ", "前文 "]))
def test_markup_around_sentences_stays_in_one_segment(
    before: list[str], inside: list[str], after: list[str], wrapper: tuple[str, str], lead: str
) -> None:
    opening, closing = wrapper
    wrapped = opening + "".join(inside) + closing.rstrip()
    text = lead + "".join(before) + " " + wrapped + closing[len(closing.rstrip()) :] + "".join(after)
    document = build(text, "sentence")
    segments = [s.text for s in document.segments()]
    assert any(wrapped in s for s in segments), segments  # both delimiters in one msgid
    identity = {s: s for s in segments}
    assert render(document, identity, False) == text
    assert render(document, {}, True) == text


@settings(max_examples=EXAMPLES, deadline=None)
@given(SENTENCES, SENTENCES)
def test_markup_only_ever_joins_sentences(before: list[str], inside: list[str]) -> None:
    # Every boundary with the markup is a boundary without it, or the end of the markup.
    text = "".join(before) + " **" + "".join(inside) + "** " + "".join(before)
    plain_ends = {end for _, end in split(text)}
    document = build(text, "sentence")
    (block,) = document.blocks()
    position = text.index(block.segments[0].text)
    for index, segment_ in enumerate(block.segments):
        end = position + len(segment_.text)
        assert end in plain_ends or text[:end].endswith("**")
        if index < len(block.gaps):
            position = end + len(block.gaps[index])
