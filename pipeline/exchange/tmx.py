"""TMX 1.4b: a language's translation memory out, and translation pairs back in (``--compendium x.tmx``).

Each translated pair becomes a ``<tu>`` with a ``<tuv>`` per language. Inline Markdown stays
text (a memory is matched on text); a character XML cannot hold becomes
``<ph type="x-l10n-cp" x="N">U+HHHH</ph>`` and comes back as that character.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.exchange.inline_codes import ILLEGAL
from pipeline.exchange.safexml import ExchangeError, local, read_file, serialise
from pipeline.l10n import languages
from pipeline.po.write import unwritable

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CP_TYPE = "x-l10n-cp"


@dataclass(frozen=True)
class Pair:
    """One translation: ``source`` (the msgid) is ``target``; ``origin``: the catalog it comes from."""

    source: str
    target: str
    origin: str = ""


def _fill(parent: etree._Element, text: str) -> None:
    last: etree._Element | None = None
    at = 0

    def add(piece: str) -> None:
        if last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece

    for number, m in enumerate(ILLEGAL.finditer(text), 1):
        add(text[at : m.start()])
        last = etree.SubElement(parent, "ph", type=CP_TYPE, x=str(number))
        last.text = f"U+{ord(m.group()):04X}"
        at = m.end()
    add(text[at:])


def write(pairs: Iterable[Pair], source_language: str, target_language: str, date: str, version: str) -> bytes:
    """The TMX 1.4b document of ``pairs`` (BCP 47 languages; ``date``: YYYYMMDDThhmmssZ)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "article-l10n",
            "creationtoolversion": version,
            "segtype": "sentence",
            "o-tmf": "gettext PO",
            "adminlang": "en",
            "srclang": source_language,
            "datatype": "plaintext",
            "creationdate": date,
        },
    )
    body = etree.SubElement(root, "body")
    for pair in pairs:
        tu = etree.SubElement(body, "tu")
        if pair.origin:
            etree.SubElement(tu, "prop", type="x-origin").text = pair.origin
        for language, text in ((source_language, pair.source), (target_language, pair.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            _fill(etree.SubElement(tuv, "seg"), text)
    return serialise(root)


def _seg_text(seg: etree._Element) -> str:
    out = [seg.text or ""]
    for child in seg:
        if local(child) == "ph" and child.get("type") == CP_TYPE:
            code = (child.text or "").removeprefix("U+")
            with contextlib.suppress(ValueError, OverflowError):
                char = chr(int(code, 16))
                if unwritable(char) is None:  # NUL, EOT, a lone surrogate: left out, as a bad code is
                    out.append(char)
        elif local(child) in ("bpt", "ept", "ph", "it", "hi", "ut", "sub"):
            out.append("".join(child.itertext()) if local(child) == "hi" else "")
        out.append(child.tail or "")
    return "".join(out)


def read(root: etree._Element, display: Path | str, source_language: str, target_language: str) -> list[Pair]:
    """The (source, target) pairs of a TMX document for two languages (POSIX or BCP 47 codes).

    Languages compare by their canonical form, so ``zh-Hant``, ``zh_Hant`` and ``ZH-hant`` agree;
    a ``<tuv>`` in a language that is not the one asked for is ignored (a TMX may hold many).
    """
    if local(root) != "tmx":
        raise ExchangeError(f"not a TMX file (the root element is <{local(root) or '?'}>)", display)
    body = next((c for c in root if local(c) == "body"), None)
    if body is None:
        raise ExchangeError("a TMX file without <body>", display)
    source, target = _canonical(source_language), _canonical(target_language)
    pairs: list[Pair] = []
    for tu in body:
        if local(tu) != "tu":
            continue
        texts: dict[str, str] = {}
        for tuv in tu:
            if local(tuv) != "tuv":
                continue
            code = _canonical(tuv.get(XML_LANG) or tuv.get("lang") or "")
            seg = next((c for c in tuv if local(c) == "seg"), None)
            if seg is not None and code:
                texts.setdefault(code, _seg_text(seg))
        if texts.get(source) and texts.get(target):
            pairs.append(Pair(texts[source], texts[target], str(display)))
    return pairs


def _canonical(code: str) -> str:
    try:
        return languages.canonical(code)
    except Exception:  # an unknown tag in someone's TMX is no match, not an error
        return code.lower()


def memory_pairs(path: Path, display: str, source_language: str, target_language: str) -> list[tuple[str, str]]:
    """(source, target) of a TMX file for two languages: what ``update --compendium x.tmx`` remembers."""
    return [(p.source, p.target) for p in read(read_file(path, display), display, source_language, target_language)]
