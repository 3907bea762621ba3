"""Check ``source-damage``: the source sentence has corrupted text (mojibake)."""

from __future__ import annotations

from pipeline.qa.engine import WARNING, Language, register
from pipeline.text import damage


@register("source-damage", WARNING)
def source_damage(source: str, translation: str, language: Language) -> str | None:
    """The source sentence has corrupted text (mojibake): check the translation against the original article."""
    spans = damage.find(source, language.traditional_source)
    if not spans:
        return None
    return damage.message(spans)
