"""Golden files: the real article through the whole pipeline, compared byte for byte.

The expected outputs live in tests/golden beside their inputs (copies of source/article.md and
locales/glossary.csv).
After a reviewed change of behaviour, regenerate them with

    pytest tests/themes/test_golden.py --update-golden

and read the diff (``git diff tests/golden``) before committing.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import FIXED_DATE

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
ROOT = Path(__file__).resolve().parents[2]

# golden file name -> path the pipeline writes in the project
OUTPUTS = {
    "article.pot": "locales/article.pot",
    "article.zh_Hans.po": "locales/zh_Hans/LC_MESSAGES/article.po",
    "article.en.po": "locales/en/LC_MESSAGES/article.po",
    "article.zh_Hans.md": "build/zh_Hans/article.md",
    "article.en.md": "build/en/article.md",
    "article.zh_Hant.md": "build/zh_Hant/article.md",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the golden input, built in every language (source language too)."""
    root = tmp_path_factory.mktemp("golden")
    (root / "source").mkdir()
    shutil.copyfile(GOLDEN / "article.md", root / "source" / "article.md")
    (root / "locales").mkdir()
    shutil.copyfile(GOLDEN / "glossary.csv", root / "locales" / "glossary.csv")
    settings = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
        result = CliRunner().invoke(main, ["--project", str(root), "build", "--all", "--lang", "zh_Hant"])
    assert result.exit_code == 0, result.output
    return root


def test_golden_input_is_the_project_article() -> None:
    assert (GOLDEN / "article.md").read_bytes() == (ROOT / "source" / "article.md").read_bytes()


def test_golden_glossary_is_the_project_glossary() -> None:
    assert (GOLDEN / "glossary.csv").read_bytes() == (ROOT / "locales" / "glossary.csv").read_bytes()


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_matches_golden(built: Path, name: str, request: pytest.FixtureRequest) -> None:
    actual = (built / OUTPUTS[name]).read_bytes()
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.write_bytes(actual)
    expected = golden.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(keepends=True),
            actual.decode("utf-8").splitlines(keepends=True),
            fromfile=f"tests/golden/{name}",
            tofile=OUTPUTS[name],
        )
        pytest.fail("output differs from the golden file:\n" + "".join(diff), pytrace=False)


def test_source_language_round_trip_is_the_normalised_source(built: Path) -> None:
    from pipeline.text.gloss import strip_glosses

    source = (GOLDEN / "article.md").read_text(encoding="utf-8")
    assert (built / OUTPUTS["article.zh_Hant.md"]).read_text(encoding="utf-8") == strip_glosses(source)


def test_simplified_edition_has_no_traditional_left(built: Path) -> None:
    from pipeline.l10n.opencc_calls import opencc_convert

    text = (built / OUTPUTS["article.zh_Hans.md"]).read_text(encoding="utf-8")
    assert opencc_convert(text, "tw2s") == text
    for expected in ("开着", "勒着", "逼着", "摸不着", "盯着", "带着", "预示着", "中国AI，从"):
        assert expected in text


def test_english_edition_falls_back_to_source(built: Path) -> None:
    english = (built / OUTPUTS["article.en.md"]).read_text(encoding="utf-8")
    source = (built / OUTPUTS["article.zh_Hant.md"]).read_text(encoding="utf-8")
    # Nothing translated yet: every segment falls back, the notice is copied; the edition only
    # adds the blank lines that make each line a paragraph in CommonMark (docs/editions.md).
    assert english.replace("\n\n", "\n") == source
    assert english.count("\n") > source.count("\n")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed; CI installs it")
@pytest.mark.parametrize("name", ["article.pot", "article.zh_Hans.po", "article.en.po"])
def test_catalogs_pass_msgfmt_check_and_msgcat_round_trip(built: Path, name: str) -> None:
    path = built / OUTPUTS[name]
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    if name.endswith(".po"):
        assert "warning" not in check.stderr, check.stderr
    again = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True)
    assert again.stdout == path.read_bytes()
