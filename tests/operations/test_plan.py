"""Planning in memory: what ``plan_catalog`` gives besides the merged catalog."""

from __future__ import annotations

from pathlib import Path

from pipeline.operations.plan import plan_catalog, plan_document
from pipeline.workspace import fs
from pipeline.workspace.project import Project
from tests.conftest import make_project


def test_a_hashed_plan_carries_the_digest_of_its_file_and_the_same_counts(tmp_path: Path) -> None:
    """The worker asks for the digest (hashed while the catalog is counted); other callers get none."""
    project = Project(make_project(tmp_path / "p", text="可現在,風向變了。\n第二句。\n"))
    document = plan_document(project, project.documents()[0], "2026-01-01 00:00+0000")
    plain = plan_catalog(project, project.target("en"), document)
    hashed = plan_catalog(project, project.target("en"), document, hashed=True)
    assert plain.content is None
    assert hashed.content == fs.digest(hashed.file.data) and hashed.file.data == plain.file.data
    assert hashed.status == plain.status and hashed.status.total == len(hashed.catalog.live) == 2
