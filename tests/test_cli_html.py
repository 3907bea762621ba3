"""``build --format`` through click's CliRunner, in a temporary project."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_cli import run, snapshot

from cli import main


def test_help_lists_format() -> None:
    build_help = CliRunner().invoke(main, ["build", "--help"]).output
    assert "--format [md|html|all]" in build_help


def test_build_format_html_writes_only_the_page(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "build/en/article.html  1/58 translated (1.7%), 57 fell back to the source" in result.output
    assert sorted(p.name for p in (project_dir / "build" / "en").iterdir()) == ["article.html"]
    page = (project_dir / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in page
    assert page.count("<p>") == 31
    assert page.count("<!-- image without a source -->") == 11
    assert "Notice: The content above" in page


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
