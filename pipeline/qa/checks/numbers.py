"""Check ``numbers``: a number of the source is in the translation, however it is written."""

from __future__ import annotations

import math

from pipeline.qa.engine import WARNING, Language, register
from pipeline.qa.numbers import number_values, source_numbers
from pipeline.qa.reading import listing


@register("numbers", WARNING)
def numbers(source: str, translation: str, language: Language) -> str | None:
    """A number of the source is missing from the translation (29.4萬 = 294,000, 千分之一 = one thousandth)."""
    wanted = source_numbers(source, language.traditional_source)
    if not wanted:
        return None
    have = number_values(translation)
    missing = [q.text for q in wanted if not any(math.isclose(v, h, rel_tol=1e-9) for v in q.values for h in have)]
    return f"not in the translation: {listing(missing, 5)}" if missing else None
