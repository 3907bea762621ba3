"""``check``'s work on each catalog: the quality checks (``pipeline.qa``) and ``msgfmt --check``.

A catalog whose content the cache has seen (``cache.Cache.verdict``) is not read again: its
findings are replayed, and msgfmt is not run again when the same msgfmt passed that content.
Everything else a finding depends on (the settings, the glossary, this code) is the cache's
environment hash. The other catalogs are read once each, on worker processes, checked, and
given to msgfmt on its standard input, so that the verdict kept is that of the very bytes
whose hash keys it. Details: docs/many-documents.md.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from pipeline import qa
from pipeline.operations import parallel
from pipeline.operations.findings import qa_language
from pipeline.operations.plan import target_languages
from pipeline.qa import Finding
from pipeline.workspace import cache, fs
from pipeline.workspace.project import Project


@dataclass(frozen=True)
class Problem:
    """A failed gate condition: a stale, invalid or incomplete catalog."""

    message: str
    path: str | None = None
    line: int | None = None

    def format(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line is not None else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Msgfmt:
    """GNU msgfmt: where it is, and what it is (its path and version: a pass is kept for this one only)."""

    program: str
    identity: str | None  # None: its version is unknown, so no pass of it is kept


@dataclass(frozen=True)
class Verdicts:
    """What the checks found in the catalogs, in catalog order."""

    findings: tuple[Finding, ...]
    msgfmt: tuple[Problem, ...]  # what msgfmt --check said of the catalogs it refused
    checked: int  # catalogs read and checked by this run (the others came from the cache)


# What a worker sends back for one catalog: its content hash (None: no file), its findings,
# and msgfmt's problems with it (None: msgfmt was not run).
_Result = tuple[str | None, tuple[Finding, ...], tuple[Problem, ...] | None]


def find_msgfmt() -> Msgfmt | None:
    """GNU msgfmt, if installed."""
    program = shutil.which("msgfmt")
    if program is None:
        return None
    try:
        run = subprocess.run([program, "--version"], capture_output=True, check=False)
    except OSError:
        return Msgfmt(program, None)
    lines = run.stdout.decode("utf-8", "replace").splitlines()
    return Msgfmt(program, f"{program} {lines[0]}" if run.returncode == 0 and lines else None)


def check_catalogs(
    project: Project,
    store: cache.Cache | None,
    codes: tuple[str, ...] = (),
    *,
    msgfmt: Msgfmt | None = None,
    jobs: int | None = None,
    advance: Callable[[int, str], None] | None = None,
) -> Verdicts:
    """The findings of every catalog on disk of ``codes`` (every target language if none), with
    msgfmt's verdicts when ``msgfmt`` is given; language by language, in document order.

    ``store``: the cache to replay and keep verdicts in (None: check everything, keep nothing).
    ``advance(n, name)`` is called as catalogs are done (``n`` of them, the last one ``name``).
    """
    files = project.documents()
    settings = target_languages(project, codes)
    tasks = [
        (s.code, path)
        for s in settings
        for file in files
        if (path := project.catalog_path(s.code, file.domain)).exists()
    ]
    names = [project.display(path) for _, path in tasks]
    results: list[_Result | None] = []
    todo: list[tuple[str, Path, bool]] = []
    for (code, path), name in zip(tasks, names, strict=True):
        known = _known(store, name, msgfmt)
        results.append(known)
        if known is None:
            if store is not None:
                store.observe([name])  # before it is read: a change while it is read shows next time
            todo.append((code, path, msgfmt is not None))
    if advance is not None and len(todo) < len(tasks):
        advance(len(tasks) - len(todo), "")
    targets = {s.code: qa_language(project, s) for s in settings}
    context = (project, targets, msgfmt.program if msgfmt is not None else None)
    processes = parallel.workers(jobs, len(todo), sum(_size(path) for _, path, _ in todo))
    done = iter(parallel.run(_check, context, todo, processes))
    for index, name in enumerate(names):
        if results[index] is not None:
            continue
        result = results[index] = next(done)
        content, findings, refused = result
        if store is not None and content is not None:
            passed = msgfmt.identity if msgfmt is not None and refused == () else None
            store.store_verdict(name, content, [list(astuple(f)) for f in findings], passed)
        if advance is not None:
            advance(1, name)
    if store is not None and not codes:
        store.keep_verdicts(names)
    findings = tuple(f for result in results if result is not None for f in result[1])
    problems = tuple(p for result in results if result is not None for p in result[2] or ())
    return Verdicts(findings, problems, len(todo))


def _known(store: cache.Cache | None, name: str, msgfmt: Msgfmt | None) -> _Result | None:
    """What the cache knows of this catalog as it is now, if that is all this run needs; else None."""
    if store is None:
        return None
    found = store.verdict(name)
    if found is None:
        return None
    raw, passed = found
    if msgfmt is not None and (msgfmt.identity is None or passed != msgfmt.identity):
        return None
    try:
        findings = tuple(_finding(item) for item in raw)
    except (TypeError, ValueError):  # a damaged record: check again
        return None
    return None, findings, () if msgfmt is not None else None


def _finding(item: Any) -> Finding:
    check, severity, path, line, msgid_start, message, language = item
    if severity not in (qa.ERROR, qa.WARNING) or not (line is None or isinstance(line, int)):
        raise ValueError("not a finding")
    return Finding(str(check), severity, str(path), line, str(msgid_start), str(message), str(language))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check(context: tuple[Project, Mapping[str, qa.Language], str | None], task: tuple[str, Path, bool]) -> _Result:
    """The checks of one catalog (runs in a worker process): read once, checked, given to msgfmt."""
    project, targets, program = context
    code, path, run_msgfmt = task
    name = project.display(path)
    read = project.load_catalog(path)
    if read is None:  # deleted since it was listed
        return None, (), None
    findings = tuple(qa.check_catalog(read.catalog, name, targets[code]))
    refused = _msgfmt_check(program, read.data, name) if run_msgfmt and program is not None else None
    return fs.digest(read.data), findings, refused


def _msgfmt_check(program: str, data: bytes, display: str) -> tuple[Problem, ...]:
    """What ``msgfmt --check`` says of a catalog's bytes (read on its standard input); () if it passes them."""
    run = subprocess.run([program, "--check", "--output-file=/dev/null", "-"], input=data, capture_output=True)
    if run.returncode == 0:
        return ()
    # msgfmt's verdict ("found 1 fatal error") follows the lines that explain it, which may be
    # warnings (a missing header): keep those too, so the reason is never lost; the verdict
    # itself only counts them again, so it is kept only when nothing explains it.
    lines = [line for line in run.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    explained = [line for line in lines if not _VERDICT.search(line)]
    lines = explained or lines
    problems = []
    for line in lines:
        text = line.replace("<stdin>", display)
        located = re.match(rf"{re.escape(display)}:(\d+): (.*)", text)
        if located:
            problems.append(Problem(f"msgfmt --check: {located.group(2)}", display, int(located.group(1))))
        else:
            problems.append(Problem(f"msgfmt --check: {text}", display))
    if data.startswith(BOM):  # msgfmt says "1:2: syntax error", which does not say why
        first_line = (f"{display}:1:", f"{display}:1 ")
        problems = [
            p
            for p in problems
            if not ("syntax error" in p.message and (p.line == 1 or any(w in p.message for w in first_line)))
        ]
        problems.insert(0, Problem(BOM_REFUSED, display, 1))
    return tuple(problems) or (Problem("msgfmt --check failed", display),)


_VERDICT = re.compile(r"found \d+ fatal errors?$")
BOM = b"\xef\xbb\xbf"
BOM_REFUSED = (
    "msgfmt --check: the file starts with a UTF-8 byte order mark (BOM), which GNU msgfmt rejects; "
    "save it as UTF-8 without BOM, or run update, which rewrites it without one"
)
