"""Export to XLIFF 2 / 1.2, TMX and TBX, and import of XLIFF back (issue 16).

translate-toolkit's readers (``translate.storage.xliff2``, ``xliff``, ``tmx``, ``tbx``) are the
independent judge that the files are what other tools read. No package ships the OASIS
XLIFF 2.0 core schema, so its structural rules are checked one by one.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from translate.storage import tbx as tt_tbx
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from cli import main
from pipeline.exchange import importing, inline_codes, safexml, xliff
from pipeline.exchange.records import Exchange, InUnit, OutFile, OutUnit, entry_id, state_hash, translated
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render

X2 = xliff.XLIFF2
X12 = xliff.XLIFF12
NS = {"x": X2, "mda": xliff.MDA}
NS12 = {"x": X12}

ARTICLE = """\
# 標題有 **重點** 在這裡

第一句有 `code` 和 [連結](https://example.com/a?b=1&c=2)。第二句有 <b>粗體</b> 與 *斜體*！

- 列表項目有 ]]> 與 & 和 < 符號 😀。
- 見 https://example.net/raw 與 <https://example.org>。

最後一段。
"""


def one(element: etree._Element, path: str, ns: dict[str, str] = NS) -> etree._Element:
    """The element ``path`` finds (there must be one)."""
    found = element.find(path, ns)
    assert found is not None, path
    return found


def parsefile(store: Any, path: Path | str) -> Any:
    """translate-toolkit's reader of ``store`` (untyped) on a file."""
    return store.parsefile(str(path))


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def catalogs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


@pytest.fixture
def project(new_project: Callable[..., Path]) -> Path:
    root = new_project(ARTICLE)
    assert run(root, "update").exit_code == 0
    return root


def entries(root: Path, lang: str) -> dict[str, Entry]:
    cat = po_file.read(root / "locales" / lang / "LC_MESSAGES" / "article.po")
    return {e.msgid: e for e in cat.live}


def set_msgstr(root: Path, lang: str, msgid: str, msgstr: str, fuzzy: bool = False) -> None:
    path = root / "locales" / lang / "LC_MESSAGES" / "article.po"
    cat = po_file.read(path)
    changed = tuple(
        e.evolve(msgstr=msgstr).with_flag("fuzzy", fuzzy) if e.msgid == msgid and not e.obsolete else e
        for e in cat.entries
    )
    path.write_text(render(Catalog(cat.header, cat.header_comments, cat.header_flags, changed)))


# ---------------------------------------------------------------- a CAT tool, simulated with lxml


def tool_fill2(path: Path, translate: Callable[[str], str], state: str = "translated") -> None:
    """Give every segment a target: its source with ``translate`` applied to each text node, codes kept."""
    tree = etree.parse(str(path))
    for segment in tree.iterfind(".//x:segment", NS):
        source = one(segment, "x:source")
        old = segment.find("x:target", NS)
        if old is not None:
            segment.remove(old)
        target = copy.deepcopy(source)
        target.tag = f"{{{X2}}}target"
        target.text = translate(target.text or "")
        for element in target.iterdescendants():
            element.text = translate(element.text or "") if etree.QName(element).localname == "pc" else element.text
            element.tail = translate(element.tail or "")
        segment.append(target)
        segment.set("state", state)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def tool_fill12(path: Path, translate: Callable[[str], str], state: str = "translated") -> None:
    tree = etree.parse(str(path))
    for unit in tree.iterfind(".//x:trans-unit", NS12):
        source = one(unit, "x:source", NS12)
        old = unit.find("x:target", NS12)
        if old is not None:
            unit.remove(old)
        target = copy.deepcopy(source)
        target.tag = f"{{{X12}}}target"
        target.text = translate(target.text or "")
        for element in target:
            element.tail = translate(element.tail or "")
        target.set("state", state)
        source.addnext(target)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


FILL = {"xliff": tool_fill2, "xliff12": tool_fill12}


def tag(text: str) -> str:
    return f"[EN]{text}" if text else text


# ---------------------------------------------------------------- XLIFF 2 structure, rule by rule


def test_xliff2_structure_rule_by_rule(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    result = run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    # the root: namespace, version 2.x, BCP 47 languages
    assert root.tag == f"{{{X2}}}xliff"
    assert root.get("version") == "2.0"
    assert (root.get("srcLang"), root.get("trgLang")) == ("zh-Hant", "en")
    files = root.findall("x:file", NS)
    assert [f.get("original") for f in files] == ["article"]
    assert len({f.get("id") for f in files}) == len(files)
    units = files[0].findall("x:unit", NS)
    msgids = [e.msgid for e in po_file.read(project / "locales/en/LC_MESSAGES/article.po").live]
    assert len(units) == len(msgids)  # one unit per entry
    nmtoken = re.compile(r"[\w.:-]+")
    assert len({u.get("id") for u in units}) == len(units)
    for unit, msgid in zip(units, msgids, strict=True):
        assert nmtoken.fullmatch(unit.get("id") or "")
        assert unit.get("id") == entry_id(None, msgid)  # identity: it comes back to this entry
        children = [etree.QName(c).localname for c in unit]
        # core order: other-namespace modules, notes?, originalData?, then segments
        order = ["metadata", "notes", "originalData", "segment"]
        assert children == [n for n in order if n in children] and children.count("segment") == 1
        segment = one(unit, "x:segment")
        assert segment.get("state") in ("initial", "translated")
        assert [etree.QName(c).localname for c in segment] in (["source"], ["source", "target"])
        data_ids = {d.get("id") for d in unit.iterfind("x:originalData/x:data", NS)}
        for side in segment:
            ids = [c.get("id") for c in side.iter() if c is not side and c.get("id") is not None]
            assert len(ids) == len(set(ids))  # inline ids unique per side
            for code in side.iter(f"{{{X2}}}ph", f"{{{X2}}}pc"):
                refs = {code.get(a) for a in ("dataRef", "dataRefStart", "dataRefEnd")} - {None}
                assert refs and refs <= data_ids  # every code's original text is in originalData
        # the metadata module: metaGroup > meta, with the state hash
        base = unit.find("mda:metadata/mda:metaGroup/mda:meta[@type='base']", NS)
        assert base is not None and re.fullmatch(r"[0-9a-f]{16}", base.text or "")
    # inline Markdown became codes, with the original text kept
    pc = one(units[0], "x:segment/x:source/x:pc")
    data = {d.get("id"): d.text for d in units[0].iterfind("x:originalData/x:data", NS)}
    assert (data[pc.get("dataRefStart")], data[pc.get("dataRefEnd")]) == ("*", "*")
    second = next(u for u in units if "code" in etree.tostring(u, encoding="unicode"))
    codes = {d.text for d in second.iterfind("x:originalData/x:data", NS)}
    assert {"`code`", "[", "](https://example.com/a?b=1&c=2)"} <= codes


def test_xliff2_read_by_translate_toolkit(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Second, fuzzy.", fuzzy=True)
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    store = parsefile(tt_xliff2.Xliff2File, out)
    units = {u.getid(): u for u in store.units}
    last = units[entry_id(None, "最後一段。")]
    assert (last.source, last.target, last.istranslated()) == ("最後一段。", "The last paragraph.", True)
    fuzzy = units[entry_id(None, "第二句有 <b>粗體</b> 與 *斜體*！")]
    assert fuzzy.target == "Second, fuzzy." and not fuzzy.istranslated()
    assert len(store.units) == len(entries(project, "en"))


def test_xliff12_read_by_translate_toolkit(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Second, fuzzy.", fuzzy=True)
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff12", "--lang", "en", "-o", str(out)).exit_code == 0
    store = parsefile(tt_xliff.xlifffile, out)
    assert store.getsourcelanguage() == "zh-Hant" and store.gettargetlanguage() == "en"
    by_source = {u.source: u for u in store.units}
    assert by_source["最後一段。"].target == "The last paragraph." and by_source["最後一段。"].istranslated()
    assert by_source["最後一段。"].isapproved()
    fuzzy = next(u for u in store.units if u.target == "Second, fuzzy.")
    assert fuzzy.isfuzzy()
    assert len(store.units) == len(entries(project, "en"))


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


# ---------------------------------------------------------------- characters


HARD = ["中文與 emoji 😀🇹🇼", "a & b < c > d ]]> e", "tab\there", "ctl\x01\x02\x1b end", "cr\rlf\nend", "\ufeffbom"]


@pytest.mark.parametrize("writer", ["xliff", "xliff12"])
def test_hard_characters_survive_write_and_read(writer: str) -> None:
    units = tuple(
        OutUnit(entry_id(None, text), text, f"T:{text}`x\x01`", False, state_hash("", False)) for text in HARD
    )
    exchange = Exchange("zh-Hant", "en", (OutFile("doc", units),))
    data = (xliff.write_xliff2 if writer == "xliff" else xliff.write_xliff12)(exchange)
    back = xliff.read(safexml.parse(data, "x.xlf"), "x.xlf")
    assert [(u.source, u.target) for u in back.units] == [(u.source, u.target) for u in units]
    if writer == "xliff":
        assert b'<cp hex="0001"/>' in data and b'<cp hex="000D"/>' in data
        store: Any = tt_xliff2.Xliff2File
        assert store.parsestring(data).units[0].source == HARD[0]


def test_inline_codes_split_and_join_are_inverse() -> None:
    samples = [
        "重要：**第一句。**接著 [連結](http://x.y) 和 <b>粗</b> 與 `code`。*斜* ***a***",
        "![圖](a.png) 與 [a][ref] 和 **未閉合 * 5 * 3 _x_",
        "a\rb\x01 見 https://e.net/x 好 <!-- c --> &amp;",
        "**`code` in bold** and [**bold link**](u)",
        "",
    ]
    for text in samples:
        assert inline_codes.join(inline_codes.split(text)) == text


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


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
    b'version="2.0" srcLang="zh-Hant" trgLang="en"><file id="f" original="article"><unit id="u"><segment>'
    b"<source>&lol3;</source></segment></unit></file></xliff>"
)


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


# ---------------------------------------------------------------- determinism, TMX, TBX


@pytest.mark.parametrize("fmt", ["xliff", "xliff12", "tmx"])
def test_export_is_deterministic(project: Path, tmp_path: Path, fmt: str) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(project, "export", "--format", fmt, "-o", str(first)).exit_code == 0
    assert run(project, "export", "--format", fmt, "-o", str(second)).exit_code == 0
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes()
    again = run(project, "export", "--format", fmt, "-o", str(first))
    assert "written" not in again.output  # unchanged files are not rewritten


def test_tmx_has_every_translated_pair_and_reads_in_translate_toolkit(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Fuzzy is not memory.", fuzzy=True)
    out = tmp_path / "en.tmx"
    assert run(project, "export", "--format", "tmx", "--lang", "en", "-o", str(out)).exit_code == 0
    store = parsefile(tt_tmx.tmxfile, out)
    pairs = {u.source: u.target for u in store.units}
    assert pairs["最後一段。"] == "The last paragraph."
    assert "第二句有 <b>粗體</b> 與 *斜體*！" not in pairs
    root = etree.parse(str(out)).getroot()
    header = one(root, "header", {})
    assert header.get("srclang") == "zh-Hant" and header.get("creationtool") == "article-l10n"
    assert header.get("creationdate") == "20260101T000000Z"  # SOURCE_DATE_EPOCH, fixed in the tests


def test_tbx_has_one_concept_per_source_term(project: Path, tmp_path: Path) -> None:
    (project / "locales" / "glossary.csv").write_text(
        "source,language,target,note\n重點,en,key point,bold in titles\n重點,zh_Hans,重点,\n連結,en,link,\n",
        encoding="utf-8",
    )
    out = tmp_path / "glossary.tbx"
    result = run(project, "export", "--format", "tbx", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    entries_ = root.findall(".//termEntry")
    assert len(entries_) == 2
    langs = [ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in entries_[0].findall("langSet")]
    assert langs == ["zh-Hant", "en", "zh-Hans"]
    assert one(entries_[0], "langSet[2]/tig/note", {}).text == "bold in titles"
    store = parsefile(tt_tbx.tbxfile, out)
    assert [u.source for u in store.units] == ["重點", "連結"]


def test_update_takes_a_tmx_compendium(project: Path, tmp_path: Path) -> None:
    """A TMX (from another project, or our own export) pre-fills blank entries, fuzzy, as a .po compendium does."""
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    memory = tmp_path / "memory.tmx"
    assert run(project, "export", "--format", "tmx", "--lang", "en", "-o", str(memory)).exit_code == 0
    other = project.parent / "other"
    shutil.copytree(project, other)
    shutil.rmtree(other / "locales")
    result = run(other, "update", "--lang", "en", "--compendium", str(memory))
    assert result.exit_code == 0, result.output
    entry = entries(other, "en")["最後一段。"]
    assert entry.msgstr == "The last paragraph." and entry.fuzzy
    assert any("memory.tmx" in c for c in entry.translator_comments)


def test_tmx_compendium_with_other_language_tags_and_controls(project: Path, tmp_path: Path) -> None:
    memory = tmp_path / "agency.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-TW" creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="ZH-hant"><seg>最後一段。</seg></tuv><tuv xml:lang="fr"><seg>Dernier.</seg></tuv>'
        '<tuv xml:lang="EN"><seg>Last &amp; final.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert run(project, "update", "--lang", "en", "--compendium", str(memory)).exit_code == 0
    assert entries(project, "en")["最後一段。"].msgstr == "Last & final."


def test_bad_tmx_compendium_is_one_line_exit_2(project: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_bytes(BOMB.replace(b"xliff", b"tmx"))
    before = catalogs(project)
    result = run(project, "update", "--compendium", str(bomb))
    assert result.exit_code == 2 and "bomb.tmx" in result.stderr and "DOCTYPE" in result.stderr
    assert catalogs(project) == before


def test_tbx_glossary_in_the_settings(project: Path, tmp_path: Path) -> None:
    (project / "locales" / "glossary.csv").write_text(
        "source,language,target,note\n連結,en,hyperlink,always this word\n", encoding="utf-8"
    )
    out = project / "locales" / "glossary.tbx"
    assert run(project, "export", "--format", "tbx", "-o", str(out)).exit_code == 0
    (project / "locales" / "glossary.csv").unlink()
    settings = project / "pyproject.toml"
    settings.write_text(
        settings.read_text().replace(
            'granularity = "sentence"', 'granularity = "sentence"\nglossary = "locales/glossary.tbx"'
        )
    )
    assert run(project, "update").exit_code == 0
    entry = entries(project, "en")["第一句有 `code` 和 [連結](https://example.com/a?b=1&c=2)。"]
    assert "glossary: 連結 = hyperlink — always this word" in entry.extracted_comments


def test_document_filter_and_output_rules(new_project: Callable[..., Path], tmp_path: Path) -> None:
    root = new_project(ARTICLE)
    (root / "source" / "second.md").write_text("第二篇文章。\n", encoding="utf-8")
    assert run(root, "update").exit_code == 0
    out = tmp_path / "one.xlf"
    result = run(root, "export", "--format", "xliff", "--lang", "en", "--document", "second", "-o", str(out))
    assert result.exit_code == 0, result.output
    originals = [f.get("original") for f in etree.parse(str(out)).getroot().findall("x:file", NS)]
    assert originals == ["second"]
    result = run(root, "export", "--format", "xliff", "--lang", "en", "--document", "nope", "-o", str(out))
    assert result.exit_code == 2 and "nope" in result.stderr
    result = run(root, "export", "--format", "xliff", "-o", str(tmp_path / "both.xlf"))
    assert result.exit_code == 2 and "folder" in result.stderr and not (tmp_path / "both.xlf").exists()
    everything = tmp_path / "all.xlf"
    assert run(root, "export", "--format", "xliff", "--lang", "en", "-o", str(everything)).exit_code == 0
    originals = [f.get("original") for f in etree.parse(str(everything)).getroot().findall("x:file", NS)]
    assert originals == ["article", "second"]


@pytest.mark.parametrize("fmt", ["xliff", "tmx", "tbx"])
def test_export_into_a_missing_folder_is_one_line_exit_2(project: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.out"
    result = run(project, "export", "--format", fmt, "--lang", "en", "-o", str(target))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_export_folder_is_made_only_when_its_parent_exists(project: Path, tmp_path: Path) -> None:
    assert run(project, "export", "--format", "xliff", "-o", str(tmp_path / "a" / "b") + "/").exit_code == 2
    assert not (tmp_path / "a").exists()
    assert run(project, "export", "--format", "xliff", "-o", str(tmp_path / "a") + "/").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["en.xlf", "zh_Hans.xlf"]


def test_export_without_catalogs_says_run_update(new_project: Callable[..., Path], tmp_path: Path) -> None:
    root = new_project(ARTICLE)
    result = run(root, "export", "--format", "xliff", "--lang", "en", "-o", str(tmp_path / "x.xlf"))
    assert result.exit_code == 2 and "update" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_tool_that_splits_segments_and_uses_sc_ec_is_read_back() -> None:
    """Tools may split a unit's segment in two, and write a paired code as <sc>/<ec>."""
    data = f"""<xliff xmlns="{X2}" version="2.1" srcLang="zh-Hant" trgLang="en"><file id="f1" original="doc">
<unit id="u1"><originalData><data id="d1">**</data><data id="d2">`x`</data></originalData>
<segment state="translated"><source>甲<pc id="p1-1" dataRefStart="d1" dataRefEnd="d1">乙</pc>。</source>
<target>A <sc id="p1-1" dataRef="d1"/>B<ec startRef="p1-1" dataRef="d1"/>.</target></segment>
<ignorable><source> </source></ignorable>
<segment state="final"><source><ph id="c2" dataRef="d2"/>丙。</source>
<target><ph id="c2" dataRef="d2"/> C.</target></segment>
</unit></file></xliff>""".encode()
    back = xliff.read(safexml.parse(data, "t.xlf"), "t.xlf")
    (unit,) = back.units
    assert unit.source == "甲**乙**。 `x`丙。"
    assert unit.target == "A **B**. `x` C." and not unit.fuzzy and unit.base is None


def test_fuzzy_entry_with_other_flags_round_trips_unchanged() -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    cat = parse(header + '#, ignore-names, fuzzy\nmsgid "甲乙丙。"\nmsgstr "ABC."\n', "x")
    assert [e.flags for e in cat.live] == [("ignore-names", "fuzzy")]
    unit = InUnit("doc", entry_id(None, "甲乙丙。"), "甲乙丙。", "ABC.", True, state_hash("ABC.", True))
    assert importing.plan(cat, [unit], "x.xlf").catalog == cat


def test_a_unit_read_in_any_child_order() -> None:
    """The reader takes a unit's children in one pass: metadata and originalData after the segments, other
    tools' metaGroups, a second originalData (ignored: the first counts) give what the core's order gives."""
    data = f"""<xliff xmlns="{X2}" xmlns:mda="{xliff.MDA}" version="2.0" srcLang="zh-Hant" trgLang="en">
<file id="f1" original="doc"><unit id="u1">
<segment state="initial"><source><ph id="c1" dataRef="d1"/>甲。</source>
<target><ph id="c1" dataRef="d1"/>A.</target></segment>
<originalData><data id="d1">`x`</data></originalData><originalData><data id="d1">`y`</data></originalData>
<mda:metadata><mda:metaGroup category="other"><mda:meta type="base">no</mda:meta></mda:metaGroup>
<mda:metaGroup category="{xliff.META_GROUP}"><mda:meta type="base"> abc </mda:meta></mda:metaGroup></mda:metadata>
</unit></file></xliff>""".encode()
    (unit,) = xliff.read(safexml.parse(data, "t.xlf"), "t.xlf").units
    assert (unit.source, unit.target, unit.fuzzy, unit.base, unit.line) == ("`x`甲。", "`x`A.", True, "abc", 2)


def test_translated_entry_is_the_entry_with_the_flag_set() -> None:
    """records.translated makes in one copy what msgstr, with_flag("fuzzy") and clearing #| made in three."""
    for flags in [(), ("fuzzy",), ("python-format",), ("ignore-names", "fuzzy", "x")]:
        entry = Entry("甲。", "A.", flags=flags, previous_msgid="乙。", previous_msgctxt="c")
        for fuzzy in (True, False):
            expected = entry.evolve(msgstr="B.").with_flag("fuzzy", fuzzy)
            if not fuzzy:
                expected = expected.evolve(previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
            assert translated(entry, "B.", fuzzy) == expected
