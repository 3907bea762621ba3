"""The check engine: the registry, the language a check sees, findings and their severities.

Every check is one small function over ``(source, translation, language)`` that returns a
one-line message when something is wrong and ``None`` otherwise; ``@register`` gives it
an id and a severity (``error`` fails ``check``, ``warning`` is only reported). The checks
themselves live in ``pipeline.qa.checks``, one module per family, named after their ids.

``check_catalog`` runs every check on the entries of a catalog that carry a translation
(translated, not fuzzy; for machine-filled languages every entry with text) and returns
``Finding`` records naming the catalog file and the entry's line. A translator silences one
check on one entry with the flag ``ignore-<id>`` (the Weblate convention). Pure: no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from pipeline.l10n import languages
from pipeline.l10n.glossary import Glossary
from pipeline.po.model import Catalog, Entry

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
IGNORE_PREFIX = "ignore-"
IGNORE_FLAG = "ignore-flag"  # the id of the finding for a mistyped ignore-<id> flag (no check of its own)
KEEP_CHINESE = "keep-chinese"  # flag: Chinese the source quotes may stay in the translation
EXCERPT_LENGTH = 16  # characters of the msgid quoted in a finding


@dataclass(frozen=True)
class Language:
    """What the checks know about the language of the translation being checked."""

    code: str
    chinese: bool = False  # any Chinese variant: no untranslated-copy / cjk-left, no spaces needed
    simplified_by: str | None = None  # OpenCC configuration that finds Traditional leftovers; None: not Simplified
    machine: bool = False  # filled by a converter: every entry is checked, fuzzy or not
    traditional_source: bool = True  # the source is Traditional Chinese (for damage detection)
    names: frozenset[str] = frozenset()  # Latin-script names allowed to be left out or changed
    glossary: Glossary = field(default_factory=Glossary)
    flags: frozenset[str] = frozenset()  # the flags of the entry being checked


def language(
    code: str,
    converter: str | None = None,
    *,
    traditional_source: bool = True,
    names: frozenset[str] | tuple[str, ...] = (),
    glossary: Glossary | None = None,
) -> Language:
    """The ``Language`` for a target language code and its converter (``tw2s`` for ``zh_Hans``)."""
    canonical = languages.canonical(code)
    chinese = languages.is_chinese(canonical)
    parts = canonical.split("_")[1:]
    simplified = chinese and "Hant" not in parts and ("Hans" in parts or any(p in ("CN", "SG", "MY") for p in parts))
    return Language(
        code=canonical,
        chinese=chinese,
        simplified_by=(converter or "t2s") if simplified else None,
        machine=converter is not None,
        traditional_source=traditional_source,
        names=frozenset(names),
        glossary=glossary or Glossary(),
    )


CheckFunction = Callable[[str, str, Language], str | None]


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    function: CheckFunction

    @property
    def summary(self) -> str:
        """What the check catches: the first line of its docstring."""
        return (self.function.__doc__ or "").strip().splitlines()[0]


CHECKS: dict[str, Check] = {}


def register(check_id: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator: add a check function to ``CHECKS`` under ``check_id``."""

    def add(function: CheckFunction) -> CheckFunction:
        if check_id in CHECKS:
            raise ValueError(f"check {check_id!r} is registered twice")
        CHECKS[check_id] = Check(check_id, severity, function)
        return function

    return add


@dataclass(frozen=True)
class Finding:
    """One problem of one entry: which check, how bad, where, and what."""

    check: str
    severity: Severity
    path: str  # the catalog, as shown to people
    line: int | None  # the line of the entry's msgid in that file
    msgid_start: str  # the first characters of the msgid, to recognise the entry
    message: str
    language: str = ""

    def format(self) -> str:
        """``file:line: severity: [check] "msgid start…": message``, GNU style."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        entry = f' "{self.msgid_start}"' if self.msgid_start else ""  # none: about the whole file
        return f"{where}: {self.severity}: [{self.check}]{entry}: {self.message}"


# ---------------------------------------------------------------- running the checks


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The start of a msgid, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length] + "…"


def checked(entry: Entry, machine: bool) -> bool:
    """Whether the checks look at ``entry``: it has a translation a reader would get.

    Translated (not fuzzy) entries; in a machine-filled catalog, every entry with text.
    """
    if entry.obsolete:
        return False
    if entry.translated:
        return True
    return machine and entry.has_translation


def check_entry(entry: Entry, lang: Language) -> list[tuple[Check, str]]:
    """Every (check, message) that fires on one entry, ``ignore-<id>`` flags honoured."""
    context = replace(lang, flags=frozenset(entry.flags))
    found: dict[tuple[str, str], tuple[Check, str]] = {}
    for source, translation in _pairs(entry):
        for check in CHECKS.values():
            if IGNORE_PREFIX + check.id in context.flags:
                continue
            message = check.function(source, translation, context)
            if message:
                found.setdefault((check.id, message), (check, message))
    return list(found.values())


def check_catalog(catalog: Catalog, path: str, lang: Language) -> tuple[Finding, ...]:
    """The findings of every check on every checked entry of ``catalog``, in file order."""
    findings: list[Finding] = []
    for entry in catalog.live:
        if not checked(entry, lang.machine):
            continue
        for check, message in check_entry(entry, lang):
            findings.append(
                Finding(check.id, check.severity, path, entry.line, excerpt(entry.msgid), message, lang.code)
            )
        for message in mistyped_ignores(entry.flags):
            findings.append(Finding(IGNORE_FLAG, WARNING, path, entry.line, excerpt(entry.msgid), message, lang.code))
    return tuple(findings)


def mistyped_ignores(flags: Iterable[str]) -> Iterator[str]:
    """A message for each ``ignore-<id>`` flag that is a near miss of a check's id (``ignore-number``).

    It silences nothing, which a translator would not notice. Other tools' flags
    (Weblate's ``ignore-same``) are not near misses, and are left alone.
    """
    for flag in flags:
        if not flag.startswith(IGNORE_PREFIX) or flag[len(IGNORE_PREFIX) :] in CHECKS:
            continue
        close = difflib.get_close_matches(flag[len(IGNORE_PREFIX) :], CHECKS, n=1, cutoff=0.8)
        if close:
            yield f"the flag {flag} silences no check: did you mean {IGNORE_PREFIX}{close[0]}?"


def _pairs(entry: Entry) -> Iterator[tuple[str, str]]:
    """(source, translation) pairs: the msgstr, or each filled plural form."""
    if entry.msgid_plural is None:
        if entry.msgstr:
            yield entry.msgid, entry.msgstr
        return
    for index, form in enumerate(entry.msgstr_plural):
        if form:
            yield (entry.msgid if index == 0 else entry.msgid_plural), form
