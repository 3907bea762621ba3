"""``export -o``: where the files go, and the project files it never writes over (a slip of ``-o``
once replaced pyproject.toml, the article or a catalog with XML)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.exchange import output
from pipeline.workspace.project import Project
from tests.commands.test_cli import run, snapshot

EN = Path("locales/en/LC_MESSAGES/article.po")


@pytest.fixture
def project(new_project: Callable[..., Path]) -> Path:
    root = new_project("第一句。第二句。\n")
    (root / "locales").mkdir()
    (root / "locales" / "glossary.csv").write_text("source,language,target,note\n第一,en,first,\n", encoding="utf-8")
    (root / "README.md").write_text("# notes\n", encoding="utf-8")
    assert run(root, "update").exit_code == 0
    return root


PROTECTED = [
    ("pyproject.toml", "xliff", "settings"),
    ("source/article.md", "xliff", "source folder"),
    ("source/new.xlf", "xliff", "source folder"),
    (str(EN), "xliff", "catalog"),
    ("locales/article.pot", "tmx", "catalog"),
    ("locales/zh_Hans/LC_MESSAGES/article.po", "tmx", "catalog"),
    ("locales/glossary.csv", "tbx", "glossary"),
    ("README.md", "xliff", "not an exchange file"),
    (".article-l10n.lock", "xliff", "lock or cache"),
]


@pytest.mark.parametrize(("name", "fmt", "why"), PROTECTED)
def test_export_never_writes_over_project_files(project: Path, name: str, fmt: str, why: str) -> None:
    before = snapshot(project)
    result = run(project, "export", "--format", fmt, "--lang", "en", "-o", str(project / name))
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert name in line and why in line and "choose another -o" in line
    assert snapshot(project) == before


def test_a_relative_o_is_checked_too(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "locales")
    before = snapshot(project)
    result = run(project, "export", "--format", "xliff", "--lang", "en", "-o", "en/LC_MESSAGES/article.po")
    assert result.exit_code == 2 and "catalog" in result.stderr
    assert snapshot(project) == before


def test_a_link_to_a_catalog_is_refused(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.xlf"
    link.symlink_to(project / EN)
    before = (project / EN).read_bytes()
    result = run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(link))
    assert result.exit_code == 2 and "catalog" in result.stderr
    assert (project / EN).read_bytes() == before


def test_several_languages_write_nothing_when_one_path_is_refused(project: Path) -> None:
    """Every file is checked before any is written (zh_Hans comes first, en is refused)."""
    (project / "out").mkdir()
    (project / "out" / "en.xlf").mkdir()  # a folder where one file would go
    result = run(project, "export", "--format", "xliff", "-o", str(project / "out"))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    assert not (project / "out" / "zh_Hans.xlf").exists()


@pytest.mark.parametrize("spelled", ["out", "out/"])
def test_an_existing_folder_gets_the_default_name(project: Path, spelled: str) -> None:
    (project / "out").mkdir()
    result = run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(project / spelled))
    assert result.exit_code == 0, result.output
    assert (project / "out" / "en.xlf").is_file()


def test_a_trailing_slash_names_a_new_folder(project: Path, tmp_path: Path) -> None:
    """``Path`` drops the ``/``: the file ``newdir`` was written instead of ``newdir/en.xlf``."""
    result = run(project, "export", "--format", "tmx", "--lang", "en", "-o", str(tmp_path / "newdir") + "/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newdir" / "en.tmx").is_file()
    result = run(project, "export", "--format", "tbx", "-o", str(tmp_path / "terms") + "/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "terms" / "glossary.tbx").is_file()


def test_an_earlier_export_is_replaced(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    out.write_text("<old/>", encoding="utf-8")
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    assert "<xliff" in out.read_text(encoding="utf-8")


def test_a_new_exchange_file_inside_the_project_is_fine(project: Path) -> None:
    assert run(project, "export", "--format", "tbx", "-o", str(project / "locales" / "glossary.tbx")).exit_code == 0
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(project / "en.xlf")).exit_code == 0


def test_protected_names_the_reason(project: Path, tmp_path: Path) -> None:
    p = Project(project)
    assert output.protected(p, project / "pyproject.toml") == "is the project's settings file"
    assert output.protected(p, project / ".article-l10n-cache" / "x.xlf") == "is the tool's own lock or cache"
    assert output.protected(p, tmp_path / "new.xlf") is None
    assert output.protected(p, tmp_path / "new.po") is None  # outside the project a new .po is the user's business
    assert output.Output.parse("a/").folder and not output.Output.parse("a").folder


def test_tbx_without_a_glossary_says_so_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    (project / "locales" / "glossary.csv").unlink()
    out = tmp_path / "glossary.tbx"
    result = run(project, "export", "--format", "tbx", "-o", str(out))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "no glossary to export" in line and "locales/glossary.csv" in line
    assert not out.exists()
