"""Check ``markup``: the inline Markdown of the translation is the source's (links, images, code, tags, emphasis)."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.qa.engine import ERROR, Language, register
from pipeline.qa.reading import markup as markup_of
from pipeline.qa.reading import without_damage

_EMPHASIS = re.compile(r"(?<!\\)(\*+|_+)")


@register("markup", ERROR)
def markup(source: str, translation: str, language: Language) -> str | None:
    """Inline Markdown differs: links and their URLs, images, code spans, emphasis markers, HTML tags."""
    want, got = markup_of(source), markup_of(translation)
    problems: list[str] = []
    for kind, wanted in want.kinds.items():
        have = got.kinds[kind]
        if kind == "link":
            problems += _links(wanted, have, want.urls, got.urls)
            continue
        problems += [f"{kind} {item} missing" for item in (wanted - have).elements()]
        problems += [f"{kind} {item} not in the source" for item in (have - wanted).elements()]
    source_emphasis = _emphasis(without_damage(source, language.traditional_source))
    translation_emphasis = _emphasis(without_damage(translation, False))
    if not _same_emphasis(source_emphasis, source, translation_emphasis, translation):
        problems.append(
            f"emphasis markers differ: {_runs(source_emphasis)} in the source, {_runs(translation_emphasis)} here"
        )
    return "; ".join(problems) or None


def _links(wanted: Counter[str], have: Counter[str], wanted_urls: Counter[str], have_urls: Counter[str]) -> list[str]:
    """What differs in links and URLs.

    A link of the source must be a link in the translation: a bare URL (also one left after
    ``[text]（url）`` lost its ``](``) does not stand in for it. A bare URL of the source may
    stay bare or become a link.
    """
    missing = wanted - have
    extra = have - wanted
    bare = have_urls.copy()
    problems = []
    for url in missing.elements():
        if bare[url]:
            bare[url] -= 1
            problems.append(f"link {url} missing: the translation has it as a bare URL, not as [text]({url})")
        else:
            problems.append(f"link {url} missing")
    urls_missing = wanted_urls - bare
    for url in list(urls_missing.elements()):  # a bare URL of the source made a link is fine
        if extra[url]:
            extra[url] -= 1
            urls_missing[url] -= 1
    problems += [f"link {url} missing" for url in urls_missing.elements()]
    problems += [f"link {url} not in the source" for url in (+extra).elements()]
    problems += [f"link {url} not in the source" for url in (+bare - wanted_urls).elements()]
    return problems


def _same_emphasis(source_runs: Counter[str], source: str, translation_runs: Counter[str], translation: str) -> bool:
    """Equal delimiter runs, except that a title in 《》 may become italics (*Nature*) and back."""
    extra, lost = translation_runs - source_runs, source_runs - translation_runs
    if not extra and not lost:
        return True
    if extra and lost:
        return False
    runs, other = (extra, source) if extra else (lost, translation)
    return set(runs) == {"*"} and runs["*"] <= 2 * other.count("《")


def _runs(runs: Counter[str]) -> str:
    return ", ".join(f"{run} ×{n}" for run, n in sorted(runs.items())) or "none"


def _emphasis(masked: str) -> Counter[str]:
    """Emphasis delimiter runs (``*``, ``**``, ``_``…; ``_`` counted as ``*``)."""
    runs: Counter[str] = Counter()
    for m in _EMPHASIS.finditer(masked):
        before = masked[m.start() - 1] if m.start() else " "
        after = masked[m.end()] if m.end() < len(masked) else " "
        if before.isspace() and after.isspace():
            continue  # "5 * 3": not a delimiter
        if m.group()[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: an underscore inside a word is not emphasis
        runs["*" * len(m.group())] += 1
    return runs
