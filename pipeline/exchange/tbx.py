"""TBX (TBX-Basic, the ISO 30042 ``martif`` form tools such as memoQ, Trados and translate-toolkit read).

One ``<termEntry>`` per source term, a ``<langSet>`` for the source language and one per
language it is translated into, the glossary note on that language's term.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.exchange.safexml import ExchangeError, local, read_file, serialise
from pipeline.exchange.tmx import XML_LANG
from pipeline.l10n import languages
from pipeline.l10n.glossary import Glossary, Term


def write(glossary: Glossary, source_language: str) -> bytes:
    """The TBX-Basic document of ``glossary`` (``source_language`` in BCP 47; each term in POSIX form)."""
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: source_language})
    header = etree.SubElement(root, "martifHeader")
    description = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(description, "p").text = "article-l10n glossary"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    by_source: dict[str, list[Term]] = {}
    for term in glossary.terms:
        by_source.setdefault(term.source, []).append(term)
    for number, (source, terms) in enumerate(by_source.items(), 1):
        entry = etree.SubElement(body, "termEntry", id=f"c{number}")
        source_set = etree.SubElement(entry, "langSet", {XML_LANG: source_language})
        etree.SubElement(etree.SubElement(source_set, "tig"), "term").text = source
        for term in terms:
            lang_set = etree.SubElement(entry, "langSet", {XML_LANG: languages.bcp47(term.language)})
            tig = etree.SubElement(lang_set, "tig")
            etree.SubElement(tig, "term").text = term.target
            if term.note:
                etree.SubElement(tig, "note").text = term.note
    return serialise(root)


def read(root: etree._Element, display: Path | str, source_language: str) -> Glossary:
    """A TBX-Basic (``martif``) or TBX v3 (``tbx``/``conceptEntry``) document as a glossary.

    ``source_language``: the project's (POSIX); each other language's terms become the
    translations of the entry's source term, with their note.
    """
    if local(root) not in ("martif", "tbx"):
        raise ExchangeError(f"not a TBX file (the root element is <{local(root) or '?'}>)", display)
    source = languages.canonical(source_language)
    terms: list[Term] = []
    for entry in root.iter():
        if local(entry) not in ("termEntry", "conceptEntry"):
            continue
        by_language: dict[str, list[tuple[str, str]]] = {}
        for lang_set in entry:
            if local(lang_set) not in ("langSet", "langSec"):
                continue
            try:
                code = languages.canonical(lang_set.get(XML_LANG) or "")
            except Exception:
                continue
            for element in lang_set.iter():
                if local(element) == "term" and (element.text or "").strip():
                    parent = element.getparent()
                    note = ""
                    if parent is not None:
                        note = " ".join(
                            (n.text or "").strip() for n in parent if local(n) == "note" and (n.text or "").strip()
                        )
                    by_language.setdefault(code, []).append(((element.text or "").strip(), note))
        for term_source, _ in by_language.get(source, [])[:1]:
            for code, found in by_language.items():
                if code != source and found:
                    target, note = found[0]
                    terms.append(Term(term_source, code, target, note, entry.sourceline or 0))
    return Glossary(tuple(terms))


def read_glossary(path: Path, display: str, source_language: str) -> Glossary:
    """A ``.tbx`` file set as the project's glossary (``glossary = "locales/glossary.tbx"``)."""
    return read(read_file(path, display), display, source_language)
