"""A language that is not configured: every command refuses it with the same one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.test_cli import run

NOT_CONFIGURED = (
    "Error: language 'fr' is not configured; configured languages: zh_Hans, en; "
    "to add it, put a [tool.article-l10n.languages.fr] table in pyproject.toml (docs/settings.md)"
)
COMMANDS = (
    ("update",),
    ("status",),
    ("build",),
    ("review",),
    ("serve", "--no-browser"),
    ("export", "--format", "xliff", "-o", "out.xlf"),
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_says_the_same_line(project_dir: Path, command: tuple[str, ...]) -> None:
    result = run(project_dir, *command, "--lang", "fr")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [NOT_CONFIGURED]
    assert not (project_dir / "locales").exists() and not (project_dir / "build").exists()  # nothing was done


def test_the_way_to_add_it_works(project_dir: Path) -> None:
    settings = project_dir / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n[tool.article-l10n.languages.fr]\n")
    assert run(project_dir, "update", "--lang", "fr").exit_code == 0
    assert (project_dir / "locales" / "fr" / "LC_MESSAGES" / "article.po").is_file()


def test_a_code_typed_otherwise_is_named_as_typed_and_added_in_canonical_form(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "pt-br")
    assert result.exit_code == 2
    assert "language 'pt-br' is not configured" in result.output
    assert "[tool.article-l10n.languages.pt_BR]" in result.output


def test_the_source_language_is_built_but_not_a_target_elsewhere(project_dir: Path) -> None:
    assert run(project_dir, "build", "--lang", "zh-hant").exit_code == 0
    for command in (("status",), ("review",), ("update",)):
        result = run(project_dir, *command, "--lang", "zh_Hant")
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            "Error: language 'zh_Hant' is not configured; configured languages: zh_Hans, en; "
            "zh_Hant is the source language, not a target"
        ]


def test_not_a_language_gets_no_advice_to_add_it(project_dir: Path) -> None:
    for command in (("build",), ("status",)):
        result = run(project_dir, *command, "--lang", "x!")
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            "Error: 'x!' is not a language code (expected something like 'en' or 'zh_Hans'); "
            "configured languages: zh_Hans, en"
        ]
