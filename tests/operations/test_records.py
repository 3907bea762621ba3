"""A document's outputs are listed once (``records.outputs``): the worker makes them, the cache replays them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.l10n.merge_records import MergeCounts
from pipeline.operations import records
from pipeline.operations.records import DocumentOutcome, Work
from pipeline.operations.runner import run_documents
from pipeline.workspace.project import Project
from tests.conftest import make_project

WORK = Work(
    templates=True,
    catalogs=("zh_Hans", "en"),
    editions=("zh_Hant", "zh_Hans", "en"),
    formats=("md", "html"),
    reviews=("zh_Hans", "en"),
)


def reported(outcome: DocumentOutcome) -> DocumentOutcome:
    """What a command reports of an outcome, without the files and facts only a fresh run carries,
    and without the merge counts of its catalogs (a replayed catalog has every entry unchanged)."""
    catalogs = tuple(replace(c, counts=MergeCounts()) for c in outcome.catalogs)
    return replace(outcome, catalogs=catalogs, files=(), facts=(), counts=(), memory=(), cached=False)


def test_a_replayed_outcome_reports_what_a_fresh_run_does(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", text="# 標題\n第一句。第二句。\n\n第三句（注意）。\n")
    project = Project(root)
    first, _, _ = run_documents(project, WORK)
    assert not first[0].cached
    fresh, _, _ = run_documents(project, WORK, write=False, force=True)
    replayed, stats, _ = run_documents(project, WORK, write=False)
    assert stats.cached == 1 and replayed[0].cached
    assert [reported(o) for o in replayed] == [reported(o) for o in fresh]
    for again, made in zip(replayed[0].catalogs, fresh[0].catalogs, strict=True):
        assert again.counts.unchanged == made.counts.unchanged + made.counts.added > 0
    names = [o.name for o in records.outputs(project, project.documents()[0], WORK)]
    assert [f.output for f in fresh[0].facts] == names  # the worker makes them in the listed order
    assert [b.path for b in replayed[0].editions] + [p.path for p in replayed[0].reviews] == names[3:]
    assert len(replayed[0].reviews) == 2 and replayed[0].reviews[0].counts.total > 0
