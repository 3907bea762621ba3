"""XLIFF 2.0 and 1.2 documents written from ``Exchange`` (the format is described in ``xliff``).

lxml's incremental writer (``etree.xmlfile``) writes each element as it is made: no tree of
the whole file is built, serialised and freed (a 50,000-unit export, issue 16). Its
``element()`` always writes a start and an end tag, so an element that is empty by design (an
inline placeholder, a file without units) is written as an lxml element (``_empty``), which
gives the ``<cp hex="…"/>`` form tools know.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lxml import etree

from pipeline.exchange import inline_codes
from pipeline.exchange.inline_codes import Char, Node, Paired, Placeholder
from pipeline.exchange.records import Exchange, OutUnit
from pipeline.po import references

if TYPE_CHECKING:
    from lxml.etree._serializer import _IncrementalFileWriter as Writer

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
L10N = "urn:article-l10n:exchange:1"  # this tool's own attributes (XLIFF 1.2 allows other namespaces)
META_GROUP = "article-l10n"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


# ---------------------------------------------------------------- both versions

NL = "\n"  # between structural elements (never inside a source, target, data or note)
# segments keep their white space (XLIFF's default may not); the xml: prefix is bound in every XML document
_PRESERVE = {"xml:space": "preserve"}


def _document(
    root: str, attributes: dict[str, str], nsmap: dict[str | None, str], body: Callable[[Writer], None] | None
) -> bytes:
    """The XML document of one root element whose content ``body`` writes (None: an empty root): UTF-8,
    an XML declaration, a line break at the end (deterministic bytes)."""
    out = io.BytesIO()
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        if body is None:
            xf.write(etree.Element(root, attributes, nsmap=nsmap))
        else:
            with xf.element(root, attributes, nsmap=nsmap):
                xf.write(NL)
                body(xf)
    return out.getvalue() + b"\n"


def _empty(xf: Writer, name: str, attributes: dict[str, str]) -> None:
    """An empty element of the file's default namespace, as ``<name …/>``.

    Made without a namespace on purpose: written inside the root, whose default namespace is
    the XLIFF one, it is read as XLIFF's (an element made in that namespace would be written
    with its own ``xmlns=``).
    """
    xf.write(etree.Element(name, attributes))


def _text(xf: Writer, tag: str, attributes: dict[str, str], text: str) -> None:
    """One text element and the line break after it."""
    with xf.element(tag, attributes):
        xf.write(text)
    xf.write(NL)


# ---------------------------------------------------------------- writing XLIFF 2


class _Codes2:
    """The ``originalData`` of one unit, shared by source and target, and inline ids per side.

    A code gets an id from its original text (and its occurrence), so the same code has the
    same id in source and target, as tools expect.
    """

    def __init__(self, sides: tuple[tuple[Node, ...], ...]) -> None:
        self.data: dict[str, str] = {}  # original text -> data id, in the order the sides use them
        self.seen: dict[str, int] = {}
        for nodes in sides:
            self._number(nodes)

    def _number(self, nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Placeholder):
                self.ref(node.original)
            elif isinstance(node, Paired):
                self.ref(node.start)
                self.ref(node.end)
                self._number(node.content)

    def ref(self, original: str) -> str:
        found = self.data.get(original)
        if found is None:
            found = self.data[original] = f"d{len(self.data) + 1}"
        return found

    def side(self) -> None:
        """Start numbering the next side (source, then target)."""
        self.seen = {}

    def id(self, key: str) -> str:
        count = self.seen[key] = self.seen.get(key, 0) + 1
        return key if count == 1 else f"{key}.{count}"


def _fill2(xf: Writer, nodes: tuple[Node, ...], codes: _Codes2) -> None:
    for node in nodes:
        if isinstance(node, str):
            xf.write(node)
        elif isinstance(node, Char):
            _empty(xf, "cp", {"hex": f"{ord(node.char):04X}"})
        elif isinstance(node, Placeholder):
            ref = codes.ref(node.original)
            _empty(xf, "ph", {"id": codes.id("c" + ref[1:]), "dataRef": ref, "disp": _shown(node.original)})
        else:
            start, end = codes.ref(node.start), codes.ref(node.end)
            attributes = {
                "id": codes.id(f"p{start[1:]}-{end[1:]}"),
                "dataRefStart": start,
                "dataRefEnd": end,
                "dispStart": _shown(node.start),
                "dispEnd": _shown(node.end),
            }
            if not node.content:
                _empty(xf, "pc", attributes)
                continue
            with xf.element(_T2["pc"], attributes):
                _fill2(xf, node.content, codes)


def _shown(text: str) -> str:
    """What a tool shows for a code: its text, shortened (never a character XML cannot hold)."""
    text = inline_codes.ILLEGAL.sub("\ufffd", text)
    return text if len(text) <= 40 else text[:39] + "…"


def _plain(text: str) -> str:
    """Note text: characters XML cannot hold shown as U+FFFD (notes go one way only)."""
    return inline_codes.ILLEGAL.sub("\ufffd", text)


_T2 = {name: _q(XLIFF2, name) for name in ("file", "unit", "notes", "note", "originalData", "data", "segment")}
_T2 |= {name: _q(XLIFF2, name) for name in ("source", "target", "pc")}
_MDA = {name: _q(MDA, name) for name in ("metadata", "metaGroup", "meta")}
_GROUP, _BASE = {"category": META_GROUP}, {"type": "base"}
_STATE = {"translated": {"state": "translated"}, "initial": {"state": "initial"}}


def _only_text(nodes: tuple[Node, ...] | None) -> str | None:
    """The text of nodes without inline codes (most segments: written as it is, no code numbering); else None."""
    if not nodes:
        return ""
    return nodes[0] if len(nodes) == 1 and isinstance(nodes[0], str) else None


_UNIT, _METADATA, _META_GROUP, _META = _T2["unit"], _MDA["metadata"], _MDA["metaGroup"], _MDA["meta"]
_NOTES, _NOTE, _SEGMENT, _SOURCE, _TARGET = _T2["notes"], _T2["note"], _T2["segment"], _T2["source"], _T2["target"]


def _write_unit2(xf: Writer, unit: OutUnit) -> None:
    element, write = xf.element, xf.write  # the hot path of a 50,000-unit export: 8 elements per unit
    attributes = {"id": unit.id}
    if unit.references:
        attributes["name"] = _plain(unit.references[0])
    source = inline_codes.split(unit.source)
    target = inline_codes.split(unit.target) if unit.target is not None else None
    with element(_UNIT, attributes):
        write(NL)
        with element(_METADATA):
            write(NL)
            with element(_META_GROUP, _GROUP):
                write(NL)
                with element(_META, _BASE):
                    write(unit.base)
                write(NL)
                if len(unit.references) > 1:  # all of them, as #: writes them; one is the unit's name
                    _text(xf, _META, {"type": "references"}, _plain(references.joined(unit.references)))
            write(NL)
        write(NL)
        if unit.notes:
            with element(_NOTES):
                write(NL)
                for note in unit.notes:
                    with element(_NOTE, {"category": note.category}):
                        write(_plain(note.text))
                    write(NL)
            write(NL)
        source_text = _only_text(source)
        target_text = _only_text(target)
        codes = None if source_text is not None and target_text is not None else _Codes2((source, target or ()))
        if codes is not None and codes.data:
            with element(_T2["originalData"]):
                write(NL)
                for original, data_id in codes.data.items():  # split() never makes a code XML cannot hold
                    _text(xf, _T2["data"], {"id": data_id}, original)
            write(NL)
        with element(_SEGMENT, _STATE["translated" if target is not None and not unit.fuzzy else "initial"]):
            write(NL)
            for tag, nodes, text in ((_SOURCE, source, source_text), (_TARGET, target, target_text)):
                if nodes is None:
                    continue
                with element(tag, _PRESERVE):
                    if codes is None:
                        write(text or "")
                    else:
                        codes.side()
                        _fill2(xf, nodes, codes)
                write(NL)
        write(NL)
    write(NL)


def write_xliff2(exchange: Exchange) -> bytes:
    """The XLIFF 2.0 document of ``exchange`` (deterministic bytes)."""

    def body(xf: Writer) -> None:
        for number, out in enumerate(exchange.files, 1):
            attributes = {"id": f"f{number}", "original": out.document}
            if not out.units:
                _empty(xf, "file", attributes)
            else:
                with xf.element(_T2["file"], attributes):
                    xf.write(NL)
                    for unit in out.units:
                        _write_unit2(xf, unit)
            xf.write(NL)

    languages = {"version": "2.0", "srcLang": exchange.source_language, "trgLang": exchange.target_language}
    return _document(_q(XLIFF2, "xliff"), languages, {None: XLIFF2, "mda": MDA}, body if exchange.files else None)


# ---------------------------------------------------------------- writing XLIFF 1.2


def _flat12(nodes: tuple[Node, ...], counter: list[int]) -> Iterator[str | tuple[str, str, str]]:
    """Nodes as 1.2 content: strings, and (element, id, original text) codes; a pair as bpt … ept."""
    for node in nodes:
        if isinstance(node, str):
            yield node
            continue
        counter[0] += 1
        number = str(counter[0])
        if isinstance(node, Char):
            yield ("x", f"c{number}", node.char)
        elif isinstance(node, Placeholder):
            yield ("ph", number, node.original)
        else:
            yield ("bpt", number, node.start)
            yield from _flat12(node.content, counter)
            yield ("ept", number, node.end)


def _fill12(xf: Writer, nodes: tuple[Node, ...]) -> None:
    text = _only_text(nodes)
    if text is not None:
        xf.write(text)
        return
    for item in _flat12(nodes, [0]):
        if isinstance(item, str):
            xf.write(item)
            continue
        name, number, original = item
        if name == "x":
            _empty(xf, "x", {"id": number, "ctype": f"x-l10n-cp-{ord(original):04X}"})
        else:
            with xf.element(_T12[name], {"id": number}):
                xf.write(original)


_T12 = {
    name: _q(XLIFF12, name)
    for name in (
        "file",
        "body",
        "trans-unit",
        "source",
        "target",
        "note",
        "context-group",
        "context",
        "ph",
        "bpt",
        "ept",
    )
}
_BASE12 = _q(L10N, "base")


def _write_unit12(xf: Writer, unit: OutUnit) -> None:
    attributes = {"id": unit.id, "xml:space": "preserve"}
    if unit.references:
        attributes["resname"] = _plain(unit.references[0])
    attributes[_BASE12] = unit.base
    if unit.target is not None:
        attributes["approved"] = "no" if unit.fuzzy else "yes"
    with xf.element(_T12["trans-unit"], attributes):
        xf.write(NL)
        with xf.element(_T12["source"]):
            _fill12(xf, inline_codes.split(unit.source))
        xf.write(NL)
        if unit.target is not None:
            with xf.element(_T12["target"], {"state": "needs-review-translation" if unit.fuzzy else "translated"}):
                _fill12(xf, inline_codes.split(unit.target))
            xf.write(NL)
        for note in unit.notes:
            who = "developer" if note.category in ("developer", "glossary", "damage") else "article-l10n"
            _text(xf, _T12["note"], {"from": who}, _plain(note.text))
        if unit.references:
            with xf.element(_T12["context-group"], {"name": "references", "purpose": "location"}):
                xf.write(NL)
                for reference in unit.references:
                    path, _, line = reference.rpartition(":")
                    _text(
                        xf,
                        _T12["context"],
                        {"context-type": "sourcefile"},
                        _plain(path if line.isdigit() else reference),
                    )
                    if line.isdigit() and path:
                        _text(xf, _T12["context"], {"context-type": "linenumber"}, line)
            xf.write(NL)
    xf.write(NL)


def write_xliff12(exchange: Exchange) -> bytes:
    """The XLIFF 1.2 document of ``exchange`` (deterministic bytes)."""

    def body(xf: Writer) -> None:
        for out in exchange.files:
            attributes = {
                "original": out.document,
                "datatype": "x-markdown",
                "source-language": exchange.source_language,
                "target-language": exchange.target_language,
            }
            with xf.element(_T12["file"], attributes):
                xf.write(NL)
                if not out.units:
                    _empty(xf, "body", {})
                else:
                    with xf.element(_T12["body"]):
                        xf.write(NL)
                        for unit in out.units:
                            _write_unit12(xf, unit)
                xf.write(NL)
            xf.write(NL)

    nsmap: dict[str | None, str] = {None: XLIFF12, "l10n": L10N}
    return _document(_q(XLIFF12, "xliff"), {"version": "1.2"}, nsmap, body if exchange.files else None)
