"""``init``: a new project that ``update``, ``build`` and ``check`` take at once; refusals write nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.operations.init import settings_text, target_codes
from pipeline.workspace import config
from tests.commands.test_cli import run, snapshot
from tests.conftest import make_project


def init(*args: str) -> Result:
    return CliRunner().invoke(main, ["init", *args], catch_exceptions=False)


def test_init_then_update_build_and_check_work(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    result = init(str(root))
    assert result.exit_code == 0, result.output
    assert "pyproject.toml" in result.output and "update" in result.output
    assert (root / "source").is_dir() and (root / "locales").is_dir()
    settings = config.load(root)
    assert settings.source_language == "zh_Hant" and settings.language_codes == ("zh_Hans", "en")
    assert settings.language("zh_Hans").converter == "tw2s"
    (root / "source" / "news.md").write_text("# 標題\n\n這是第一句。這是第二句！\n\n- 清單項目。\n", encoding="utf-8")
    assert run(root, "update").exit_code == 0
    assert (root / "locales" / "en" / "LC_MESSAGES" / "news.po").is_file()
    built = run(root, "build", "--all")
    assert built.exit_code == 0, built.output
    assert (root / "build" / "zh_Hans" / "news.md").read_text(encoding="utf-8").startswith("# 标题")
    checked = run(root, "check")
    assert checked.exit_code == 0, checked.output


def test_init_with_languages_writes_their_tables(tmp_path: Path) -> None:
    result = init(str(tmp_path / "p"), "--lang", "fr", "--lang", "zh-hans", "--lang", "zh_Hans", "--lang", "EN")
    assert result.exit_code == 0, result.output
    settings = config.load(tmp_path / "p")
    assert settings.language_codes == ("fr", "zh_Hans", "en")
    assert settings.language("fr").converter is None and settings.language("fr").min_percent == 0


def test_init_takes_project_or_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(main, ["--project", str(tmp_path / "a"), "init"]).exit_code == 0
    assert (tmp_path / "a" / "pyproject.toml").is_file()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "b")
    result = init()
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "pyproject.toml").is_file()
    assert "--project" not in result.output  # the commands run right here


def refused(tmp_path: Path, *args: str) -> Result:
    before = snapshot(tmp_path)
    result = init(*args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before
    return result


def test_an_existing_project_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert "already a project" in refused(tmp_path, str(root)).stderr


def test_another_pyproject_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = refused(tmp_path, str(tmp_path / "lib"))
    assert "by hand" in result.stderr and "lib/pyproject.toml" in result.stderr


def test_a_missing_parent_or_a_file_is_refused(tmp_path: Path) -> None:
    assert "does not exist" in refused(tmp_path, str(tmp_path / "a" / "b")).stderr
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert "is a file" in refused(tmp_path, str(tmp_path / "f")).stderr
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "source").write_text("x", encoding="utf-8")
    assert "source" in refused(tmp_path, str(tmp_path / "g")).stderr


def test_nested_only_when_asked_and_never_in_the_outer_projects_folders(tmp_path: Path) -> None:
    outer = make_project(tmp_path / "outer")
    result = refused(tmp_path, str(outer / "sub"))
    assert "inside the project" in result.stderr and "--nested" in result.stderr
    assert "source_dir" in refused(tmp_path, str(outer / "source" / "x"), "--nested").stderr
    for folder in ("locales", "build"):
        (outer / folder).mkdir()
        assert f"{folder}_dir" in refused(tmp_path, str(outer / folder / "x"), "--nested").stderr
    result = init(str(outer / "sub"), "--nested")
    assert result.exit_code == 0, result.output
    assert "note: inside the project" in result.output
    assert config.load(outer / "sub").root == outer / "sub"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("eng", "did you mean en?"),
        ("xx", "'xx'"),
        ("zh_Hant", "source language"),
        ("zh-TW", "zh_Hant_TW is the source language as it is written"),
        ("e n", "not a language code"),
    ],
)
def test_bad_languages_are_refused(tmp_path: Path, typed: str, said: str) -> None:
    assert said in refused(tmp_path, str(tmp_path / "p"), "--lang", typed).stderr


def test_the_settings_init_writes_are_what_the_commands_accept(tmp_path: Path) -> None:
    codes = target_codes(("zh_Hans", "en", "ja", "pt-BR"))
    text = settings_text(codes)
    table = tomllib.loads(text)["tool"]["article-l10n"]
    settings = config.from_table(tmp_path, table, tmp_path / "pyproject.toml")
    assert settings.language_codes == ("zh_Hans", "en", "ja", "pt_BR")
    assert set(table) >= {"source_dir", "locales_dir", "build_dir", "source_language", "granularity", "names"}


@pytest.mark.parametrize("typed", ["zh_CN", "zh-SG", "zh-Hans-CN"])
def test_simplified_chinese_of_a_region_is_filled_by_opencc_too(tmp_path: Path, typed: str) -> None:
    result = init(str(tmp_path / "p"), "--lang", typed)
    assert result.exit_code == 0, result.output
    (code,) = config.load(tmp_path / "p").language_codes
    assert code.startswith("zh_Hans_")
    assert config.load(tmp_path / "p").language(code).converter == "tw2s"
