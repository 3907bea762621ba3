"""Messages that tell a user what to do: mistyped languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.l10n import languages
from tests.commands.test_cli import run

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
