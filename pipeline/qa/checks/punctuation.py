"""Checks ``ending`` and ``whitespace``: how a sentence ends, and spaces."""

from __future__ import annotations

import re

from pipeline.qa.engine import WARNING, Language, register
from pipeline.qa.reading import MASK, markup

_TRAILING = "”’」』）)》〉】〕］]\"'*_ \t\u3000"
_END_MARKS = "?？!！。.｡…:："
_END_KIND = {
    "question": "as a question",
    "stop": "with a sentence end",
    "colon": "with a colon",
    "none": "without end punctuation",
}


def ending_kind(text: str) -> str:
    """How a sentence ends: ``question`` (? ？), ``stop`` (。 . ！ ! …), ``colon`` (: ：) or ``none``."""
    stripped = text.rstrip(_TRAILING)
    tail = stripped[len(stripped.rstrip(_END_MARKS)) :]
    if any(ch in "?？" for ch in tail):
        return "question"
    if any(ch in "!！。.｡…" for ch in tail):
        return "stop"
    return "colon" if tail else "none"


@register("ending", WARNING)
def ending(source: str, translation: str, language: Language) -> str | None:
    """A question no longer ends as a question, or a sentence end is lost or added (？ = ?, 。 = .)."""
    want, got = ending_kind(source), ending_kind(translation)
    if want == got:
        return None
    return f"the source ends {_END_KIND[want]}, the translation {_END_KIND[got]}"


_DOUBLE_SPACE = re.compile(r"[ \u3000]{2}")
_MISSING_SPACE = re.compile(
    r"(?<=[a-z0-9%)\]”’])([.!?]+|[,;:])[\"”’)\]]*(?=[A-Z“])"  # "changed.But", "report:Chinese"
    r"|(?<=[A-Za-z%)\]”’])([,;])(?=[A-Za-z])"  # "cheap,fast"
)


@register("whitespace", WARNING)
def whitespace(source: str, translation: str, language: Language) -> str | None:
    """Leading, trailing or doubled spaces the source does not have; in English, a space missing after . , ; : ? !"""
    problems: list[str] = []
    if translation[:1].isspace() and not source[:1].isspace():
        problems.append("leading space")
    if translation[-1:].isspace() and not source[-1:].isspace():
        problems.append("trailing space")
    if _DOUBLE_SPACE.search(translation) and not _DOUBLE_SPACE.search(source):
        problems.append("doubled space")
    if not language.chinese:
        masked = markup(translation).masked
        m = _MISSING_SPACE.search(masked)
        if m:
            around = masked[max(0, m.start() - 10) : m.end() + 10].replace(MASK, "")
            problems.append(f"no space after “{m.group(1) or m.group(2)}” in “…{around}…”")
    return "; ".join(problems) or None
