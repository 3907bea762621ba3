"""A file is parsed once per run: ``update`` reads a catalog for the translation memory and for
the merge, and parses it once (issue 14). Counted by spying on the parser, never timed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from pipeline.po import file as po_file
from pipeline.po import parse as po_parse
from pipeline.po.model import Catalog
from tests.conftest import make_project
from tests.operations.test_many_documents import translate

TEXT = "硅谷的邏輯一向是“大力出奇跡”。\n可現在,風向變了。\n"


def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the parses of each file (by the name errors would give) from now on."""
    seen: Counter[str] = Counter()
    real = po_parse.parse

    def spy(text: str, path: Path | str, charset: str = "UTF-8") -> Catalog:
        seen[Path(path).name] += 1
        return real(text, path, charset)

    monkeypatch.setattr(po_file, "parse", spy)
    return seen


def test_update_parses_each_catalog_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p", text=TEXT)
    run = CliRunner()
    assert run.invoke(main, ["--project", str(root), "update", "-q"], catch_exceptions=False).exit_code == 0
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    translate(po, {"可現在,風向變了。": "But now the wind has changed."})
    (root / "source" / "article.md").write_text(TEXT + "新的一句。\n", encoding="utf-8")
    seen = parses(monkeypatch)
    result = run.invoke(main, ["--project", str(root), "update", "--lang", "en", "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert seen["article.po"] == 1  # read for the memory and for the merge: one parse
    assert seen["article.pot"] == 1
    assert "But now the wind has changed." in po.read_text(encoding="utf-8")


def test_a_kept_parse_is_given_once_for_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.workspace.project import Project

    root = make_project(tmp_path / "p", text=TEXT)
    assert CliRunner().invoke(main, ["--project", str(root), "update", "-q"]).exit_code == 0
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    project = Project(root)
    seen = parses(monkeypatch)
    first = project.load_catalog(po, keep=True)
    assert project.load_catalog(po) is first  # the next read: no parse
    assert seen["article.po"] == 1
    assert project.load_catalog(po) is not first  # given once: not held for the rest of the run
    assert seen["article.po"] == 2
    project.load_catalog(po, keep=True)
    translate(po, {"可現在,風向變了。": "But now the wind has changed."})  # parses it too: counted
    changed = project.load_catalog(po)
    assert seen["article.po"] == 5  # the file changed: parsed again
    assert changed is not None and any(e.msgstr == "But now the wind has changed." for e in changed.catalog.entries)


def test_memory_news_are_looked_for_only_in_catalogs_the_cache_let_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every document to merge anyway, no catalog is searched for the memory's new msgids."""
    root = make_project(tmp_path / "p", text=TEXT)
    run = CliRunner()
    assert run.invoke(main, ["--project", str(root), "update", "-q"], catch_exceptions=False).exit_code == 0
    translate(root / "locales" / "en" / "LC_MESSAGES" / "article.po", {"可現在,風向變了。": "Now the wind turned."})
    (root / "source" / "article.md").write_text(TEXT + "新的一句。\n", encoding="utf-8")
    searched: list[int] = []
    real = po_file.may_hold

    def spy(paths: Sequence[Path], msgids: Collection[str]) -> list[bool]:
        searched.append(len(msgids))
        return real(paths, msgids)

    monkeypatch.setattr(po_file, "may_hold", spy)
    result = run.invoke(main, ["--project", str(root), "update", "--lang", "en", "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert searched == []
