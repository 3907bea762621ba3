"""``check``, the CI gate, and its three reports: text for people, json for tools, github for annotations."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import TYPE_CHECKING

import click

from commands import output
from commands.options import pass_project
from commands.output import counts_json, echo, plural, progress_bar
from pipeline import operations
from pipeline.errors import PipelineError
from pipeline.workspace.project import Project

if TYPE_CHECKING:
    from pipeline.qa import Finding


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for GitHub Actions annotations.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True, help="Check everything again, ignoring what the cache knows.")
@pass_project
def check(project: Project, fmt: str, jobs: int | None, force: bool) -> None:
    """The CI gate: exit 1 unless every catalog is in sync, valid, complete enough and error-free.

    In sync: `extract` and `update` would change nothing. Valid: GNU `msgfmt --check`
    passes (when gettext is installed). Complete: each language meets its min_percent.
    Error-free: no quality check of severity error fires on a translated entry
    (warnings are reported only). A translator silences one check on one entry with the
    flag ignore-<id>.
    """
    # a bar on a terminal only: not for tools reading json or annotations, nor a report piped away
    quiet = fmt != "text" or not output.stdout_is_terminal()
    try:
        with progress_bar("check", quiet) as progress:
            result = operations.check(project, jobs=jobs, force=force, progress=progress)
    except PipelineError as exc:
        if fmt == "text":
            raise
        # A tool reading stdout gets machine output even when the input cannot be read.
        {"json": _check_json_error, "github": _check_github_error}[fmt](project, exc)
        echo(f"Error: {exc.format()}", err=True)  # and the usual line for people reading the log
        sys.exit(exc.exit_code)
    if fmt == "github":
        _check_github(project, result)
    else:
        (_check_json if fmt == "json" else _check_text)(result)
    if not result.msgfmt:
        echo("note: msgfmt not found; install GNU gettext to check catalog syntax too", err=True)
    if not result.ok:
        sys.exit(1)


def _summary(result: operations.CheckResult) -> str:
    return (
        f"{plural(len(result.problems), 'problem')}, {plural(len(result.errors), 'error')}, "
        f"{plural(len(result.warnings), 'warning')}"
    )


def _by_file(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    """Findings grouped by catalog (in the order met), errors first, then by line."""
    from pipeline.qa import CHECKS

    order = {check: index for index, check in enumerate(CHECKS)}  # file-level ones (layout) after them
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    for group in groups.values():
        group.sort(key=lambda f: (f.severity != "error", f.line or 0, order.get(f.check, len(order))))
    return groups


def _check_text(result: operations.CheckResult) -> None:
    for problem in result.problems:
        echo(problem.format())
    for path, group in _by_file(result.findings).items():
        errors = sum(1 for f in group if f.severity == "error")
        echo(f"{path}: {plural(errors, 'error')}, {plural(len(group) - errors, 'warning')}")
        for finding in group:
            echo(f"  {finding.format()}")
    for s in result.statuses:
        echo(f"{s.language}: {s.counts.translated}/{s.counts.total} translated ({s.counts.percent:g}%)")
    if result.ok:
        echo(f"check passed: {_summary(result)}")
    else:
        echo(f"check failed: {_summary(result)}", err=True)


def _check_json(result: operations.CheckResult) -> None:
    data = {
        "ok": result.ok,
        "summary": {"problems": len(result.problems), "errors": len(result.errors), "warnings": len(result.warnings)},
        "problems": [{"path": p.path, "line": p.line, "message": p.message} for p in result.problems],
        "findings": [dataclasses.asdict(f) for f in result.findings],
        "languages": [{"language": s.language, **counts_json(s.counts)} for s in result.statuses],
        "msgfmt": result.msgfmt,
    }
    echo(json.dumps(data, ensure_ascii=False, indent=2))


def _check_json_error(_: Project, exc: PipelineError) -> None:
    """``check --format json`` when the input cannot be read: the error, where it is, and nothing checked."""
    data = {
        "ok": False,
        "error": {"path": exc.path, "line": exc.line, "message": exc.message},
        "summary": {"problems": 0, "errors": 0, "warnings": 0},
        "problems": [],
        "findings": [],
        "languages": [],
        "msgfmt": None,
    }
    echo(json.dumps(data, ensure_ascii=False, indent=2))


def _check_github_error(project: Project, exc: PipelineError) -> None:
    path, line = _placed(project, exc.path, exc.line)
    echo(_annotation("error", exc.message, path, line, "article-l10n check"))


def _placed(project: Project, path: str | None, line: int | None) -> tuple[str, int]:
    """Where GitHub shows an annotation: a whole-file finding on line 1, a project-wide one on the settings."""
    if path is None:
        path, line = project.display(project.root / "pyproject.toml"), None
    return path, line or 1


def _github_escape(text: str, in_property: bool = False) -> str:
    """Escape a workflow-command value (GitHub Actions' rules)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def _annotation(kind: str, message: str, path: str, line: int, title: str) -> str:
    """A workflow command; file= and line= always, so that GitHub can place it."""
    properties = f"file={_github_escape(path, True)},line={line},title={_github_escape(title, True)}"
    return f"::{kind} {properties}::{_github_escape(message)}"


def _check_github(project: Project, result: operations.CheckResult) -> None:
    for problem in result.problems:
        echo(_annotation("error", problem.message, *_placed(project, problem.path, problem.line), "article-l10n check"))
    for path, group in _by_file(result.findings).items():
        for f in group:
            message = f'[{f.check}] "{f.msgid_start}": {f.message}' if f.msgid_start else f"[{f.check}] {f.message}"
            echo(_annotation(f.severity, message, *_placed(project, path, f.line), f"article-l10n {f.check}"))
    echo(f"check {'passed' if result.ok else 'failed'}: {_summary(result)}")
