"""XLIFF 2.x (OASIS core, version 2.0) and XLIFF 1.2 documents: written from ``Exchange``, read into ``Incoming``.

XLIFF 2: one ``<file>`` per document (``original`` = its domain), one ``<unit>`` with one
``<segment>`` per catalog entry in article order; the unit id is the entry's id
(``records.entry_id``); the metadata module (``mda``) carries the references and the
state hash of the translation at export; ``<notes>`` what a translator needs; inline
Markdown as ``<pc>``/``<ph>`` with the original text in ``<originalData>``; characters XML
cannot hold as ``<cp hex="…"/>``. A fuzzy translation is the target with ``state="initial"``.

XLIFF 1.2: one ``<file>`` per document, ``<trans-unit>`` per entry, the state hash in an
attribute of this tool's namespace, inline Markdown as ``<bpt>``/``<ept>``/``<ph>`` with the
original text as their content, characters XML cannot hold as ``<x ctype="x-l10n-cp-HHHH"/>``;
a fuzzy target has ``state="needs-review-translation"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from pipeline.exchange import inline_codes
from pipeline.exchange.inline_codes import Char, Node, Placeholder
from pipeline.exchange.records import Exchange, Incoming, InUnit
from pipeline.exchange.safexml import ExchangeError, local, namespace, serialise

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
L10N = "urn:article-l10n:exchange:1"  # this tool's own attributes (XLIFF 1.2 allows other namespaces)
META_GROUP = "article-l10n"
SPACE = "{http://www.w3.org/XML/1998/namespace}space"  # segments keep their white space (XLIFF's default may not)
TRANSLATED_2 = ("translated", "reviewed", "final")
TRANSLATED_12 = ("translated", "signed-off", "final")


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


# ---------------------------------------------------------------- writing XLIFF 2


class _Codes2:
    """The ``originalData`` of one unit, shared by source and target, and inline ids per side.

    A code gets an id from its original text (and its occurrence), so the same code has the
    same id in source and target, as tools expect.
    """

    def __init__(self) -> None:
        self.data: dict[str, str] = {}  # original text -> data id
        self.seen: dict[str, int] = {}

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


def _append_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _fill2(parent: etree._Element, nodes: tuple[Node, ...], codes: _Codes2) -> None:
    last: etree._Element | None = None
    for node in nodes:
        if isinstance(node, str):
            _append_text(parent, last, node)
            continue
        if isinstance(node, Char):
            last = etree.SubElement(parent, _q(XLIFF2, "cp"), hex=f"{ord(node.char):04X}")
        elif isinstance(node, Placeholder):
            ref = codes.ref(node.original)
            last = etree.SubElement(
                parent, _q(XLIFF2, "ph"), id=codes.id("c" + ref[1:]), dataRef=ref, disp=_shown(node.original)
            )
        else:
            start, end = codes.ref(node.start), codes.ref(node.end)
            last = etree.SubElement(
                parent,
                _q(XLIFF2, "pc"),
                id=codes.id(f"p{start[1:]}-{end[1:]}"),
                dataRefStart=start,
                dataRefEnd=end,
                dispStart=_shown(node.start),
                dispEnd=_shown(node.end),
            )
            _fill2(last, node.content, codes)


def _shown(text: str) -> str:
    """What a tool shows for a code: its text, shortened (never a character XML cannot hold)."""
    text = inline_codes.ILLEGAL.sub("\ufffd", text)
    return text if len(text) <= 40 else text[:39] + "…"


def _plain(text: str) -> str:
    """Note text: characters XML cannot hold shown as U+FFFD (notes go one way only)."""
    return inline_codes.ILLEGAL.sub("\ufffd", text)


_T2 = {name: _q(XLIFF2, name) for name in ("file", "unit", "notes", "note", "originalData", "data", "segment")}
_T2 |= {"source": _q(XLIFF2, "source"), "target": _q(XLIFF2, "target")}
_MDA = {name: _q(MDA, name) for name in ("metadata", "metaGroup", "meta")}
NL = "\n"  # between structural elements (never inside a source, target, data or note)


def _sub(parent: etree._Element, tag: str, attrib: dict[str, str] | None = None) -> etree._Element:
    """A structural child on its own line."""
    if parent.text is None:
        parent.text = NL
    child = etree.SubElement(parent, tag, attrib)
    child.tail = NL
    return child


def write_xliff2(exchange: Exchange) -> bytes:
    """The XLIFF 2.0 document of ``exchange`` (deterministic bytes)."""
    root = etree.Element(
        _q(XLIFF2, "xliff"),
        nsmap={None: XLIFF2, "mda": MDA},
        version="2.0",
        srcLang=exchange.source_language,
        trgLang=exchange.target_language,
    )
    preserve = {SPACE: "preserve"}
    for number, out in enumerate(exchange.files, 1):
        file = _sub(root, _T2["file"], {"id": f"f{number}", "original": out.document})
        for unit in out.units:
            attributes = {"id": unit.id}
            if unit.references:
                attributes["name"] = _plain(unit.references[0])
            element = _sub(file, _T2["unit"], attributes)
            group = _sub(_sub(element, _MDA["metadata"]), _MDA["metaGroup"], {"category": META_GROUP})
            _sub(group, _MDA["meta"], {"type": "base"}).text = unit.base
            if len(unit.references) > 1:  # all of them, space-separated as in #:; one is the unit's name
                _sub(group, _MDA["meta"], {"type": "references"}).text = _plain(" ".join(unit.references))
            if unit.notes:
                notes = _sub(element, _T2["notes"])
                for note in unit.notes:
                    _sub(notes, _T2["note"], {"category": note.category}).text = _plain(note.text)
            codes = _Codes2()
            source_nodes = inline_codes.split(unit.source)
            target_nodes = inline_codes.split(unit.target) if unit.target is not None else None
            plain = all(isinstance(n, str) for n in source_nodes) and (
                target_nodes is None or all(isinstance(n, str) for n in target_nodes)
            )
            original_data = None if plain else _sub(element, _T2["originalData"])
            state = "translated" if unit.target is not None and not unit.fuzzy else "initial"
            segment = _sub(element, _T2["segment"], {"state": state})
            _fill2(_sub(segment, _T2["source"], preserve), source_nodes, codes)
            if target_nodes is not None:
                codes.side()
                _fill2(_sub(segment, _T2["target"], preserve), target_nodes, codes)
            if original_data is not None:
                for original, data_id in codes.data.items():
                    # split() never makes a code of text XML cannot hold
                    _sub(original_data, _T2["data"], {"id": data_id}).text = original
                if not codes.data:
                    element.remove(original_data)
    return serialise(root, lay_out=False)


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


def _fill12(parent: etree._Element, nodes: tuple[Node, ...]) -> None:
    last: etree._Element | None = None
    for item in _flat12(nodes, [0]):
        if isinstance(item, str):
            _append_text(parent, last, item)
            continue
        name, number, original = item
        last = etree.SubElement(parent, _q(XLIFF12, name), id=number)
        if name == "x":
            last.set("ctype", f"x-l10n-cp-{ord(original):04X}")
        else:
            last.text = original


def write_xliff12(exchange: Exchange) -> bytes:
    """The XLIFF 1.2 document of ``exchange`` (deterministic bytes)."""
    root = etree.Element(_q(XLIFF12, "xliff"), nsmap={None: XLIFF12, "l10n": L10N}, version="1.2")
    for out in exchange.files:
        file = etree.SubElement(
            root,
            _q(XLIFF12, "file"),
            original=out.document,
            datatype="x-markdown",
        )
        file.set("source-language", exchange.source_language)
        file.set("target-language", exchange.target_language)
        body = etree.SubElement(file, _q(XLIFF12, "body"))
        for unit in out.units:
            element = etree.SubElement(body, _q(XLIFF12, "trans-unit"), {"id": unit.id, SPACE: "preserve"})
            if unit.references:
                element.set("resname", _plain(unit.references[0]))
            element.set(_q(L10N, "base"), unit.base)
            if unit.target is not None:
                element.set("approved", "no" if unit.fuzzy else "yes")
            _fill12(etree.SubElement(element, _q(XLIFF12, "source")), inline_codes.split(unit.source))
            if unit.target is not None:
                target = etree.SubElement(element, _q(XLIFF12, "target"))
                target.set("state", "needs-review-translation" if unit.fuzzy else "translated")
                _fill12(target, inline_codes.split(unit.target))
            for note in unit.notes:
                who = "developer" if note.category in ("developer", "glossary", "damage") else "article-l10n"
                etree.SubElement(element, _q(XLIFF12, "note"), {"from": who}).text = _plain(note.text)
            if unit.references:
                group = etree.SubElement(element, _q(XLIFF12, "context-group"), name="references", purpose="location")
                for reference in unit.references:
                    path, _, line = reference.rpartition(":")
                    context = etree.SubElement(group, _q(XLIFF12, "context"), {"context-type": "sourcefile"})
                    context.text = _plain(path if line.isdigit() else reference)
                    if line.isdigit() and path:
                        etree.SubElement(group, _q(XLIFF12, "context"), {"context-type": "linenumber"}).text = line
    return serialise(root)


# ---------------------------------------------------------------- reading


def read(root: etree._Element, display: Path | str) -> Incoming:
    """An XLIFF 2.x or 1.2 document's units (ExchangeError for anything else)."""
    if local(root) != "xliff":
        raise ExchangeError(f"not an XLIFF file (the root element is <{local(root) or '?'}>)", display)
    ns = namespace(root)
    version = root.get("version", "")
    if ns == XLIFF2:
        return _read2(root, display)
    if version.startswith("2."):
        raise ExchangeError(f"XLIFF {version} in the namespace {ns or '(none)'!r}, not {XLIFF2!r}", display)
    if ns == XLIFF12 or version in ("1.2", "1.1", "1.0"):
        return _read12(root, display)
    raise ExchangeError(f"unknown XLIFF version {version!r} (expected 2.x or 1.2)", display)


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in element:
        if local(child) == name:
            yield child


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next(_children(element, name), None)


class UnitError(Exception):
    """A unit whose inline content cannot be turned back into text (reported for that unit)."""


def _read2(root: etree._Element, display: Path | str) -> Incoming:
    source_language = root.get("srcLang")
    target_language = root.get("trgLang")
    if not source_language or not target_language:
        raise ExchangeError("the <xliff> element needs srcLang and trgLang", display, root.sourceline)
    units: list[InUnit] = []
    for file in root.iterfind(_T2["file"]):
        document = file.get("original")
        if not document:
            raise ExchangeError("a <file> without original= (the document it came from)", display, file.sourceline)
        for unit in file.iter(_T2["unit"]):
            units.append(_unit2(unit, document, display))
    return Incoming(str(display), "xliff", source_language, target_language, tuple(units))


_SEGMENT, _IGNORABLE = _q(XLIFF2, "segment"), _q(XLIFF2, "ignorable")
_ORIGINAL_DATA, _METADATA = _T2["originalData"], _MDA["metadata"]


def _unit2(unit: etree._Element, document: str, display: Path | str) -> InUnit:
    unit_id = unit.get("id") or ""
    data = {}
    base = None
    parts: list[etree._Element] = []
    original_data = False
    for child in unit:  # one pass: a 50,000-unit file is read in about a second (issue 16)
        tag = child.tag
        if tag in (_SEGMENT, _IGNORABLE):
            parts.append(child)
        elif tag == _ORIGINAL_DATA and not original_data:  # the first <originalData> counts
            original_data = True
            for item in child.iterchildren(_T2["data"]):  # iterchildren: iterfind's path machinery is slower
                data[item.get("id", "")] = _data_text(item)
        elif tag == _METADATA:
            for group in child.iterchildren(_MDA["metaGroup"]):
                if group.get("category") == META_GROUP:
                    for meta in group.iterchildren(_MDA["meta"]):
                        if meta.get("type") == "base":
                            base = (meta.text or "").strip()
    sources: list[str] = []
    targets: list[str] = []
    has_target = False
    fuzzy = False
    try:
        for part in parts:
            tag = part.tag
            source = next(part.iterchildren(_T2["source"]), None)
            target = next(part.iterchildren(_T2["target"]), None)
            text = _inline2(source, data) if source is not None else ""
            sources.append(text)
            if target is not None:
                has_target = True
                targets.append(_inline2(target, data))
            else:
                targets.append(text if tag == _IGNORABLE else "")
            if tag == _SEGMENT and part.get("state", "initial") not in TRANSLATED_2:
                fuzzy = True
    except UnitError as exc:
        raise ExchangeError(f"unit {unit_id}: {exc}", display, unit.sourceline) from None
    target_text = "".join(targets) if has_target else None
    return InUnit(document, unit_id, "".join(sources), target_text or None, fuzzy, base, unit.sourceline)


def _data_text(element: etree._Element) -> str:
    out = [element.text or ""]
    for child in element:
        if local(child) == "cp":
            out.append(_cp(child))
        out.append(child.tail or "")
    return "".join(out)


def _cp(element: etree._Element) -> str:
    try:
        return chr(int(element.get("hex", ""), 16))
    except (ValueError, OverflowError):
        raise UnitError(f"<cp hex={element.get('hex')!r}> is not a code point") from None


def _inline2(element: etree._Element, data: dict[str, str]) -> str:
    if not len(element):
        return element.text or ""
    out = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "cp":
            out.append(_cp(child))
        elif name == "ph":
            out.append(_ref(child, "dataRef", data))
        elif name == "pc":
            out += [_ref(child, "dataRefStart", data), _inline2(child, data), _ref(child, "dataRefEnd", data)]
        elif name in ("sc", "ec"):
            out.append(_ref(child, "dataRef", data))
        elif name == "mrk":
            out.append(_inline2(child, data))
        elif name in ("sm", "em") or not name:
            pass  # annotation markers and comments carry no text
        else:
            raise UnitError(f"unknown inline element <{name}>")
        out.append(child.tail or "")
    return "".join(out)


def _ref(element: etree._Element, attribute: str, data: dict[str, str]) -> str:
    ref = element.get(attribute)
    if ref is None or ref not in data:
        raise UnitError(
            f"<{local(element)} id={element.get('id')!r}> points at no originalData (not from this export?)"
        )
    return data[ref]


def _read12(root: etree._Element, display: Path | str) -> Incoming:
    units: list[InUnit] = []
    source_language = target_language = ""
    for file in _children(root, "file"):
        document = file.get("original")
        if not document:
            raise ExchangeError("a <file> without original= (the document it came from)", display, file.sourceline)
        source_language = source_language or file.get("source-language", "")
        target = file.get("target-language", "")
        if target_language and target and target != target_language:
            raise ExchangeError("files of two target languages in one XLIFF file; export one per language", display)
        target_language = target_language or target
        for unit in file.iter(_q(XLIFF12, "trans-unit")):
            units.append(_unit12(unit, document, display))
    if not target_language:
        raise ExchangeError("no target-language on the <file> elements", display)
    return Incoming(str(display), "xliff12", source_language, target_language, tuple(units))


def _unit12(unit: etree._Element, document: str, display: Path | str) -> InUnit:
    unit_id = unit.get("id") or ""
    source = _first(unit, "source")
    target = _first(unit, "target")
    try:
        codes = _codes12(source) if source is not None else {}
        source_text = _inline12(source, codes) if source is not None else ""
        target_text = _inline12(target, codes) if target is not None else None
    except UnitError as exc:
        raise ExchangeError(f"unit {unit_id}: {exc}", display, unit.sourceline) from None
    state = target.get("state") if target is not None else None
    fuzzy = state not in TRANSLATED_12 if state is not None else unit.get("approved") == "no"
    return InUnit(
        document, unit_id, source_text, target_text or None, fuzzy, unit.get(_q(L10N, "base")), unit.sourceline
    )


def _codes12(source: etree._Element) -> dict[tuple[str, str], str]:
    """The source's codes by (element, id): a target's code gets the source's original text."""
    return {(local(c), c.get("id", "")): _native(c) for c in source.iter() if local(c) in ("ph", "bpt", "ept", "it")}


def _native(element: etree._Element) -> str:
    """A 1.2 code's original text: its content, without ``<sub>`` (translatable text inside a code)."""
    out = [element.text or ""]
    for child in element:
        if local(child) == "sub":
            out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return "".join(out)


def _inline12(element: etree._Element, codes: dict[tuple[str, str], str]) -> str:
    out = [element.text or ""]
    for child in element:
        name = local(child)
        if name in ("ph", "bpt", "ept", "it"):
            # The code's own content is its original text (1.2's rule); a tool that emptied it gets the source's.
            out.append(_native(child) or codes.get((name, child.get("id", "")), ""))
        elif name == "x":
            ctype = child.get("ctype", "")
            if not ctype.startswith("x-l10n-cp-"):
                raise UnitError(f"<x id={child.get('id')!r}> has no original text")
            try:
                out.append(chr(int(ctype[len("x-l10n-cp-") :], 16)))
            except (ValueError, OverflowError):
                raise UnitError(f"<x ctype={ctype!r}> is not a code point") from None
        elif name in ("g", "mrk"):
            if name == "g":
                raise UnitError(f"<g id={child.get('id')!r}> has no original text (this export writes <bpt>/<ept>)")
            out.append(_inline12(child, codes))
        elif name:
            raise UnitError(f"unknown inline element <{name}>")
        out.append(child.tail or "")
    return "".join(out)
