"""A document whose file name has a space (``source/台北 新聞.md``), through every command and the workbench.

Its ``#:`` references put the name between U+2068 and U+2069, as GNU gettext does
(pipeline/po/references.py), so that tools read one reference and not two.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.l10n.merge import merge
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render
from pipeline.workbench import editor
from pipeline.workspace.project import Project
from tests.conftest import MakeProject
from tests.workbench.conftest import ORIGIN, client

NAME = "台北 新聞"
ARTICLE = "# 標題\n\n第一句話。第二句話！\n\n最後一段。\n"
QUOTED = f"\u2068source/{NAME}.md\u2069"


def run(root: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    assert "Traceback" not in result.output
    return result


def spaced_project(new_project: MakeProject) -> Path:
    root = new_project(ARTICLE)
    (root / "source" / "article.md").rename(root / "source" / f"{NAME}.md")
    return root


def test_every_command_takes_a_document_named_with_a_space(new_project: MakeProject) -> None:
    root = spaced_project(new_project)
    assert run(root, "extract").exit_code == 0
    template = (root / "locales" / f"{NAME}.pot").read_text("utf-8")
    assert f'#: {QUOTED}:3\nmsgid "第一句話。"' in template
    places = [line for line in template.splitlines() if line.startswith("#:")]
    assert places and not any(f"source/{NAME}.md" in line.replace(QUOTED, "") for line in places)  # never bare

    assert run(root, "update", "--lang", "en").exit_code == 0
    en = root / "locales" / "en" / "LC_MESSAGES" / f"{NAME}.po"
    text = en.read_text("utf-8")
    assert f"#: {QUOTED}:3" in text
    en.write_text(text.replace('msgid "第一句話。"\nmsgstr ""', 'msgid "第一句話。"\nmsgstr "The first."'), "utf-8")
    assert po_file.read(en).entries[0].references == (f"source/{NAME}.md:1",)

    assert run(root, "update").exit_code == 0  # zh_Hans too, for check's min_percent
    catalogs = sorted((root / "locales").rglob("*.po*"))
    before = {path: path.read_bytes() for path in catalogs}
    assert run(root, "update").exit_code == 0
    assert {path: path.read_bytes() for path in catalogs} == before  # the second run changes nothing

    status = run(root, "status", "--documents")
    assert status.exit_code == 0 and NAME in status.output
    check = run(root, "check")
    assert check.exit_code == 0, check.output
    assert run(root, "build", "--lang", "en").exit_code == 0
    assert "The first. 第二句話！" in (root / "build" / "en" / f"{NAME}.md").read_text("utf-8")
    assert run(root, "review", "--lang", "en").exit_code == 0
    assert (root / "build" / "en" / f"{NAME}.review.html").is_file()

    if shutil.which("msgfmt") is not None:
        for path in catalogs:
            subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)


def test_a_catalog_with_the_old_unquoted_references_is_brought_up_to_date(new_project: MakeProject) -> None:
    """Written before the quoting, the name read as two references; the next update writes one, keeping the work."""
    root = spaced_project(new_project)
    run(root, "update", "--lang", "en")
    en = root / "locales" / "en" / "LC_MESSAGES" / f"{NAME}.po"
    old = en.read_text("utf-8").replace(QUOTED, f"source/{NAME}.md")
    en.write_text(old.replace('msgid "最後一段。"\nmsgstr ""', 'msgid "最後一段。"\nmsgstr "Last."'), "utf-8")
    assert run(root, "update", "--lang", "en").exit_code == 0
    catalog = po_file.read(en)
    assert {e.msgid: e.msgstr for e in catalog.entries}["最後一段。"] == "Last."
    assert all(e.references[0].startswith(f"source/{NAME}.md:") for e in catalog.entries)


def test_the_workbench_lists_opens_and_saves_a_document_named_with_a_space(new_project: MakeProject) -> None:
    root = spaced_project(new_project)
    run(root, "update")
    project = Project(root)
    c = client(project)
    assert f'href="/edit/en/{NAME}"' in c.get("/").text  # the browser quotes the space
    page = c.get(f"/edit/en/{quote(NAME)}")
    assert page.status_code == 200 and "第二句話！" in page.text
    path = project.catalog_path("en", NAME)
    found = editor.find_entry(po_file.read(path), "第二句話！")
    assert found is not None
    body = {"lang": "en", "doc": NAME, "msgid": "第二句話！", "base": editor.version(found), "msgstr": "Second!"}
    response = c.post("/api/save", json={**body, "comment": "", "fuzzy": False}, headers=ORIGIN)
    assert response.status_code == 200, response.text
    assert f'#: {QUOTED}:3\nmsgid "第二句話！"\nmsgstr "Second!"' in path.read_text("utf-8")


@pytest.mark.parametrize("path", ["a.md", f"source/{NAME}.md"])
def test_the_merge_finds_old_neighbours_through_quoted_references(path: str) -> None:
    """Joining two old segments needs where they stood: read from the catalog file, as for any name."""

    def catalog(*pairs: tuple[str, str]) -> Catalog:
        entries = tuple(Entry(m, s, references=(f"{path}:{i + 1}",)) for i, (m, s) in enumerate(pairs))
        return parse(render(Catalog(header=(("Language", "en"),), entries=entries)), "x.po")

    old = catalog(("「快進來！」", '"Come in!"'), ("媽媽喊道。", "Mum called."))
    (joined,) = merge(catalog(("「快進來！」媽媽喊道。", "")), old, None, True).catalog.live
    assert joined.msgstr == '"Come in!" Mum called.' and joined.fuzzy
    assert joined.references == (f"{path}:1",)


def test_a_document_suffix_in_capitals_is_a_document(new_project: MakeProject) -> None:
    """``NOTES.MD`` is Markdown like ``notes.md`` (it was silently left out); its edition is ``NOTES.md``."""
    root = new_project(ARTICLE)
    wrapped = "這是一個很長的句子，\n在這裡換行。\n\n另一段。\n"  # Markdown and text editions differ here
    for name in ("NOTES.MD", "small.md", "PLAIN.Txt", "plain.txt"):
        (root / "source" / name).write_text(wrapped, encoding="utf-8")
    assert [d.domain for d in Project(root).documents()] == ["NOTES", "PLAIN", "article", "plain", "small"]
    assert run(root, "update").exit_code == 0
    notes, small = (po_file.read(root / "locales" / f"{name}.pot").entries for name in ("NOTES", "small"))
    assert [(e.msgid, e.references[0].replace("NOTES.MD", "small.md")) for e in notes] == [
        (e.msgid, e.references[0]) for e in small
    ]
    assert run(root, "build", "--lang", "en", "--format", "all").exit_code == 0
    build = root / "build" / "en"
    assert sorted(p.name for p in build.iterdir() if not p.name.endswith(".html")) == [
        "NOTES.md",
        "PLAIN.txt",
        "article.md",
        "plain.txt",
        "small.md",
    ]
    assert (build / "NOTES.md").read_bytes() == (build / "small.md").read_bytes()  # read and built as Markdown
    assert (build / "PLAIN.txt").read_bytes() == (build / "plain.txt").read_bytes()
    assert (build / "NOTES.md").read_bytes() != (build / "plain.txt").read_bytes()
    check = run(root, "check")
    assert check.exit_code == 0 and "orphan" not in check.output, check.output
    (root / "source" / "NOTES.md").write_text("一句。\n", encoding="utf-8")
    result = run(root, "update")
    assert result.exit_code == 2 and "same gettext domain 'NOTES'" in result.output
