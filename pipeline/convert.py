"""Machine conversion for script variants: OpenCC, then Chinese typography.

The converter for Traditional -> Simplified is OpenCC's ``tw2s``: unlike plain ``t2s`` it
turns the verb suffix 著 (開著, 帶著, 摸不著) into 着 while keeping 著名 and 顯著.

``fullwidth`` punctuation: in a sentence with Han characters, the ASCII marks
``, : ; ? ! ( )`` become ``，：；？！（）`` unless they sit inside Latin text (``1,000``,
``12:30``, ``Notice: The``). Parentheses change in pairs. Corrupted spans are left as
they are, and sentences with no Han characters (English) keep their punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

import opencc

from . import damage
from .errors import ConfigError
from .gloss import HAN

_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAN_RE = re.compile(rf"[{HAN}]")
_MARKS_RE = re.compile("[" + re.escape("".join(_FULLWIDTH)) + "]")
_WIDE = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026]")


@cache
def _opencc(config: str) -> opencc.OpenCC:
    try:
        return opencc.OpenCC(config)
    except RuntimeError as exc:  # what the binding raises for a configuration it cannot find
        raise ConfigError(f"unknown OpenCC configuration {config!r}: {exc}") from None


def check_converter(config: str) -> None:
    """Raise ConfigError now if ``config`` is not an OpenCC configuration."""
    _opencc(config)


def opencc_convert(text: str, config: str) -> str:
    return str(_opencc(config).convert(text))


def opencc_convert_many(texts: list[str], config: str) -> list[str]:
    """Convert many short texts in one call to OpenCC (the binding's per-call cost dominates
    for sentences): joined with a separator OpenCC leaves alone, converted, split again."""
    if not texts:
        return []
    separator = "\n\u2063\n"  # INVISIBLE SEPARATOR between newlines: no OpenCC phrase spans it
    if any(separator in text for text in texts):
        return [opencc_convert(text, config) for text in texts]
    converted = opencc_convert(separator.join(texts), config).split(separator)
    if len(converted) != len(texts):  # cannot happen with OpenCC's dictionaries; stay safe
        return [opencc_convert(text, config) for text in texts]
    return converted


def fullwidth_punctuation(text: str, traditional_source: bool = False) -> str:
    """Chinese typography for a Simplified or Traditional sentence (see the module doc)."""
    if not _MARKS_RE.search(text) or not _HAN_RE.search(text):
        return text
    protected = damage.find(text, traditional_source)
    chars = list(text)
    convert = [False] * len(chars)
    for i, ch in enumerate(chars):
        if ch in _FULLWIDTH and not any(d.start <= i < d.end for d in protected):
            convert[i] = _wide_neighbour(text, i)
    _pair_parentheses(text, convert)
    return "".join(_FULLWIDTH[ch] if flag else ch for ch, flag in zip(chars, convert, strict=False))


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
    return bool(_WIDE.match(before) or _WIDE.match(after)) or (after == "" and bool(_HAN_RE.search(text)))


def _pair_parentheses(text: str, convert: list[bool]) -> None:
    """Make matching ``(`` and ``)`` change together."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            both = convert[i] or convert[j]
            convert[i] = convert[j] = both


def machine_filler(converter: str | None, punctuation: str, traditional_source: bool) -> MachineFill | None:
    """The function that fills a language's entries automatically, or None for human languages."""
    if converter is None:
        return None
    check_converter(converter)

    def fill(msgid: str) -> str:
        text = fullwidth_punctuation(msgid, traditional_source) if punctuation == "fullwidth" else msgid
        return opencc_convert(text, converter)

    return fill


def batched(
    fill: MachineFill, converter: str, punctuation: str, traditional_source: bool, texts: Iterable[str]
) -> MachineFill:
    """``fill`` (from ``machine_filler``) with ``texts`` converted ahead in one OpenCC call.

    Gives exactly what ``fill`` gives; a text not among ``texts`` is converted on its own.
    """
    unique = list(dict.fromkeys(texts))
    typeset = [fullwidth_punctuation(t, traditional_source) for t in unique] if punctuation == "fullwidth" else unique
    known = dict(zip(unique, opencc_convert_many(typeset, converter), strict=True))

    def lookup(msgid: str) -> str:
        found = known.get(msgid)
        if found is None:
            found = known[msgid] = fill(msgid)
        return found

    return lookup


MachineFill = Callable[[str], str]
