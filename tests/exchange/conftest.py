"""The exchange tests' shared project and helpers: XLIFF namespaces, catalog edits, a CAT tool simulated with lxml.

translate-toolkit's readers (``translate.storage.xliff2``, ``xliff``, ``tmx``, ``tbx``) are the
independent judge that the files are what other tools read. No package ships the OASIS
XLIFF 2.0 core schema, so its structural rules are checked one by one (``test_exchange_xliff.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from pipeline.exchange import xliff
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from tests.commands.test_cli import run

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


# ---------------------------------------------------------------- bad input


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
    b'version="2.0" srcLang="zh-Hant" trgLang="en"><file id="f" original="article"><unit id="u"><segment>'
    b"<source>&lol3;</source></segment></unit></file></xliff>"
)
