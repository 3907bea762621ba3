"""What a new user runs into: options put after the command, no project found, a file given
to the wrong command (found by trying the README from a fresh clone)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.commands.test_cli import run, snapshot


@pytest.mark.parametrize("given", [["--project", "{dir}"], ["--project={dir}"], ["--lock-timeout", "5"]])
def test_a_group_option_after_the_command_says_where_it_goes(project_dir: Path, given: list[str]) -> None:
    """docs/commands.md: "All commands take --project DIR"; `status --project DIR` said only "No such option"."""
    args = [arg.format(dir=project_dir) for arg in given]
    result = CliRunner().invoke(main, ["status", *args])
    assert result.exit_code == 2
    name = given[0].split("=")[0]
    assert f"{name} goes before the command" in result.output
    assert f"{name} {'DIR' if name == '--project' else 'SECONDS'} status" in result.output


def test_other_unknown_options_keep_clicks_message(project_dir: Path) -> None:
    result = run(project_dir, "status", "--projcet", "x")
    assert result.exit_code == 2 and "goes before" not in result.output
    assert "No such option '--projcet'" in result.output


def test_project_given_as_a_folder_inside_it_names_the_project(project_dir: Path) -> None:
    """`--project DIR/source` said "DIR/source/pyproject.toml: no pyproject.toml here; … pass --project DIR"."""
    result = run(project_dir / "source", "status")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {project_dir / 'source'}: no pyproject.toml here")
    assert f"inside the project {project_dir}" in line and f"--project {project_dir}" in line


def test_no_project_above_names_the_folder_and_another_tools_settings(tmp_path: Path) -> None:
    """Below another tool's pyproject.toml, the message named a file that does not exist and not the one that does."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    result = run(tmp_path / "sub", "status")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {tmp_path / 'sub'}: no pyproject.toml here")
    assert "nor a project in a folder above" in line
    assert f"{tmp_path / 'pyproject.toml'} has no [tool.article-l10n] table" in line


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("en.xlf", "is XLIFF, not a compendium (.po, .mo or .tmx); to take its translations, run `python cli.py"),
        ("en.xliff", "is XLIFF"),
        ("article.pot", "is a template (no translations)"),
        ("terms.tbx", "is a glossary"),
    ],
)
@pytest.mark.parametrize("command", [["update"], ["build", "--lang", "en"]])
def test_a_compendium_of_the_wrong_kind_points_to_the_right_command(
    project_dir: Path, name: str, said: str, command: list[str]
) -> None:
    """`update --compendium en.xlf` said only: "en.xlf:1: syntax error: "<?xml …" is not a PO line"."""
    assert run(project_dir, "update").exit_code == 0
    exported = project_dir / "en.xlf"
    assert run(project_dir, "export", "--format", "xliff", "--lang", "en", "-o", str(exported)).exit_code == 0
    given = project_dir / name
    if name != "en.xlf":
        given.write_bytes(exported.read_bytes())
    before = snapshot(project_dir)
    result = run(project_dir, *command, "--compendium", str(given))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert f"{name}: " in line and said in line
    assert snapshot(project_dir) == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_new_project_under_git_shows_only_what_to_commit(tmp_path: Path) -> None:
    """init made no .gitignore: after a build, `git status` listed build/ and the project lock to commit."""
    root = tmp_path / "mine"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    (root / "source" / "news.md").write_text("# 標題\n\n這是第一句。\n", encoding="utf-8")
    assert run(root, "build", "--all").exit_code == 0
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=root, capture_output=True, text=True, check=True
    )
    listed = sorted(line[3:] for line in status.stdout.splitlines())
    assert listed == [
        ".gitignore",
        "locales/en/LC_MESSAGES/news.po",
        "locales/news.pot",
        "locales/zh_Hans/LC_MESSAGES/news.po",
        "pyproject.toml",
        "source/news.md",
    ]


def test_init_leaves_a_gitignore_there_alone(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.pyc\n"
    assert ".gitignore" in result.output and "/.article-l10n.lock" in result.output  # what to add by hand


def test_no_documents_names_a_file_of_another_kind(project_dir: Path) -> None:
    """Only `source/typhoon.markdown`: "no documents (*.md or *.txt files)" left the user to find out why."""
    (project_dir / "source" / "article.md").rename(project_dir / "source" / "typhoon.markdown")
    result = run(project_dir, "update")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "source: no documents (*.md or *.txt files) in the source folder" in line
    assert "source/typhoon.markdown is not read: rename it to typhoon.md" in line


def test_no_documents_names_a_file_of_another_kind_without_renaming_a_word_file(project_dir: Path) -> None:
    (project_dir / "source" / "article.md").rename(project_dir / "source" / "notes.docx")
    result = run(project_dir, "update")
    assert result.exit_code == 2 and "source/notes.docx is not read: only .md and .txt files are" in result.output


@pytest.mark.parametrize("command", [[], ["export"], ["import"]])
def test_help_names_the_program_as_it_was_run(command: list[str]) -> None:
    """`article-l10n --help` showed `python cli.py build --lang en` as the typical use."""
    installed = CliRunner().invoke(main, [*command, "--help"], prog_name="article-l10n")
    assert installed.exit_code == 0
    assert "python cli.py" not in installed.output and "article-l10n " in installed.output
    script = CliRunner().invoke(main, [*command, "--help"], prog_name="cli.py")
    assert "python cli.py " in script.output


def test_hints_name_the_cli_py_that_was_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Someone who ran `python ../tools/cli.py init demo` is told to run that, not a cli.py that is not there.
    monkeypatch.setattr(sys, "argv", ["../tools dir/cli.py", "init", str(tmp_path / "demo")])
    result = CliRunner().invoke(main, ["init", str(tmp_path / "demo")], prog_name="cli.py")
    assert result.exit_code == 0, result.output
    assert "run python '../tools dir/cli.py' --project" in result.output
    monkeypatch.setattr(sys, "argv", ["cli.py"])
    result = CliRunner().invoke(main, ["init", str(tmp_path / "other")], prog_name="cli.py")
    assert "run python cli.py --project" in result.output
