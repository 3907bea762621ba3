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


def test_a_current_template_is_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Source unchanged since the template was made: the template written with its own date is its
    very bytes, so ``update`` compares bytes and parses no template (plan._template_file)."""
    root = make_project(tmp_path / "p", text=TEXT)
    run = CliRunner()
    assert run.invoke(main, ["--project", str(root), "update", "-q"], catch_exceptions=False).exit_code == 0
    pot = root / "locales" / "article.pot"
    before = pot.read_bytes()
    translate(root / "locales" / "en" / "LC_MESSAGES" / "article.po", {"可現在,風向變了。": "But now."})
    seen = parses(monkeypatch)
    result = run.invoke(main, ["--project", str(root), "update", "--lang", "en", "--jobs", "1", "--force", "-q"])
    assert result.exit_code == 0, result.output
    assert seen["article.pot"] == 0
    assert pot.read_bytes() == before


def test_a_rewrapped_template_with_the_same_entries_keeps_its_creation_date(tmp_path: Path) -> None:
    """Bytes differ but no entry does: the file is parsed, its entries compared, its date kept."""
    root = make_project(tmp_path / "p", text=TEXT)
    run = CliRunner()
    assert run.invoke(main, ["--project", str(root), "update", "-q"], catch_exceptions=False).exit_code == 0
    pot = root / "locales" / "article.pot"
    before = pot.read_bytes()
    date = po_file.header_value(before, "POT-Creation-Date")
    assert date is not None
    pot.write_bytes(before.replace(b'msgid "', b'msgid ""\n"'))  # the same entries, wrapped otherwise
    result = run.invoke(main, ["--project", str(root), "extract", "--force", "-q"])
    assert result.exit_code == 0, result.output
    assert pot.read_bytes() == before  # the layout restored, the date kept


def test_header_value_reads_the_first_entry_only() -> None:
    header = b'msgid ""\nmsgstr ""\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
    data = header + b'\nmsgid "\xe7\x94\xb2"\nmsgstr BROKEN\n'  # the rest is not read
    assert po_file.header_value(data, "POT-Creation-Date") == "2026-01-01 00:00+0000"
    assert po_file.header_value(b"garbage", "POT-Creation-Date") is None
    assert po_file.header_value(b'msgid "x"\nmsgstr ""\n', "POT-Creation-Date") is None
