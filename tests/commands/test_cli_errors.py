"""Bad usage and bad input through the CLI: one line naming the file (and line), exit 2, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.commands.test_cli import run
from tests.conftest import ROOT


def test_build_needs_a_language(project_dir: Path) -> None:
    result = run(project_dir, "build")
    assert result.exit_code == 2
    assert "--lang" in result.output


@pytest.mark.parametrize("code", ["fr", "../x", "/etc", "en/../../x", "", "x" * 300])
def test_unknown_or_hostile_language_is_refused(project_dir: Path, code: str) -> None:
    result = run(project_dir, "build", "--lang", code)
    assert result.exit_code == 2
    assert "Error:" in result.output
    assert "Traceback" not in result.output
    assert not (project_dir / "build").exists()
    assert not any(project_dir.parent.glob("x*"))


def test_unknown_language_lists_configured_ones(project_dir: Path) -> None:
    result = run(project_dir, "update", "--lang", "fr")
    assert result.exit_code == 2
    assert "configured languages: zh_Hans, en" in result.output


def test_unknown_language_code_lists_configured_ones(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "xx")
    assert result.exit_code == 2
    assert "configured languages: zh_Hans, en" in result.output


def test_missing_project_settings(tmp_path: Path) -> None:
    result = run(tmp_path, "status")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output


def test_missing_source_folder(project_dir: Path) -> None:
    (project_dir / "source" / "article.md").unlink()
    (project_dir / "source").rmdir()
    result = run(project_dir, "build", "--lang", "en")
    assert result.exit_code == 2
    assert "source: source folder not found" in result.output


def test_empty_source_folder_is_an_error(project_dir: Path) -> None:
    (project_dir / "source" / "article.md").unlink()
    for command in (["check"], ["build", "--lang", "en"], ["status"]):
        result = run(project_dir, *command)
        assert result.exit_code == 2, command
        assert "source: no documents" in result.output


def test_two_files_with_one_domain_are_refused(project_dir: Path) -> None:
    (project_dir / "source" / "article.txt").write_text("另一篇。\n", encoding="utf-8")
    result = run(project_dir, "update")
    assert result.exit_code == 2
    assert "same gettext domain 'article'" in result.output


def test_non_utf8_source_names_file_and_offset(new_project: Callable[..., Path]) -> None:
    root = new_project()
    (root / "source" / "article.md").write_bytes("第一行\n".encode() + "第二行".encode("big5"))
    result = run(root, "extract")
    assert result.exit_code == 2
    assert "source/article.md:2: not valid UTF-8 at byte offset 10" in result.output
    assert not (root / "locales").exists()


def test_malformed_po_names_file_and_line_and_is_not_rewritten(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    lines[20] = 'msgstr "unterminated'
    broken = "\n".join(lines).encode()
    po.write_bytes(broken)
    for command in (["update"], ["build", "--lang", "en"], ["status"], ["check"]):
        result = run(project_dir, *command)
        assert result.exit_code == 2, command
        assert "locales/en/LC_MESSAGES/article.po:21: syntax error" in result.output
    assert po.read_bytes() == broken
    assert not (project_dir / "build").exists()


def test_bad_settings(project_dir: Path) -> None:
    settings = project_dir / "pyproject.toml"
    settings.write_text(settings.read_text().replace('granularity = "sentence"', 'granularity = "word"'))
    result = run(project_dir, "status")
    assert result.exit_code == 2
    assert "pyproject.toml: granularity must be one of sentence, paragraph" in result.output


# Root ignores file permissions through two capabilities; without them (setpriv, util-linux)
# it is refused like anyone else. CI runs as root, so the permission tests run there too.
UNPRIVILEGED = ("--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search", "--")


def run_without_privileges(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process that file permissions apply to, even when the tests run as root."""
    command = [sys.executable, str(ROOT / "cli.py"), "--project", str(project), *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "running as root: install util-linux (setpriv) to run the permission tests"
        command = [setpriv, *UNPRIVILEGED, *command]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_unwritable_build_folder(project_dir: Path) -> None:
    (project_dir / "build").mkdir()
    (project_dir / "build").chmod(0o500)
    try:
        result = run_without_privileges(project_dir, "build", "--lang", "en")
    finally:
        (project_dir / "build").chmod(0o700)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "Error: build/en/article.md: cannot write: Permission denied; check the folder's permissions"
    ]
    assert list((project_dir / "build").iterdir()) == []


def test_a_read_only_catalog_is_not_replaced(project_dir: Path) -> None:
    """chmod a-w on a catalog means 'do not touch': update says so and changes nothing (root too)."""
    assert run(project_dir, "update").exit_code == 0
    article = project_dir / "source" / "article.md"
    article.write_bytes(article.read_bytes() + "\n新的一句。".encode())
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    before = po.read_bytes()
    po.chmod(0o444)
    try:
        result = run(project_dir, "update", "--lang", "en")
    finally:
        po.chmod(0o644)
    assert result.exit_code == 2
    assert "locales/en/LC_MESSAGES/article.po: is read-only; not overwritten" in result.output
    assert po.read_bytes() == before


def test_build_folder_is_a_file(project_dir: Path) -> None:
    (project_dir / "build").write_text("not a folder")
    result = run(project_dir, "build", "--lang", "en")
    assert result.exit_code == 2
    assert "build/en/article.md: cannot write" in result.output
    assert (project_dir / "build").read_text() == "not a folder"
