"""Documents on several processes: the same bytes whatever --jobs, errors in document order,
progress through a callback, and --quiet / --verbose / the progress bar on the command line."""

from __future__ import annotations

import marshal
import os
import pickle
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click._termui_impl
import pytest
from click.testing import CliRunner, Result

import cli
from commands import output
from pipeline import forked, operations
from pipeline.operations import parallel, runner, worker
from pipeline.operations.parallel import Step
from pipeline.workspace import cache
from pipeline.workspace.project import Project
from tests.conftest import make_project

SENTENCES = (
    "可現在,風向變了。",
    "但中國AI不嫌棄。",
    "硅谷的邏輯一向是“大力出奇跡”。",
    "於是,美國AI成了昂貴的奢侈品。",
    "在津巴布韋,它拿下了17%的市場。",
    "所以現在回過頭看,這場中美AI之爭,邏輯已經徹底變了。",
)


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(cli.main, ["--project", str(project), *args], catch_exceptions=False)


def outputs(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and cache.FOLDER not in p.parts
    }


@pytest.fixture(autouse=True)
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small test projects are worth the worker processes, so that the pool is what is tested."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Eight documents in two folders, some sentences shared (translation memory has work to do)."""
    rng = random.Random(6)
    root = make_project(tmp_path / "site", text="".join(line + "\n" for line in SENTENCES[:2]))
    for i in range(7):
        path = root / "source" / ("news" if i % 2 else "notes") / f"doc-{i}.md"
        path.parent.mkdir(exist_ok=True)
        lines = rng.sample(SENTENCES, 3)
        path.write_text(f"# 第{i}篇\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_output_is_the_same_bytes_whatever_the_number_of_workers(site: Path, tmp_path: Path) -> None:
    results = {}
    for jobs in (1, 2, 3):
        copy = tmp_path / f"jobs{jobs}"
        shutil.copytree(site, copy)
        po = copy / "locales/en/LC_MESSAGES/article.po"
        first = run(copy, "update", "--lang", "en", "--jobs", str(jobs))
        po.write_text(po.read_text(encoding="utf-8").replace('msgstr ""\n', 'msgstr "Translated."\n', 2))
        (copy / "source" / "notes" / "doc-0.md").write_text("可現在,風向變了。\n新的一句話。\n", encoding="utf-8")
        second = run(copy, "build", "--all", "--format", "all", "--jobs", str(jobs), "-v")
        assert f"on {min(jobs, 8)} process" in second.stderr
        results[jobs] = (first.output, second.stdout, outputs(copy))
    assert results[1] == results[2] == results[3]


def test_the_first_failing_document_stops_the_run(site: Path) -> None:
    assert run(site, "update", "--lang", "en").exit_code == 0
    for name in ("notes/doc-2.po", "news/doc-5.po"):
        po = site / "locales/en/LC_MESSAGES" / name
        po.write_text(po.read_text(encoding="utf-8") + 'msgid "unterminated\n', encoding="utf-8")
    for jobs in ("1", "2"):
        result = run(site, "build", "--lang", "en", "--jobs", jobs, "--force")
        assert result.exit_code == 2
        assert (
            result.output.strip()
            .splitlines()[-1]
            .startswith(
                "Error: locales/en/LC_MESSAGES/news/doc-5.po:"  # news/ comes before notes/
            )
        )
        # what the workers wrote of the documents after it, beside their targets, is removed
        assert sorted(p.name for p in site.rglob("*.tmp")) == []


def test_progress_is_reported_per_document(site: Path) -> None:
    steps: list[Step] = []
    operations.build(Project(site), ("en",), jobs=2, progress=steps.append)
    assert steps[0] == Step(0, 8, "")
    assert [s.done for s in steps] == list(range(9))
    assert {s.total for s in steps} == {8}
    assert steps[-1].item in {"notes/doc-6", "news/doc-5"}
    steps.clear()
    operations.build(Project(site), ("en",), jobs=2, progress=steps.append)
    assert steps == [Step(8, 8, "")]  # everything came from the cache


def test_quiet_verbose_and_the_progress_bar(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = run(site, "build", "--all", "-q")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    normal = run(site, "build", "--all")
    assert len(normal.stdout.splitlines()) == 16 and normal.stderr == ""  # no bar: stderr is not a terminal
    verbose = run(site, "build", "--all", "--verbose")
    assert verbose.stdout == normal.stdout
    assert verbose.stderr.startswith("8 documents: 8 unchanged (from the cache), 0 processed on 1 process, in ")
    monkeypatch.setattr(output, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(click._termui_impl, "isatty", lambda stream: True)  # CliRunner's stderr is no terminal
    shown = run(site, "build", "--all", "--force")
    assert shown.stdout == normal.stdout
    assert "\rbuild  [####" in shown.stderr and "8/8  notes/doc-6" in shown.stderr
    assert run(site, "build", "--all", "--force", "--quiet").stderr == ""


def test_jobs_must_be_positive(site: Path) -> None:
    result = run(site, "build", "--all", "--jobs", "0")
    assert result.exit_code == 2
    assert "0 is not in the range x>=1" in result.output


def test_workers_only_when_worth_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1000)
    assert parallel.workers(4, 10, 999) == 1  # too little to read
    assert parallel.workers(4, 1, 10**6) == 1  # one document
    assert parallel.workers(4, 3, 10**6) == 3  # no more workers than documents
    assert parallel.workers(1, 10, 10**6) == 1
    assert parallel.workers(None, 10, 10**6) == min(parallel.default_jobs(), 10)


def test_what_workers_get_survives_pickling(site: Path) -> None:
    """Where workers are spawned rather than forked (macOS, Windows, Python 3.14's forkserver), the job
    is pickled: the project (settings, glossary) and the translation memory must come through whole."""
    project = Project(site)
    operations.update(project)
    batch = worker.Batch(
        Project(project.root, project.config, glossary=project.glossary),
        operations.Work(templates=True, catalogs=("zh_Hans", "en")),
        "2026-01-01 00:00+0000",
        {"en": operations.translation_memory(project, project.target("en"), project.documents())},
    )
    copy = pickle.loads(pickle.dumps(batch))
    assert copy.project.config == project.config and copy.project.glossary == project.glossary
    file = project.documents()[0]
    assert worker.process(copy, file) == worker.process(batch, file)


def test_a_catalog_saved_while_workers_run_is_merged_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translator saves a catalog after a worker read it and before its document is written: the
    write refuses (the fingerprint changed), the run is done again, the documents already written
    come from the cache, and both the translator's save and the update's work are kept."""
    assert run(site, "update", "--lang", "en").exit_code == 0
    po = site / "locales/en/LC_MESSAGES/notes/doc-4.po"
    for path in sorted((site / "source").rglob("*.md")):
        path.write_text(path.read_text(encoding="utf-8") + "又一句新的話。\n", encoding="utf-8")
    real_commit = runner.commit
    saved: list[str] = []

    def commit(store: cache.Cache | None, *outcomes: operations.DocumentOutcome) -> None:
        if any(o.file.domain == "notes/doc-4" for o in outcomes) and not saved:
            text = po.read_text(encoding="utf-8")
            assert 'msgid "第4篇"\nmsgstr ""' in text
            po.write_text(text.replace('msgid "第4篇"\nmsgstr ""', 'msgid "第4篇"\nmsgstr "Part 4"'))
            saved.append("notes/doc-4")
        real_commit(store, *outcomes)

    monkeypatch.setattr(runner, "commit", commit)
    result = operations.update(Project(site), ("en",), jobs=2)
    assert saved == ["notes/doc-4"]
    assert result.reread == ("locales/en/LC_MESSAGES/notes/doc-4.po",)
    assert result.stats is not None and result.stats.cached == 6  # article and news/ were written the first time
    text = po.read_text(encoding="utf-8")
    assert 'msgid "第4篇"\nmsgstr "Part 4"' in text and 'msgid "又一句新的話。"' in text
    assert sorted(p.name for p in site.rglob("*.tmp")) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_documents_before_a_failing_one_are_written_none_after_it(site: Path, jobs: str) -> None:
    """The workers write each changed file beside its target; the runner puts them in place in
    document order, so a failing document leaves those before it written and none after it,
    and what the workers wrote ahead of it is removed."""
    assert run(site, "build", "--lang", "en").exit_code == 0
    for path in (site / "source").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "又一句新的話。\n", encoding="utf-8")
    broken = site / "source/news/doc-5.md"
    broken.write_bytes(broken.read_bytes() + b"\xff\n")  # not UTF-8: this document fails on its worker
    result = run(site, "build", "--lang", "en", "--jobs", jobs)
    assert result.exit_code == 2 and "source/news/doc-5.md" in result.output
    editions = {
        p.relative_to(site / "build/en").as_posix(): p.read_text(encoding="utf-8")
        for p in (site / "build/en").rglob("*.md")
    }
    new = {name for name, text in editions.items() if "又一句新的話。" in text}
    assert new == {"article.md", "news/doc-1.md", "news/doc-3.md"}  # in document order, before news/doc-5
    assert sorted(p.name for p in site.rglob("*.tmp")) == []


def test_one_big_document_is_segmented_on_two_processes_if_a_core_is_idle_unless_jobs_is_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(3)
    paragraphs = ["".join(rng.choice(SENTENCES) for _ in range(5)) + str(i) for i in range(6_000)]
    text = "\n\n".join(paragraphs) + "\n"
    assert len(text.encode()) >= parallel.MIN_PARALLEL_BYTES
    forks: list[int] = []
    start = forked.start

    def counted(function: Callable[[], Any]) -> forked.Forked | None:
        forks.append(1)
        return start(function)

    monkeypatch.setattr(forked, "start", counted)
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.5, 0.5, 0.5))  # a core is idle
    alone, shared = make_project(tmp_path / "alone", text), make_project(tmp_path / "shared", text)
    assert run(alone, "extract", "--jobs", "1").exit_code == 0
    assert forks == []
    assert run(shared, "extract", "--jobs", "2").exit_code == 0
    assert forks == [1]
    busy = make_project(tmp_path / "busy", text)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.5, 1.5, 1.5))  # both cores busy: one process
    assert run(busy, "extract").exit_code == 0
    assert forks == [1]
    assert outputs(busy) == outputs(alone)
    assert outputs(shared) == outputs(alone)
    for name in ("segments", "templates"):  # the segment cache and the template record hold the same
        kept = [next((root / cache.FOLDER / name).iterdir()).read_bytes() for root in (alone, shared)]
        payloads = [marshal.loads(data.split(b"\n", 2)[2]) for data in kept]
        assert payloads[0] == payloads[1]
