"""po.file: the one function that loads catalog files, and what the next write changes about a file."""

from __future__ import annotations

import ast
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from pipeline import operations
from pipeline.errors import CatalogError
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from pipeline.workspace.project import Project

PACKAGE = Path(__file__).resolve().parent.parent.parent / "pipeline"
# The modules that turn bytes or text into catalogs: only pipeline/po/ may use them.
READERS = {"pipeline.po.decode", "pipeline.po.parse", "pipeline.po.mo", "polib"}


def test_nothing_outside_po_parses_catalogs() -> None:
    """Every other module goes through po.file.load (or from_bytes, for bytes it already has)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "po":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                names = {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                names = {a.name for a in node.names}
            else:
                continue
            if names & READERS:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert offenders == []


# Who else looks at a catalog file's bytes: the write guard (fs), the cache's freshness hash, and
# plan._current_bytes: the comparison just before a write (a translator's save during the merge shows there).
LOOKS = {"pipeline.workspace.fs", "pipeline.workspace.cache", "pipeline.operations.plan._current_bytes"}


def test_every_command_reads_catalog_files_through_the_one_loader(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catalog files are read (and parsed) by po.file.load only; one document's merge loads each once."""
    reads: Counter[tuple[str, str]] = Counter()
    read_bytes = Path.read_bytes

    def watched(self: Path) -> bytes:
        data = read_bytes(self)
        if self.suffix in (".po", ".pot", ".mo"):
            caller = sys._getframe(1)
            module = caller.f_globals["__name__"]
            name = module if module.startswith("pipeline.workspace.") else f"{module}.{caller.f_code.co_name}"
            reads[(name, self.name)] += 1
        return data

    monkeypatch.setattr(Path, "read_bytes", watched)
    assert operations.update(Project(project_dir), ("en",), jobs=1)
    (project_dir / "source" / "article.md").write_text("新的一句。\n", encoding="utf-8")
    reads.clear()
    assert operations.update(Project(project_dir), ("en",), jobs=1)
    assert {reader for reader, _ in reads} <= {"pipeline.po.file.load", *LOOKS}, reads
    # the merge's load (the translation memory's pairs come from the cache this time)
    assert reads[("pipeline.po.file.load", "article.po")] == 1
    assert reads[("pipeline.po.file.load", "article.pot")] == 1
    reads.clear()
    operations.check(Project(project_dir), jobs=1)
    operations.build(Project(project_dir), ("en",), jobs=1)
    operations.build(Project(project_dir), ("en",), refresh=False, jobs=1)
    operations.review(Project(project_dir), ("en",))
    operations.status(Project(project_dir))
    assert {reader for reader, _ in reads} <= {"pipeline.po.file.load", *LOOKS}, reads


def test_load_returns_none_for_no_file_and_names_an_unreadable_one(tmp_path: Path) -> None:
    assert po_file.load(tmp_path / "none.po") is None
    (tmp_path / "dir.po").mkdir()
    with pytest.raises(CatalogError, match="cannot read") as caught:
        po_file.load(tmp_path / "dir.po", "locales/dir.po")
    assert "locales/dir.po" in str(caught.value)
    with pytest.raises(CatalogError, match="cannot read: No such file"):
        po_file.read(tmp_path / "none.po")


def test_load_hands_on_the_bytes_it_read_and_reuses_a_known_parse(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(render(Catalog(entries=(Entry("甲", "A"),))), encoding="utf-8")
    first = po_file.load(path)
    assert first is not None and first.data == path.read_bytes()
    assert po_file.load(path, known=first) is first  # same bytes: not parsed again
    path.write_text(render(Catalog(entries=(Entry("甲", "B"),))), encoding="utf-8")
    second = po_file.load(path, known=first)
    assert second is not None and second is not first and second.catalog.entries[0].msgstr == "B"


def test_load_reads_a_mo_file_as_a_compiled_catalog(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="甲", msgstr="A"))
    po.save_as_mofile(str(tmp_path / "old.mo"))
    found = po_file.load(tmp_path / "old.mo")
    assert found is not None and [(e.msgid, e.msgstr) for e in found.catalog.entries] == [("甲", "A")]
    (tmp_path / "bad.mo").write_bytes(b"\x00")
    with pytest.raises(CatalogError, match=r"cannot read as a \.mo file"):
        po_file.load(tmp_path / "bad.mo")
    (tmp_path / "text.mo").write_bytes(b"not a compiled catalog")
    with pytest.raises(CatalogError, match=r"cannot read as a \.mo file"):
        po_file.load(tmp_path / "text.mo")


def test_may_hold_finds_msgid_lines_as_the_writer_writes_them(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(render(Catalog(entries=(Entry('說"好"', ""), Entry("一\n二", "")))), encoding="utf-8")
    assert po_file.may_hold([path], ['說"好"']) == [True]
    assert po_file.may_hold([path], ["一\n二"]) == [True]
    assert po_file.may_hold([path], ["別的"]) == [False]
    many = [f"句{n}" for n in range(40)]  # past the few looked for one by one
    assert po_file.may_hold([path, tmp_path / "gone.po"], [*many, "一\n二"]) == [True, True]
    assert po_file.may_hold([path], many) == [False]


def test_prepare_says_a_header_was_added_only_when_one_is() -> None:
    read = po_file.from_bytes(b'msgid "a"\nmsgstr "b"\n', "x.po")
    assert not read.catalog.has_header
    kept, notices = po_file.prepare(read, read.catalog)
    assert not kept.has_header and not any("header" in n for n in notices)
    headed = replace(read.catalog, has_header=True, header=(("Language", "en"),))
    _, notices = po_file.prepare(read, headed)
    assert "header added (the file had none)" in notices
