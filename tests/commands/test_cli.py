"""Every command through click's CliRunner, in a temporary project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.l10n.notes import machine_mark
from tests.conftest import ROOT


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``root`` with its bytes and mtime."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "update", "status", "check", "build"):
        assert command in result.output


def test_build_en_writes_edition_and_catalogs(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "build/en/article.md  1/58 translated (1.7%), 57 fell back to the source" in result.output
    assert (project_dir / "locales" / "article.pot").is_file()
    assert (project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po").is_file()
    edition = (project_dir / "build" / "en" / "article.md").read_text(encoding="utf-8")
    assert edition.endswith("information storage services.")  # no final newline, like the source


def test_extract_warns_about_damage_with_lines(project_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(project_dir), "extract"])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert [w.split(":")[1] for w in warnings] == ["1", "1", "16", "23", "23", "37"]
    assert "locales/article.pot: written" in result.stdout


def test_extract_check(project_dir: Path) -> None:
    assert run(project_dir, "extract", "--check").exit_code == 1
    assert not (project_dir / "locales" / "article.pot").exists()
    assert run(project_dir, "extract").exit_code == 0
    assert run(project_dir, "extract", "--check").exit_code == 0


def test_update_twice_changes_nothing(project_dir: Path) -> None:
    assert run(project_dir, "update").exit_code == 0
    before = snapshot(project_dir / "locales")
    result = run(project_dir, "update")
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert snapshot(project_dir / "locales") == before


def test_update_dry_run_writes_nothing(project_dir: Path) -> None:
    result = run(project_dir, "update", "--dry-run")
    assert result.exit_code == 0
    assert "created" in result.output
    assert not (project_dir / "locales").exists()


def test_update_keeps_translator_work(project_dir: Path) -> None:
    run(project_dir, "update", "--lang", "en")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "可現在,風向變了。"\nmsgstr ""',
        '# checked with the editor\n#, fuzzy\nmsgid "可現在,風向變了。"\nmsgstr "But now the wind has changed."',
    )
    po.write_text(text, encoding="utf-8")
    run(project_dir, "update")
    after = po.read_text(encoding="utf-8")
    assert "# checked with the editor\n#. paragraph 2, sentence 1\n#: source/article.md:2\n#, fuzzy\n" in after
    assert 'msgstr "But now the wind has changed."' in after


def test_removed_segment_becomes_obsolete_and_comes_back(project_dir: Path) -> None:
    run(project_dir, "update", "--lang", "en")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "但中國AI不嫌棄。"\nmsgstr ""', 'msgid "但中國AI不嫌棄。"\nmsgstr "But Chinese AI does not mind."'
        ),
        encoding="utf-8",
    )
    article = project_dir / "source" / "article.md"
    original = article.read_bytes()
    article.write_bytes(original.replace("但中國AI不嫌棄。\n".encode(), b""))
    assert run(project_dir, "update").exit_code == 0
    text = po.read_text(encoding="utf-8")
    assert '#~ msgid "但中國AI不嫌棄。"\n#~ msgstr "But Chinese AI does not mind."' in text
    article.write_bytes(original)
    result = run(project_dir, "update", "--lang", "en")
    assert "1 revived" in result.output
    text = po.read_text(encoding="utf-8")
    assert 'msgid "但中國AI不嫌棄。"\nmsgstr "But Chinese AI does not mind."' in text
    assert "#~" not in text


def test_status_table_and_json(project_dir: Path) -> None:
    run(project_dir, "update")
    table = run(project_dir, "status")
    assert table.exit_code == 0
    assert "58 machine-converted, 0 changed by a person" in table.output
    data = json.loads(run(project_dir, "status", "--format", "json").output)
    by_lang = {entry["language"]: entry for entry in data["languages"]}
    assert by_lang["zh_Hans"]["translated"] == 58
    assert by_lang["zh_Hans"]["percent"] == 100.0
    assert by_lang["en"] == by_lang["en"] | {"total": 58, "translated": 1, "fuzzy": 0, "untranslated": 57}
    assert by_lang["en"]["documents"][0]["document"] == "article"
    only_en = json.loads(run(project_dir, "status", "--lang", "en", "--format", "json").output)
    assert [entry["language"] for entry in only_en["languages"]] == ["en"]


def test_check_passes_after_update_and_fails_when_stale(project_dir: Path) -> None:
    assert run(project_dir, "check").exit_code == 1  # nothing extracted yet
    run(project_dir, "update")
    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    article = project_dir / "source" / "article.md"
    article.write_bytes(article.read_bytes() + "\n新的一句話。".encode())
    result = run(project_dir, "check")
    assert result.exit_code == 1
    assert "locales/article.pot: out of date" in result.output
    assert "locales/en/LC_MESSAGES/article.po: out of date" in result.output


def test_check_fails_below_min_percent(project_dir: Path) -> None:
    settings = project_dir / "pyproject.toml"
    settings.write_text(settings.read_text().replace("min_percent = 0", "min_percent = 50"))
    run(project_dir, "update")
    result = run(project_dir, "check")
    assert result.exit_code == 1
    assert "en: 1.7% translated, below the required 50%" in result.output


def test_check_reports_person_changed_simplified_is_kept(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "zh_Hans" / "LC_MESSAGES" / "article.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "可现在，风向变了。"', 'msgstr "可如今，风向变了。"'))
    assert run(project_dir, "update").exit_code == 0
    assert 'msgstr "可如今，风向变了。"' in po.read_text(encoding="utf-8")
    data = json.loads(run(project_dir, "status", "--lang", "zh_Hans", "--format", "json").output)
    assert data["languages"][0]["changed_by_person"] == 1
    assert run(project_dir, "check").exit_code == 0


def test_build_source_language_reproduces_normalised_source(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "zh-Hant")
    assert result.exit_code == 0
    built = (project_dir / "build" / "zh_Hant" / "article.md").read_text(encoding="utf-8")
    assert "競賽" in built and "(jìng)" not in built
    assert built.count("\n") == (project_dir / "source" / "article.md").read_text(encoding="utf-8").count("\n")


def test_build_all_and_min_percent(project_dir: Path) -> None:
    result = run(project_dir, "build", "--all", "--min-percent", "50")
    assert result.exit_code == 1
    assert "en article: 1.7% is below --min-percent 50" in result.output
    assert not (project_dir / "build").exists()
    assert not (project_dir / "locales").exists()
    result = run(project_dir, "build", "--all")
    assert result.exit_code == 0
    assert (project_dir / "build" / "zh_Hans" / "article.md").exists()
    assert (project_dir / "build" / "en" / "article.md").exists()


def test_build_no_update_uses_catalogs_as_they_are(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "en", "--no-update")
    assert result.exit_code == 0
    assert "0/58 translated" in result.output
    assert not (project_dir / "locales").exists()


def test_build_twice_changes_nothing(project_dir: Path) -> None:
    run(project_dir, "build", "--all")
    before = snapshot(project_dir)
    run(project_dir, "build", "--all")
    assert snapshot(project_dir) == before


# ---------------------------------------------------------------- errors


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


def test_bad_settings(project_dir: Path) -> None:
    settings = project_dir / "pyproject.toml"
    settings.write_text(settings.read_text().replace('granularity = "sentence"', 'granularity = "word"'))
    result = run(project_dir, "status")
    assert result.exit_code == 2
    assert "pyproject.toml: granularity must be one of sentence, paragraph" in result.output


def test_paragraph_granularity(new_project: Callable[..., Path]) -> None:
    root = new_project(granularity="paragraph")
    result = run(root, "build", "--lang", "en")
    assert result.exit_code == 0
    assert "1/31 translated" in result.output


def test_commands_find_the_project_from_a_subfolder(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_dir / "source")
    result = CliRunner().invoke(main, ["build", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (project_dir / "build" / "en" / "article.md").is_file()


def test_status_counts_a_missing_catalog_as_untranslated(project_dir: Path) -> None:
    data = json.loads(run(project_dir, "status", "--lang", "en", "--format", "json").output)
    assert data["languages"][0] | {"documents": []} == data["languages"][0] | {
        "total": 58,
        "translated": 0,
        "untranslated": 58,
        "percent": 0.0,
        "documents": [],
    }


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


def test_an_emptied_catalog_gets_a_header_back(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "en" / "LC_MESSAGES" / "article.po"
    po.write_text("")
    assert run(project_dir, "update").exit_code == 0
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in po.read_text(encoding="utf-8")
    assert run(project_dir, "check").exit_code == 0


def test_unknown_language_code_lists_configured_ones(project_dir: Path) -> None:
    result = run(project_dir, "build", "--lang", "xx")
    assert result.exit_code == 2
    assert "configured languages: zh_Hans, en" in result.output


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed; CI installs it")
def test_check_tells_a_rewrapped_catalog_from_a_stale_one(project_dir: Path) -> None:
    run(project_dir, "update")
    po = project_dir / "locales" / "zh_Hans" / "LC_MESSAGES" / "article.po"
    subprocess.run(["msgcat", "--width=60", "-o", str(po), str(po)], check=True)  # what Poedit may do
    result = run(project_dir, "check")
    assert result.exit_code == 0  # the content is in sync: a warning, CI does not fail
    assert "locales/zh_Hans/LC_MESSAGES/article.po: warning: [layout]: same content, different layout" in result.output
    assert run(project_dir, "update").exit_code == 0
    result = run(project_dir, "check")
    assert result.exit_code == 0 and "[layout]" not in result.output
    # A stale catalog is still a failure.
    article = project_dir / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n又一句。", encoding="utf-8")
    assert run(project_dir, "check").exit_code == 1


# ---------------------------------------------------------------- the machine fill and inline Markdown

MARKUP_ARTICLE = (
    "# 晶片工廠\n\n"
    "- 公司計畫在[亞利桑那州](https://example.com/az)擴建第三座工廠。\n\n"
    '執行 `print("你好!")` 即可。見圖![圖(一)](img/a(1).png)。\n'
)
LINK_MSGID = "公司計畫在[亞利桑那州](https://example.com/az)擴建第三座工廠。"
LINK_FILLED = "公司计划在[亚利桑那州](https://example.com/az)扩建第三座工厂。"
LINK_BROKEN = "公司计划在[亚利桑那州]（https://example.com/az）扩建第三座工厂。"  # what the old fill wrote
ZH_HANS_PO = Path("locales/zh_Hans/LC_MESSAGES/article.po")


def po_entry(msgid: str, msgstr: str) -> str:
    return f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'


def test_zh_hans_edition_keeps_links_code_and_images(new_project: Callable[..., Path]) -> None:
    project = new_project(MARKUP_ARTICLE)
    result = run(project, "build", "--lang", "zh_Hans", "--format", "all")
    assert result.exit_code == 0, result.output
    edition = (project / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8")
    assert edition == (
        f'# 晶片工厂\n\n- {LINK_FILLED}\n\n执行 `print("你好!")` 即可。见图![图（一）](img/a(1).png)。\n'
    )
    page = (project / "build" / "zh_Hans" / "article.html").read_text(encoding="utf-8")
    assert '<a href="https://example.com/az">亚利桑那州</a>' in page
    assert '<img src="img/a(1).png" alt="图（一）"' in page
    assert run(project, "update").exit_code == 0
    assert run(project, "check").exit_code == 0, run(project, "check").output


def test_update_regenerates_old_broken_machine_output(new_project: Callable[..., Path]) -> None:
    """An entry still holding what the converter wrote before (its fingerprint matches) is written again."""
    project = new_project(MARKUP_ARTICLE)
    assert run(project, "update", "--lang", "zh_Hans").exit_code == 0
    po = project / ZH_HANS_PO
    text = po.read_text(encoding="utf-8")
    assert f"{machine_mark(LINK_FILLED)}\n#: source/article.md:3\n{po_entry(LINK_MSGID, LINK_FILLED)}" in text
    old = text.replace(machine_mark(LINK_FILLED), machine_mark(LINK_BROKEN))
    po.write_text(old.replace(po_entry(LINK_MSGID, LINK_FILLED), po_entry(LINK_MSGID, LINK_BROKEN)), encoding="utf-8")
    assert run(project, "update", "--lang", "zh_Hans", "--dry-run").output.count("1 machine-filled") == 1
    result = run(project, "build", "--lang", "zh_Hans")
    assert result.exit_code == 0, result.output
    assert po.read_text(encoding="utf-8") == text
    assert f"- {LINK_FILLED}\n" in (project / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8")


def test_update_keeps_a_persons_edit_of_machine_output(new_project: Callable[..., Path]) -> None:
    """The same broken text with no matching fingerprint is a person's: it stays, and check reports the link."""
    project = new_project(MARKUP_ARTICLE)
    assert run(project, "update", "--lang", "zh_Hans").exit_code == 0
    po = project / ZH_HANS_PO
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(po_entry(LINK_MSGID, LINK_FILLED), po_entry(LINK_MSGID, LINK_BROKEN)), encoding="utf-8")
    assert run(project, "update", "--lang", "zh_Hans").exit_code == 0
    assert po_entry(LINK_MSGID, LINK_BROKEN) in po.read_text(encoding="utf-8")
    assert run(project, "update", "--lang", "zh_Hans", "--dry-run").output.count("0 machine-filled") == 1
    status = json.loads(run(project, "status", "--lang", "zh_Hans", "--format", "json").output)
    assert status["languages"][0]["changed_by_person"] == 1
    assert run(project, "update").exit_code == 0
    result = run(project, "check")
    assert result.exit_code == 1
    assert "link https://example.com/az missing: the translation has it as a bare URL" in result.output


def test_zh_hans_falls_back_to_the_machine_conversion_not_the_traditional_source(
    new_project: Callable[..., Path],
) -> None:
    project = new_project(MARKUP_ARTICLE)
    assert run(project, "update", "--lang", "zh_Hans").exit_code == 0
    po = project / ZH_HANS_PO
    edited = "公司计划在[亚利桑那州](https://example.com/az)兴建第三座工厂。"  # a person's edit
    po.write_text(
        po.read_text(encoding="utf-8").replace(po_entry(LINK_MSGID, LINK_FILLED), po_entry(LINK_MSGID, edited)),
        encoding="utf-8",
    )
    source = project / "source" / "article.md"
    source.write_text(MARKUP_ARTICLE.replace("第三座工廠", "第四座工廠"), encoding="utf-8")
    result = run(project, "build", "--lang", "zh_Hans", "--format", "all")
    assert result.exit_code == 0, result.output
    assert "build/zh_Hans/article.md  3/4 translated (75%), 1 fell back to the machine conversion" in result.output
    catalog_text = po.read_text(encoding="utf-8")
    assert "#, fuzzy\n" in catalog_text and f'msgstr "{edited}"' in catalog_text  # the person's text is kept, fuzzy
    edition = (project / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8")
    assert "- 公司计划在[亚利桑那州](https://example.com/az)扩建第四座工厂。\n" in edition  # not 公司計畫…第四座工廠
    page = (project / "build" / "zh_Hans" / "article.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hant"' not in page  # no paragraph is left in the source language
    status = json.loads(run(project, "status", "--lang", "zh_Hans", "--format", "json").output)
    assert (status["languages"][0]["translated"], status["languages"][0]["fuzzy"]) == (3, 1)
    assert run(project, "review", "--lang", "zh_Hans", "--no-update").exit_code == 0
    review = (project / "build" / "zh_Hans" / "article.review.html").read_text(encoding="utf-8")
    link = '<a href="https://example.com/az">亚利桑那州</a>'  # inline Markdown rendered
    assert f"fallback: the machine conversion is shown</span>公司计划在{link}" in review
    # build --no-update with a catalog that lacks a segment: the converter's output too, counted as fallback
    source.write_text(MARKUP_ARTICLE.replace("晶片工廠", "晶片工廠擴建"), encoding="utf-8")
    result = run(project, "build", "--lang", "zh_Hans", "--no-update")
    assert "2/4 translated (50%), 2 fell back to the machine conversion" in result.output
    assert (project / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8").startswith("# 晶片工厂扩建\n")
    result = run(project, "build", "--lang", "en", "--no-update")
    assert "0/4 translated (0%), 4 fell back to the source" in result.output


def test_english_build_keeps_emphasis_that_holds_two_sentences(new_project: Callable[..., Path]) -> None:
    # Once the ** here was split over three msgids: translated naturally, the edition showed a stray "**".
    root = new_project("重要：**第一句很長。第二句也很長。** 接著是普通文字。\n")
    assert run(root, "update").exit_code == 0
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    text = po.read_text(encoding="utf-8")
    for msgid, msgstr in [
        (
            "重要：**第一句很長。第二句也很長。**",
            "Important: **The first sentence is long. The second one is long too.**",
        ),
        ("接著是普通文字。", "Then ordinary text."),
    ]:
        assert f'msgid "{msgid}"\nmsgstr ""\n' in text, text
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""\n', f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    po.write_text(text, encoding="utf-8")
    check = run(root, "check")
    assert check.exit_code == 0, check.output
    assert "markup" not in check.output
    assert run(root, "build", "--lang", "en", "--format", "all").exit_code == 0
    edition = (root / "build" / "en" / "article.md").read_text(encoding="utf-8")
    assert edition == "Important: **The first sentence is long. The second one is long too.** Then ordinary text.\n"
    page = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert "<strong>The first sentence is long. The second one is long too.</strong> Then ordinary text." in page
    assert "**" not in page


def test_hints_name_the_command_as_it_was_run(project_dir: Path) -> None:
    """Run as the installed `article-l10n`, the hints do not send the user to a cli.py they lack."""
    article = project_dir / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n又一句。", encoding="utf-8")
    as_script = CliRunner().invoke(main, ["--project", str(project_dir), "check"], prog_name="article-l10n")
    assert as_script.exit_code == 1
    assert "run `article-l10n extract`" in as_script.output and "python cli.py" not in as_script.output
    as_file = CliRunner().invoke(main, ["--project", str(project_dir), "check"], prog_name="cli.py")
    assert "run `python cli.py extract`" in as_file.output


def test_a_persons_edit_of_machine_text_is_a_warning_until_update_records_it(project_dir: Path) -> None:
    """A translator fixes a zh_Hans entry in an editor and commits it: CI must not fail for that."""
    assert run(project_dir, "update").exit_code == 0
    po = project_dir / "locales" / "zh_Hans" / "LC_MESSAGES" / "article.po"
    text = po.read_text(encoding="utf-8")
    assert "可现在，风向变了。" in text
    po.write_text(text.replace('msgstr "可现在，风向变了。"', 'msgstr "可如今，风向变了。"'), encoding="utf-8")
    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    assert "article.po: warning: [machine-mark]: a person edited machine-converted text" in result.output
    assert run(project_dir, "update").exit_code == 0
    assert 'msgstr "可如今，风向变了。"' in po.read_text(encoding="utf-8")  # kept for good
    result = run(project_dir, "check")
    assert result.exit_code == 0 and "[machine-mark]" not in result.output
