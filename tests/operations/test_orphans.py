"""Files a deleted or moved document leaves behind (orphans): reported by check and status,
never deleted, and read by the translation memory so that a renamed article keeps its
translations; and the memory reaching entries that exist but are still blank."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from pipeline.workspace import cache
from tests.conftest import make_project

SHORT = "可現在,風向變了。\n但中國AI不嫌棄。\n"
NONL = "這是一份純文字的說明。"  # no final newline
WIND, MIND = "可現在,風向變了。", "但中國AI不嫌棄。"
OLD = "locales/en/LC_MESSAGES/short.po"
NEW = "locales/en/LC_MESSAGES/news/2026/short.po"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def translate(path: Path, translations: dict[str, str]) -> None:
    cat = po_file.read(path)
    entries = tuple(
        replace(e, msgstr=translations[e.msgid]).with_flag("fuzzy", False) if e.msgid in translations else e
        for e in cat.entries
    )
    path.write_text(render(replace(cat, entries=entries)), encoding="utf-8")


def entry(path: Path, msgid: str) -> Entry:
    return next(e for e in po_file.read(path).live if e.msgid == msgid)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the project but the cache, with its bytes and mtime."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and cache.FOLDER not in p.parts
    }


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The article, short.md (one sentence translated into English) and nonl.md, built in every language."""
    root = make_project(tmp_path / "site")
    (root / "source" / "short.md").write_text(SHORT, encoding="utf-8")
    (root / "source" / "nonl.md").write_text(NONL, encoding="utf-8")
    assert run(root, "build", "--all").exit_code == 0
    translate(root / OLD, {WIND: "But now the wind has changed."})
    return root


def rename(root: Path) -> None:
    """What `git mv source/short.md source/news/2026/short.md` does to the work tree."""
    (root / "source" / "news" / "2026").mkdir(parents=True)
    (root / "source" / "short.md").rename(root / "source" / "news" / "2026" / "short.md")


def test_a_renamed_document_gets_its_translations_from_its_old_catalog(site: Path) -> None:
    rename(site)
    result = run(site, "update", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"{NEW}: created; 1 added, 0 unchanged" in result.output and "1 from memory" in result.output
    assert run(site, "build", "--lang", "en").exit_code == 0
    hit = entry(site / NEW, WIND)
    assert (hit.msgstr, hit.fuzzy) == ("But now the wind has changed.", True)
    assert hit.translator_comments == (f"article-l10n: from translation memory: {OLD}",)
    assert (site / OLD).is_file()  # never deleted: check reports it
    before = snapshot(site)
    again = run(site, "build", "--lang", "en")
    assert again.exit_code == 0 and snapshot(site) == before
    assert run(site, "build", "--lang", "en", "--force").exit_code == 0
    assert snapshot(site) == before


def test_the_memory_takes_the_documents_catalogs_first_then_orphans_by_path(site: Path) -> None:
    """A fixed precedence: current catalogs (document order) before orphaned ones (path order)."""
    (site / "source" / "nonl.md").write_text(NONL + "\n" + WIND + "\n", encoding="utf-8")
    assert run(site, "update", "--lang", "en").exit_code == 0
    translate(site / "locales/en/LC_MESSAGES/nonl.po", {WIND: "The wind has turned."})
    shutil.copyfile(site / OLD, site / "locales/en/LC_MESSAGES/a-old.po")  # an orphan before short.po by path
    translate(site / "locales/en/LC_MESSAGES/a-old.po", {MIND: "From a-old."})
    translate(site / OLD, {MIND: "From short."})
    rename(site)
    assert run(site, "update", "--lang", "en").exit_code == 0
    assert entry(site / NEW, WIND).msgstr == "The wind has turned."  # nonl.md is a document: it wins
    mind = entry(site / NEW, MIND)
    assert (mind.msgstr, mind.translator_comments) == (
        "From a-old.",
        ("article-l10n: from translation memory: locales/en/LC_MESSAGES/a-old.po",),
    )


def test_the_memory_cache_follows_an_orphaned_catalog(site: Path) -> None:
    """An orphan's change reaches the catalogs the cache let alone; a deleted one leaves the memory."""
    rename(site)
    assert run(site, "build", "--lang", "en").exit_code == 0
    memory_file = site / cache.FOLDER / "memory-en.json"
    assert OLD in json.loads(memory_file.read_text(encoding="utf-8"))["catalogs"]
    translate(site / OLD, {MIND: "But Chinese AI does not mind."})  # a translator finishes the old catalog
    result = run(site, "update", "--lang", "en")
    assert f"{NEW}: written; 0 added, 1 unchanged" in result.output and "1 from memory" in result.output
    assert run(site, "build", "--lang", "en").exit_code == 0
    mind = entry(site / NEW, MIND)
    assert (mind.msgstr, mind.fuzzy) == ("But Chinese AI does not mind.", True)
    before = snapshot(site)
    assert run(site, "build", "--lang", "en", "--force").exit_code == 0
    assert snapshot(site) == before
    (site / OLD).unlink()
    (site / "locales" / "short.pot").unlink()
    assert run(site, "build", "--lang", "en").exit_code == 0
    assert snapshot(site) == {k: v for k, v in before.items() if k not in (OLD, "locales/short.pot")}
    # The cache still knows the deleted catalog's translations, but no memory takes them from it.
    (site / "source" / "other.md").write_text(MIND + "\n", encoding="utf-8")
    result = run(site, "update", "--lang", "en")
    assert "locales/en/LC_MESSAGES/other.po: created; 1 added" in result.output and "0 from memory" in result.output
    assert OLD not in json.loads(memory_file.read_text(encoding="utf-8"))["catalogs"]


def test_a_compendium_fills_entries_that_exist_but_are_blank(site: Path, tmp_path: Path) -> None:
    """The catalog was made before the old translations were at hand: --compendium still reaches it.

    Only blank entries are filled: a translator's msgstr, comment or flag is never overwritten.
    """
    po = site / "locales/en/LC_MESSAGES/article.po"
    cat = po_file.read(po)
    live = [e for e in cat.live if not e.has_translation]
    mine = {
        live[0].msgid: replace(live[0], msgstr="Mine."),
        live[1].msgid: replace(live[1], translator_comments=("ask the author",)),
        live[2].msgid: replace(live[2], flags=("ignore-numbers",)),
    }
    po.write_text(render(replace(cat, entries=tuple(mine.get(e.msgid, e) for e in cat.entries))), encoding="utf-8")
    blank = live[3].msgid
    compendium = tmp_path / "old-release.po"
    old = (Entry(e.msgid, f"Old {i}.") for i, e in enumerate(live[:4]))
    compendium.write_text(
        render(Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),), entries=tuple(old))),
        encoding="utf-8",
    )
    result = run(site, "update", "--lang", "en", "--compendium", str(compendium), "--verbose")
    assert result.exit_code == 0, result.output
    assert "locales/en/LC_MESSAGES/article.po: written;" in result.output and "1 from memory" in result.output
    after = {e.msgid: e for e in po_file.read(po).live}
    for msgid, kept in mine.items():
        assert after[msgid] == replace(kept, extracted_comments=after[msgid].extracted_comments), msgid
    filled = after[blank]
    assert (filled.msgstr, filled.fuzzy) == ("Old 3.", True)
    assert filled.translator_comments == (f"article-l10n: from translation memory: {compendium.as_posix()}",)
    before = snapshot(site)
    again = run(site, "update", "--lang", "en", "--compendium", str(compendium), "--verbose")
    assert "0 from memory" in again.output and snapshot(site) == before


def test_memory_translated_setting_fills_blank_entries_as_translated(site: Path) -> None:
    settings = site / "pyproject.toml"
    settings.write_text(settings.read_text().replace('granularity = "sentence"', 'memory_matches = "translated"'))
    (site / "source" / "nonl.md").write_text(NONL + "\n" + WIND + "\n", encoding="utf-8")
    assert run(site, "update", "--lang", "en").exit_code == 0
    assert entry(site / "locales/en/LC_MESSAGES/nonl.po", WIND).translated


def test_check_reports_every_orphaned_file_and_deletes_nothing(site: Path) -> None:
    assert run(site, "build", "--all", "--format", "all").exit_code == 0
    assert run(site, "review", "--lang", "en").exit_code == 0
    (site / "build" / "README.md").write_text("The published editions.\n", encoding="utf-8")
    (site / "locales" / "glossary.csv").write_text("source,language,target,note\n", encoding="utf-8")
    (site / "source" / "nonl.md").unlink()  # git rm source/nonl.md
    assert run(site, "build", "--all", "--format", "all").exit_code == 0
    before = snapshot(site)
    result = run(site, "check")
    assert result.exit_code == 1
    keep = "delete the file, or move it along with its article (git mv)"
    hint = "no source document source/nonl.md or .txt"
    published = "no source document source/nonl.md: delete the file (a deleted article stays published until then)"
    assert [line for line in result.output.splitlines() if "orphaned" in line] == [
        f"locales/nonl.pot: orphaned template, {hint}: {keep}",
        f"locales/zh_Hans/LC_MESSAGES/nonl.po: orphaned catalog, {hint}: {keep}",
        f"locales/en/LC_MESSAGES/nonl.po: orphaned catalog, {hint}: {keep}",
        f"build/zh_Hans/nonl.html: orphaned edition, {hint}: delete the file (a deleted article stays published "
        "until then)",
        f"build/zh_Hans/nonl.md: orphaned edition, {published}",
        f"build/en/nonl.html: orphaned edition, {hint}: delete the file (a deleted article stays published until then)",
        f"build/en/nonl.md: orphaned edition, {published}",
        f"build/en/nonl.review.html: orphaned edition, {hint}: delete the file (a deleted article stays published "
        "until then)",
    ]
    assert "check failed: 8 problems" in result.output
    data = json.loads(run(site, "check", "--format", "json").output)
    assert not data["ok"] and len(data["problems"]) == 8
    status = run(site, "status")
    assert status.exit_code == 0
    assert status.output.splitlines()[-2:] == [
        "zh_Hans: 1 orphaned catalog (no source document; `python cli.py check` says what to do): "
        "locales/zh_Hans/LC_MESSAGES/nonl.po",
        "en: 1 orphaned catalog (no source document; `python cli.py check` says what to do): "
        "locales/en/LC_MESSAGES/nonl.po",
    ]
    listed = json.loads(run(site, "status", "--format", "json").output)
    assert [lang["orphaned_catalogs"] for lang in listed["languages"]] == [
        ["locales/zh_Hans/LC_MESSAGES/nonl.po"],
        ["locales/en/LC_MESSAGES/nonl.po"],
    ]
    assert snapshot(site) == before  # nothing deleted, nothing written


def test_check_passes_once_the_orphans_are_moved_along(site: Path) -> None:
    rename(site)
    for old, new in (
        ("locales/short.pot", "locales/news/2026/short.pot"),
        (OLD, NEW),
        ("locales/zh_Hans/LC_MESSAGES/short.po", "locales/zh_Hans/LC_MESSAGES/news/2026/short.po"),
    ):
        (site / new).parent.mkdir(parents=True, exist_ok=True)
        (site / old).rename(site / new)
    for code in ("en", "zh_Hans"):
        (site / "build" / code / "short.md").unlink()
    assert run(site, "build", "--all").exit_code == 0
    entry_ = entry(site / NEW, WIND)
    assert (entry_.msgstr, entry_.fuzzy) == ("But now the wind has changed.", False)  # still translated
    result = run(site, "check")
    assert result.exit_code == 0, result.output
    assert "orphaned" not in run(site, "status").output


def test_files_the_tool_does_not_write_are_no_orphans(site: Path) -> None:
    (site / "build" / "en" / "notes.txt.bak").write_text("x", encoding="utf-8")
    (site / "build" / "fr").mkdir()
    (site / "build" / "fr" / "old.md").write_text("x", encoding="utf-8")  # not a configured language
    (site / "locales" / "en" / "LC_MESSAGES" / ".short.po.1234.tmp").write_text("x", encoding="utf-8")
    (site / "locales" / "en" / "LC_MESSAGES" / "short.mo").write_bytes(b"\x00")
    (site / "locales" / "en" / "README.md").write_text("x", encoding="utf-8")
    result = run(site, "check")
    assert "orphaned" not in result.output, result.output


def test_a_translation_a_merge_makes_reaches_blank_entries_on_the_next_run(site: Path) -> None:
    """A trivially edited sentence stays translated: its new text enters the memory after the run, so
    the next run (even one the cache would skip) pre-fills it where another catalog has it blank."""
    edited = WIND.replace(",", "，")  # punctuation only: kept as translated
    (site / "source" / "short.md").write_text(SHORT.replace(WIND, edited), encoding="utf-8")
    (site / "source" / "nonl.md").write_text(NONL + "\n" + edited + "\n", encoding="utf-8")
    assert run(site, "update", "--lang", "en").exit_code == 0
    assert entry(site / OLD, edited).translated
    assert entry(site / "locales/en/LC_MESSAGES/nonl.po", edited).msgstr == ""
    result = run(site, "update", "--lang", "en")
    assert "locales/en/LC_MESSAGES/nonl.po: written; 0 added, 1 unchanged" in result.output
    assert entry(site / "locales/en/LC_MESSAGES/nonl.po", edited).msgstr == "But now the wind has changed."
    before = snapshot(site)
    assert "0 from memory" in run(site, "update", "--lang", "en").output
    assert run(site, "update", "--lang", "en", "--force").exit_code == 0
    assert snapshot(site) == before


def test_copies_of_text_without_chinese_send_no_cached_catalog_back_to_work(tmp_path: Path) -> None:
    """Every catalog copies "DeepSeek-R1" on its own: the memory gaining it is no reason to merge others again."""
    from pipeline import operations
    from pipeline.workspace.project import Project

    root = make_project(tmp_path / "site", text="DeepSeek-R1\n可現在,風向變了。\n")
    (root / "source" / "other.md").write_text("DeepSeek-R1\n但中國AI不嫌棄。\n", encoding="utf-8")
    assert operations.build(Project(root), ("en",)).stats == operations.RunStats(2, 0, 2, 1)
    (root / "source" / "other.md").write_text("DeepSeek-R1\n但中國AI不嫌棄。\n又一句。\n", encoding="utf-8")
    again = operations.build(Project(root), ("en",)).stats
    assert again is not None and again.processed == 1
    before = snapshot(root)
    assert operations.build(Project(root), ("en",), force=True).stats == operations.RunStats(2, 0, 2, 1)
    assert snapshot(root) == before
