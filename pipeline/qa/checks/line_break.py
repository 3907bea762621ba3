"""Check ``line-break``: no line break the source does not have."""

from __future__ import annotations

from pipeline.qa.engine import ERROR, Language, register


@register("line-break", ERROR)
def line_break(source: str, translation: str, language: Language) -> str | None:
    """A line break the source does not have: it would split a heading, list item or table
    row of the edition in two (each segment sits on one line of the Markdown)."""
    extra = translation.count("\n") - source.count("\n")
    if extra > 0:
        return (
            f"{extra} line break(s) the source does not have; join the lines (the edition keeps one line per paragraph)"
        )
    return None
