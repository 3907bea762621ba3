"""Settings from pyproject.toml: defaults, validation, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError, LanguageError
from pipeline.workspace import config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    return tmp_path


def test_project_settings_load() -> None:
    settings = config.load(ROOT)
    assert settings.source_language == "zh_Hant"
    assert settings.language_codes == ("zh_Hans", "en")
    zh = settings.language("zh-Hans")
    assert (zh.converter, zh.punctuation, zh.min_percent) == ("tw2s", "fullwidth", 100.0)
    assert settings.language("en").min_percent == 0.0
    assert settings.source_dir == ROOT / "source"


def test_defaults(tmp_path: Path) -> None:
    settings = config.load(write(tmp_path, "[tool.article-l10n.languages.en]\n"))
    assert settings.granularity == "sentence"
    assert settings.locales_dir == tmp_path / "locales"
    assert settings.languages[0] == config.LanguageSettings("en")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[tool.other]\n", "no \\[tool.article-l10n\\] table"),
        ("[tool.article-l10n]\n", "lists no target language"),
        ('[tool.article-l10n]\ngranularity = "word"\n[tool.article-l10n.languages.en]\n', "granularity must be one of"),
        ('[tool.article-l10n]\nsourcedir = "x"\n[tool.article-l10n.languages.en]\n', "unknown setting"),
        ("[tool.article-l10n.languages.en]\nmin_percent = 101\n", "min_percent must be a number from 0 to 100"),
        ('[tool.article-l10n.languages.en]\npunctuation = "wide"\n', "punctuation must be one of"),
        ('[tool.article-l10n.languages."x/y"]\n', "not a language code"),
        ('[tool.article-l10n]\nsource_language = "../x"\n[tool.article-l10n.languages.en]\n', "source_language"),
        ("[tool.article-l10n\n", "cannot parse"),
    ],
)
def test_bad_settings_are_clear(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        config.load(write(tmp_path, body))
    assert caught.value.path is not None and caught.value.path.endswith("pyproject.toml")


def test_missing_pyproject(tmp_path: Path) -> None:
    # what makes a folder a project, and where to read how to make one
    said = r"no pyproject\.toml here, nor a project in a folder above; run inside a project .*\[tool\.article-l10n\].*"
    said += "README"
    with pytest.raises(ConfigError, match=said):
        config.load(tmp_path)


def test_unconfigured_language(tmp_path: Path) -> None:
    settings = config.load(write(tmp_path, "[tool.article-l10n.languages.en]\n"))
    with pytest.raises(LanguageError, match="configured languages: en"):
        settings.language("fr")


def test_glossary_and_names_settings(tmp_path: Path) -> None:
    body = (
        '[tool.article-l10n]\nglossary = "terms/glossary.csv"\nnames = ["AI"]\n'
        '[tool.article-l10n.languages.en]\nnames = ["MODEL1"]\n[tool.article-l10n.languages.zh_Hans]\n'
    )
    settings = config.load(write(tmp_path, body))
    assert settings.glossary_path == tmp_path / "terms" / "glossary.csv"
    assert settings.allowed_names(settings.language("en")) == frozenset({"AI", "MODEL1"})
    assert settings.allowed_names(settings.language("zh_Hans")) == frozenset({"AI"})


def test_glossary_defaults_to_the_locales_folder(tmp_path: Path) -> None:
    settings = config.load(write(tmp_path, "[tool.article-l10n.languages.en]\n"))
    assert settings.glossary is None
    assert settings.glossary_path == tmp_path / "locales" / "glossary.csv"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[tool.article-l10n]\nglossary = 3\n[tool.article-l10n.languages.en]\n", "glossary must be the path"),
        ('[tool.article-l10n]\nnames = "AI"\n[tool.article-l10n.languages.en]\n', "names must be a list"),
        ('[tool.article-l10n.languages.en]\nnames = ["AI", ""]\n', "languages.en\\] names must be a list"),
        # the kind named as TOML names it, with the value found
        (
            "[tool.article-l10n]\nsource_dir = 3\n[tool.article-l10n.languages.en]\n",
            'source_dir must be a string \\("…"\\), not 3',
        ),
        ("[tool.article-l10n]\nlanguages = 3\n", "languages must be a table, not 3"),
    ],
)
def test_bad_glossary_and_names_settings(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config.load(write(tmp_path, body))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[tool.article-l10n.languages.en]\n[tool.article-l10n.languages.EN]\n", "lists en more than once"),
        ("[tool.article-l10n.languages.zh-Hant]\n", "zh_Hant is the source language"),
        ('[tool.article-l10n.languages.zh_Hans]\nconverter = "nope"\n', "unknown OpenCC configuration 'nope'"),
    ],
)
def test_contradictory_settings(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        config.load(write(tmp_path, body))
    assert caught.value.format().startswith(str(tmp_path / "pyproject.toml"))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("source_dir", "/etc"),
        ("source_dir", "../elsewhere"),
        ("locales_dir", "locales/../.."),
        ("build_dir", "/tmp/build"),
        ("build_dir", "."),
        ("source_dir", ""),
    ],
)
def test_folders_must_be_inside_the_project(tmp_path: Path, key: str, value: str) -> None:
    body = f'[tool.article-l10n]\n{key} = "{value}"\n[tool.article-l10n.languages.en]\n'
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, body))
    assert caught.value.format() == (
        f"{tmp_path / 'pyproject.toml'}: [tool.article-l10n] {key} must be a folder inside the project "
        f"(a relative path such as {key.removesuffix('_dir')!r}), not {value!r}"
    )


def test_a_folder_linked_out_of_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "source").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ConfigError, match="source_dir must be a folder inside the project"):
        config.load(write(tmp_path / "project", "[tool.article-l10n.languages.en]\n"))
    settings = config.load(
        write(
            tmp_path / "project",
            '[tool.article-l10n]\nsource_dir = "articles/../texts"\n[tool.article-l10n.languages.en]\n',
        )
    )
    assert settings.source_dir == tmp_path / "project" / "articles/../texts"


def test_a_folder_outside_the_project_is_a_one_line_error_with_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    write(tmp_path, '[tool.article-l10n]\nsource_dir = "/etc"\n[tool.article-l10n.languages.en]\n')
    for command in (["check"], ["build", "--all"], ["status"]):
        result = CliRunner().invoke(main, ["--project", str(tmp_path), *command])
        assert result.exit_code == 2
        assert result.output.splitlines() == [
            f"Error: {tmp_path / 'pyproject.toml'}: [tool.article-l10n] source_dir must be a folder inside the "
            "project (a relative path such as 'source'), not '/etc'"
        ]
