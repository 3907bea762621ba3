"""Checks ``untranslated-copy``, ``cjk-left`` and ``traditional-left``: Chinese left where it should not be."""

from __future__ import annotations

import re

from pipeline.l10n.convert import convert_prose
from pipeline.qa.engine import ERROR, KEEP_CHINESE, Language, excerpt, register
from pipeline.qa.reading import HAN_RE, listing
from pipeline.text.han import HAN

_CJK_RUN = re.compile(rf"[{HAN}\u3000-\u303f\uff01-\uff65]+")


@register("untranslated-copy", ERROR)
def untranslated_copy(source: str, translation: str, language: Language) -> str | None:
    """A translation into a non-Chinese language is the Chinese source, copied."""
    if language.chinese or not HAN_RE.search(source):
        return None
    if "".join(translation.split()) == "".join(source.split()):
        return "the translation is a copy of the Chinese source"
    return None


_QUOTE_MARKS = "“”「」『』《》〈〉"
_QUOTED = re.compile(r"[“「『《〈]([^“”「」『』《》〈〉]+)[”」』》〉]")


@register("cjk-left", ERROR)
def cjk_left(source: str, translation: str, language: Language) -> str | None:
    """A translation into a non-Chinese language still has Han characters or CJK punctuation.

    With the flag ``keep-chinese``, Chinese that the source itself quotes (“農村包圍城市”,
    《金融時報》) may stay; anything else still fires.
    """
    if language.chinese or "".join(translation.split()) == "".join(source.split()):
        return None  # a Chinese edition, or a copy (untranslated-copy reports that)
    runs = list(dict.fromkeys(m.group() for m in _CJK_RUN.finditer(translation)))
    if KEEP_CHINESE in language.flags:
        quoted = _QUOTED.findall(source)
        runs = [run for run in runs if not any(run.strip(_QUOTE_MARKS) in q for q in quoted)]
    if not runs:
        return None
    quoted = [f"“{run}”" for run in runs]
    return f"Chinese left in the translation: {listing(quoted)} (flag {KEEP_CHINESE} if quoted on purpose)"


@register("traditional-left", ERROR)
def traditional_left(source: str, translation: str, language: Language) -> str | None:
    """A Simplified Chinese translation has characters OpenCC would still convert (開著 → 开着)."""
    if language.simplified_by is None:
        return None
    converted = convert_prose(translation, language.simplified_by)  # code and URLs are kept as they are
    if converted == translation:
        return None
    if len(converted) == len(translation):
        changes = list(dict.fromkeys(f"{a}→{b}" for a, b in zip(translation, converted, strict=True) if a != b))
        return f"Traditional characters left: {listing(changes, 6)}"
    return f"OpenCC {language.simplified_by} would change it to “{excerpt(converted, 40)}”"
