"""The machine fill of zh_Hans through the CLI (OpenCC output regenerated, a person's edit kept, the
fallback to the conversion), and inline Markdown kept whole in the editions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pipeline.l10n.notes import machine_mark
from tests.commands.test_cli import run

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
