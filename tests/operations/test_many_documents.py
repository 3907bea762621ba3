"""Many documents in subfolders: domains, the files of each, translation memory, status, build --all."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.po import file as po_file
from pipeline.po.write import render
from tests.conftest import make_project

AI_RACE = "可現在,風向變了。\n但中國AI不嫌棄。\n"
NOTES = "# 註記\n硅谷的邏輯一向是“大力出奇跡”。\n可現在,風向變了。\n"
PLAIN = "這是一份純文字的說明。\n"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three documents: one at the top, one two folders down, one .txt in a folder."""
    root = make_project(tmp_path / "site", text=NOTES)
    (root / "source" / "news" / "2026").mkdir(parents=True)
    (root / "source" / "news" / "2026" / "ai-race.md").write_text(AI_RACE, encoding="utf-8")
    (root / "source" / "docs").mkdir()
    (root / "source" / "docs" / "readme.txt").write_text(PLAIN, encoding="utf-8")
    return root


def translate(path: Path, translations: dict[str, str]) -> None:
    cat = po_file.read(path)
    entries = tuple(replace(e, msgstr=translations[e.msgid]) if e.msgid in translations else e for e in cat.entries)
    path.write_text(render(replace(cat, entries=entries)), encoding="utf-8")


def test_every_file_mirrors_the_document_path(site: Path) -> None:
    result = run(site, "build", "--all")
    assert result.exit_code == 0, result.output
    for domain, suffix in (("article", ".md"), ("news/2026/ai-race", ".md"), ("docs/readme", ".txt")):
        pot = site / "locales" / f"{domain}.pot"
        assert pot.is_file(), domain
        assert f"#: source/{domain}{suffix}:1" in pot.read_text(encoding="utf-8")
        for lang in ("zh_Hans", "en"):
            po = site / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
            text = po.read_text(encoding="utf-8")
            assert f'"Project-Id-Version: {domain}\\n"' in text
            assert f"translation of source/{domain}{suffix}." in text
            assert (site / "build" / lang / f"{domain}{suffix}").is_file()
    built = (site / "build" / "zh_Hans" / "news" / "2026" / "ai-race.md").read_text(encoding="utf-8")
    assert built == "可现在，风向变了。\n\n但中国AI不嫌弃。\n"  # two paragraphs in CommonMark too (docs/editions.md)
    assert "build/en/news/2026/ai-race.md  0/2 translated (0%)" in result.output
    assert "build/zh_Hans/docs/readme.txt  1/1 translated (100%)" in result.output


def test_build_all_builds_every_document_in_every_language(site: Path) -> None:
    result = run(site, "build", "--all", "--format", "all")
    assert result.exit_code == 0, result.output
    built = sorted(p.relative_to(site / "build").as_posix() for p in (site / "build").rglob("*") if p.is_file())
    assert built == sorted(
        f"{lang}/{name}"
        for lang in ("zh_Hans", "en")
        for name in (
            "article.md",
            "article.html",
            "news/2026/ai-race.md",
            "news/2026/ai-race.html",
            "docs/readme.txt",
            "docs/readme.html",
        )
    )


def test_translation_memory_crosses_folders(site: Path) -> None:
    assert run(site, "update", "--lang", "en").exit_code == 0
    mind = ("但中國AI不嫌棄。", "But Chinese AI does not mind.")
    translate(site / "locales/en/LC_MESSAGES/news/2026/ai-race.po", dict([mind]))
    notes = site / "source" / "article.md"
    notes.write_text(NOTES + "但中國AI不嫌棄。\n", encoding="utf-8")
    result = run(site, "update", "--lang", "en")
    assert "1 from memory" in result.output
    entry = next(
        e for e in po_file.read(site / "locales/en/LC_MESSAGES/article.po").live if e.msgid == "但中國AI不嫌棄。"
    )
    assert entry.msgstr == "But Chinese AI does not mind." and entry.fuzzy
    assert entry.translator_comments == (
        "article-l10n: from translation memory: locales/en/LC_MESSAGES/news/2026/ai-race.po",
    )
    # Now the memory comes from the cache (the catalogs are as the last update left them) and says the same.
    memory = json.loads((site / ".article-l10n-cache" / "memory-en.json").read_text(encoding="utf-8"))
    assert memory["catalogs"]["locales/en/LC_MESSAGES/news/2026/ai-race.po"][1] == [list(mind)]
    (site / "source" / "docs" / "readme.txt").write_text(PLAIN + "但中國AI不嫌棄。\n", encoding="utf-8")
    result = run(site, "update", "--lang", "en")
    assert "locales/en/LC_MESSAGES/docs/readme.po: written; 0 added, 1 unchanged" in result.output
    assert result.output.count("1 from memory") == 1
    readme = po_file.read(site / "locales/en/LC_MESSAGES/docs/readme.po")
    assert [(e.msgstr, e.fuzzy) for e in readme.live][-1] == ("But Chinese AI does not mind.", True)


def test_two_files_with_one_domain_are_refused(site: Path) -> None:
    (site / "source" / "docs" / "readme.md").write_text(PLAIN, encoding="utf-8")
    result = run(site, "build", "--all")
    assert result.exit_code == 2
    assert "source/docs/readme.txt: same gettext domain 'docs/readme' as source/docs/readme.md" in result.output
    assert not (site / "build").exists()


def test_status_totals_per_language_and_documents_on_request(site: Path) -> None:
    run(site, "update")
    translate(site / "locales/en/LC_MESSAGES/docs/readme.po", {PLAIN.strip(): "This is a plain-text note."})
    translate(site / "locales/en/LC_MESSAGES/article.po", {"可現在,風向變了。": "But now the wind has changed."})
    table = run(site, "status", "--lang", "en").output.splitlines()
    assert len(table) == 3
    assert table[2].split() == ["en", "(3", "documents)", "6", "2", "0", "4", "0", "33.3%"]
    listed = run(site, "status", "--lang", "en", "--documents").output.splitlines()
    assert [line.split()[1] for line in listed[3:]] == ["article", "docs/readme", "news/2026/ai-race"]
    ranked = run(site, "status", "--lang", "en", "--documents", "--sort", "completeness").output.splitlines()
    assert [line.split()[1] for line in ranked[3:]] == ["news/2026/ai-race", "article", "docs/readme"]
    assert [line.split()[-1] for line in ranked[3:]] == ["0.0%", "33.3%", "100.0%"]
    data = json.loads(run(site, "status", "--format", "json", "--sort", "completeness").output)
    en = next(lang for lang in data["languages"] if lang["language"] == "en")
    assert [d["document"] for d in en["documents"]] == ["news/2026/ai-race", "article", "docs/readme"]
    assert (en["total"], en["translated"]) == (6, 2)


def test_status_counts_what_is_on_disk_even_when_cached(site: Path) -> None:
    run(site, "build", "--all")
    before = json.loads(run(site, "status", "--format", "json").output)
    translate(site / "locales/en/LC_MESSAGES/docs/readme.po", {PLAIN.strip(): "This is a plain-text note."})
    after = json.loads(run(site, "status", "--format", "json").output)
    assert [lang["translated"] for lang in before["languages"]] == [6, 0]
    assert [lang["translated"] for lang in after["languages"]] == [6, 1]
    assert run(site, "status", "--sort", "size").exit_code == 2
