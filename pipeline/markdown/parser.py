"""The one place markdown-it-py is set up: one configuration, a preset per job.

Every Markdown reader of the pipeline parses with the same CommonMark rules and limits
(``MAX_NESTING``, ``INLINE_LIMIT``); the presets differ only where their jobs do:

- ``blocks``: the block structure only (tables on, inline rules off), for ``segment``:
  what each line is. Raw HTML is recognised, as CommonMark reads an HTML block.
- ``inline_spans``: the inline rules with raw HTML recognised, for the spans sentences must
  not cut (``markup``): an inline HTML element is markup there.
- ``rendering``: CommonMark plus tables with raw HTML off (shown as text) and the inline
  rules in bounded time, for the HTML edition and the review page.

Bounded time: markdown-it-py's inline rules are quadratic on some input (a long line of
``[x](`` or ``*a``: a megabyte took minutes). ``rendering`` parses a paragraph longer than
``INLINE_LIMIT`` line by line and shows a single longer line as plain text; ``markup``
does not parse such a block at all; ``blocks`` never runs the inline rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it-py is imported when a parser is first made: a command that parses no
    # Markdown (extract of plain prose, update) does not load it (start-up, docs/architecture.md)
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

INLINE_LIMIT = 20_000  # characters of inline Markdown parsed at once
# Nested blocks markdown-it reads (its CommonMark preset stops at 20: a list 10 levels deep
# lost its deeper items without a word); every parser of the project uses this one.
MAX_NESTING = 100


def blocks() -> MarkdownIt:
    """The block structure of a document: CommonMark plus tables, no inline parse."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")


def inline_spans() -> MarkdownIt:
    """CommonMark's inline rules with raw HTML recognised (``markup`` wraps some of them)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})


def rendering() -> MarkdownIt:
    """CommonMark plus tables, raw HTML off (so it is shown as text), HTML5 void tags, bounded inline time."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "maxNesting": MAX_NESTING}).enable("table")
    md.core.ruler.at("inline", _bounded_inline)
    return md


def _bounded_inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, in bounded time (see the module doc)."""
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        token.children = []
        if len(token.content) <= INLINE_LIMIT:
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            continue
        for number, line in enumerate(token.content.split("\n")):
            if number:
                token.children.append(Token("softbreak", "br", 0))
            if len(line) <= INLINE_LIMIT:
                state.md.inline.parse(line, state.md, state.env, token.children)
            else:
                token.children.append(Token("text", "", 0, content=line))
