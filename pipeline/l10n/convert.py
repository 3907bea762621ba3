"""Machine conversion for script variants: OpenCC, then Chinese typography.

The converter for Traditional -> Simplified is OpenCC's ``tw2s``: unlike plain ``t2s`` it
turns the verb suffix 著 (開著, 帶著, 摸不著) into 着 while keeping 著名 and 顯著.

``fullwidth`` punctuation: in a sentence with Han characters, the ASCII marks
``, : ; ? ! ( )`` become ``，：；？！（）`` unless they sit inside Latin text (``1,000``,
``12:30``, ``Notice: The``, ``(02)2181-2345``) or an HTML character reference (``&lt;``).
Parentheses change in pairs. Corrupted spans are left as they are, and English sentences
keep their punctuation: those with more English words than Han characters, quotations and
brackets aside (``She quoted a proverb, 「千里之行」, which…``, ``It is called 豆腐 (tofu).``).

Inline Markdown that is not prose (``pipeline.markdown.inline``: code spans, link and image
destinations and titles with their ``](``, autolinks, bare URLs, HTML tags, reference
labels) is kept byte for byte by both steps: typography skips it, and OpenCC converts only
the prose between such spans, so ``[亞利桑那州](https://example.com/az)`` stays a link and a
code span or URL with Traditional characters in it still works. Link text and image alt
text are prose and are converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from pipeline.l10n.opencc_calls import check_converter, opencc_convert, opencc_convert_many
from pipeline.markdown import inline
from pipeline.text import damage
from pipeline.text.han import HAN, HAN_CHAR

_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARKS_RE = re.compile("[" + re.escape("".join(_FULLWIDTH)) + "]")
_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|‘[^’]*’|《[^》]*》|〈[^〉]*〉|（[^）]*）|【[^】]*】")
_LATIN_WORD = re.compile("[A-Za-z]+")
_LATIN_INSIDE = re.compile("[A-Za-z0-9]+")
_ENTITY = re.compile(
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)  # an HTML character reference
_WIDE = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026]")


def fullwidth_punctuation(text: str, traditional_source: bool = False) -> str:
    """Chinese typography for a Simplified or Traditional sentence (see the module doc)."""
    return _typeset(text, traditional_source, inline.protected(text))


def _typeset(text: str, traditional_source: bool, spans: list[inline.Span]) -> str:
    """``fullwidth_punctuation`` with the markup spans of ``text`` already found."""
    if not _MARKS_RE.search(text) or not HAN_CHAR.search(text) or _english(text, spans):
        return text
    keep = [False] * len(text)  # markup and corrupted spans: never changed
    entities = [m.span() for m in _ENTITY.finditer(text)] if "&" in text else []  # "&lt;" keeps its ";"
    for start, end in [*spans, *entities, *((d.start, d.end) for d in damage.find(text, traditional_source))]:
        keep[start:end] = [True] * (end - start)
    convert = [False] * len(text)
    for m in _MARKS_RE.finditer(text):
        i = m.start()
        if not keep[i]:
            convert[i] = _wide_neighbour(text, i)
    _pair_parentheses(text, convert, keep)
    return "".join(_FULLWIDTH[ch] if flag else ch for ch, flag in zip(text, convert, strict=True))


def _english(text: str, spans: list[inline.Span]) -> bool:
    """True for an English sentence quoting Chinese: more English words than Han characters
    outside quotations, brackets and markup (URLs, code) (``OpenAI、Anthropic這些巨頭`` is Chinese)."""
    prose, at = [], 0
    for start, end in sorted(spans):
        prose.append(text[at:start])
        at = max(at, end)
    prose.append(text[at:])
    outside = _QUOTED.sub("", " ".join(prose))
    return len(_LATIN_WORD.findall(outside)) > len(HAN_CHAR.findall(outside))


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _wide_neighbour(text: str, i: int) -> bool:
    """True when a Chinese character or mark is next to position ``i`` on either side."""
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if text[i] in ",:" and before.isdigit() and after.isdigit():
        return False  # 1,000 and 12:30
    return bool(_WIDE.match(before) or _WIDE.match(after)) or (after == "" and bool(HAN_CHAR.search(text)))


def _pair_parentheses(text: str, convert: list[bool], keep: list[bool]) -> None:
    """Make matching ``(`` and ``)`` of the prose change together (those in ``keep`` spans are not prose)."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if keep[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            both = convert[i] or convert[j]
            if (
                _LATIN_INSIDE.fullmatch(text, j + 1, i)
                and text[i + 1 : i + 2].isascii()
                and text[i + 1 : i + 2].isalnum()
            ):
                both = False  # Latin text: a telephone number "(02)2181-2345", "f(x)y"
            convert[i] = convert[j] = both


def machine_filler(converter: str | None, punctuation: str, traditional_source: bool) -> MachineFill | None:
    """The function that fills a language's entries automatically, or None for human languages."""
    if converter is None:
        return None
    check_converter(converter)

    def fill(msgid: str) -> str:
        parts = _prepared(msgid, punctuation, traditional_source)
        if len(parts) == 1:
            return opencc_convert(parts[0], converter)
        return _reassembled(parts, iter(opencc_convert_many(_prose(parts), converter)))

    return fill


def convert_prose(text: str, converter: str) -> str:
    """``text`` converted by OpenCC except its markup spans (what a machine fill converts)."""
    parts = inline.pieces(text, inline.protected(text))
    if len(parts) == 1:
        return opencc_convert(text, converter)
    return _reassembled(parts, iter(opencc_convert_many(_prose(parts), converter)))


def _prepared(msgid: str, punctuation: str, traditional_source: bool) -> list[str]:
    """``msgid`` typeset (with ``fullwidth``) and cut at its markup spans: prose at even indexes."""
    spans = inline.protected(msgid)
    text = _typeset(msgid, traditional_source, spans) if punctuation == "fullwidth" else msgid
    return inline.pieces(text, spans) if spans else [text]


def _prose(parts: list[str]) -> list[str]:
    """The pieces OpenCC converts: the non-empty prose ones."""
    return [part for part in parts[::2] if part]


def _reassembled(parts: list[str], converted: Iterator[str]) -> str:
    """``parts`` with each non-empty prose piece replaced by the next of ``converted``."""
    return "".join(next(converted) if index % 2 == 0 and part else part for index, part in enumerate(parts))


def batched(
    fill: MachineFill, converter: str, punctuation: str, traditional_source: bool, texts: Iterable[str]
) -> MachineFill:
    """``fill`` (from ``machine_filler``) with ``texts`` converted ahead in one OpenCC call.

    Gives exactly what ``fill`` gives; a text not among ``texts`` is converted on its own.
    Only the prose pieces of a text with markup go into the call.
    """
    unique = list(dict.fromkeys(texts))
    fullwidth = punctuation == "fullwidth"
    batch: list[str] = []
    marked: dict[int, list[str]] = {}  # index in unique -> its pieces, for the texts with markup spans
    for index, text in enumerate(unique):
        spans = inline.protected(text)
        typeset = _typeset(text, traditional_source, spans) if fullwidth else text
        if spans:
            marked[index] = parts = inline.pieces(typeset, spans)
            batch += _prose(parts)
        else:
            batch.append(typeset)
    converted = iter(opencc_convert_many(batch, converter))
    known = {
        text: _reassembled(marked[index], converted) if index in marked else next(converted)
        for index, text in enumerate(unique)
    }

    def lookup(msgid: str) -> str:
        found = known.get(msgid)
        if found is None:
            found = known[msgid] = fill(msgid)
        return found

    return lookup


MachineFill = Callable[[str], str]
