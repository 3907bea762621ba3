"""XLIFF 2 and 1.2 as written and read (issue 16).

The XLIFF 2 core's structural rules one by one (no package ships its schema), translate-toolkit's
readers as the independent judge, hard characters, inline codes, other tools' ways of writing a unit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from pipeline.exchange import inline_codes, safexml, xliff
from pipeline.exchange.records import Exchange, OutFile, OutUnit, entry_id, state_hash
from pipeline.po import file as po_file
from tests.commands.test_cli import run
from tests.exchange.conftest import NS, X2, entries, one, parsefile, set_msgstr

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


# ---------------------------------------------------------------- other tools' units


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
