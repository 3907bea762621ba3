"""``status`` of a catalog emptied of its entries: not started, as ``check`` says, never 0/0 = 100%."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands.test_cli import run
from tests.conftest import MakeProject

EN_PO = Path("locales/en/LC_MESSAGES/article.po")


def _empty(po: Path) -> None:
    """Keep the catalog's header, drop every entry (as a slip in an editor may)."""
    text = po.read_text(encoding="utf-8")
    po.write_text(text[: text.index("\n\n") + 1], encoding="utf-8")


def _en(project: Path) -> dict[str, object]:
    data = json.loads(run(project, "status", "--lang", "en", "--format", "json").output)
    language: dict[str, object] = data["languages"][0]
    return language


def test_an_emptied_catalog_counts_against_its_document(project_dir: Path) -> None:
    assert run(project_dir, "update").exit_code == 0
    _empty(project_dir / EN_PO)
    # build --no-update reads the empty catalog and leaves its own counts (0 entries) in the cache.
    assert run(project_dir, "build", "--lang", "en", "--no-update").exit_code == 0
    for _ in range(2):  # the second time from the cache
        en = _en(project_dir)
        assert en | {"documents": []} == en | {
            "total": 58,
            "translated": 0,
            "fuzzy": 0,
            "untranslated": 58,
            "obsolete": 0,
            "percent": 0.0,
            "documents": [],
        }
    table = run(project_dir, "status", "--lang", "en").output.splitlines()
    assert table[-1].split() == ["en", "(1", "document)", "58", "0", "0", "58", "0", "0.0%"]
    check = run(project_dir, "check")
    assert check.exit_code == 1
    assert "locales/en/LC_MESSAGES/article.po: out of date with the source" in check.output
    assert "en: 0/58 translated (0%)" in check.output.splitlines()


def test_an_emptied_catalog_keeps_its_obsolete_entries_counted(project_dir: Path) -> None:
    assert run(project_dir, "update").exit_code == 0
    po = project_dir / EN_PO
    _empty(po)
    with po.open("a", encoding="utf-8") as out:
        out.write('\n#~ msgid "舊句。"\n#~ msgstr "An old sentence."\n')
    en = _en(project_dir)
    assert (en["total"], en["translated"], en["untranslated"], en["obsolete"], en["percent"]) == (58, 0, 58, 1, 0.0)


def test_the_catalog_of_an_empty_document_is_complete(new_project: MakeProject) -> None:
    root = new_project("")
    assert run(root, "update").exit_code == 0
    en = _en(root)
    assert (en["total"], en["translated"], en["percent"]) == (0, 0, 100.0)
