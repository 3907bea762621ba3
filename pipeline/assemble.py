"""Put a document back together from its segments' translations.

Each segment is replaced by its translation, or by its (normalised) source text when
there is none. Consecutive sentences are joined as the target language writes them: no
space in Chinese, one space elsewhere. Where both sentences are still the source text, the
source's own white space is kept, so building with no translations gives back the source.
"""

from __future__ import annotations

from collections.abc import Mapping

from .segment import Block, Document


def render(document: Document, translations: Mapping[str, str], chinese: bool) -> str:
    """The document's text with each segment replaced by ``translations[segment text]``.

    A segment missing from ``translations`` stays as its source text (the fallback).
    """
    source = document.source
    out: list[str] = ["\ufeff"] if source.bom else []
    for parts, ending in zip(document.lines, source.endings, strict=False):
        for part in parts:
            out.append(part if isinstance(part, str) else _block(part, translations, chinese))
        out.append(ending)
    return "".join(out)


def _block(block: Block, translations: Mapping[str, str], chinese: bool) -> str:
    pieces: list[str] = []
    previous_kept = False
    for index, segment in enumerate(block.segments):
        text = translations.get(segment.text, segment.text)
        kept = text == segment.text
        if index:
            if previous_kept and kept:
                pieces.append(block.gaps[index - 1])
            elif not chinese:
                pieces.append(" ")
        pieces.append(text)
        previous_kept = kept
    return "".join(pieces)
