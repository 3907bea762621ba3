"""Every command through click's CliRunner, in a temporary project: the workflow of extract, update,
status, check and build. Bad usage and input: test_cli_errors.py; the machine fill of zh_Hans and
inline Markdown in editions: test_cli_machine_fill.py. ``run`` and ``snapshot`` serve them all."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``root`` with its bytes and mtime."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "update", "status", "check", "build"):
        assert command in result.output


def test_build_en_writes_edition_and_catalogs(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "build/en/article.md  1/58 translated (1.7%), 57 fell back to the source" in result.output
    assert (project_dir / "locales" / "article.pot").is_file()
    assert (project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po").is_file()
    edition = (project_dir / "build" / "en" / "article.md").read_text(encoding="utf-8")
    assert edition.endswith("information storage services.")  # no final newline, like the source


def test_extract_warns_about_damage_with_lines(project_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(project_dir), "extract"])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert [w.split(":")[1] for w in warnings] == ["1", "1", "16", "23", "23", "37"]
    assert "locales/article.pot: written" in result.stdout


def test_extract_check(project_dir: Path) -> None:
    assert run(project_dir, "extract", "--check").exit_code == 1
    assert not (project_dir / "locales" / "article.pot").exists()
    assert run(project_dir, "extract").exit_code == 0
    assert run(project_dir, "extract", "--check").exit_code == 0


def test_update_twice_changes_nothing(project_dir: Path) -> None:
    assert run(project_dir, "update").exit_code == 0
    before = snapshot(project_dir / "locales")
    result = run(project_dir, "update")
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert snapshot(project_dir / "locales") == before


def test_update_dry_run_writes_nothing(project_dir: Path) -> None:
    result = run(project_dir, "update", "--dry-run")
    assert result.exit_code == 0
    assert "created" in result.output
    assert not (project_dir / "locales").exists()


def test_update_keeps_translator_work(project_dir: Path) -> None:
    run(project_dir, "update", "--lang", "en")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "可現在,風向變了。"\nmsgstr ""',
        '# checked with the editor\n#, fuzzy\nmsgid "可現在,風向變了。"\nmsgstr "But now the wind has changed."',
    )
    po.write_text(text, encoding="utf-8")
    run(project_dir, "update")
    after = po.read_text(encoding="utf-8")
    assert "# checked with the editor\n#. paragraph 2, sentence 1\n#: source/article.md:2\n#, fuzzy\n" in after
    assert 'msgstr "But now the wind has changed."' in after


def test_removed_segment_becomes_obsolete_and_comes_back(project_dir: Path) -> None:
    run(project_dir, "update", "--lang", "en")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "但中國AI不嫌棄。"\nmsgstr ""', 'msgid "但中國AI不嫌棄。"\nmsgstr "But Chinese AI does not mind."'
        ),
        encoding="utf-8",
    )
    article = project_dir / "source" / "article.md"
    original = article.read_bytes()
    article.write_bytes(original.replace("但中國AI不嫌棄。\n".encode(), b""))
    assert run(project_dir, "update").exit_code == 0
    text = po.read_text(encoding="utf-8")
    assert '#~ msgid "但中國AI不嫌棄。"\n#~ msgstr "But Chinese AI does not mind."' in text
    article.write_bytes(original)
    result = run(project_dir, "update", "--lang", "en")
    assert "1 revived" in result.output
    text = po.read_text(encoding="utf-8")
    assert 'msgid "但中國AI不嫌棄。"\nmsgstr "But Chinese AI does not mind."' in text
    assert "#~" not in text


def test_status_table_and_json(project_dir: Path) -> None:
    run(project_dir, "update")
    table = run(project_dir, "status")
    assert table.exit_code == 0
    assert "58 machine-converted, 0 changed by a person" in table.output
    data = json.loads(run(project_dir, "status", "--format", "json").output)
    by_lang = {entry["language"]: entry for entry in data["languages"]}
    assert by_lang["zh_Hans"]["translated"] == 58
    assert by_lang["zh_Hans"]["percent"] == 100.0
    assert by_lang["en"] == by_lang["en"] | {"total": 58, "translated": 1, "fuzzy": 0, "untranslated": 57}
    assert by_lang["en"]["documents"][0]["document"] == "article"
    only_en = json.loads(run(project_dir, "status", "--lang", "en", "--format", "json").output)
    assert [entry["language"] for entry in only_en["languages"]] == ["en"]


def test_check_passes_after_update_and_fails_when_stale(project_dir: Path) -> None:
    assert run(project_dir, "check").exit_code == 1  # nothing extracted yet
    run(project_dir, "update")
    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    article = project_dir / "source" / "article.md"
    article.write_bytes(article.read_bytes() + "\n新的一句話。".encode())
    result = run(project_dir, "check")
    assert result.exit_code == 1
    assert "locales/article.pot: out of date" in result.output
    assert "locales/en/LC_MESSAGES/article.po: out of date" in result.output


def test_check_fails_below_min_percent(project_dir: Path) -> None:
    settings = project_dir / "pyproject.toml"
    settings.write_text(settings.read_text().replace("min_percent = 0", "min_percent = 50"))
    run(project_dir, "update")
    result = run(project_dir, "check")
    assert result.exit_code == 1
    assert "en: 1.7% translated, below the required 50%" in result.output


def test_check_reports_person_changed_simplified_is_kept(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "zh_Hans" / "LC_MESSAGES" / "article.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "可现在，风向变了。"', 'msgstr "可如今，风向变了。"'))
    assert run(project_dir, "update").exit_code == 0
    assert 'msgstr "可如今，风向变了。"' in po.read_text(encoding="utf-8")
    data = json.loads(run(project_dir, "status", "--lang", "zh_Hans", "--format", "json").output)
    assert data["languages"][0]["changed_by_person"] == 1
    assert run(project_dir, "check").exit_code == 0


def test_build_source_language_reproduces_normalised_source(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "zh-Hant")
    assert result.exit_code == 0
    built = (project_dir / "build" / "zh_Hant" / "article.md").read_text(encoding="utf-8")
    assert "競賽" in built and "(jìng)" not in built
    assert built.count("\n") == (project_dir / "source" / "article.md").read_text(encoding="utf-8").count("\n")


def test_build_all_and_min_percent(project_dir: Path) -> None:
    result = run(project_dir, "build", "--all", "--min-percent", "50")
    assert result.exit_code == 1
    assert "en article: 1.7% is below --min-percent 50" in result.output
    assert not (project_dir / "build").exists()
    assert not (project_dir / "locales").exists()
    result = run(project_dir, "build", "--all")
    assert result.exit_code == 0
    assert (project_dir / "build" / "zh_Hans" / "article.md").exists()
    assert (project_dir / "build" / "en" / "article.md").exists()


def test_build_no_update_uses_catalogs_as_they_are(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en", "--no-update")
    assert result.exit_code == 0
    assert "0/58 translated" in result.output
    assert not (project_dir / "locales").exists()


def test_build_twice_changes_nothing(project_dir: Path) -> None:
    run(project_dir, "build", "--all")
    before = snapshot(project_dir)
    run(project_dir, "build", "--all")
    assert snapshot(project_dir) == before


def test_paragraph_granularity(new_project: Callable[..., Path]) -> None:
    root = new_project(granularity="paragraph")
    result = run(root, "build", "--lang", "en")
    assert result.exit_code == 0
    assert "1/31 translated" in result.output


def test_commands_find_the_project_from_a_subfolder(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_dir / "source")
    result = CliRunner().invoke(main, ["build", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (project_dir / "build" / "en" / "article.md").is_file()


def test_status_counts_a_missing_catalog_as_untranslated(project_dir: Path) -> None:
    data = json.loads(run(project_dir, "status", "--lang", "en", "--format", "json").output)
    assert data["languages"][0] | {"documents": []} == data["languages"][0] | {
        "total": 58,
        "translated": 0,
        "untranslated": 58,
        "percent": 0.0,
        "documents": [],
    }


def test_an_emptied_catalog_gets_a_header_back(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    po.write_text("")
    assert run(project_dir, "update").exit_code == 0
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in po.read_text(encoding="utf-8")
    assert run(project_dir, "check").exit_code == 0


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed; CI installs it")
def test_check_tells_a_rewrapped_catalog_from_a_stale_one(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "zh_Hans" / "LC_MESSAGES" / "article.po"
    subprocess.run(["msgcat", "--width=60", "-o", str(po), str(po)], check=True)  # what Poedit may do
    result = run(project_dir, "check")
    assert result.exit_code == 0  # the content is in sync: a warning, CI does not fail
    assert "locales/zh_Hans/LC_MESSAGES/article.po: warning: [layout]: same content, different layout" in result.output
    assert run(project_dir, "update").exit_code == 0
    result = run(project_dir, "check")
    assert result.exit_code == 0 and "[layout]" not in result.output
    # A stale catalog is still a failure.
    article = project_dir / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n又一句。", encoding="utf-8")
    assert run(project_dir, "check").exit_code == 1


def test_hints_name_the_command_as_it_was_run(project_dir: Path) -> None:
    """Run as the installed `article-l10n`, the hints do not send the user to a cli.py they lack."""
    article = project_dir / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n又一句。", encoding="utf-8")
    as_script = CliRunner().invoke(main, ["--project", str(project_dir), "check"], prog_name="article-l10n")
    assert as_script.exit_code == 1
    assert "run `article-l10n extract`" in as_script.output and "python cli.py" not in as_script.output
    as_file = CliRunner().invoke(main, ["--project", str(project_dir), "check"], prog_name="cli.py")
    assert "run `python cli.py extract`" in as_file.output
