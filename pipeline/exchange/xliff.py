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

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from pipeline.exchange import safexml
from pipeline.exchange.records import Incoming, InUnit
from pipeline.exchange.safexml import ExchangeError, local, namespace
from pipeline.exchange.xliff_write import _MDA, _T2, _q
from pipeline.exchange.xliff_write import L10N as L10N
from pipeline.exchange.xliff_write import MDA as MDA
from pipeline.exchange.xliff_write import META_GROUP as META_GROUP
from pipeline.exchange.xliff_write import XLIFF2 as XLIFF2
from pipeline.exchange.xliff_write import XLIFF12 as XLIFF12
from pipeline.exchange.xliff_write import write_xliff2 as write_xliff2
from pipeline.exchange.xliff_write import write_xliff12 as write_xliff12
from pipeline.po.write import unwritable

TRANSLATED_2 = ("translated", "reviewed", "final")
TRANSLATED_12 = ("translated", "signed-off", "final")
_UNIT12 = _q(XLIFF12, "trans-unit")


# ---------------------------------------------------------------- reading


def read(root: etree._Element, display: Path | str) -> Incoming:
    """An XLIFF 2.x or 1.2 document's units (ExchangeError for anything else)."""
    version = _version(root, display)
    if version == "xliff":
        files: Iterator[etree._Element] = root.iterfind(_T2["file"])
        return _read2(root, (e for file in files for e in (*file.iter(_T2["unit"]), file)), display)
    files = _children(root, "file")
    return _read12(root, (e for file in files for e in (*file.iter(_UNIT12), file)), display)


def read_file(path: Path, display: Path | str) -> Incoming:
    """The XLIFF file at ``path`` read as ``read`` reads its tree, but unit by unit as the parser meets them
    (``safexml.stream``), never holding the whole tree (a 50,000-unit import, issue 16)."""
    data = safexml.read_bytes(path, display)
    root = safexml.root_of(data, display)
    if _version(root, display) == "xliff":
        return _read2(root, safexml.stream(data, display, (_T2["file"], _T2["unit"])), display)
    return _read12(root, safexml.stream(data, display, ("{*}file", _UNIT12)), display)


def _version(root: etree._Element, display: Path | str) -> str:
    """ "xliff" (2.x) or "xliff12" for the root element of an XLIFF file; ExchangeError for anything else."""
    if local(root) != "xliff":
        raise ExchangeError(f"not an XLIFF file (the root element is <{local(root) or '?'}>)", display)
    ns = namespace(root)
    version = root.get("version", "")
    if ns == XLIFF2:
        return "xliff"
    if version.startswith("2."):
        raise ExchangeError(f"XLIFF {version} in the namespace {ns or '(none)'!r}, not {XLIFF2!r}", display)
    if ns == XLIFF12 or version in ("1.2", "1.1", "1.0"):
        return "xliff12"
    raise ExchangeError(f"unknown XLIFF version {version!r} (expected 2.x or 1.2)", display)


def _file_of(unit: etree._Element, is_file: Callable[[etree._Element], bool]) -> etree._Element | None:
    """The ``<file>`` (a child of the root) a unit is in, through any groups; None if it is in none."""
    parent = unit.getparent()
    while parent is not None and not is_file(parent):
        parent = parent.getparent()
    return parent


def _top(element: etree._Element) -> bool:
    """A child of the root element."""
    parent = element.getparent()
    return parent is not None and parent.getparent() is None


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in element:
        if local(child) == name:
            yield child


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next(_children(element, name), None)


class UnitError(Exception):
    """A unit whose inline content cannot be turned back into text (reported for that unit)."""


def _read2(root: etree._Element, elements: Iterable[etree._Element], display: Path | str) -> Incoming:
    """The units of an XLIFF 2 file; ``elements``: its ``<file>`` and ``<unit>`` elements, in document order,
    each file after its units (as a parser ends them)."""
    source_language = root.get("srcLang")
    target_language = root.get("trgLang")
    if not source_language or not target_language:
        raise ExchangeError("the <xliff> element needs srcLang and trgLang", display, root.sourceline)
    units: list[InUnit] = []
    file = None
    document = ""
    for element in elements:
        if element.tag == _FILE2:  # after its units: a file without any still has its original= checked
            if element is not file and _top(element):
                _original(element, display)
            file = None
            continue
        found = _file_of(element, _is_file2)
        if found is None:
            continue
        if found is not file:
            file, document = found, _original(found, display)
        units.append(_unit2(element, document, display))
    return Incoming(str(display), "xliff", source_language, target_language, tuple(units))


def _is_file2(element: etree._Element) -> bool:
    return element.tag == _FILE2 and _top(element)


def _original(file: etree._Element, display: Path | str) -> str:
    document = file.get("original")
    if not document:
        raise ExchangeError("a <file> without original= (the document it came from)", display, file.sourceline)
    return document


_SEGMENT, _IGNORABLE, _FILE2 = _q(XLIFF2, "segment"), _q(XLIFF2, "ignorable"), _T2["file"]
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
    return _code_point(element.get("hex", ""), f"<cp hex={element.get('hex')!r}>")


def _code_point(hexa: str, shown: str) -> str:
    """The character of a code point written in hex (``<cp>``, 1.2's ``x-l10n-cp-…``); one a catalog can hold."""
    try:
        char = chr(int(hexa, 16))
    except (ValueError, OverflowError):
        raise UnitError(f"{shown} is not a code point") from None
    why = unwritable(char)
    if why is not None:
        raise UnitError(f"{shown} is {why}, which a catalog cannot hold")
    return char


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


def _read12(root: etree._Element, elements: Iterable[etree._Element], display: Path | str) -> Incoming:
    """The units of an XLIFF 1.2 file; ``elements`` as for ``_read2`` (``<file>`` in any namespace)."""
    units: list[InUnit] = []
    languages = ["", ""]  # source, target: the first file's that has them
    file = None
    document = ""
    for element in elements:
        if local(element) == "file":
            if element is not file and _top(element):
                _file12(element, languages, display)
            file = None
            continue
        found = _file_of(element, _is_file12)
        if found is None:
            continue
        if found is not file:
            file, document = found, _file12(found, languages, display)
        units.append(_unit12(element, document, display))
    if not languages[1]:
        raise ExchangeError("no target-language on the <file> elements", display)
    return Incoming(str(display), "xliff12", languages[0], languages[1], tuple(units))


def _is_file12(element: etree._Element) -> bool:
    return local(element) == "file" and _top(element)


def _file12(file: etree._Element, languages: list[str], display: Path | str) -> str:
    """A 1.2 ``<file>``'s document; its languages checked against the earlier files' (``languages``)."""
    document = _original(file, display)
    languages[0] = languages[0] or file.get("source-language", "")
    target = file.get("target-language", "")
    if languages[1] and target and target != languages[1]:
        raise ExchangeError("files of two target languages in one XLIFF file; export one per language", display)
    languages[1] = languages[1] or target
    return document


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
            out.append(_code_point(ctype[len("x-l10n-cp-") :], f"<x ctype={ctype!r}>"))
        elif name in ("g", "mrk"):
            if name == "g":
                raise UnitError(f"<g id={child.get('id')!r}> has no original text (this export writes <bpt>/<ept>)")
            out.append(_inline12(child, codes))
        elif name:
            raise UnitError(f"unknown inline element <{name}>")
        out.append(child.tail or "")
    return "".join(out)
