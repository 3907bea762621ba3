"""Line kinds: the parse with prose collapsed gives what markdown-it gives on the whole text, parsing less."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.markdown import blocks
from pipeline.text import structure
from pipeline.text.structure import HEADING, PASS, TEXT, line_kinds

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))

# Prose and headings (what the collapsed parse skips), blank lines, and everything that makes a
# block of another kind, opens one that runs on over blank lines, or ends one.
FRAGMENTS = st.sampled_from(
    [
        "第一句。第二句。",
        "Text line.",
        "2026年",
        "29.4萬",
        "1. ",
        "2) ",
        "12",
        "!",
        "![]()",
        "![圖](a.png)",
        '![圖](a.png "題")',
        "# ",
        "## ",
        "#",
        "####### ",
        "",
        " ",
        "  ",
        "    ",
        "\t",
        "\u3000",
        "\x0c",
        "\x85",
        "- ",
        "* ",
        "+ ",
        "> ",
        ">",
        "|",
        "| a | b |",
        "|---|---|",
        "---",
        "===",
        "***",
        "```",
        "~~~",
        "<!--",
        "-->",
        "<div>",
        "</div>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<?",
        "?>",
        "<![CDATA[",
        "]]>",
        "<!X",
        "[a]: http://x",
        "[a]:",
        '"t"',
        "+++",
        "[ ] ",
        "\\",
        "a > b",
        "。",
        "“",
    ]
)
# A source line holds no line break (``source.parse`` splits at CR and LF).
CHARACTERS = st.text(st.characters(blacklist_characters="\r\n"), max_size=3)
LINES = st.lists(st.one_of(FRAGMENTS, FRAGMENTS, CHARACTERS), max_size=4).map("".join)
DOCUMENTS = st.lists(st.one_of(LINES, st.sampled_from(["", "段落。", "## 標題", "Prose."])), max_size=14)


# Whole lines: prose and headings among the blocks that hold, end or follow them.
BLOCK_LINES = [
    *("", "", "段落一。", "Prose", "2026年", "## 標題", "#", "![]()", "![圖](a.png)", "a > b"),
    *("```", "~~~", "<!--", "-->", "<pre>", "</pre>", "<div>", "</div>", "<?x", "?>"),
    *("- 項目", "1. 項目", "> 引用", ">", "  縮排", "    碼", "---", "===", "| a | b |", "|---|---|"),
    *("[a]: http://x", '"題"', "+++", "\t"),
]


def full(lines: tuple[str, ...]) -> structure.Structure:
    """What markdown-it says of the whole text, nothing collapsed."""
    body = list(lines)
    for i in range(blocks.front_matter_end(lines)):
        body[i] = ""
    found = structure._classified(lines, body, collapse=False)
    assert found is not None
    return found


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS)
def test_collapsed_prose_gives_the_kinds_of_the_full_parse(lines: list[str]) -> None:
    document = tuple(lines)
    assert line_kinds(document) == full(document)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.sampled_from(BLOCK_LINES), max_size=24))
def test_any_mix_of_prose_and_blocks_gives_the_same_kinds(lines: list[str]) -> None:
    document = tuple(lines)
    assert line_kinds(document) == full(document)


class Spy:
    """markdown-it's block parser, counting the lines it is given."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.lines: list[int] = []

    def parse(self, text: str, env: dict[str, Any]) -> Any:
        self.lines.append(text.count("\n") + 1)
        return self.parser.parse(text, env)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spy]:
    counting = Spy(structure._parser())
    monkeypatch.setattr(structure, "_MD", [counting])
    yield counting


ARTICLE = ("# 標題\n\n" + "第一段。第二句。\n\n![]()\n\n## 小標題\n\n2026年，第三句。\n\n" * 200).split("\n")


def test_a_plain_article_is_not_parsed(spy: Spy) -> None:
    found = line_kinds(tuple(ARTICLE))
    assert spy.lines == []
    assert found.kinds[:4] == [HEADING, PASS, TEXT, PASS]
    assert found.kinds.count(TEXT) == 400 and found.kinds.count(HEADING) == 201
    assert found == full(tuple(ARTICLE)) and spy.lines == [len(ARTICLE)]


def test_only_the_lines_around_other_blocks_are_parsed(spy: Spy) -> None:
    lines = tuple([*ARTICLE, "```", "code。", "```", "", "> 引用。", "", *ARTICLE])
    found = line_kinds(lines)
    assert sum(spy.lines) < 20  # the fence, the quote and a placeholder per stretch of prose
    assert found == full(lines)


def test_a_fence_holds_the_prose_after_it() -> None:
    lines = ("段落。", "", "```", "", "不是段落。", "", "## 也不是標題", "")
    found = line_kinds(lines)
    assert found.kinds == [TEXT] + [PASS] * 7 and found.code == [
        2,
        3,
        4,
        5,
        6,
    ]  # a blank last line is no line to markdown-it
    assert found == full(lines)


def test_an_html_block_runs_on_over_blank_lines() -> None:
    lines = ("<!--", "", "註解裡。", "", "-->", "", "段落。")
    found = line_kinds(lines)
    assert found.kinds == [PASS] * 6 + [TEXT]
    assert found == full(lines)
