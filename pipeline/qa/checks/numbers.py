"""Check ``numbers``: a number of the source is in the translation, however it is written."""

from __future__ import annotations

import math
from bisect import bisect_left

from pipeline.qa.engine import WARNING, Language, register
from pipeline.qa.numbers import number_values, source_numbers
from pipeline.qa.reading import listing


@register("numbers", WARNING)
def numbers(source: str, translation: str, language: Language) -> str | None:
    """A number of the source is missing from the translation (29.4萬 = 294,000, 千分之一 = one thousandth)."""
    wanted = source_numbers(source, language.traditional_source)
    if not wanted:
        return None
    have = sorted(number_values(translation))
    missing = [q.text for q in wanted if not any(_written(v, have) for v in q.values)]
    return f"not in the translation: {listing(missing, 5)}" if missing else None


def _written(value: float, have: list[float]) -> bool:
    """Whether sorted ``have`` holds ``value`` (to 1e-9 relative): only its two neighbours can be that close.

    A lookup, not a scan: a long entry with n numbers on each side costs n log n, not n².
    """
    at = bisect_left(have, value)
    return any(math.isclose(value, have[i], rel_tol=1e-9) for i in (at - 1, at) if 0 <= i < len(have))
