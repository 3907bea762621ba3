"""Check ``glossary``: a glossary term of the source is translated with the agreed term."""

from __future__ import annotations

from pipeline.l10n.glossary import uses
from pipeline.qa.engine import WARNING, Language, register


@register("glossary", WARNING)
def glossary(source: str, translation: str, language: Language) -> str | None:
    """A glossary term of the source is not translated with the agreed term."""
    missing = [t for t in language.glossary.matches(source, language.code) if not uses(translation, t.target)]
    if not missing:
        return None
    return "; ".join(f"{t.source} should be “{t.target}”" for t in missing)
