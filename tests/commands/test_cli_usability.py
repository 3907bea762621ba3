"""Messages that tell a user what to do: mistyped languages, a wrong --project, a catalog given to
import, a BOM msgfmt rejects, check's last line, and help text for every option."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import main
from pipeline.l10n import languages
from tests.commands.test_cli import run, snapshot

EN = Path("locales/en/LC_MESSAGES/article.po")
CONFIGURED = "configured languages: zh_Hans, en"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("eng", "en"), ("en_US", "en"), ("en-GB", "en"), ("enn", "en"), ("english", "en"), ("zh", "zh_Hans")],
)
def test_a_mistyped_language_gets_did_you_mean(project_dir: Path, typed: str, meant: str) -> None:
    for command in (("status",), ("build",), ("update",)):
        result = run(project_dir, *command, "--lang", typed)
        assert result.exit_code == 2
        (line,) = result.output.strip().splitlines()
        assert CONFIGURED in line and f"did you mean {meant}?" in line
    assert not (project_dir / "locales").exists()


def test_eng_is_not_offered_as_en_us_to_add(project_dir: Path) -> None:
    """babel reads ``eng`` as en_US: the advice to add an en_US table was a wrong guess."""
    result = run(project_dir, "status", "--lang", "eng")
    assert "en_US" not in result.output


def test_spellings_of_a_configured_language_are_accepted(project_dir: Path) -> None:
    for typed in ("zh-hans", "zh_hans", "ZH-HANS", "zh-Hans", "EN"):
        assert run(project_dir, "status", "--lang", typed).exit_code == 0, typed


def test_other_languages_and_the_source_get_no_guess(project_dir: Path) -> None:
    for typed, said in (("fr", "to add it"), ("zh_Hant", "source language"), ("xx", CONFIGURED)):
        result = run(project_dir, "status", "--lang", typed)
        assert result.exit_code == 2 and said in result.output and "did you mean" not in result.output


def test_suggest() -> None:
    assert languages.suggest("zh_TW", ("zh_Hans", "en")) is None  # another script: not a typo of zh_Hans
    assert languages.suggest("zh", ("zh_Hans", "zh_Hant")) == "zh_Hans or zh_Hant"
    assert languages.suggest("jp", ("ja", "en")) == "ja"
    assert languages.suggest("chinese", ("zh_Hans", "en")) == "zh_Hans"
    assert languages.suggest("uk", ("en",)) is None  # Ukrainian, not the United Kingdom


def test_a_missing_project_folder_is_named(tmp_path: Path) -> None:
    result = run(tmp_path / "nope", "status")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "nope" in line and "does not exist" in line and "--project" in line


@pytest.mark.parametrize(("name", "said"), [("old.po", "update --compendium"), ("memory.tmx", "update --compendium")])
def test_import_of_a_catalog_or_memory_points_to_compendium(project_dir: Path, name: str, said: str) -> None:
    assert run(project_dir, "update", "--lang", "en").exit_code == 0
    given = project_dir / name
    shutil.copyfile(project_dir / EN, given)
    before = snapshot(project_dir)
    result = run(project_dir, "import", str(given))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert name in line and said in line
    assert snapshot(project_dir) == before


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
def test_a_bom_msgfmt_rejects_is_named(project_dir: Path) -> None:
    assert run(project_dir, "update").exit_code == 0
    catalog = project_dir / EN
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())
    result = run(project_dir, "check")
    assert result.exit_code == 1
    assert f"{EN.as_posix()}:1: msgfmt --check: the file starts with a UTF-8 byte order mark (BOM)" in result.output
    assert "syntax error" not in result.output  # msgfmt's own words, which do not say why
    assert "fatal error" not in result.output  # its verdict would count the one problem twice
    assert result.output.strip().splitlines()[-1].startswith("check failed: 1 problem,")
    assert run(project_dir, "update", "--lang", "en").exit_code == 0  # what the message says to do
    assert not catalog.read_bytes().startswith(b"\xef\xbb\xbf")


def test_check_ends_with_a_summary(project_dir: Path) -> None:
    assert run(project_dir, "update").exit_code == 0
    result = run(project_dir, "check")
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1].startswith("check passed: 0 problems, 0 errors, ")


def test_status_format_help_lists_the_formats() -> None:
    result = CliRunner().invoke(main, ["status", "--help"])
    assert "table" in result.output and "json" in result.output and "for tools" in result.output


def _commands() -> list[tuple[str, click.Command]]:
    return [("article-l10n", main), *sorted(main.commands.items())]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[name for name, _ in _commands()])
def test_every_option_has_help_and_every_argument_is_in_the_docstring(name: str, command: click.Command) -> None:
    """click arguments take no help: the command's docstring names them (FILES, FOLDER) instead."""
    assert command.help, f"{name} has no docstring"
    for param in command.params:
        if isinstance(param, click.Argument):
            assert param.human_readable_name in command.help, f"{name}: {param.human_readable_name} not in its help"
        else:
            assert isinstance(param, click.Option) and param.help, f"{name} {param.opts} has no help text"
