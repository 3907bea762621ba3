"""``check`` with the quality checks and the glossary, through click's CliRunner.

A temporary project with the real article and a small glossary; entries of the English
catalog are translated (well or badly) by editing the .po file as a translator would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.qa import excerpt
from tests.conftest import make_project

EN_PO = "locales/en/LC_MESSAGES/article.po"
ZH_PO = "locales/zh_Hans/LC_MESSAGES/article.po"
GLOSSARY = """\
source,language,target,note
布加迪威龍,en,Bugatti Veyron,the car the article compares American AI to
布加迪威龍,zh_Hans,布加迪威龙,
《金融時報》,en,*Financial Times*,newspaper: title in italics
"""
WIND = "可現在,風向變了。"
R1 = "但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光:訓練成本只有29.4萬美元。"
SMITH = "微軟總裁布拉德·史密斯在接受《金融時報》采訪時,那焦慮真是掩飾不住。"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def translate(project: Path, msgid: str, msgstr: str, flags: str = "") -> int:
    """Fill in one entry of the English catalog; return the line of its msgid."""
    po = project / EN_PO
    text = po.read_text(encoding="utf-8")
    old = f'msgid "{msgid}"\nmsgstr ""\n'
    assert old in text, msgid
    text = text.replace(old, (f"#, {flags}\n" if flags else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    po.write_text(text, encoding="utf-8")
    return msgid_line(project, msgid)


def msgid_line(project: Path, msgid: str) -> int:
    lines = (project / EN_PO).read_text(encoding="utf-8").split("\n")
    return lines.index(f'msgid "{msgid}"') + 1


@pytest.fixture
def project(project_dir: Path) -> Path:
    (project_dir / "locales").mkdir()
    (project_dir / "locales" / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    assert run(project_dir, "update").exit_code == 0
    return project_dir


@pytest.fixture
def translated(project: Path) -> Path:
    """One error (a copied source) and one warning (a lost number) in the English catalog."""
    translate(project, WIND, WIND)
    translate(project, R1, "But DeepSeek-R1 slapped the whole of Silicon Valley: it cost only $29.4 to train.")
    return project


# ---------------------------------------------------------------- text


def test_text_groups_by_file_errors_first_and_counts_at_the_end(translated: Path) -> None:
    result = run(translated, "check")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    wind, r1 = msgid_line(translated, WIND), msgid_line(translated, R1)
    assert wind < r1
    en = out.index(f"{EN_PO}: 1 error, 1 warning")
    assert out[en + 1] == (
        f'  {EN_PO}:{wind}: error: [untranslated-copy] "可現在,風向變了。": '
        "the translation is a copy of the Chinese source"
    )
    assert out[en + 2] == f'  {EN_PO}:{r1}: warning: [numbers] "但DeepSeek-R1的出世,…": not in the translation: 29.4萬'
    zh = out.index(f"{ZH_PO}: 0 errors, 4 warnings")
    assert all("[source-damage]" in line for line in out[zh + 1 : zh + 5])
    assert "en: 3/58 translated (5.2%)" in out
    assert result.stderr.splitlines()[-1] == "check failed: 0 problems, 1 error, 5 warnings"


def test_warnings_alone_do_not_fail(project: Path) -> None:
    translate(project, R1, "But DeepSeek-R1 slapped the whole of Silicon Valley: it cost only $29.4 to train.")
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "check passed: 0 problems, 0 errors, 5 warnings"


def test_ignore_flag_in_the_catalog_silences_the_check(project: Path) -> None:
    translate(project, WIND, WIND, flags="ignore-untranslated-copy")
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert "untranslated-copy" not in result.output


def test_the_glossary_check_and_a_good_translation(project: Path) -> None:
    translate(project, SMITH, "Microsoft president Brad Smith could not hide his anxiety talking to the FT.")
    result = run(project, "check")
    assert result.exit_code == 0
    assert "warning: [glossary]" in result.stdout and "《金融時報》 should be “*Financial Times*”" in result.stdout
    translate_again = (project / EN_PO).read_text(encoding="utf-8").replace("to the FT.", "to the *Financial Times*.")
    (project / EN_PO).write_text(translate_again, encoding="utf-8")
    assert "[glossary]" not in run(project, "check").stdout


def test_gate_problems_still_fail(project: Path) -> None:
    article = project / "source" / "article.md"
    article.write_bytes(article.read_bytes() + "\n新的一句話。".encode())
    result = run(project, "check")
    assert result.exit_code == 1
    assert "locales/article.pot: out of date with the source; run `python cli.py extract`" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("check failed: 3 problems, 0 errors")


# ---------------------------------------------------------------- json


def test_json(translated: Path) -> None:
    result = run(translated, "check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["summary"] == {"problems": 0, "errors": 1, "warnings": 5}
    assert data["problems"] == []
    error = next(f for f in data["findings"] if f["severity"] == "error")
    assert error == {
        "check": "untranslated-copy",
        "severity": "error",
        "path": EN_PO,
        "line": msgid_line(translated, WIND),
        "msgid_start": "可現在,風向變了。",
        "message": "the translation is a copy of the Chinese source",
        "language": "en",
    }
    assert {lang["language"]: lang["translated"] for lang in data["languages"]} == {"zh_Hans": 58, "en": 3}


def test_json_passes_on_clean_catalogs(project: Path) -> None:
    result = run(project, "check", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is True


# ---------------------------------------------------------------- github


def test_github_annotations(translated: Path) -> None:
    result = run(translated, "check", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    wind, r1 = msgid_line(translated, WIND), msgid_line(translated, R1)
    assert (
        f"::error file={EN_PO},line={wind},title=article-l10n untranslated-copy::"
        '[untranslated-copy] "可現在,風向變了。": the translation is a copy of the Chinese source'
    ) in lines
    assert (
        f"::warning file={EN_PO},line={r1},title=article-l10n numbers::"
        '[numbers] "但DeepSeek-R1的出世,…": not in the translation: 29.4萬'
    ) in lines
    assert sum(1 for line in lines if line.startswith("::warning file=" + ZH_PO)) == 4
    assert lines[-1] == "check failed: 0 problems, 1 error, 5 warnings"


def test_github_annotation_for_a_gate_problem_and_escaping(project: Path) -> None:
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text().replace("min_percent = 0", "min_percent = 50"))
    lines = run(project, "check", "--format", "github").stdout.splitlines()
    assert (  # a project-wide problem is placed on the settings file, so that GitHub can show it
        "::error file=pyproject.toml,line=1,title=article-l10n check::"
        "en: 1.7%25 translated, below the required 50%25 (min_percent in pyproject.toml)" in lines
    )


def test_every_github_annotation_is_placed_on_a_file_and_line(translated: Path) -> None:
    # A whole-file finding (out of date) goes on line 1; GitHub drops an annotation it cannot place.
    with (translated / "source" / "article.md").open("a", encoding="utf-8") as handle:
        handle.write("\n新加的一句話。\n")
    result = run(translated, "check", "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert f"::error file={EN_PO},line=1,title=article-l10n check::out of date with the source; " in "\n".join(
        annotations
    )
    assert len(annotations) > 5
    for line in annotations:
        assert re.match(r"::(error|warning) file=[^,:]+,line=[1-9][0-9]*,title=", line), line


# ---------------------------------------------------------------- input that cannot be read


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (b'msgid "x"\nmsgstr "y\n', "syntax error: unterminated string"),
        (b'msgid "x"\nmsgstr "\xff"\n', "bytes not valid UTF-8"),
    ],
)
def test_machine_formats_report_an_unreadable_catalog(project: Path, damage: bytes, message: str) -> None:
    po = project / EN_PO
    po.write_bytes(po.read_bytes() + damage)
    where = po.read_bytes().count(b"\n")  # the damaged msgstr line, the last one
    human = run(project, "check")
    assert human.exit_code == 2 and human.stdout == ""
    [error] = human.stderr.splitlines()

    data = run(project, "check", "--format", "json")
    assert data.exit_code == 2
    report = json.loads(data.stdout)
    assert report["ok"] is False
    assert report["error"]["path"] == EN_PO and report["error"]["line"] in (where, None)
    assert report["error"]["message"].startswith(message)
    assert data.stderr.splitlines() == [error]  # people reading the log still get the usual line

    github = run(project, "check", "--format", "github")
    assert github.exit_code == 2
    [annotation] = github.stdout.splitlines()
    assert annotation.startswith(f"::error file={EN_PO},line={report['error']['line'] or 1},title=article-l10n check::")
    assert message in annotation


# ---------------------------------------------------------------- glossary in the catalogs


def test_update_writes_glossary_comments(project: Path) -> None:
    pot = (project / "locales" / "article.pot").read_text(encoding="utf-8")
    assert "#. glossary (zh_Hans): 布加迪威龍 = 布加迪威龙\n" in pot
    assert "#. glossary (en): 布加迪威龍 = Bugatti Veyron — the car the article compares American AI to\n" in pot
    en = (project / EN_PO).read_text(encoding="utf-8")
    assert "#. glossary: 布加迪威龍 = Bugatti Veyron — the car the article compares American AI to\n#: " in en
    assert "布加迪威龙" not in en
    zh = (project / ZH_PO).read_text(encoding="utf-8")
    assert "#. glossary: 布加迪威龍 = 布加迪威龙\n" in zh and "Bugatti" not in zh


def test_glossary_change_keeps_translator_work_and_check_asks_for_update(project: Path) -> None:
    po = project / EN_PO
    text = po.read_text(encoding="utf-8").replace(
        f'msgid "{SMITH}"\nmsgstr ""',
        f'#, fuzzy, ignore-glossary\nmsgid "{SMITH}"\nmsgstr "Brad Smith told the FT."',
    )
    po.write_text(text.replace("#. paragraph 3, sentence 1\n", "# ask the editor\n#. paragraph 3, sentence 1\n"))
    with (project / "locales" / "glossary.csv").open("a", encoding="utf-8") as handle:
        handle.write("微軟,en,Microsoft,\n")
    stale = run(project, "check")
    assert stale.exit_code == 1
    assert f"{EN_PO}: out of date with the source; run `python cli.py update`" in stale.stdout
    assert run(project, "update").exit_code == 0
    after = po.read_text(encoding="utf-8")
    assert (
        "# ask the editor\n#. paragraph 3, sentence 1\n#. glossary: 微軟 = Microsoft\n"
        "#. glossary: 《金融時報》 = *Financial Times* — newspaper: title in italics\n"
        f'#: source/article.md:4\n#, fuzzy, ignore-glossary\nmsgid "{SMITH}"\nmsgstr "Brad Smith told the FT."'
    ) in after
    assert run(project, "check").exit_code == 0


def test_malformed_glossary_is_one_line_and_exit_2(project: Path) -> None:
    path = project / "locales" / "glossary.csv"
    path.write_text(GLOSSARY + "芯片,en\n", encoding="utf-8")
    for command in (["check"], ["update"], ["build", "--lang", "en"]):
        result = run(project, *command)
        assert result.exit_code == 2, command
        assert result.output.strip().splitlines() == [
            "Error: locales/glossary.csv:5: expected the columns source, language, target, note "
            "(the note may be left out), found 2 cell(s)"
        ]


def test_configured_glossary_must_exist(project: Path) -> None:
    settings = project / "pyproject.toml"
    settings.write_text(
        settings.read_text().replace("[tool.article-l10n]\n", '[tool.article-l10n]\nglossary = "terms.csv"\n')
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert "terms.csv: glossary file not found" in result.output


def test_names_setting_allows_an_exception(project: Path) -> None:
    translate(
        project, R1, "But the arrival of DeepSeek's model slapped Silicon Valley: it cost only $294,000 to train."
    )
    assert run(project, "check").exit_code == 1
    settings = project / "pyproject.toml"
    settings.write_text(
        re.sub(r"(\[tool\.article-l10n\.languages\.en\]\n)", r'\1names = ["DeepSeek-R1"]\n', settings.read_text())
    )
    result = run(project, "check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "broken",
    [
        "The company will expand in Arizona (https://example.com/az).",
        "The company will expand in [Arizona]（https://example.com/az）.",
    ],
)
def test_a_link_written_as_a_bare_url_fails(tmp_path: Path, broken: str) -> None:
    source = "公司計畫在[亞利桑那州](https://example.com/az)擴建第三座工廠。"
    project = make_project(tmp_path / "project", f"# 晶片\n\n{source}\n")
    assert run(project, "update").exit_code == 0
    good = "The company will expand in [Arizona](https://example.com/az)."
    translate(project, source, good)
    assert run(project, "check").exit_code == 0
    po = project / EN_PO
    po.write_text(po.read_text(encoding="utf-8").replace(good, broken), encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    line = msgid_line(project, source)
    assert (
        f'{EN_PO}:{line}: error: [markup] "{excerpt(source)}": link https://example.com/az missing: '
        "the translation has it as a bare URL, not as [text](https://example.com/az)"
    ) in result.output
