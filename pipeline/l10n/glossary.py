"""The project glossary: agreed translations of the terms a translator of the articles needs.

A UTF-8 CSV file (``source,language,target,note``; setting ``glossary``) read with the
standard ``csv`` module. Terms are found as written (a Latin-script term as a whole word, the
longer of two overlapping terms wins) and shown to translators as extracted comments: every
language's terms in the template (``#. glossary (en): …``), a language's own in its catalog
(``#. glossary: …``, made by ``localise`` before the merge). The file format and the rules:
docs/checks.md ("The glossary").

Parsing is pure (``parse``); ``read`` is the only function that touches the disk.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import ahocorasick

from pipeline.errors import GlossaryError, LanguageError
from pipeline.l10n import languages
from pipeline.po.model import Catalog, Entry

COLUMNS = ("source", "language", "target", "note")
COMMENT_PREFIX = "glossary"
_COMMENT = re.compile(rf"{COMMENT_PREFIX}(?: \([^)]*\))?: ")
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Term:
    """One agreed translation: ``source`` is written ``target`` in ``language``."""

    source: str
    language: str
    target: str
    note: str = ""
    row: int = 0  # the line of the CSV file it comes from, for messages

    def describe(self) -> str:
        """``布加迪威龍 = Bugatti Veyron``, with the note after a dash when there is one."""
        text = f"{self.source} = {self.target}"
        return f"{text} — {self.note}" if self.note else text


@dataclass(frozen=True)
class Glossary:
    """Every term of the project, in file order."""

    terms: tuple[Term, ...] = ()
    # The terms by (source, language): the first of any duplicate, as a scan in file order finds it.
    _by_key: dict[tuple[str, str], Term] = field(init=False, compare=False, repr=False)
    # Their comments, written once: for a language's catalog, and marked with the language for the template.
    _comment: dict[tuple[str, str], str] = field(init=False, compare=False, repr=False)
    _marked: dict[tuple[str, str], str] = field(init=False, compare=False, repr=False)
    # One Aho–Corasick automaton over every distinct source term, made when first needed.
    _automaton: list[ahocorasick.Automaton] = field(default_factory=list, init=False, compare=False, repr=False)
    # What find() found per text: the template and every language ask for the same segments.
    _found: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_key: dict[tuple[str, str], Term] = {}
        for t in self.terms:
            by_key.setdefault((t.source, t.language), t)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_comment", {k: f"{COMMENT_PREFIX}: {t.describe()}" for k, t in by_key.items()})
        object.__setattr__(
            self, "_marked", {k: f"{COMMENT_PREFIX} ({t.language}): {t.describe()}" for k, t in by_key.items()}
        )

    def __getstate__(self) -> dict[str, object]:
        """What a worker process gets: the terms; it makes its own index, automaton and answers."""
        return {"terms": self.terms}

    def __setstate__(self, state: dict[str, object]) -> None:
        terms = state["terms"]
        assert isinstance(terms, tuple)
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "_automaton", [])
        object.__setattr__(self, "_found", {})
        self.__post_init__()

    def __bool__(self) -> bool:
        return bool(self.terms)

    def term(self, source: str, language: str) -> Term | None:
        """The agreed translation of ``source`` into ``language``, if there is one."""
        return self._by_key.get((source, language))

    def scan(self, texts: Iterable[str]) -> None:
        """Find the terms of a document's ``texts`` now, for its template and every language to share.

        Forgets what earlier documents found, so that memory holds one document's answers, all
        of them however long the document (find() alone keeps at most ``_REMEMBERED``).
        """
        if not self.terms:
            return
        found = self._found
        found.clear()
        for text in texts:
            if text not in found:
                found[text] = self._search(text)

    def find(self, text: str) -> tuple[str, ...]:
        """The source terms that occur in ``text``, in order of occurrence, each once.

        Where occurrences overlap, the longer term wins.
        """
        if not self.terms:
            return ()
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= _REMEMBERED:  # keep memory bounded where nothing scoped it to a document
                self._found.clear()
            found = self._found[text] = self._search(text)
        return found

    def _search(self, text: str) -> tuple[str, ...]:
        """One pass of the automaton over ``text``, however many terms there are."""
        if not self._automaton:
            self._automaton.append(_automaton(t.source for t in self.terms))
        automaton = self._automaton[0]
        if automaton.kind != ahocorasick.AHOCORASICK:
            return ()  # no term to look for
        found = [
            (start, end + 1, source)
            for end, source in automaton.iter(text)
            if _whole(text, start := end + 1 - len(source), end + 1)
        ]
        if not found:
            return ()
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        chosen: list[str] = []
        covered_until = 0
        for start, end, source in found:
            if start < covered_until:
                continue  # inside a longer (or earlier) term
            covered_until = end
            if source not in chosen:
                chosen.append(source)
        return tuple(chosen)

    def matches(self, text: str, language: str) -> tuple[Term, ...]:
        """The terms of ``language`` whose source occurs in ``text``."""
        by_key = self._by_key
        return tuple(t for source in self.find(text) if (t := by_key.get((source, language))) is not None)

    def comments(self, text: str, language: str) -> tuple[str, ...]:
        """Extracted comments for a catalog of ``language``: ``glossary: 布加迪威龍 = Bugatti Veyron``."""
        comment = self._comment
        return tuple(c for source in self.find(text) if (c := comment.get((source, language))) is not None)

    def language_comments(self, language: str) -> dict[str, str]:
        """Source term → its extracted comment in a catalog of ``language`` (what ``comments`` gives per term)."""
        return {source: c for (source, code), c in self._comment.items() if code == language}

    def template_comments(self, text: str, codes: tuple[str, ...]) -> tuple[str, ...]:
        """Extracted comments for the template: every language's terms, marked with the language."""
        found = self.find(text)
        if not found:
            return ()  # most sentences hold no term: no generator to set up
        marked = self._marked
        return tuple(c for source in found for code in codes if (c := marked.get((source, code))) is not None)


_REMEMBERED = 50_000  # answers find() keeps at most outside scan() (qa over catalogs), to bound memory


def _automaton(sources: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton reporting every occurrence of every (non-empty) source, overlaps included."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for source in sources:
        if source:
            automaton.add_word(source, source)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _whole(text: str, start: int, end: int) -> bool:
    """A Latin-script term must not be part of a longer word (``AI`` is not in ``OpenAI``)."""
    if _WORD_CHAR.match(text[start]) and start > 0 and _WORD_CHAR.match(text[start - 1]):
        return False
    return not (_WORD_CHAR.match(text[end - 1]) and end < len(text) and _WORD_CHAR.match(text[end]))


def is_comment(comment: str) -> bool:
    """True for an extracted comment this module wrote."""
    return bool(_COMMENT.match(comment))


def localise(template: Catalog, glossary: Glossary, language: str) -> Catalog:
    """The template with its glossary comments replaced by ``language``'s own terms (unmarked).

    An entry whose comments stay the same stays the same record (one loop, no call per entry:
    it runs over every entry of every catalog a command merges).
    """
    if not glossary and not any(c.startswith(COMMENT_PREFIX) for e in template.entries for c in e.extracted_comments):
        return template  # no terms to add and none to take out (the usual case without a glossary)
    own = glossary.language_comments(language)
    find, ours, prefix = glossary.find, _COMMENT.match, COMMENT_PREFIX
    entries: list[Entry] = []
    changed = False
    for entry in template.entries:
        extracted = entry.extracted_comments
        found = find(entry.msgid) if own else ()
        if not found:
            for c in extracted:
                if c.startswith(prefix):
                    break
            else:  # no term and no glossary comment (most entries): the entry as it is, no list built
                entries.append(entry)
                continue
        kept = [c for c in extracted if not (c.startswith(prefix) and ours(c))]
        if found:
            kept += [own[source] for source in found if source in own]
        if len(kept) != len(extracted) or tuple(kept) != extracted:
            entry = entry.evolve(extracted_comments=tuple(kept))
            changed = True
        entries.append(entry)
    return replace(template, entries=tuple(entries)) if changed else template


def uses(translation: str, target: str) -> bool:
    """True if ``translation`` uses the agreed ``target`` term.

    Case, emphasis markers (``*Financial Times*``), hyphens (``open-source``), curly
    apostrophes and runs of spaces do not matter; a Latin-script term must start a word
    and may carry an ending (``moats``).
    """
    wanted = _loose(target)
    if not wanted:
        return True
    pattern = re.escape(wanted)
    if _WORD_CHAR.match(wanted[0]):
        pattern = r"(?<![a-z0-9])" + pattern
    return re.search(pattern, _loose(translation)) is not None


def _loose(text: str) -> str:
    text = text.replace("*", "").replace("_", " ").replace("-", " ").replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------- reading


def parse(text: str, display: Path | str) -> Glossary:
    """Parse the CSV text of a glossary. GlossaryError names the file and row of any problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        header = next(reader, None)
        if header is None:
            raise GlossaryError(f"empty file; the first row must be {','.join(COLUMNS)}", display, 1)
        names = tuple(cell.strip().lower() for cell in header)
        if names not in (COLUMNS, COLUMNS[:3]):
            raise GlossaryError(
                f"the first row must name the columns {','.join(COLUMNS)}, not {','.join(header)!r}", display, 1
            )
        for cells in reader:
            row = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            terms.append(_term(cells, row, display))
            key = (terms[-1].source, terms[-1].language)
            if key in seen:
                raise GlossaryError(
                    f"{key[0]} ({key[1]}) is already in the glossary (line {seen[key]}); keep one of them",
                    display,
                    row,
                )
            seen[key] = row
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", display, reader.line_num) from None
    return Glossary(tuple(terms))


def _term(cells: list[str], row: int, display: Path | str) -> Term:
    if not 3 <= len(cells) <= 4:
        raise GlossaryError(
            f"expected the columns {', '.join(COLUMNS)} (the note may be left out), found {len(cells)} cell(s)",
            display,
            row,
        )
    source, code, target = (cell.strip() for cell in cells[:3])
    note = cells[3].strip() if len(cells) == 4 else ""
    if not source or not target:
        raise GlossaryError("the source term and the target term must not be empty", display, row)
    try:
        language = languages.canonical(code)
    except LanguageError as exc:
        raise GlossaryError(f"language: {exc.message}", display, row) from None
    return Term(source, language, target, note, row)


def read(path: Path, display: Path | str | None = None) -> Glossary:
    """Read and parse a glossary file (UTF-8)."""
    shown = display or path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(
            "glossary file not found; create it or fix the glossary setting in pyproject.toml", shown
        ) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", shown) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(
            f"not valid UTF-8 at byte offset {exc.start}; save the file as UTF-8", shown, line
        ) from None
    return parse(text, shown)
