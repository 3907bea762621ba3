"""``check`` keeps what it found per catalog content (findings, msgfmt's pass) and checks again
only the catalogs that changed; what it prints is what a fresh check prints. And its progress
bar: on a terminal only, never in json or github output nor for a report piped away."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import click._termui_impl
import pytest
from click.testing import CliRunner, Result

import cli
from commands import output
from pipeline import operations, qa
from pipeline.operations import runner, verdicts, worker
from pipeline.operations.parallel import Step
from pipeline.operations.records import DocumentOutcome
from pipeline.po import file as po_file
from pipeline.po.write import render
from pipeline.workspace import cache
from pipeline.workspace.project import DocumentFile, Project
from tests.conftest import make_project

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed; CI installs it")

PEOPLE = "共有%d個人。"
WIND = "可現在,風向變了。"
AI = "但中國AI不嫌棄。"
NOTES = f"# 註記\n{WIND}\n{AI}\n"
ZIMBABWE = "在津巴布韋,它拿下了17%的市場。"
NEWS = f"{WIND}\n{ZIMBABWE}\n"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(cli.main, ["--project", str(project), *args], catch_exceptions=False)


def catalog(root: Path, code: str, domain: str) -> Path:
    return root / "locales" / code / "LC_MESSAGES" / f"{domain}.po"


def translate(path: Path, msgid: str, msgstr: str, flags: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    old = f'msgid "{msgid}"\nmsgstr ""\n'
    assert old in text, msgid
    path.write_text(text.replace(old, (f"#, {flags}\n" if flags else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three documents; English has an error (a copy) in one catalog and a warning in another,
    and a c-format entry msgfmt refuses in the third."""
    root = make_project(tmp_path / "site", text=NOTES)
    (root / "source" / "news").mkdir()
    (root / "source" / "news" / "ai-race.md").write_text(NEWS, encoding="utf-8")
    (root / "source" / "people.md").write_text(f"{PEOPLE}\n{AI}\n", encoding="utf-8")
    assert run(root, "build", "--all", "-q").exit_code == 0
    translate(catalog(root, "en", "article"), WIND, WIND)  # error: untranslated-copy
    translate(catalog(root, "en", "news/ai-race"), ZIMBABWE, "In Zimbabwe it took the market.")  # warning: numbers
    translate(catalog(root, "en", "people"), PEOPLE, "Some people.", flags="c-format")  # msgfmt: no %d
    return root


class Spy:
    """Which catalogs the quality checks read, and which msgfmt checked (in this process: --jobs 1)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.checked: list[str] = []
        self.msgfmt: list[str] = []
        check_catalog, msgfmt_check = qa.check_catalog, verdicts._msgfmt_check

        def spied_check(found: object, path: str, lang: qa.Language) -> tuple[qa.Finding, ...]:
            self.checked.append(path)
            return check_catalog(found, path, lang)  # type: ignore[arg-type]

        def spied_msgfmt(program: str, data: bytes, display: str) -> tuple[verdicts.Problem, ...]:
            self.msgfmt.append(display)
            return msgfmt_check(program, data, display)

        monkeypatch.setattr(qa, "check_catalog", spied_check)
        monkeypatch.setattr(verdicts, "_msgfmt_check", spied_msgfmt)

    def clear(self) -> None:
        self.checked.clear()
        self.msgfmt.clear()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spy]:
    yield Spy(monkeypatch)


def said(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


@needs_msgfmt
def test_a_warm_check_says_what_a_fresh_one_says_and_checks_only_what_changed(site: Path, spy: Spy) -> None:
    first = run(site, "check", "--jobs", "1")
    assert first.exit_code == 1
    assert "[untranslated-copy]" in first.stdout and "warning: [numbers]" in first.stdout
    assert "people.po:" in first.stdout and "msgfmt --check: number of format specifications" in first.stdout
    assert len(spy.checked) == len(spy.msgfmt) == 6  # three documents, two languages
    spy.clear()
    warm = run(site, "check", "--jobs", "1")
    assert said(warm) == said(first)
    refused = ["locales/en/LC_MESSAGES/people.po"]  # msgfmt's refusal is not kept: checked again
    assert spy.checked == spy.msgfmt == refused
    spy.clear()
    assert said(run(site, "check", "--jobs", "1", "--force")) == said(first)
    assert len(spy.checked) == 6
    shutil.rmtree(site / cache.FOLDER)
    assert said(run(site, "check", "--jobs", "1")) == said(first)

    # one catalog edited: it alone is read again, and the output is a fresh check's
    translate(catalog(site, "en", "article"), AI, "But Chinese AI does not mind.")
    spy.clear()
    edited = run(site, "check", "--jobs", "1")
    assert spy.checked == ["locales/en/LC_MESSAGES/article.po", *refused]
    assert spy.msgfmt == ["locales/en/LC_MESSAGES/article.po", *refused]
    assert said(edited) == said(run(site, "check", "--jobs", "1", "--force"))
    assert edited.stdout != first.stdout  # the new translation is counted


def test_without_msgfmt_the_findings_are_kept_and_replayed(
    site: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verdicts, "find_msgfmt", lambda: None)
    fresh = operations.check(Project(site), jobs=1, force=True)
    assert not fresh.msgfmt and len(spy.checked) == 6 and spy.msgfmt == []
    spy.clear()
    warm = operations.check(Project(site), jobs=1)
    assert spy.checked == []  # every catalog as the forced run found it
    assert warm == fresh
    assert [f.check for f in warm.errors] == ["untranslated-copy"]


def test_a_changed_environment_or_msgfmt_checks_everything_again(
    site: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(site, "check", "--jobs", "1").exit_code == 1
    spy.clear()
    glossary = site / "locales" / "glossary.csv"
    glossary.write_text("source,language,target,note\n硅谷,en,Silicon Valley,\n", encoding="utf-8")
    assert run(site, "build", "--all", "-q").exit_code == 0  # the catalogs get the new glossary notes
    spy.clear()
    assert run(site, "check", "--jobs", "1").exit_code == 1
    assert len(spy.checked) == 6  # a new glossary: every verdict is foreign
    spy.clear()
    found = verdicts.find_msgfmt()
    if found is not None:  # another msgfmt: its passes are its own
        monkeypatch.setattr(verdicts, "find_msgfmt", lambda: verdicts.Msgfmt(found.program, "another msgfmt 9.9"))
        assert run(site, "check", "--jobs", "1").exit_code == 1
        assert len(spy.msgfmt) == 6


def test_a_damaged_or_foreign_record_is_ignored(site: Path, spy: Spy) -> None:
    first = run(site, "check", "--jobs", "1")
    record = site / cache.FOLDER / cache.CHECKS_NAME
    data = json.loads(record.read_text(encoding="utf-8"))
    name = "locales/en/LC_MESSAGES/article.po"
    assert [f[0] for f in data["catalogs"][name][1]] == ["untranslated-copy"]
    data["catalogs"][name][1] = [["untranslated-copy", "fatal", name, 1, "", "", "en"]]  # no such severity
    data["catalogs"]["locales/en/LC_MESSAGES/news/ai-race.po"][1] = "damaged"
    record.write_text(json.dumps(data), encoding="utf-8")
    spy.clear()
    assert said(run(site, "check", "--jobs", "1")) == said(first)
    assert name in spy.checked and "locales/en/LC_MESSAGES/news/ai-race.po" in spy.checked
    record.write_text("{not json", encoding="utf-8")
    assert said(run(site, "check", "--jobs", "1")) == said(first)
    data = json.loads(record.read_text(encoding="utf-8"))
    data["environment"] = "another"
    record.write_text(json.dumps(data), encoding="utf-8")
    spy.clear()
    assert said(run(site, "check", "--jobs", "1")) == said(first)
    assert len(spy.checked) == 6


def test_a_deleted_documents_verdicts_go(site: Path) -> None:
    assert run(site, "check").exit_code == 1
    (site / "source" / "people.md").unlink()
    for code in ("en", "zh_Hans"):
        catalog(site, code, "people").unlink()
    run(site, "check")
    data = json.loads((site / cache.FOLDER / cache.CHECKS_NAME).read_text(encoding="utf-8"))
    assert sorted(data["catalogs"]) == [
        f"locales/{code}/LC_MESSAGES/{domain}.po"
        for code in ("en", "zh_Hans")
        for domain in ("article", "news/ai-race")
    ]


# ---------------------------------------------------------------- progress


def test_check_reports_progress_per_document_then_per_catalog(site: Path) -> None:
    assert run(site, "update", "-q").exit_code == 0  # every document current: the cache knows them
    steps: list[Step] = []
    operations.check(Project(site), jobs=1, progress=steps.append)
    assert {s.total for s in steps} == {9}  # 3 documents, then their 6 catalogs
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert steps[-1].done == 9
    steps.clear()
    operations.check(Project(site), jobs=1, progress=steps.append)  # warm: in a few steps
    assert steps[-1].done == 9 and len(steps) <= 4


def on_a_terminal(monkeypatch: pytest.MonkeyPatch, stdout: bool = True) -> None:
    monkeypatch.setattr(output, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: stdout)
    monkeypatch.setattr(click._termui_impl, "isatty", lambda stream: True)  # CliRunner's stderr is no terminal


def test_the_bar_is_drawn_on_a_terminal_only(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = run(site, "check", "--force")
    assert "check  [" not in plain.stderr  # not a terminal
    on_a_terminal(monkeypatch)
    shown = run(site, "check", "--force")
    assert shown.stdout == plain.stdout
    assert "\rcheck  [####" in shown.stderr and "9/9" in shown.stderr
    assert shown.stderr.endswith(plain.stderr)  # the bar, then the same messages


@pytest.mark.parametrize("how", ["json", "github", "piped"])
def test_no_bar_for_tools_nor_a_piped_report(site: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    args = () if how == "piped" else ("--format", how)
    plain = run(site, "check", "--force", *args)
    on_a_terminal(monkeypatch, stdout=how != "piped")
    shown = run(site, "check", "--force", *args)
    assert said(shown) == said(plain)
    assert "check  [" not in shown.stderr


# ---------------------------------------------------------------- documents check found current


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and cache.FOLDER not in p.parts
    }


def set_entry(path: Path, msgid: str, msgstr: str) -> None:
    """Give one entry this translation (not fuzzy), as a translator's editor would."""
    found = po_file.load(path)
    assert found is not None
    entries = tuple(
        replace(e, msgstr=msgstr, flags=tuple(f for f in e.flags if f != "fuzzy"), previous_msgid=None)
        if e.msgid == msgid
        else e
        for e in found.catalog.entries
    )
    path.write_text(render(replace(found.catalog, entries=entries)), encoding="utf-8")


def test_a_document_check_found_current_is_not_merged_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    merged: list[str] = []
    real = worker.process

    def spied(batch: worker.Batch, file: DocumentFile) -> DocumentOutcome:
        merged.append(file.domain)
        return real(batch, file)

    monkeypatch.setattr(runner, "process", spied)
    first = run(site, "check", "--jobs", "1")  # the catalogs were edited after the build: merged again
    assert merged == ["article", "news/ai-race", "people"]
    # update would rewrite news/ai-race.po (its layout differs): not current, merged every time
    assert "news/ai-race.po: warning: [layout]" in first.stdout
    merged.clear()
    assert said(run(site, "check", "--jobs", "1")) == said(first)
    assert merged == ["news/ai-race"]
    assert said(run(site, "check", "--jobs", "1", "--force")) == said(first)


def test_what_check_records_keeps_the_memory_right(site: Path) -> None:
    """A translation removed (here and where the memory had copied it), check run, the translation
    back: the next update makes what a forced update (no cache) makes."""
    article, people = catalog(site, "en", "article"), catalog(site, "en", "people")
    set_entry(article, AI, "But Chinese AI does not mind.")
    assert run(site, "update", "-q").exit_code == 0
    assert 'msgid "但中國AI不嫌棄。"\nmsgstr "But Chinese AI does not mind."' in people.read_text(encoding="utf-8")
    set_entry(article, AI, "")
    set_entry(people, AI, "")
    run(site, "check")
    set_entry(article, AI, "But Chinese AI does not mind.")
    assert run(site, "update", "-q").exit_code == 0
    before = snapshot(site)
    assert run(site, "update", "-q", "--force").exit_code == 0
    assert snapshot(site) == before
