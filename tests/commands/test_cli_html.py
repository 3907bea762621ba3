"""``build --format`` and ``review`` through click's CliRunner, in a temporary project."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from cli import main
from pipeline.po import file as po_file
from pipeline.po.model import Catalog
from pipeline.po.write import render
from tests.commands.test_cli import run, snapshot


def test_help_lists_review_and_format() -> None:
    assert "review" in CliRunner().invoke(main, ["--help"]).output
    build_help = CliRunner().invoke(main, ["build", "--help"]).output
    assert "--format [md|html|all]" in build_help


def test_build_format_html_writes_only_the_page(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "build/en/article.html  1/58 translated (1.7%), 57 fell back to the source" in result.output
    assert sorted(p.name for p in (project_dir / "build" / "en").iterdir()) == ["article.html"]
    page = (project_dir / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in page
    # 30 Chinese paragraphs fell back to the source: marked as Chinese for screen readers and
    # fonts; the English notice at the end (copied as its own translation) is not.
    assert page.count('<p lang="zh-Hant">') == 30
    assert page.count("<p>") == 1
    assert "<p>Notice: The content above" in page
    assert page.count("<!-- image without a source -->") == 11


def test_a_translated_paragraph_loses_its_source_language_mark(project_dir: Path) -> None:
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    assert run(project_dir, "update", "--lang", "en").exit_code == 0
    found = po_file.read(po)
    first = found.live[0]  # the first paragraph's (only) segment
    translated = Catalog(found.header, entries=(first.evolve(msgstr="The heading, translated."), *found.live[1:]))
    po.write_text(render(translated), encoding="utf-8")
    assert run(project_dir, "build", "--lang", "en", "--format", "html").exit_code == 0
    page = (project_dir / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert "<p>The heading, translated.</p>" in page
    assert page.count('<p lang="zh-Hant">') == 29


def test_build_format_all_writes_both_and_twice_changes_nothing(project_dir: Path) -> None:
    result = run(project_dir, "build", "--all", "--format", "all")
    assert result.exit_code == 0, result.output
    for code, tag in (("zh_Hans", "zh-Hans"), ("en", "en")):
        folder = project_dir / "build" / code
        assert sorted(p.name for p in folder.iterdir()) == ["article.html", "article.md"]
        assert f'<html lang="{tag}"' in (folder / "article.html").read_text(encoding="utf-8")
    before = snapshot(project_dir)
    assert run(project_dir, "build", "--all", "--format", "all").exit_code == 0
    assert snapshot(project_dir) == before


def test_build_default_format_is_markdown(project_dir: Path) -> None:
    assert run(project_dir, "build", "--lang", "en").exit_code == 0
    assert sorted(p.name for p in (project_dir / "build" / "en").iterdir()) == ["article.md"]


def test_build_html_of_the_source_language(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "zh-Hant", "--format", "html")
    assert result.exit_code == 0, result.output
    page = (project_dir / "build" / "zh_Hant" / "article.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant"' in page
    assert "<title>如果把全球AI競賽比作一場豪車" in page
    assert "競(jìng)賽" not in page  # the normalised source


def test_build_unknown_format_is_refused(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en", "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'md', 'html', 'all'" in result.output
    assert not (project_dir / "build").exists()


def test_build_all_formats_below_min_percent_reports_each_edition_once(project_dir: Path) -> None:
    result = run(project_dir, "build", "--all", "--format", "all", "--min-percent", "50")
    assert result.exit_code == 1
    assert result.output.count("en article: 1.7% is below --min-percent 50") == 1
    assert not (project_dir / "build").exists()


def test_review_writes_the_page(project_dir: Path) -> None:
    result = run(project_dir, "review", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "build/en/article.review.html  1/58 translated (1.7%), 0 fuzzy, 57 untranslated" in result.output
    assert (project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po").is_file()  # refreshed first
    page = (project_dir / "build" / "en" / "article.review.html").read_text(encoding="utf-8")
    assert page.count('<tr class="segment"') == 58
    assert page.count('<tbody class="paragraph"') == 31
    assert page.count('<tbody class="image"') == 11


def test_review_points_at_the_right_po_lines(project_dir: Path) -> None:
    run(project_dir, "review", "--lang", "zh_Hans")
    page = (project_dir / "build" / "zh_Hans" / "article.review.html").read_text(encoding="utf-8")
    po = (project_dir / "locales" / "zh_Hans" / "LC_MESSAGES" / "article.po").read_text(encoding="utf-8")
    lines = po.split("\n")
    found = re.findall(r'<td class="text source" lang="zh-Hant">([^<]*)<.*?article\.po:(\d+)</code>', page)
    assert len(found) == 58
    for source, line in found:
        entry = lines[int(line) - 1 :]
        assert next(text for text in entry if text.startswith("msgid ")) == f'msgid "{source}"'


def test_review_every_language_by_default_and_twice_changes_nothing(project_dir: Path) -> None:
    result = run(project_dir, "review")
    assert result.exit_code == 0, result.output
    assert "build/zh_Hans/article.review.html  58/58 translated (100%)" in result.output
    assert (project_dir / "build" / "en" / "article.review.html").is_file()
    before = snapshot(project_dir)
    assert run(project_dir, "review").exit_code == 0
    assert snapshot(project_dir) == before


def test_review_no_update_uses_catalogs_as_they_are(project_dir: Path) -> None:
    result = run(project_dir, "review", "--lang", "en", "--no-update")
    assert result.exit_code == 2
    assert "locales/en/LC_MESSAGES/article.po: no catalog yet: run `python cli.py update`" in result.output
    assert not (project_dir / "locales").exists() and not (project_dir / "build").exists()
    run(project_dir, "update")
    article = project_dir / "source" / "article.md"
    article.write_bytes(article.read_bytes() + "\n新的一句話。".encode())
    before = snapshot(project_dir / "locales")
    result = run(project_dir, "review", "--lang", "en", "--no-update")
    assert result.exit_code == 0, result.output
    assert snapshot(project_dir / "locales") == before
    page = (project_dir / "build" / "en" / "article.review.html").read_text(encoding="utf-8")
    assert page.count('<tr class="segment"') == 59
    assert page.count("not in the catalog: run update") == 1


def test_review_source_language_or_unknown_is_refused(project_dir: Path) -> None:
    for code in ("zh_Hant", "fr", "../x"):
        result = run(project_dir, "review", "--lang", code)
        assert result.exit_code == 2, code
        assert "Error:" in result.output and "Traceback" not in result.output
    assert "configured languages: zh_Hans, en" in run(project_dir, "review", "--lang", "zh_Hant").output
    assert not (project_dir / "build").exists()


def test_review_shows_a_malformed_catalog_with_its_line(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    lines[20] = 'msgstr "unterminated'
    po.write_text("\n".join(lines), encoding="utf-8")
    result = run(project_dir, "review", "--lang", "en")
    assert result.exit_code == 2
    assert "locales/en/LC_MESSAGES/article.po:21: syntax error" in result.output
    assert not (project_dir / "build").exists()


def test_review_shows_quality_findings_under_their_row(project_dir: Path) -> None:
    assert run(project_dir, "update", "--lang", "en").exit_code == 0
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    text = po.read_text(encoding="utf-8")
    msgid = 'msgid "而這場博弈的分水嶺,就是DeepSeek。"\nmsgstr ""'
    assert msgid in text
    po.write_text(text.replace(msgid, msgid[:-2] + '"The watershed of this contest."'), encoding="utf-8")
    assert run(project_dir, "review", "--lang", "en").exit_code == 0
    page = (project_dir / "build" / "en" / "article.review.html").read_text(encoding="utf-8")
    assert '<ul class="findings"' in page
    assert "error [names]: not in the translation: DeepSeek" in page
