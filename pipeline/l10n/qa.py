"""Quality checks on translations, in the style of translate-toolkit's checks. Pure: no I/O.

Every check is one small function over ``(source, translation, language)`` that returns a
one-line message when something is wrong and ``None`` otherwise; ``@register`` gives it
an id and a severity (``error`` fails ``check``, ``warning`` is only reported). Adding a
check is writing one more such function.

``check_catalog`` runs every check on the entries of a catalog that carry a translation
(translated, not fuzzy; for machine-filled languages every entry with text) and returns
``Finding`` records naming the catalog file and the entry's line. A translator silences one
check on one entry with the flag ``ignore-<id>`` (the Weblate convention); the flag
``keep-chinese`` lets a translation into a non-Chinese language quote Chinese text of the
source on purpose.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from pipeline.l10n import languages
from pipeline.l10n.convert import convert_prose
from pipeline.l10n.glossary import Glossary, uses
from pipeline.po.model import Catalog, Entry
from pipeline.text import damage
from pipeline.text.han import HAN, HAN_CHAR

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
IGNORE_PREFIX = "ignore-"
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
    return tuple(findings)


def _pairs(entry: Entry) -> Iterator[tuple[str, str]]:
    """(source, translation) pairs: the msgstr, or each filled plural form."""
    if entry.msgid_plural is None:
        if entry.msgstr:
            yield entry.msgid, entry.msgstr
        return
    for index, form in enumerate(entry.msgstr_plural):
        if form:
            yield (entry.msgid if index == 0 else entry.msgid_plural), form


# ---------------------------------------------------------------- shared helpers

_CJK_RUN = re.compile(rf"[{HAN}\u3000-\u303f\uff01-\uff65]+")
_MASK = "\x00"

_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}):[^<>\s]*|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]+)>")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(<[^<>\n]*>|(?:[^()\s\\]|\\.|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)+)\]\[([^\[\]]*)\]")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>")  # comments: see _markup
_HTML_URL = re.compile(r"(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
# As pipeline.markdown.inline reads one: ",接著" after a URL is the article going on.
_BARE_URL = re.compile(
    rf"(?<![\w/])(?:https?://|www\.)(?:[^\s<>()\[\]\"“”‘’\u3000-\u303f\uff00-\uffef,;!?]|[,;!?](?![{HAN}]))+"
)
_EMPHASIS = re.compile(r"(?<!\\)(\*+|_+)")


@dataclass(frozen=True)
class _Markup:
    """The inline Markdown of a text, and the text with its code, URLs and tags blanked out.

    ``kinds["link"]`` holds the destinations of Markdown links, autolinks and HTML links;
    ``urls`` the bare URLs, kept apart because a bare URL is no link in the edition.
    """

    kinds: dict[str, Counter[str]] = field(hash=False)
    masked: str
    urls: Counter[str] = field(default_factory=Counter, hash=False)


def _blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = _MASK * (end - start)


@lru_cache(maxsize=4096)
def _markup(text: str) -> _Markup:
    kinds: dict[str, Counter[str]] = {k: Counter() for k in ("link", "image", "code span", "HTML tag", "reference")}
    chars = list(text)

    def current() -> str:
        return "".join(chars)

    for m in _CODE_SPAN.finditer(text):
        kinds["code span"][m.group(0)] += 1
        _blank(chars, *m.span())
    for m in _AUTOLINK.finditer(current()):
        kinds["link"][m.group(1)] += 1
        _blank(chars, *m.span())
    for m in _LINK.finditer(current()):
        kinds["image" if m.group(1) else "link"][m.group(3).strip("<>")] += 1
        _blank(chars, m.end(2), m.end())  # the destination and title; the link text stays
    for m in _REFERENCE.finditer(current()):
        kinds["reference"][m.group(3).casefold() or m.group(2).casefold()] += 1
        _blank(chars, m.end(2), m.end())
    rest = current()  # comments by hand: a regex tried every unclosed "<!--" up to the end
    start = rest.find("<!--")
    while start != -1 and (end := rest.find("-->", start + 4)) != -1:
        kinds["HTML tag"]["<!-- -->"] += 1
        _blank(chars, start, end + 3)
        start = rest.find("<!--", end + 3)
    for m in _HTML_TAG.finditer(current()):
        tag = f"<{m.group(1)}{m.group(2).lower()}>"
        kinds["HTML tag"][tag] += 1
        for url in _HTML_URL.findall(m.group(3) or ""):
            kinds["link"][url] += 1
        _blank(chars, *m.span())
    urls: Counter[str] = Counter()
    for m in _BARE_URL.finditer(current()):
        urls[m.group(0).rstrip(".,;:!?")] += 1
        _blank(chars, *m.span())
    return _Markup(kinds, current(), urls)


@lru_cache(maxsize=4096)
def _without_damage(text: str, traditional: bool) -> str:
    """``text`` with its markup blanked out and its corrupted spans too."""
    chars = list(_markup(text).masked)
    for span in damage.find(text, traditional):
        _blank(chars, span.start, span.end)
    return "".join(chars)


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


def _listing(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# ---------------------------------------------------------------- the checks


@register("markup", ERROR)
def markup(source: str, translation: str, language: Language) -> str | None:
    """Inline Markdown differs: links and their URLs, images, code spans, emphasis markers, HTML tags."""
    want, got = _markup(source), _markup(translation)
    problems: list[str] = []
    for kind, wanted in want.kinds.items():
        have = got.kinds[kind]
        if kind == "link":
            problems += _links(wanted, have, want.urls, got.urls)
            continue
        problems += [f"{kind} {item} missing" for item in (wanted - have).elements()]
        problems += [f"{kind} {item} not in the source" for item in (have - wanted).elements()]
    source_emphasis = _emphasis(_without_damage(source, language.traditional_source))
    translation_emphasis = _emphasis(_without_damage(translation, False))
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


_LATIN_WORD = r"[A-Za-z0-9][A-Za-z0-9&+]*(?:[-.'’][A-Za-z0-9&+]+)*"
_LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9]){_LATIN_WORD}(?: {_LATIN_WORD})*")


def latin_names(source: str, traditional: bool = True) -> tuple[str, ...]:
    """The Latin-script names and identifiers of a Chinese sentence: ``DeepSeek-R1``, ``Hugging Face``.

    Only sentences with Han characters have them (in an English sentence every word is
    Latin). Numbers on their own, URLs, code spans and corrupted spans do not count.
    """
    if not HAN_CHAR.search(source):
        return ()
    found: list[str] = []
    for m in _LATIN_RUN.finditer(_without_damage(source, traditional)):
        words = m.group().split(" ")
        while words and not any(c.isalpha() for c in words[0]):
            words.pop(0)
        while words and not any(c.isalpha() for c in words[-1]):
            words.pop()
        if words and " ".join(words) not in found:
            found.append(" ".join(words))
    return tuple(found)


# What a Latin word of a Chinese sentence is, by its shape (docs/checks.md): a word of capitals
# only is an acronym (AI, GPU, CEO, APP; GPUs), a word of small letters only a common noun
# (app, email); every other word is part of a proper name (DeepSeek, Nvidia, OpenAI, R1, iPhone).
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
_COMMON_NOUN = re.compile(r"[a-z]+")
# Small words a spelled-out acronym may have between its initials: "Bank of America" for BoA.
_JOINING_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an"})


def latin_terms(source: str, traditional: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The proper names and the acronyms among the Latin-script runs of a Chinese sentence.

    A run is cut at its acronyms and common nouns: ``OpenAI CEO`` is the name ``OpenAI`` and the
    acronym ``CEO``; ``Hugging Face`` stays one name. Common nouns are neither.
    """
    names: list[str] = []
    acronyms: list[str] = []

    def add_name(words: list[str]) -> None:
        while words and not any(c.isalpha() for c in words[-1]):
            words.pop()
        while words and not any(c.isalpha() for c in words[0]):
            words.pop(0)
        if words and " ".join(words) not in names:
            names.append(" ".join(words))

    for run in latin_names(source, traditional):
        words: list[str] = []
        for word in run.split(" "):
            if _ACRONYM.fullmatch(word) or _COMMON_NOUN.fullmatch(word):
                add_name(words)
                words = []
                if _ACRONYM.fullmatch(word) and word not in acronyms:
                    acronyms.append(word)
            else:
                words.append(word)
        add_name(words)
    return tuple(names), tuple(acronyms)


def _has_name(translation: str, name: str) -> bool:
    pattern = rf"(?<![A-Za-z0-9]){re.escape(name)}(?:s|es|'s|’s)?(?![A-Za-z0-9])"
    return re.search(pattern, translation) is not None


def _kept(translation: str, term: str, language: Language) -> bool:
    """The translation has the term, or the glossary's translation of it; or the names setting lets it go."""
    if term in language.names or _has_name(translation, term):
        return True
    found = language.glossary.term(term, language.code)
    return found is not None and uses(translation, found.target)


def spelled_out(acronym: str, translation: str) -> bool:
    """Whether the translation spells the acronym out: its letters begin consecutive words.

    ``AI``: artificial intelligence; ``GPU``: graphics processing units; ``GRPO``: Group Relative
    Policy Optimization. Small joining words (of, and, the…) may come between, and are never
    initials: "chief executive of the company" does not spell CEO.
    """
    letters = acronym.rstrip("s").lower()
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", translation)]
    for start in range(len(words)):
        matched = 0
        for word in words[start:]:
            if matched == len(letters):
                break
            if word in _JOINING_WORDS and matched:  # between initials, never one of them
                continue
            if word in _JOINING_WORDS or not word.startswith(letters[matched]):
                break
            matched += 1
        if matched == len(letters):
            return True
    return False


@register("names", ERROR)
def names(source: str, translation: str, language: Language) -> str | None:
    """A proper name or identifier in Latin script of the source (DeepSeek-R1, MODEL1, Hugging Face) is missing."""
    proper, _ = latin_terms(source, language.traditional_source)
    missing = [name for name in proper if not _kept(translation, name, language)]
    if not missing:
        return None
    return f"not in the translation: {_listing(missing, 5)} (a name allowed to change goes in the names setting)"


@register("acronyms", WARNING)
def acronyms(source: str, translation: str, language: Language) -> str | None:
    """An acronym of the source (AI, GPU, CEO, GRPO) is neither in the translation nor spelled out."""
    _, found = latin_terms(source, language.traditional_source)
    missing = [a for a in found if not _kept(translation, a, language) and not spelled_out(a, translation)]
    if not missing:
        return None
    return f"not in the translation, nor spelled out: {_listing(missing, 5)} (an acronym; check the meaning is kept)"


# numbers ---------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number of the source and the values a translation may write it as."""

    text: str
    values: tuple[float, ...]


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_MYRIAD = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_CN_NUMERAL = "零〇一二兩两三四五六七八九十百千萬万億亿"
_DIGITS = r"(?<![0-9])(?<![0-9][.,])(\d{1,3}(?:,\d{3})+(?![0-9])|\d+)(\.\d+)?"
_CN_MULTIPLIER = r"(?:[萬万億亿千百](?!分))"  # 百 in 百分之 starts a fraction instead
_SOURCE_NUMBER = re.compile(rf"{_DIGITS}({_CN_MULTIPLIER}*)")
_TARGET_NUMBER = re.compile(
    rf"{_DIGITS}(?:\s*(thousand|million|billion|trillion)\b|(k|m|bn|b)\b|({_CN_MULTIPLIER}+))?", re.IGNORECASE
)
_CN_FRACTION = re.compile(rf"([{_CN_NUMERAL}\d]+)分之([{_CN_NUMERAL}\d.]+)")
_PER = re.compile(r"\s*(%|％|‰|percent\b|per cent\b)")
_SLASH_FRACTION = re.compile(r"(?<![0-9/])(\d+)\s*/\s*(\d+)(?![0-9/])")
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z-]*\d[A-Za-z0-9-]*")  # R1, MODEL1, H100
_SCALE = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_SHORT = {"k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9}
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_TEENS = ("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_NUMBER = {w: float(n) for n, w in enumerate(_ONES + _TEENS)}
_WORD_TENS = {w: float(10 * n) for n, w in enumerate(_TENS, 2)}
_DENOMINATOR = {"half": 2.0, "halves": 2.0, "third": 3.0, "quarter": 4.0, "fifth": 5.0, "sixth": 6.0}
_DENOMINATOR |= {"seventh": 7.0, "eighth": 8.0, "ninth": 9.0, "tenth": 10.0, "hundredth": 100.0}
_DENOMINATOR |= {"thousandth": 1e3, "millionth": 1e6}
_DENOMINATOR |= {f"{k}s": v for k, v in list(_DENOMINATOR.items()) if not k.endswith("s")}
_MONTHS = {
    name: float(n)
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _chinese_number(text: str) -> float | None:
    """``千`` -> 1000, ``三十`` -> 30, ``1000`` -> 1000; None if it is not a number."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total = section = digit = 0
    seen = False
    for ch in text:
        if ch in _CN_DIGIT:
            digit, seen = _CN_DIGIT[ch], True
        elif ch in _CN_UNIT:
            section += (digit or 1) * _CN_UNIT[ch]
            digit, seen = 0, True
        elif ch in _CN_MYRIAD:
            total = (total + section + digit or 1) * _CN_MYRIAD[ch]
            section = digit = 0
            seen = True
        else:
            return None
    return float(total + section + digit) if seen else None


def _multiplied(base: float, multipliers: str) -> float:
    for ch in multipliers:
        base *= _CN_MYRIAD.get(ch) or _CN_UNIT.get(ch, 1)
    return base


def _base(m: re.Match[str]) -> float:
    return float(m.group(1).replace(",", "") + (m.group(2) or ""))


def _blank_matches(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: _MASK * len(m.group()), text)


def source_numbers(source: str, traditional: bool = True) -> tuple[Quantity, ...]:
    """The numbers of a source sentence: ``29.4萬`` (294000), ``86.7%``, ``2025年``, ``千分之一``."""
    text = _blank_matches(_without_damage(source, traditional), _IDENTIFIER)
    found: list[Quantity] = []
    for m in _CN_FRACTION.finditer(text):
        denominator, numerator = _chinese_number(m.group(1)), _chinese_number(m.group(2))
        if denominator and numerator is not None:
            found.append(Quantity(m.group(), (numerator / denominator,)))
    text = _blank_matches(text, _CN_FRACTION)
    for m in _SOURCE_NUMBER.finditer(text):
        found.append(Quantity(m.group(), (_multiplied(_base(m), m.group(3)),)))
    return tuple(found)


def number_values(translation: str) -> tuple[float, ...]:
    """Every value a translation writes, in figures or (English) words, generously read."""
    text = _blank_matches(_markup(translation).masked, _IDENTIFIER)
    values: list[float] = []
    for m in _CN_FRACTION.finditer(text):
        denominator, numerator = _chinese_number(m.group(1)), _chinese_number(m.group(2))
        if denominator and numerator is not None:
            values += [numerator / denominator, 100 * numerator / denominator]
    for m in _SLASH_FRACTION.finditer(text):
        if int(m.group(2)):
            values.append(int(m.group(1)) / int(m.group(2)))
    for m in _TARGET_NUMBER.finditer(text):
        base = _base(m)
        values.append(base)
        per = _PER.match(text, m.end())
        if per:  # 0.1% is also the fraction 0.001 (千分之一)
            values.append(base / (1000 if per.group(1) == "‰" else 100))
        if m.group(3):
            values.append(base * _SCALE[m.group(3).lower()])
        elif m.group(4):
            values.append(base * _SCALE_SHORT[m.group(4).lower()])
        elif m.group(5):
            values.append(_multiplied(base, m.group(5)))
    values += _word_values(text)
    return tuple(values)


def _word_values(text: str) -> list[float]:
    """``two hundred`` 200, ``one thousandth`` 0.001, ``a quarter`` 0.25, ``January`` 1."""
    words = re.findall(r"[a-z]+", text.lower())
    values: list[float] = []
    i = 0
    while i < len(words):
        word = words[i]
        number: float | None = None
        if word in _WORD_NUMBER:
            number = _WORD_NUMBER[word]
        elif word in _WORD_TENS:
            number = _WORD_TENS[word]
            if i + 1 < len(words) and 0 < _WORD_NUMBER.get(words[i + 1], 0) < 10:
                i += 1
                number += _WORD_NUMBER[words[i]]
        elif word in ("a", "an") and i + 1 < len(words) and (words[i + 1] in _SCALE or words[i + 1] in _DENOMINATOR):
            number = 1.0
        elif word in _DENOMINATOR:
            values.append(1 / _DENOMINATOR[word])
        elif word in _MONTHS:
            values.append(_MONTHS[word])
        i += 1
        if number is None:
            continue
        while i < len(words) and words[i] in _SCALE:
            number *= _SCALE[words[i]]
            i += 1
        values.append(number)
        if i < len(words) and words[i] in _DENOMINATOR:
            values.append(number / _DENOMINATOR[words[i]])
            i += 1
    return values


@register("numbers", WARNING)
def numbers(source: str, translation: str, language: Language) -> str | None:
    """A number of the source is missing from the translation (29.4萬 = 294,000, 千分之一 = one thousandth)."""
    wanted = source_numbers(source, language.traditional_source)
    if not wanted:
        return None
    have = number_values(translation)
    missing = [q.text for q in wanted if not any(math.isclose(v, h, rel_tol=1e-9) for v in q.values for h in have)]
    return f"not in the translation: {_listing(missing, 5)}" if missing else None


# Structure -----------------------------------------------------------------


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


# Chinese left in other languages ------------------------------------------


@register("untranslated-copy", ERROR)
def untranslated_copy(source: str, translation: str, language: Language) -> str | None:
    """A translation into a non-Chinese language is the Chinese source, copied."""
    if language.chinese or not HAN_CHAR.search(source):
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
    return f"Chinese left in the translation: {_listing(quoted)} (flag {KEEP_CHINESE} if quoted on purpose)"


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
        return f"Traditional characters left: {_listing(changes, 6)}"
    return f"OpenCC {language.simplified_by} would change it to “{excerpt(converted, 40)}”"


# punctuation and spacing ---------------------------------------------------

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
        masked = _markup(translation).masked
        m = _MISSING_SPACE.search(masked)
        if m:
            around = masked[max(0, m.start() - 10) : m.end() + 10].replace(_MASK, "")
            problems.append(f"no space after “{m.group(1) or m.group(2)}” in “…{around}…”")
    return "; ".join(problems) or None


# source and glossary ------------------------------------------------------


@register("source-damage", WARNING)
def source_damage(source: str, translation: str, language: Language) -> str | None:
    """The source sentence has corrupted text (mojibake): check the translation against the original article."""
    spans = damage.find(source, language.traditional_source)
    if not spans:
        return None
    excerpts = ", ".join(repr(d.excerpt) for d in spans)
    return f"source damaged: corrupted text (mojibake) {excerpts}; compare with the original article"


@register("glossary", WARNING)
def glossary(source: str, translation: str, language: Language) -> str | None:
    """A glossary term of the source is not translated with the agreed term."""
    missing = [t for t in language.glossary.matches(source, language.code) if not uses(translation, t.target)]
    if not missing:
        return None
    return "; ".join(f"{t.source} should be “{t.target}”" for t in missing)
