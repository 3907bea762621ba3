"""What each source line is, for segmentation: markdown-it's block structure, read line by line.

``line_kinds`` gives every line a kind (paragraph text, heading, table row, image-only line,
passed through), the link definitions, the lines a CommonMark reader joins, code lines, setext
headings and the hard-wrapped paragraphs (``_hard_wrapped``, docs/editions.md).

Plain prose needs no Markdown parser: most lines of an article are paragraphs whose first
character starts no Markdown block and which hold no ``>`` (the only character a block that
spans blank lines, an HTML block, can end on). Between blank lines, runs of such lines are
paragraphs whatever comes before them (a container ends at an unindented line after a blank
one; only a fence or an HTML block goes on, and none ends on such a line), so the parser reads
the document with each stretch of them collapsed into one placeholder paragraph, and the
placeholder's paragraph is expanded again. Same result as parsing the whole text (a
placeholder anywhere else than alone in a top-level paragraph, a fence or an HTML block makes
the whole text parsed); a document of plain prose only is not parsed at all. Why and how
fast: docs/architecture.md ("What one command costs besides its work").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.markdown import blocks, images, parser

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def _parser() -> MarkdownIt:
    """The block parser, made when a document first needs one (plain prose needs none: start-up).

    Block structure only: markdown-it-py's inline rules are slow on hostile lines (a 10 MB line of
    ``[x](`` took minutes, ``_a`` gigabytes), so ``markup.find`` runs them on bounded blocks, and
    only on those with sentences to keep together.
    """
    if not _MD:
        _MD.append(parser.blocks())
    return _MD[0]


_MD: list[MarkdownIt] = []

# What each source line is, for segmentation. NESTED: first line of a paragraph inside a
# block quote or list item; CONTINUED: a later line of one; NESTED_TABLE: a table row there.
PASS, TEXT, NESTED, CONTINUED, HEADING = "pass", "text", "nested", "continued", "heading"
TABLE, NESTED_TABLE = "table", "nested table"
IMAGES = "images:"  # prefix: an image-only line with a description to translate; the rest is its kind


@dataclass(frozen=True)
class Structure:
    """What markdown-it's block parse says about the lines of a document."""

    kinds: list[str]  # per line
    references: Mapping[str, Any]  # the link definitions
    joined: dict[int, str]  # lines a CommonMark reader joins with the next: the paragraph's continuation markers
    code: list[int]  # lines of code blocks
    setext: set[int]  # text lines of setext headings
    wrapped: list[tuple[int, int, bool]]  # (first, end, nested) lines of each hard-wrapped paragraph


# A line of plain prose (see the module doc): it starts with a letter, ``!``, a digit run that
# is no list marker, or any character beyond ASCII but white space; and it holds no ``>``.
_PROSE = re.compile(r"(?:[A-Za-z!]|[0-9]+(?![0-9.)])|(?!\s)[^\x00-\x7f])[^>]*")
# An ATX heading with no ``>``: one line, whatever stands around it.
_HEADING = re.compile(r"#{1,6}(?:[ \t][^>]*)?")
_BLANK = re.compile(r"[ \t]*")  # markdown-it's blank line
_OTHER, _EMPTY, _LINE, _TITLE = range(4)  # what _collapsed sees in a line: other, blank, prose, heading
_PLACEHOLDER = "a"
# Tokens that may hold a placeholder line besides its own paragraph: blocks that run on over
# blank lines whatever their lines say (only at the top level: a container ends before one).
_RUNS_ON = frozenset(("fence", "code_block", "html_block"))


@dataclass(frozen=True)
class _Stretch:
    """Lines between blank lines (or the document's edges) that need no parser: its paragraphs and headings."""

    paragraphs: list[tuple[int, int]]  # (first, end)
    headings: list[int]
    first: int  # its first line that is not blank
    end: int  # past its last line that is not blank


def line_kinds(lines: tuple[str, ...]) -> Structure:
    """Classify every line with markdown-it's block structure, and find the hard-wrapped paragraphs."""
    body = list(lines)
    end = blocks.front_matter_end(lines)
    for i in range(end):
        body[i] = ""  # parsed as blank lines, so line numbers stay right
    found = _classified(lines, body, collapse=True)
    return found if found is not None else _classified(lines, body, collapse=False)  # type: ignore[return-value]


def _classified(lines: tuple[str, ...], body: list[str], collapse: bool) -> Structure | None:
    """``line_kinds`` of the lines, ``body`` being what is parsed; None if the collapsed parse cannot be trusted."""
    kinds = [PASS] * len(lines)
    joined: dict[int, str] = {}
    code: list[int] = []
    setexts: set[int] = set()
    paragraphs: list[tuple[int, int, bool]] = []  # first line, end, nested
    tight: set[int] = set()
    table_kind = TABLE
    env: dict[str, Any] = {}
    parsed, origin, stretches = _collapsed(body) if collapse else (body, list(range(len(body) + 1)), {})
    placeholders = sorted(stretches)
    tokens = _parser().parse("\n".join(parsed), env) if parsed else []
    for token in tokens:
        if token.map is None or token.type == "inline":  # a block's content: its block says what it is
            continue
        at, until = token.map
        if placeholders and _holds_placeholder(placeholders, at, until):
            if token.level != 0:
                return None  # inside a container: not what the module doc says can happen
            if token.type == "paragraph_open" and until == at + 1 and at in stretches:
                _expand(lines, stretches[at], kinds, paragraphs)
                continue
            if token.type not in _RUNS_ON:
                return None
        first, last = origin[at], origin[until]
        nested = token.level > 0  # inside a block quote or a list item: markers precede the text
        setext = token.type == "heading_open" and token.markup in ("=", "-")
        if token.type in ("code_block", "fence"):
            code.extend(range(first, last))
        if token.type == "heading_open" and not setext:
            kinds[first] = HEADING
        elif token.type == "paragraph_open" or setext:
            if setext:
                last -= 1  # text lines, then the underline (passed through)
                setexts.update(range(first, last))
            else:
                paragraphs.append((first, last, nested))
                if token.hidden:  # a tight list item's: its lines stay one item with line breaks
                    tight.add(first)
            for i in range(first, last):
                kind = (NESTED if i == first else CONTINUED) if nested else TEXT
                kinds[i] = _paragraph_kind(lines[i], kind)
        elif token.type == "table_open":
            table_kind = NESTED_TABLE if nested else TABLE
        elif token.type == "tr_open":
            kinds[first] = table_kind
    if not parsed:  # nothing to parse: the whole document is one stretch
        for stretch in stretches.values():
            _expand(lines, stretch, kinds, paragraphs)
    wrapped = _hard_wrapped(lines, paragraphs)
    inside = {i for first, last, _ in wrapped for i in range(first, last)}
    for first, last, nested in paragraphs:
        if first not in inside and first not in tight:
            # the paragraph's own markers, which a lazy continuation line ("> 甲\n乙") leaves out
            continued = blocks.continuation_of(lines[first]) if nested else ""
            for i in range(first, last - 1):
                if not hard_break(lines[i]):  # CommonMark breaks the line there: nothing to separate
                    joined[i] = continued
    references = env.get("references", {})
    if collapse:
        for reference in references.values():  # each definition's lines, in the document's numbers
            if reference.get("map") is not None:
                reference["map"] = [origin[line] for line in reference["map"]]
    for label, reference in references.items():
        # "[^1]: 這是註腳。" reads as a link definition in CommonMark, but it is a footnote's text
        # (GitHub, Pandoc): its line is a paragraph, the "[^1]: " marker kept out of the msgid
        if label.startswith("^") and reference.get("map") is not None:
            line = reference["map"][0]
            if kinds[line] == PASS and lines[line].startswith("[^") and line not in code:
                kinds[line] = TEXT
    return Structure(kinds, references, joined, code, setexts, wrapped)


def _paragraph_kind(line: str, kind: str) -> str:
    """What a line of a paragraph is: text (``kind``), an image-only line with a description, or passed through."""
    content = line[len(markers(line, kind)) :]
    if content.strip() and not images.only_images(content):
        return kind
    if content.strip() and any(images.described(m) for m in images.PARTS.finditer(content)):
        return IMAGES + kind
    return PASS


def _expand(
    lines: tuple[str, ...], stretch: _Stretch, kinds: list[str], paragraphs: list[tuple[int, int, bool]]
) -> None:
    """The kinds and paragraphs of a stretch that markdown-it read as one top-level paragraph."""
    for first, last in stretch.paragraphs:
        paragraphs.append((first, last, False))
        for i in range(first, last):
            kinds[i] = _paragraph_kind(lines[i], TEXT) if lines[i][0] == "!" else TEXT
    for i in stretch.headings:
        kinds[i] = HEADING


def _holds_placeholder(placeholders: list[int], at: int, until: int) -> bool:
    index = bisect.bisect_left(placeholders, at)
    return index < len(placeholders) and placeholders[index] < until


def _collapsed(body: list[str]) -> tuple[list[str], list[int], dict[int, _Stretch]]:
    """The lines to parse, each stretch of prose and headings collapsed into one placeholder (module doc).

    Returns the lines; for each of them (and one past the last) the line of ``body`` it stands
    for; and, by the index of each placeholder, the stretch it stands for. A stretch runs from
    a blank line (or the start) to a blank line (or the end), only prose, headings and blank
    lines in it. No lines at all: the document is one stretch (index 0), nothing to parse.
    """
    n = len(body)
    seen = [_OTHER] * n
    for i, line in enumerate(body):
        if _BLANK.fullmatch(line):
            seen[i] = _EMPTY
        elif _PROSE.fullmatch(line):
            seen[i] = _LINE
        elif _HEADING.fullmatch(line):
            seen[i] = _TITLE
    parsed: list[str] = []
    origin: list[int] = []
    stretches: dict[int, _Stretch] = {}
    i = 0
    while i < n:
        if seen[i] == _OTHER:
            parsed.append(body[i])
            origin.append(i)
            i += 1
            continue
        run_end = i
        while run_end < n and seen[run_end] != _OTHER:
            run_end += 1
        # the stretch: from the run's first blank line (the run's start at the document's start)
        # to its last blank line (its end at the document's end)
        start = i if i == 0 else next((k for k in range(i, run_end) if seen[k] == _EMPTY), run_end)
        stop = run_end
        if run_end < n:
            stop = next((k + 1 for k in range(run_end - 1, start - 1, -1) if seen[k] == _EMPTY), start)
        stretch = _stretch(seen, start, stop)
        if stretch is None:  # blank lines only: kept as they are
            start = stop = run_end
        for k in range(i, start):  # lines right after other lines: parsed as they are
            parsed.append(body[k])
            origin.append(k)
        if stretch is not None:
            if start > 0:  # the stretch's first blank line
                parsed.append("")
                origin.append(start)
            stretches[len(parsed)] = stretch
            parsed.append(_PLACEHOLDER)
            origin.append(stretch.first)
            if stop < n:  # its last blank line
                parsed.append("")
                origin.append(stretch.end)
        for k in range(stop, run_end):  # lines right before other lines: parsed as they are
            parsed.append(body[k])
            origin.append(k)
        i = run_end
    origin.append(n - 1 if n and seen[-1] == _EMPTY else n)  # markdown-it counts no blank last line
    if len(stretches) == 1 and len(parsed) == 1:  # one stretch, nothing else: nothing to parse
        return [], origin, {0: stretches[0]}
    return parsed, origin, stretches


def _stretch(seen: list[int], start: int, stop: int) -> _Stretch | None:
    """The paragraphs and headings of lines ``start`` to ``stop``; None if there are none."""
    paragraphs: list[tuple[int, int]] = []
    headings: list[int] = []
    first = -1
    for k in range(start, stop + 1):
        what = seen[k] if k < stop else _EMPTY
        if what == _LINE:
            if first < 0:
                first = k
            continue
        if first >= 0:
            paragraphs.append((first, k))
            first = -1
        if what == _TITLE:
            headings.append(k)
    if not paragraphs and not headings:
        return None
    first = min([*headings, paragraphs[0][0]] if paragraphs else headings)
    end = max([*(h + 1 for h in headings), paragraphs[-1][1]] if paragraphs else [h + 1 for h in headings])
    return _Stretch(paragraphs, headings, first, end)


# A line that ends a sentence: a terminal mark, then perhaps closing quotes, brackets and
# emphasis delimiters. A paragraph all of whose line breaks follow one reads the same either way.
_SENTENCE_END = re.compile(r"[。！？!?.…；;][」』”’\"'）)\]》〉*_~`]*[ \t]*$")


def _hard_wrapped(lines: tuple[str, ...], paragraphs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """The paragraphs to read as CommonMark does, one paragraph over several lines.

    Only in a document that separates paragraphs with blank lines (a blank line between two
    paragraphs somewhere), and only a paragraph with a line break inside a sentence (a line
    that does not end with a sentence end or a hard line break): one paragraph per line with
    no blank lines (the article) keeps line = paragraph, and so does a verse line. The lines
    between two hard line breaks are read as one. See docs/editions.md.
    """
    separated = any(
        end < start and all(_BLANK.fullmatch(lines[i]) for i in range(end, start))
        for (_, end, _), (start, _, _) in itertools.pairwise(paragraphs)
    )
    if not separated:
        return []
    wrapped = []
    for first, last, nested in paragraphs:  # a hard line break (verse) ends its line as a sentence end does
        start = first
        for i in range(first, last):
            if i == last - 1 or hard_break(lines[i]):
                if i > start and any(not _SENTENCE_END.search(lines[j]) for j in range(start, i)):
                    wrapped.append((start, i + 1, nested))
                start = i + 1
    return wrapped


def hard_break(line: str) -> bool:
    """True if ``line`` ends with a Markdown hard line break: two spaces, or a backslash not escaped."""
    if line.endswith("  "):
        return True
    stripped = line.rstrip("\\")
    return (len(line) - len(stripped)) % 2 == 1


def without_hard_break(text: str, trail: str) -> tuple[str, str]:
    """``text`` without the backslash of a hard line break at its end, which goes to ``trail``."""
    if not text.endswith("\\") or not hard_break(text):
        return text, trail
    kept = text[:-1].rstrip()
    return kept, text[len(kept) :] + trail


def markers(text: str, kind: str) -> str:
    """The Markdown container markers (``> ``, ``- ``, ``1. ``, indentation) that start a line."""
    if kind in (NESTED, HEADING, NESTED_TABLE):
        return blocks.container_markers(text)
    if kind == CONTINUED:
        return blocks.continuation_markers(text)
    return ""
