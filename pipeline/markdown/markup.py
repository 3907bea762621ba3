"""Find the inline Markdown spans of a block, so that sentence splitting never cuts one in two.

A sentence end inside ``**…**`` would give one msgid with the opening ``**`` and another with
the closing one: a translator cannot put the markers where the target language needs them
without failing the markup check, and the built edition shows literal ``**``. So the spans
that Markdown really parses are found here, with markdown-it-py's own inline rules (the
parser the HTML edition uses, raw HTML on so that inline HTML elements count too), and
``sentences.split`` keeps each one whole. Delimiters that Markdown does not pair (``5 * 3``,
``snake_case``, a lone ``[``) are plain text and block nothing.

Two kinds of span:

- **containers**, whose content is prose: emphasis and strong emphasis (each paired ``*``
  or ``_``), link text (``[…](…)``, ``[…][ref]`` with the document's link definitions),
  image alt text and inline HTML elements (``<b>…</b>``). No sentence ends inside one,
  except that a sentence end reaching the closing delimiter ends the sentence after it:
  ``**第一句。第二句。**`` is one sentence.
- **atomic** spans, whose content is not prose: code spans, autolinks, HTML tags and
  comments, and the ``](destination)`` or ``][ref]`` part of a link or image. A sentence
  mark in one never ends a sentence.

Bounded time: markdown-it-py's inline rules have been quadratic on some input (see the
``parser`` module), so a block longer than ``INLINE_LIMIT`` is not parsed and has no spans;
the HTML edition, which shares the limit, shows such a line as plain text anyway. Blocks of
one sentence are not parsed either (``segment`` asks only when there is something to keep
together). Everything done here besides markdown-it's parse is linear in the block: tags
are paired through one stack per tag name, emphasis by markdown-it's own linear pairing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.markdown import parser

if TYPE_CHECKING:  # markdown-it-py is loaded by the first block that holds markup (start-up: parser's doc)
    from markdown_it import MarkdownIt
    from markdown_it.parser_inline import RuleFuncInlineType
    from markdown_it.rules_inline import StateInline
    from markdown_it.rules_inline.state_inline import Delimiter
from pipeline.markdown.parser import INLINE_LIMIT

# Only a block with one of these can hold a span (``!`` of an image comes with ``[``).
_MARKUP_CHARACTERS = re.compile(r"[*_\[`<]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_EMPHASIS_MARKERS = (ord("*"), ord("_"))
_RECORDER = "article-l10n inline spans"  # the env key of the parse's _Recorder

# (start, content start, content end, end): ``*a*`` is (0, 1, 2, 3), ``[a](u)`` is (0, 1, 2, 6);
# ``**a**`` is two nested one-character pairs, (0, 1, 4, 5) and (1, 2, 3, 4), as CommonMark pairs them.
Container = tuple[int, int, int, int]
Atomic = tuple[int, int]


@dataclass(frozen=True)
class Spans:
    """The inline Markdown spans of a block, as offsets into it (see the module doc)."""

    containers: tuple[Container, ...] = ()
    atomic: tuple[Atomic, ...] = ()


NONE = Spans()


@dataclass
class _Recorder:
    """What the wrapped inline rules saw while parsing one block."""

    state: StateInline
    containers: list[Container] = field(default_factory=list)
    atomic: list[Atomic] = field(default_factory=list)
    delimiter_at: dict[int, int] = field(default_factory=dict)  # emphasis token index -> its offset
    open_tags: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # name -> (start, end) open


def find(text: str, references: Mapping[str, Any] | None = None) -> Spans:
    """The inline Markdown spans of ``text``, one block's content (no container markers).

    ``references``: the document's link definitions, as markdown-it's block parse leaves
    them in ``env["references"]``, so that ``[text][ref]`` counts as a link where ``ref``
    is defined (and is plain text where it is not, as in Markdown).
    """
    if len(text) > INLINE_LIMIT or not _MARKUP_CHARACTERS.search(text):
        return NONE
    from markdown_it.rules_inline import StateInline
    from markdown_it.rules_inline.balance_pairs import link_pairs

    md = _parser()
    env: dict[str, Any] = {"references": references if references is not None else {}}  # read, never copied
    state = StateInline(text, md, env, [])
    recorder = _Recorder(state)
    env[_RECORDER] = recorder
    md.inline.tokenize(state)
    link_pairs(state)  # pair the emphasis delimiters as markdown-it's renderer will
    lists = [state.delimiters, *(meta["delimiters"] for meta in state.tokens_meta if meta and "delimiters" in meta)]
    for delimiters in lists:
        _emphasis(delimiters, recorder)
    return Spans(tuple(recorder.containers), tuple(recorder.atomic))


def _emphasis(delimiters: list[Delimiter], recorder: _Recorder) -> None:
    """Each ``*``/``_`` delimiter paired by ``link_pairs`` opens a container its partner closes."""
    for opener in delimiters:
        if opener.end < 0 or opener.marker not in _EMPHASIS_MARKERS:
            continue
        start = recorder.delimiter_at.get(opener.token)
        end = recorder.delimiter_at.get(delimiters[opener.end].token)
        if start is not None and end is not None:  # always, unless a plugin made delimiters of its own
            recorder.containers.append((start, start + 1, end, end + 1))


# The character each recorded rule starts at: the others cost the wrapper nothing more.
_TRIGGERS = {"emphasis": "*_", "link": "[", "image": "!", "autolink": "<", "backticks": "`", "html_inline": "<"}


def _recording(name: str, rule: RuleFuncInlineType) -> RuleFuncInlineType:
    """``rule`` that also records, on the block's own parse, the span of what it matched."""
    triggers = _TRIGGERS[name]

    def recorded(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] not in triggers:
            return rule(state, silent)  # a look-ahead, or nothing this rule matches
        recorder = state.env.get(_RECORDER)
        if recorder is None or recorder.state is not state:
            return rule(state, silent)  # an image's alt text, parsed apart
        start = state.pos
        tokens = len(state.tokens)
        delimiters = state.delimiters
        known = len(delimiters)
        if not rule(state, silent):
            return False
        end = state.pos
        if name == "emphasis":
            for offset, delimiter in enumerate(delimiters[known:]):
                recorder.delimiter_at[delimiter.token] = start + offset  # one delimiter per character
        elif name in ("link", "image"):
            opener = start + (name == "image")
            label_end = state.md.helpers.parseLinkLabel(state, opener, name == "link")  # cached: cheap
            recorder.containers.append((start, opener + 1, label_end, end))
            recorder.atomic.append((label_end, end))
        elif name == "autolink" or (name == "backticks" and _pushed(state, tokens, "code_inline")):
            recorder.atomic.append((start, end))
        elif name == "html_inline":
            recorder.atomic.append((start, end))
            _html(state.src, start, end, recorder)
        return True

    return recorded


def _pushed(state: StateInline, before: int, kind: str) -> bool:
    """True if the rule just run pushed a ``kind`` token (an unmatched backtick run pushes none)."""
    return len(state.tokens) > before and state.tokens[-1].type == kind


def _html(src: str, start: int, end: int, recorder: _Recorder) -> None:
    """Pair an HTML closing tag with the latest open tag of its name: a container between them."""
    match = _TAG.match(src, start, end)
    if match is None:
        return  # a comment, a declaration, a processing instruction: atomic only
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        if not src[start:end].endswith("/>"):
            recorder.open_tags.setdefault(name, []).append((start, end))
        return
    opened = recorder.open_tags.get(name)
    if opened:
        open_start, open_end = opened.pop()
        recorder.containers.append((open_start, open_end, start, end))


def _parser() -> MarkdownIt:
    """CommonMark inline rules as the HTML edition parses them, raw HTML recognised; made when first needed."""
    if not _MD:
        md = parser.inline_spans()
        for name in _TRIGGERS:
            rule = next(r.fn for r in md.inline.ruler.__rules__ if r.name == name)
            md.inline.ruler.at(name, _recording(name, rule))
        _MD.append(md)
    return _MD[0]


_MD: list[MarkdownIt] = []
