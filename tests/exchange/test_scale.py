"""The 50,000-unit exchange of issue 16, shown by counting work, never by the clock.

Export writes each element as it is made (``xliff_write``); import reads a file unit by unit
(``safexml.stream``) and plans by identity (``records.with_entries``). The timing itself is
``bench/exchange.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from translate.storage import xliff2 as tt_xliff2

from pipeline.exchange import importing, records, safexml, xliff
from pipeline.exchange.records import Exchange, Incoming, InUnit, Note, OutFile, OutUnit, entry_id, state_hash
from pipeline.exchange.safexml import ExchangeError
from pipeline.po.parse import parse

X2 = xliff.XLIFF2
X12 = xliff.XLIFF12
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
TEXTS = [
    "甲乙。",
    "見 `code` 與 [連結](https://e.com/?a=1&b=2)。",
    "**粗** 與 *斜*",
    "a]]>b & <c> 😀\x01\r",
    "<b></b>空",
]


def units(count: int) -> tuple[OutUnit, ...]:
    made = []
    for n in range(count):
        text = f"{TEXTS[n % len(TEXTS)]}{n}"
        target = None if n % 3 == 0 else f"T{n} {text}"
        notes = (Note("developer", f"paragraph {n}"),) if n % 2 else ()
        made.append(OutUnit(entry_id(None, text), text, target, n % 4 == 1, "b", notes, (f"source/a.md:{n}",)))
    return tuple(made)


def exchange(count: int) -> Exchange:
    half = units(count)
    return Exchange(
        "zh-Hant", "en", (OutFile("a", half[: count // 2]), OutFile("empty", ()), OutFile("b", half[count // 2 :]))
    )


def both(path: Path) -> list[Any]:
    """What the tree reader and the streaming reader make of a file (an Incoming, or the one-line error)."""
    found: list[Any] = []
    readers: list[Callable[[], Incoming]] = [
        lambda: xliff.read(safexml.read_file(path, "x.xlf"), "x.xlf"),
        lambda: xliff.read_file(path, "x.xlf"),
    ]
    for read in readers:
        try:
            found.append(read())
        except ExchangeError as exc:
            found.append(exc.format())
    return found


@pytest.mark.parametrize("writer", ["write_xliff2", "write_xliff12"])
def test_the_streaming_reader_reads_what_the_tree_reader_reads(tmp_path: Path, writer: str) -> None:
    path = tmp_path / "x.xlf"
    path.write_bytes(getattr(xliff, writer)(exchange(300)))
    tree, streamed = both(path)
    assert streamed == tree
    assert len(streamed.units) == 300 and {u.document for u in streamed.units} == {"a", "b"}
    assert [u.source for u in streamed.units] == [u.source for u in units(300)]


@pytest.mark.parametrize(
    "content",
    [
        f'<xliff xmlns="{X2}" version="2.0" srcLang="zh" trgLang="en"><file id="a" original="d"><group id="g">'
        '<unit id="u1"><segment><source>a</source><target>b</target></segment></unit></group><unit id="u2">'
        '<segment state="translated"><source>c</source><target>d</target></segment></unit></file>'
        '<file id="b" original="e"><unit id="u3"><segment><source>x</source></segment></unit></file></xliff>',
        f'<xliff xmlns="{X2}" version="2.0" srcLang="zh" trgLang="en"><unit id="u"><segment><source>a</source>'
        '</segment></unit><file id="a" original="d"/></xliff>',
        f'<xliff xmlns="{X2}" version="2.0" srcLang="zh" trgLang="en"><file id="a" original="d"><unit id="u">'
        '<segment><source>a</source></segment></unit></file><file id="f"/></xliff>',
        f'<xliff xmlns="{X2}" version="2.0" srcLang="zh" trgLang="en"><file id="a" original="d"><unit id="u">'
        "<segment><source>a<foo/></source></segment></unit></file></xliff>",
        f'<xliff xmlns="{X2}" version="2.0" srcLang="zh" trgLang="en"><file id="a" original="d"><unit id="u">',
        f'<xliff xmlns="{X12}" version="1.2"><file original="a" source-language="zh" target-language="en"><body>'
        '<trans-unit id="1"><source>a</source></trans-unit></body></file><file original="b" target-language="fr">'
        '<body><trans-unit id="2"><source>b</source></trans-unit></body></file></xliff>',
        '<xliff version="1.2"><file original="a" source-language="zh" target-language="en"><body>'
        '<trans-unit id="1"><source>a</source></trans-unit></body></file></xliff>',
        '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><xliff/>',
        "<html><body/></html>",
        '<xliff version="3.0"/>',
    ],
)
def test_the_streaming_reader_gives_the_same_units_and_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.xlf"
    path.write_text(content, encoding="utf-8")
    tree, streamed = both(path)
    assert streamed == tree


def test_the_stream_holds_one_unit_at_a_time(tmp_path: Path) -> None:
    """Each unit is cleared and dropped from its file once the reader moves on: the tree never grows."""
    path = tmp_path / "x.xlf"
    path.write_bytes(xliff.write_xliff2(exchange(400)))
    seen: list[etree._Element] = []
    for element in safexml.stream(path.read_bytes(), "x.xlf", (f"{{{X2}}}unit",)):
        before = element.getprevious()  # the last unit read, emptied; the ones before it gone
        assert before is None or (len(before) == 0 and before.getprevious() is None)
        assert all(len(earlier) == 0 for earlier in seen[-3:])
        seen.append(element)
    assert len(seen) == 400


def test_the_import_plan_hashes_each_entry_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entries a plan replaces are found by identity, not by hashing every key a second time."""
    texts = [f"第{n}句。" for n in range(200)]
    catalog = parse(HEADER + "".join(f'msgid "{t}"\nmsgstr ""\n\n' for t in texts), "x.po")
    incoming = [
        InUnit("doc", entry_id(None, t), t, f"S{n}.", False, state_hash("", False)) for n, t in enumerate(texts)
    ]
    calls = 0
    real = records.entry_id

    def counted(msgctxt: str | None, msgid: str) -> str:
        nonlocal calls
        calls += 1
        return real(msgctxt, msgid)

    monkeypatch.setattr(records, "entry_id", counted)
    planned = importing.plan(catalog, incoming, "x.xlf")
    assert planned.translated == 200 and [e.msgstr for e in planned.catalog.live] == [f"S{n}." for n in range(200)]
    assert calls == len(texts)  # live_by_id's; with_entries hashed them all again


def test_empty_codes_and_files_are_written_self_closed_and_read_back(tmp_path: Path) -> None:
    """The incremental writer's empty elements (``<ph/>``, ``<cp/>``, an empty ``<pc/>``, a file without
    units) are the elements other tools read."""
    text = "甲<b></b>乙 `x`\x01"
    unit = OutUnit(entry_id(None, text), text, "A<b></b>B `x`\x01", False, "b")
    data = xliff.write_xliff2(Exchange("zh-Hant", "en", (OutFile("a", (unit,)), OutFile("empty", ()))))
    assert b'<file id="f2" original="empty"/>' in data and b'<cp hex="0001"/>' in data
    assert b'dispEnd="&lt;/b&gt;"/>' in data and b'<ph id="c3" dataRef="d3" disp="`x`"/>' in data
    (back,) = xliff.read(safexml.parse(data, "x.xlf"), "x.xlf").units
    assert (back.source, back.target) == (unit.source, unit.target)
    path = tmp_path / "x.xlf"
    path.write_bytes(data)
    store: Any = tt_xliff2.Xliff2File.parsefile(str(path))  # type: ignore[no-untyped-call]
    assert len(store.units) == 1
