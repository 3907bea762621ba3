"""Import of XLIFF back into the catalogs (issue 16).

Round trips, a CAT tool's targets (simulated with lxml), conflicts and changed sources, bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from pipeline.exchange import importing, inline_codes
from pipeline.exchange.records import InUnit, entry_id, state_hash, translated
from pipeline.po import file as po_file
from pipeline.po.model import Entry
from pipeline.po.parse import parse
from tests.commands.test_cli import run
from tests.exchange.conftest import BOMB, FILL, NS, X2, catalogs, entries, one, set_msgstr, tag, tool_fill2

# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_export_import_unchanged_is_byte_identical(project: Path, tmp_path: Path, fmt: str) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Second, fuzzy.", fuzzy=True)
    before = catalogs(project)
    assert run(project, "export", "--format", fmt, "-o", str(tmp_path / "out")).exit_code == 0
    files = sorted((tmp_path / "out").glob("*.xlf"))
    assert [f.name for f in files] == ["en.xlf", "zh_Hans.xlf"]
    result = run(project, "import", *map(str, files))
    assert result.exit_code == 0, result.output
    assert "written" not in result.output and result.stderr == ""
    assert catalogs(project) == before


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_tool_fills_targets_and_import_takes_exactly_them(project: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", fmt, "--lang", "en", "-o", str(out)).exit_code == 0
    FILL[fmt](out, tag)
    result = run(project, "import", str(out))
    assert result.exit_code == 0, result.output
    for msgid, entry in entries(project, "en").items():
        # each text node got [EN], the codes came back as the original Markdown byte for byte
        expected = "".join(tag(p) if isinstance(p, str) else inline_codes.join([p]) for p in _top(msgid))
        assert entry.msgstr == expected, msgid
        assert not entry.fuzzy
    code = entries(project, "en")["第一句有 `code` 和 [連結](https://example.com/a?b=1&c=2)。"]
    assert "`code`" in code.msgstr and "](https://example.com/a?b=1&c=2)" in code.msgstr
    assert run(project, "check").exit_code in (0, 1)  # the catalog is still valid gettext (msgfmt inside)
    # twice: nothing changes
    before = catalogs(project)
    again = run(project, "import", str(out))
    assert again.exit_code == 0 and "written" not in again.output
    assert catalogs(project) == before


def _top(msgid: str) -> list[inline_codes.Node]:
    """The top-level nodes, with paired codes expanded the way the tool simulation sees text nodes."""
    out: list[inline_codes.Node] = []
    for node in inline_codes.split(msgid):
        if isinstance(node, inline_codes.Paired):
            out.append(inline_codes.Placeholder(node.start))
            out += _top(inline_codes.join(list(node.content)))
            out.append(inline_codes.Placeholder(node.end))
        else:
            out.append(node)
    return out


@pytest.mark.parametrize(("fmt", "state"), [("xliff", "initial"), ("xliff12", "needs-review-translation")])
def test_targets_the_tool_marks_unconfirmed_come_in_fuzzy(project: Path, tmp_path: Path, fmt: str, state: str) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", fmt, "--lang", "en", "-o", str(out)).exit_code == 0
    FILL[fmt](out, tag, state)
    assert run(project, "import", str(out)).exit_code == 0
    got = entries(project, "en")["最後一段。"]
    assert got.msgstr == "[EN]最後一段。" and got.fuzzy


def test_codes_moved_and_reordered_by_the_translator_come_back(project: Path, tmp_path: Path) -> None:
    msgid = "第二句有 <b>粗體</b> 與 *斜體*！"
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tree = etree.parse(str(out))
    unit = one(tree.getroot(), f".//x:unit[@id='{entry_id(None, msgid)}']")
    bold, italic = one(unit, "x:segment/x:source").findall("x:pc", NS)
    segment = one(unit, "x:segment")
    target = etree.SubElement(segment, f"{{{X2}}}target")
    target.text = "The second has "
    first = etree.SubElement(target, f"{{{X2}}}pc", dict(italic.attrib))
    first.text = "italics"
    first.tail = " and "
    second = etree.SubElement(target, f"{{{X2}}}pc", dict(bold.attrib))
    second.text = "bold"
    second.tail = "!"
    segment.set("state", "translated")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    assert run(project, "import", str(out)).exit_code == 0
    assert entries(project, "en")[msgid].msgstr == "The second has *italics* and <b>bold</b>!"


def test_fuzzy_entry_with_other_flags_round_trips_unchanged() -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    cat = parse(header + '#, ignore-names, fuzzy\nmsgid "甲乙丙。"\nmsgstr "ABC."\n', "x")
    assert [e.flags for e in cat.live] == [("ignore-names", "fuzzy")]
    unit = InUnit("doc", entry_id(None, "甲乙丙。"), "甲乙丙。", "ABC.", True, state_hash("ABC.", True))
    assert importing.plan(cat, [unit], "x.xlf").catalog == cat


def test_translated_entry_is_the_entry_with_the_flag_set() -> None:
    """records.translated makes in one copy what msgstr, with_flag("fuzzy") and clearing #| made in three."""
    for flags in [(), ("fuzzy",), ("python-format",), ("ignore-names", "fuzzy", "x")]:
        entry = Entry("甲。", "A.", flags=flags, previous_msgid="乙。", previous_msgctxt="c")
        for fuzzy in (True, False):
            expected = entry.evolve(msgstr="B.").with_flag("fuzzy", fuzzy)
            if not fuzzy:
                expected = expected.evolve(previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
            assert translated(entry, "B.", fuzzy) == expected


# ---------------------------------------------------------------- import safety


def test_newer_translation_since_export_is_a_conflict(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    set_msgstr(project, "en", "最後一段。", "A translator's newer version.")
    before = catalogs(project)
    result = run(project, "import", str(out))
    assert result.exit_code == 1  # a unit was reported and not imported: a script can see it
    assert entries(project, "en")["最後一段。"].msgstr == "A translator's newer version."
    conflict = [line for line in result.stderr.splitlines() if "conflict" in line]
    assert len(conflict) == 1 and entry_id(None, "最後一段。") in conflict[0] and str(out) in conflict[0]
    assert catalogs(project) != before  # the other units were imported
    assert entries(project, "en")["第二句有 <b>粗體</b> 與 *斜體*！"].msgstr.startswith("[EN]")


def test_untouched_unit_is_unchanged_whatever_the_catalog_did_since(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "But now the tide has turned.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Second.")
    out = tmp_path / "fresh.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    set_msgstr(project, "en", "最後一段。", "Edited by hand since.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Second.", fuzzy=True)
    before = catalogs(project)
    result = run(project, "import", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "0 reported" in result.output and "written" not in result.output
    assert catalogs(project) == before


def test_entry_marked_fuzzy_since_export_takes_the_new_translation_still_fuzzy(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "Old.")
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    set_msgstr(project, "en", "最後一段。", "Old.", fuzzy=True)  # someone asked for a review meanwhile
    result = run(project, "import", str(out))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if entry_id(None, "最後一段。") in line]
    assert len(lines) == 1 and "kept-fuzzy" in lines[0]
    entry = entries(project, "en")["最後一段。"]
    assert entry.msgstr == "[EN]最後一段。" and entry.fuzzy
    assert any("marked for review" in c for c in entry.translator_comments)
    before = catalogs(project)
    again = run(project, "import", str(out))
    assert again.exit_code == 0 and again.stderr == "" and catalogs(project) == before


def test_changed_source_replaces_the_exported_translation_update_carried(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "Old.")
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    article = project / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("最後一段。", "最後的一段。"), encoding="utf-8")
    assert run(project, "update").exit_code == 0
    assert entries(project, "en")["最後的一段。"].msgstr == "Old."  # carried over, fuzzy
    result = run(project, "import", str(out))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if entry_id(None, "最後一段。") in line]
    assert len(lines) == 1 and "suggested" in lines[0]
    entry = entries(project, "en")["最後的一段。"]
    assert entry.msgstr == "[EN]最後一段。" and entry.fuzzy and entry.previous_msgid == "最後一段。"


def test_changed_source_after_a_person_edited_the_entry_is_reported_exit_1(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    article = project / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("最後一段。", "最後的一段。"), encoding="utf-8")
    assert run(project, "update").exit_code == 0
    set_msgstr(project, "en", "最後的一段。", "A person's translation.")
    result = run(project, "import", str(out))
    assert result.exit_code == 1
    assert "source-changed" in result.stderr
    assert entries(project, "en")["最後的一段。"].msgstr == "A person's translation."


def test_import_that_changes_entries_sets_the_revision_date(project: Path, tmp_path: Path, monkeypatch: Any) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    path = project / "locales" / "en" / "LC_MESSAGES" / "article.po"
    before = po_file.read(path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert run(project, "import", str(out)).exit_code == 0
    after = po_file.read(path)
    assert after.header_value("PO-Revision-Date") == "2027-01-15 08:00+0000"
    assert [h for h in after.header if h[0] != "PO-Revision-Date"] == [
        h for h in before.header if h[0] != "PO-Revision-Date"
    ]
    data = path.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert run(project, "import", str(out)).exit_code == 0
    assert path.read_bytes() == data  # nothing changed: nothing written, the date stays
    exported = tmp_path / "en.tmx"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert run(project, "export", "--format", "tmx", "--lang", "en", "-o", str(exported)).exit_code == 0
    assert 'creationdate="20270115T080000Z"' in exported.read_text(encoding="utf-8")


def test_changed_source_is_reported_and_offered_as_fuzzy_suggestion(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    article = project / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("最後一段。", "最後的一段。"), encoding="utf-8")
    assert run(project, "update").exit_code == 0
    result = run(project, "import", str(out))
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if entry_id(None, "最後一段。") in line]
    assert len(lines) == 1 and "suggested" in lines[0] and "article changed" in lines[0]
    entry = entries(project, "en")["最後的一段。"]
    assert entry.msgstr == "[EN]最後一段。" and entry.fuzzy and entry.previous_msgid == "最後一段。"
    assert any("check this suggestion" in c for c in entry.translator_comments)
    before = catalogs(project)
    assert run(project, "import", str(out)).exit_code == 0  # twice: the suggestion is not made again
    assert catalogs(project) == before


def test_changed_source_with_no_similar_blank_entry_is_only_reported() -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    cat = parse(header + 'msgid "甲乙丙。"\nmsgstr ""\n', "x")
    unit = InUnit("doc", entry_id(None, "完全不同的句子。"), "完全不同的句子。", "Other.", False, None)
    planned = importing.plan(cat, [unit], "x.xlf")
    assert planned.catalog == cat
    assert [r.kind for r in planned.reports] == ["source-changed"]


def test_dry_run_writes_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    tool_fill2(out, tag)
    before = catalogs(project)
    result = run(project, "import", "--dry-run", str(out))
    assert result.exit_code == 0 and "would change" in result.output
    assert catalogs(project) == before


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text", "not a well-formed XML file"),
        (b"<html><body/></html>", "not an XLIFF file"),
        (BOMB, "DOCTYPE"),
        (b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', "DOCTYPE"),
        (b'<xliff version="3.0"/>', "unknown XLIFF version"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    project: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(content)
    good = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(good)).exit_code == 0
    tool_fill2(good, tag)
    before = catalogs(project)
    result = run(project, "import", str(good), str(bad))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr and message in result.stderr
    assert catalogs(project) == before


def test_truncated_file_and_unknown_document(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    truncated = tmp_path / "truncated.xlf"
    truncated.write_bytes(data[: len(data) // 2])
    result = run(project, "import", str(truncated))
    assert result.exit_code == 2 and "truncated.xlf" in result.stderr and "is it complete?" in result.stderr
    unknown = tmp_path / "unknown.xlf"
    unknown.write_bytes(data.replace(b'original="article"', b'original="gone/elsewhere"'))
    result = run(project, "import", str(unknown))
    assert result.exit_code == 2 and "gone/elsewhere" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_wrong_target_language_is_refused(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    out.write_bytes(out.read_bytes().replace(b'trgLang="en"', b'trgLang="fr"'))
    result = run(project, "import", str(out))
    assert result.exit_code == 2 and "not configured" in result.stderr
    assert "to add it, put a [tool.article-l10n.languages.fr] table in pyproject.toml" in result.stderr  # as --lang
