"""The one XML parser of the package: no entities, no DTD, no network, no huge trees.

An exchange file comes from outside (an agency, a tool): a ``<!DOCTYPE`` declaring
entities (the "billion laughs" bomb, an external file) is refused outright rather than
parsed, and every parse error becomes one ``ExchangeError`` line naming the file and line.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, TypedDict

from lxml import etree

from pipeline.errors import PipelineError


class ExchangeError(PipelineError):
    """An exchange file (XLIFF, TMX, TBX) that cannot be read: not XML, truncated, unknown content."""


class _Settings(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    dtd_validation: bool
    huge_tree: bool
    remove_comments: bool
    strip_cdata: bool


# The parser settings of every read, tree or stream: no entities, no DTD, no network, no huge trees.
_SAFE = _Settings(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=False,
    strip_cdata=True,
)


def parser() -> etree.XMLParser:
    return etree.XMLParser(**_SAFE)


def parse(data: bytes, display: Path | str) -> etree._Element:
    """The root element of ``data``; ExchangeError for a DTD, an entity or any XML error."""
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise _not_xml(exc, display) from None
    if root is None:
        raise ExchangeError("empty XML document", display)
    _refuse_doctype(root, display)
    return root


def root_of(data: bytes, display: Path | str) -> etree._Element:
    """The root element of ``data`` as its start tag gives it (name, attributes, no content): what a file
    is, told before it is read whole (``stream``). The same refusals as ``parse``."""
    try:
        for _, root in _iterparse(data, ("start",), None):
            _refuse_doctype(root, display)
            return root
    except etree.XMLSyntaxError as exc:
        raise _not_xml(exc, display) from None
    raise ExchangeError("empty XML document", display)


def stream(data: bytes, display: Path | str, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Each element of ``data`` named in ``tags`` (``{*}name``: in any namespace), in document order, when
    its end tag is read. When the caller asks for the next one, the element is cleared and its earlier
    siblings dropped: a large file (a 50,000-unit import, issue 16) is read without holding, then freeing,
    its whole tree. The same refusals as ``parse``, raised where they are met."""
    checked = False
    try:
        for _, element in _iterparse(data, ("end",), tags):
            if not checked:
                _refuse_doctype(element, display)
                checked = True
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _not_xml(exc, display) from None


def _iterparse(
    data: bytes, events: tuple[Literal["start", "end"], ...], tags: tuple[str, ...] | None
) -> etree.iterparse[tuple[str, etree._Element]]:
    return etree.iterparse(
        io.BytesIO(data),
        events=events,
        tag=tags,
        **_SAFE,
    )


def _not_xml(exc: etree.XMLSyntaxError, display: Path | str) -> ExchangeError:
    line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
    message = str(exc.msg).split(", line ")[0] if exc.msg else "not well-formed XML"
    return ExchangeError(f"not a well-formed XML file ({message}); is it complete?", display, line)


def _refuse_doctype(element: etree._Element, display: Path | str) -> None:
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise ExchangeError("has a DOCTYPE (entity declarations?), which exchange files never need; refused", display)


MAX_BYTES = 1 << 30  # an exchange file larger than this is refused rather than read into memory


def read_file(path: Path, display: Path | str) -> etree._Element:
    """The root element of the XML file at ``path`` (ExchangeError naming ``display`` for any problem)."""
    return parse(read_bytes(path, display), display)


def read_bytes(path: Path, display: Path | str) -> bytes:
    """The bytes of the exchange file at ``path`` (ExchangeError naming ``display`` for any problem)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ExchangeError("larger than 1 GiB; split it", display)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExchangeError("file not found", display) from None
    except IsADirectoryError:
        raise ExchangeError("is a folder, not a file", display) from None
    except OSError as exc:
        raise ExchangeError(f"cannot read: {exc.strerror}", display) from None
    return data


def local(element: etree._Element) -> str:
    """An element's name without its namespace ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def namespace(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


# Elements whose content is text (with inline codes): white space in them is content, never layout.
_TEXT_ELEMENTS = frozenset({"source", "target", "data", "note", "meta", "seg", "term", "context", "prop", "p"})


def serialise(root: etree._Element, lay_out: bool = True) -> bytes:
    """``root`` as UTF-8 bytes with an XML declaration, one structural element per line.

    Only the white space between structural elements is added (where XML tools ignore it);
    the content of text elements (``_TEXT_ELEMENTS``) is written exactly as it is.
    ``lay_out=False``: the writer put the line breaks in already (faster for large files).
    """
    if lay_out:
        _lay_out(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def _lay_out(element: etree._Element) -> None:
    if local(element) in _TEXT_ELEMENTS:
        return
    children = list(element)
    if children and not (element.text or "").strip():
        element.text = "\n"
    for child in children:
        if not (child.tail or "").strip():
            child.tail = "\n"
        _lay_out(child)
