"""The one XML parser of the package: no entities, no DTD, no network, no huge trees.

An exchange file comes from outside (an agency, a tool): a ``<!DOCTYPE`` declaring
entities (the "billion laughs" bomb, an external file) is refused outright rather than
parsed, and every parse error becomes one ``ExchangeError`` line naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError


class ExchangeError(PipelineError):
    """An exchange file (XLIFF, TMX, TBX) that cannot be read: not XML, truncated, unknown content."""


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        strip_cdata=True,
    )


def parse(data: bytes, display: Path | str) -> etree._Element:
    """The root element of ``data``; ExchangeError for a DTD, an entity or any XML error."""
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        message = str(exc.msg).split(", line ")[0] if exc.msg else "not well-formed XML"
        raise ExchangeError(f"not a well-formed XML file ({message}); is it complete?", display, line) from None
    if root is None:
        raise ExchangeError("empty XML document", display)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise ExchangeError("has a DOCTYPE (entity declarations?), which exchange files never need; refused", display)
    return root


MAX_BYTES = 1 << 30  # an exchange file larger than this is refused rather than read into memory


def read_file(path: Path, display: Path | str) -> etree._Element:
    """The root element of the XML file at ``path`` (ExchangeError naming ``display`` for any problem)."""
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
    return parse(data, display)


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
