"""The incremental-build cache: which outputs are still what the current inputs would give.

The folder ``.article-l10n-cache/`` (git-ignores itself, safe to delete, ignored by
``--force``) holds a **fact** per output a command made: the SHA-256 of the output and of the
files it was made from. A fact holds while every one of those files still has its hash (the
commands are idempotent, so such an output is what a new run would make); a document whose
outputs all have facts that hold is skipped. Everything else an output depends on is the
**environment** hash: a cache made in another environment is ignored as a whole. Hashes are
stored with each file's stat signature, so an unchanged project is not read again, except a
file that changed less than ``RACY_NS`` before its signature was taken (git's "racily clean"
files). The translation memory of a language is kept per catalog (``memory-<lang>.json``)
with the msgids the last run merged with, so that only catalogs a new memory entry may fill
are merged again (``use_memory``; ``operations.memory.translation_memory`` reads it).
What ``check`` found in each catalog (its findings, and whether ``msgfmt --check`` passed it)
is kept per catalog content in ``checks.json`` (``verdict``), the one file ``check`` writes.
The whole design: docs/many-documents.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import OutputError
from pipeline.workspace import fs
from pipeline.workspace.config import Config

FOLDER = ".article-l10n-cache"
FILE_NAME = "cache.json"
CHECKS_NAME = "checks.json"  # check's verdicts: written by check alone, which never writes FILE_NAME
FORMAT = 2  # 2: editions separate paragraphs for CommonMark, images give segments (docs/editions.md)
RACY_NS = 2_000_000_000  # two seconds: covers the coarsest file system clocks (FAT)
LIBRARIES = ("opencc", "markdown-it-py", "pypinyin", "babel", "rapidfuzz", "polib")

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


@dataclass(frozen=True)
class Fact:
    """An output file as made from its inputs: every hash is the file's content hash (None: no file)."""

    output: str
    digest: str
    inputs: Mapping[str, str | None]
    info: Mapping[str, Any] = field(default_factory=dict)  # what the command reports about it


PACKAGE = Path(__file__).resolve().parents[1]  # the pipeline package's code: any change to it is a new environment


def environment(config: Config, files: Iterable[Path] = (), package: Path = PACKAGE) -> str:
    """The hash of everything outside the documents' own files that shapes the outputs.

    ``files``: further inputs every document depends on (the glossary, compendia); a
    missing one counts as absent.
    """
    h = hashlib.sha256(f"article-l10n cache {FORMAT} {__version__} {sys.version_info[:2]}".encode())
    for name, version in library_versions(LIBRARIES).items():
        h.update(f"{name} {version or 'absent'}\n".encode())
    for source in sorted(package.rglob("*.py")):  # subpackages (operations/) too
        h.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    h.update(repr(_settings(config)).encode())
    for path in files:
        shown = _relative(path, config.root).encode()  # as the settings: a moved project keeps its cache
        try:
            h.update(shown + b"\0" + path.read_bytes() + b"\0")
        except FileNotFoundError:
            h.update(shown + b"\0absent\0")
    return h.hexdigest()


def _normalised(name: str) -> str:
    """A distribution's name as ``importlib.metadata`` compares it (PEP 503, with ``_``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def library_versions(names: Iterable[str]) -> dict[str, str | None]:
    """The installed version of each distribution (None: not installed): ``importlib.metadata.version``'s answers.

    Read from the names of the ``NAME-VERSION.dist-info`` folders on ``sys.path``, the first
    folder holding one winning, as ``importlib.metadata`` finds them, without importing it
    (10-40 ms of start-up: it loads the email package to read the metadata files). A
    distribution found otherwise (an ``.egg-info``, a zip file) is asked of ``importlib.metadata``.
    """
    names = list(names)
    wanted = {_normalised(name) for name in names}
    found: dict[str, str | None] = {}  # by normalised name
    for folder in sys.path:
        try:
            listing = sorted(os.listdir(folder or "."))
        except OSError:  # not a folder (a zip file) or gone: importlib.metadata is asked below
            continue
        here: dict[str, list[str]] = {}  # name -> the versions its folders here give ("": an egg, unsettled)
        for entry in listing:
            lowered = entry.lower()
            if lowered.endswith((".dist-info", ".egg-info")):
                stem, wheel = entry.rpartition(".")[0], lowered.endswith(".dist-info")
                key, _, version = stem.partition("-")
                if (key := _normalised(key)) in wanted:
                    here.setdefault(key, []).append(version if wheel else "")
        for key, versions in here.items():
            if key not in found:  # one version, in a folder of its own: the only answer importlib.metadata can give
                found[key] = versions[0] if len(versions) == 1 and versions[0] else _asked(key)
    return {name: found[key] if (key := _normalised(name)) in found else _asked(name) for name in names}


def _asked(name: str) -> str | None:
    """``importlib.metadata.version(name)``, None if not installed: for the cases the folder names do not settle."""
    import importlib.metadata  # rarely needed, and costly to load: not at start-up

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to the project ``root`` when it lies inside it (with '/'); else as it is."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _settings(config: Config) -> Any:
    """The settings with their paths relative to the project, so that a moved project keeps its cache."""
    data = dataclasses.asdict(config)
    for key, value in data.items():
        if isinstance(value, Path):
            data[key] = _relative(value, config.root)
    return sorted(data.items())


class Cache:
    """The facts of one project, and the content hashes of its files."""

    def __init__(
        self, root: Path, environment: str, data: Mapping[str, Any] | None = None, fresh: bool = False
    ) -> None:
        self.root = root
        self.fresh = fresh  # --force: the facts and check's verdicts on disk are not read
        self.folder = root / FOLDER
        self.environment = environment
        data = data if data is not None and data.get("environment") == environment else {}
        self._known: dict[str, tuple[str, Signature | None]] = {
            name: (entry[0], (entry[1][0], entry[1][1], entry[1][2], entry[1][3]) if entry[1] else None)
            for name, entry in data.get("files", {}).items()
        }
        self._facts: dict[str, dict[str, Any]] = dict(data.get("facts", {}))
        self._counts: dict[str, list[Any]] = dict(data.get("counts", {}))
        self._hashed: dict[str, str | None] = {}  # this run: current hash of each file looked at
        self._seen: dict[str, tuple[Signature, int] | None] = {}  # this run: signature and when it was taken
        self._written: set[str] = set()  # this run wrote these files
        self._memories: dict[str, dict[str, list[Any]]] = {}  # language -> catalog -> [hash, translations]
        self._memories_changed: set[str] = set()
        self._used_before: dict[str, set[str]] = {}  # language -> msgid keys of the memory the last run used
        self._used: dict[str, dict[str, str]] = {}  # language -> msgids of the memory this run uses, with keys
        # Languages whose catalogs gained translations the memory they were merged with lacked: the
        # next run builds the memory even if no document needs merging, so that they reach the others.
        self._pending: set[str] = set(data.get("memory_pending", []))
        self._verdicts: dict[str, list[Any]] | None = None  # catalog -> [hash, findings, msgfmt]: read when needed
        self._verdicts_changed = False
        self.recorded = False  # facts or counts were added: worth saving

    # ------------------------------------------------------------ loading and saving

    @classmethod
    def open(cls, root: Path, environment: str, fresh: bool = False) -> Cache:
        """The project's cache; empty if there is none, it is unreadable, or ``fresh`` (``--force``)."""
        data: Any = None
        if not fresh:
            try:
                data = json.loads((root / FOLDER / FILE_NAME).read_bytes())
            except (OSError, ValueError):
                data = None
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                data = None
        return cls(root, environment, data, fresh)

    def save(self) -> None:
        """Write the cache (atomically) if this run added to it. A cache that cannot be written is no error."""
        if not self.recorded:
            return
        files = {}
        for name in sorted(self._referenced()):
            entry = self._known.get(name)
            if entry is not None:
                files[name] = [entry[0], list(entry[1]) if entry[1] else None]
        data = {
            "format": FORMAT,
            "environment": self.environment,
            "files": files,
            "facts": dict(sorted(self._facts.items())),
            "counts": dict(sorted(self._counts.items())),
            "memory_pending": sorted(self._pending),
        }
        with contextlib.suppress(OutputError):  # a read-only project: the next run just redoes the work
            fs.write_if_changed(self.folder / ".gitignore", b"# Made by article-l10n: a cache, never committed.\n*\n")
            fs.write_if_changed(self.folder / "CACHEDIR.TAG", CACHEDIR_TAG)
            fs.write_if_changed(self.folder / FILE_NAME, json.dumps(data, separators=(",", ":")).encode())
            for language in sorted(self._memories_changed):
                used = self._used_before.get(language, set())
                if language in self._used:
                    used = set(self._used[language].values())
                memory = {
                    "environment": self.environment,
                    "catalogs": dict(sorted(self._memories[language].items())),
                    "used": sorted(used),
                }
                text = json.dumps(memory, ensure_ascii=False, separators=(",", ":"))
                fs.write_if_changed(self.folder / f"memory-{language}.json", text.encode())

    def _referenced(self) -> set[str]:
        names = set(self._facts) | set(self._counts)
        for memory in self._memories.values():
            names.update(memory)
        for fact in self._facts.values():
            names.update(fact["inputs"])
        return names

    # ------------------------------------------------------------ content hashes

    def _stat(self, name: str) -> tuple[Signature, int] | None:
        if name not in self._seen:
            taken = time.time_ns()
            try:
                st = os.stat(os.path.join(self.root, name))
            except (FileNotFoundError, NotADirectoryError):
                self._seen[name] = None
            else:
                self._seen[name] = ((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino), taken)
        return self._seen[name]

    def observe(self, names: Iterable[str]) -> None:
        """Take the signatures of files about to be read, so that a change while they are read shows next time."""
        for name in names:
            self._stat(name)

    def current(self, name: str) -> str | None:
        """The content hash of a file (relative to the project root) now; None if there is none."""
        if name in self._hashed:
            return self._hashed[name]
        seen = self._stat(name)
        value: str | None = None
        if seen is not None:
            known = self._known.get(name)
            if known is not None and known[1] == seen[0]:
                value = known[0]
            else:
                try:
                    value = fs.digest((self.root / name).read_bytes())
                except OSError:
                    value = None
                else:
                    self._remember(name, value, seen)
        self._hashed[name] = value
        return value

    def _remember(self, name: str, value: str, seen: tuple[Signature, int]) -> None:
        signature, taken = seen
        trusted = name in self._written or max(signature[1], signature[2]) < taken - RACY_NS
        self._known[name] = (value, signature if trusted else None)

    def wrote(self, name: str) -> None:
        """This run has just written ``name``: its signature is taken anew when it is recorded."""
        self._seen.pop(name, None)
        self._hashed.pop(name, None)
        self._written.add(name)

    # ------------------------------------------------------------ facts

    def holds(self, output: str) -> Fact | None:
        """The fact about ``output`` if it still holds: the output and all its inputs are as recorded."""
        raw = self._facts.get(output)
        if raw is None or self.current(output) != raw["digest"]:
            return None
        if any(self.current(name) != value for name, value in raw["inputs"].items()):
            return None
        return Fact(output, raw["digest"], raw["inputs"], raw.get("info", {}))

    def record(self, fact: Fact) -> None:
        """Remember how ``fact.output`` was made; the hashes are those of the files as this run read or wrote them."""
        self._facts[fact.output] = {"digest": fact.digest, "inputs": dict(fact.inputs), "info": dict(fact.info)}
        for name, value in ((fact.output, fact.digest), *fact.inputs.items()):
            seen = self._stat(name)  # taken before the file was read, or after it was written
            if value is not None and seen is not None:
                self._remember(name, value, seen)
            self._hashed[name] = value
        self.recorded = True

    # ------------------------------------------------------------ status counts

    def counts(self, catalog: str) -> list[int] | None:
        """The status counts stored for this catalog's current content, if any."""
        stored = self._counts.get(catalog)
        if stored is None or self.current(catalog) != stored[0]:
            return None
        return [int(n) for n in stored[1:]]

    def store_counts(self, catalog: str, content: str, counts: Iterable[int]) -> None:
        self._counts[catalog] = [content, *counts]
        seen = self._stat(catalog)
        if seen is not None:
            self._remember(catalog, content, seen)
        self.recorded = True

    # ------------------------------------------------------------ translation memory

    def _memory(self, language: str) -> dict[str, list[Any]]:
        """The translations known per catalog of ``language``: its own file, read only when needed."""
        if language not in self._memories:
            data: Any = None
            with contextlib.suppress(OSError, ValueError):
                data = json.loads((self.folder / f"memory-{language}.json").read_bytes())
            fresh = isinstance(data, dict) and data.get("environment") == self.environment
            self._memories[language] = dict(data["catalogs"]) if fresh else {}
            self._used_before[language] = set(data.get("used", [])) if fresh else set()
        return self._memories[language]

    def translations(self, language: str, catalog: str) -> list[tuple[str, str]] | None:
        """The translated entries (msgid, msgstr) stored for this catalog's current content, if any."""
        stored = self._memory(language).get(catalog)
        if stored is None or self.current(catalog) != stored[0]:
            return None
        return [(msgid, msgstr) for msgid, msgstr in stored[1]]

    def store_translations(
        self,
        language: str,
        catalog: str,
        content: str,
        pairs: list[tuple[str, str]],
        automatic: Callable[[str, str], bool] | None = None,
    ) -> None:
        """Keep a catalog's translated entries.

        A merge that made a translation its memory lacked (a trivially edited sentence kept as
        translated) leaves the language pending; one that ``automatic`` says every new entry of
        that text gets anyway (a copy of text with nothing to translate) does not count.
        """
        self._memory(language)[catalog] = [content, [list(pair) for pair in pairs]]
        self._memories_changed.add(language)
        used = self._used.get(language)
        if used is not None and any(
            msgid not in used and not (automatic is not None and automatic(msgid, msgstr)) for msgid, msgstr in pairs
        ):
            self._pending.add(language)
        seen = self._stat(catalog)
        if seen is not None:
            self._remember(catalog, content, seen)
        self.recorded = True

    def keep_translations(self, language: str, catalogs: Iterable[str]) -> None:
        """Forget the translations of every catalog but ``catalogs`` (the memory's sources now)."""
        memory = self._memory(language)
        gone = set(memory) - set(catalogs)
        for name in gone:
            del memory[name]
        if gone:
            self._memories_changed.add(language)
            self.recorded = True

    def use_memory(self, language: str, msgids: Iterable[str]) -> list[str]:
        """This run merges this language's catalogs with a memory of these msgids (kept for the next run).

        Returns those the memory the last run used lacked, in the given order: cached catalogs
        may hold them as blank entries, which a merge now fills.
        """
        self._memory(language)
        before = self._used_before[language]
        keys = {msgid: memory_key(msgid) for msgid in msgids}
        self._used[language] = keys
        self._pending.discard(language)
        self._memories_changed.add(language)
        self.recorded = True
        return [msgid for msgid, key in keys.items() if key not in before]

    def merge_alone(self, language: str) -> None:
        """This run merges this language's one catalog without a memory: keep none, and no msgid as used.

        With no msgid known as used, a later run with more catalogs sees every msgid of its
        memory as new (and merges a cached catalog that may hold one blank again): the safe side.
        """
        self._memories[language] = {}
        self._used_before[language] = set()
        self._used[language] = {}
        self._pending.discard(language)
        self._memories_changed.add(language)
        self.recorded = True

    def memory_pending(self, language: str) -> bool:
        """True if catalogs of this language gained translations that no run has sent to the other catalogs yet."""
        return language in self._pending

    # ------------------------------------------------------------ check's verdicts

    def _checks(self) -> dict[str, list[Any]]:
        """What ``check`` found per catalog: its own file, read only when needed, ignored if foreign."""
        if self._verdicts is None:
            data: Any = None
            if not self.fresh:
                with contextlib.suppress(OSError, ValueError):
                    data = json.loads((self.folder / CHECKS_NAME).read_bytes())
            fresh = (
                isinstance(data, dict) and data.get("format") == FORMAT and data.get("environment") == self.environment
            )
            catalogs = data.get("catalogs") if fresh else None
            self._verdicts = dict(catalogs) if isinstance(catalogs, dict) else {}
        return self._verdicts

    def verdict(self, catalog: str) -> tuple[list[Any], str | None] | None:
        """What ``check`` found in this catalog's current content: (findings, the msgfmt that passed it or None)."""
        stored = self._checks().get(catalog)
        if not isinstance(stored, list) or len(stored) != 3 or self.current(catalog) != stored[0]:
            return None
        findings, msgfmt = stored[1], stored[2]
        if not isinstance(findings, list) or not (msgfmt is None or isinstance(msgfmt, str)):
            return None
        return findings, msgfmt

    def store_verdict(self, catalog: str, content: str, findings: list[Any], msgfmt: str | None) -> None:
        """Keep what ``check`` found in the catalog with this content hash (``msgfmt``: the msgfmt that passed it)."""
        self._checks()[catalog] = [content, findings, msgfmt]
        self._verdicts_changed = True

    def keep_verdicts(self, catalogs: Iterable[str]) -> None:
        """Forget the verdicts of every catalog but ``catalogs`` (a deleted document's go)."""
        checks = self._checks()
        for name in set(checks) - set(catalogs):
            del checks[name]
            self._verdicts_changed = True

    def save_verdicts(self) -> None:
        """Write ``checks.json`` (atomically) if this run changed it; the facts are not written."""
        if not self._verdicts_changed or self._verdicts is None:
            return
        data = {"format": FORMAT, "environment": self.environment, "catalogs": dict(sorted(self._verdicts.items()))}
        with contextlib.suppress(OutputError):  # a read-only project: the next check just checks again
            fs.write_if_changed(self.folder / ".gitignore", b"# Made by article-l10n: a cache, never committed.\n*\n")
            fs.write_if_changed(self.folder / "CACHEDIR.TAG", CACHEDIR_TAG)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            fs.write_if_changed(self.folder / CHECKS_NAME, text.encode())
        self._verdicts_changed = False

    def forget(self, outputs: Iterable[str]) -> None:
        """Drop the facts about ``outputs``: they are to be made again (even if this run stops before)."""
        for name in outputs:
            if self._facts.pop(name, None) is not None:
                self.recorded = True


def memory_key(msgid: str) -> str:
    """A short, stable key of a msgid, to remember which msgids a translation memory had."""
    return hashlib.blake2b(msgid.encode("utf-8"), digest_size=8).hexdigest()


CACHEDIR_TAG = b"""Signature: 8a477f597d28d172789f06886806bc55
# This file is a cache directory tag created by article-l10n.
# For information about cache directory tags, see https://bford.info/cachedir/
"""


def prune_files(folder: Path, wanted: set[str]) -> None:
    """Delete the per-document cache files (``*.bin``) of ``folder`` not named in ``wanted``: only current ones stay."""
    try:
        found = [entry for entry in os.scandir(folder) if entry.name.endswith(".bin") and entry.name not in wanted]
    except OSError:
        return
    for entry in found:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
