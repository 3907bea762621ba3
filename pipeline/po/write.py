"""A ``Catalog`` as PO text, in one stable layout: the one GNU ``msgcat --no-wrap`` writes.

Strings are never wrapped except after an embedded ``\\n``; ``#:`` references are filled up to
79 columns (a file name with spaces between U+2068 and U+2069: ``references.py``). So
``msgcat --no-wrap`` reproduces a catalog byte for byte, and a translator's editor that keeps
long lines makes no diff noise.
"""

from __future__ import annotations

import re

from pipeline.bulk import paused_gc
from pipeline.po.model import Catalog, Entry, new_entry
from pipeline.po.references import plain, written

REFERENCE_WIDTH = 79
_QUOTED = re.compile("[\t\u2068]")  # in joined references: a name to quote, unless it has a space (counted apart)

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_ESCAPE_RE = re.compile(r'[\\"\n\t\r\a\b\f\v]')


# What no catalog can hold: NUL ends a string for GNU, EOT separates msgctxt from msgid in a
# compiled catalog (the reader refuses both), and a lone surrogate is no character (no UTF-8).
_UNWRITABLE = re.compile("[\x00\x04\ud800-\udfff]")


def unwritable(text: str) -> str | None:
    """Why ``text`` cannot go into a catalog (its first such character, named), or None if it can.

    For what brings text from outside (the workbench, an import): refused there, with this
    reason, rather than written into a file every command would then refuse.
    """
    found = _UNWRITABLE.search(text)
    if found is None:
        return None
    char = found.group()
    name = {"\x00": "the control character NUL", "\x04": "the control character EOT"}.get(char, "a lone surrogate")
    return f"{name} (U+{ord(char):04X})"


def escape(text: str) -> str:
    """``text`` as written between the quotes of a PO string (backslash escapes)."""
    if _ESCAPE_RE.search(text) is None:
        return text
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def _quote(text: str) -> str:
    return f'"{escape(text)}"'


def first_line(text: str) -> str:
    """The first quoted line of a msgid as ``render`` writes it, without the quotes (escaped).

    A string with a newline before its end is written as ``msgid ""`` and one line per piece.
    """
    return escape(text.split("\n", 1)[0] + "\n" if "\n" in text[:-1] else text)


def _field(keyword: str, text: str, prefix: str = "") -> list[str]:
    """``keyword "text"``, split after each embedded newline as msgcat does."""
    if "\n" in text[:-1]:
        pieces = text.split("\n")
        chunks = [p + "\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
        return [f'{prefix}{keyword} ""'] + [prefix + _quote(c) for c in chunks]
    return [f"{prefix}{keyword} {_quote(text)}"]


def _references(refs: tuple[str, ...]) -> list[str]:
    """References filled up to 79 columns as GNU fills them: a quoted name's U+2068 and U+2069 take none."""
    lines: list[str] = []
    current, column = "#:", 2
    for ref in refs:
        if column > 2 and column + 1 + len(ref) > REFERENCE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + written(ref)
        column += 1 + len(ref)
    lines.append(current)
    return lines


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# A backslash at the end of a line joins the next line to it for GNU (msgfmt, msgmerge): a comment
# ending in one (``C:\``) would swallow the ``msgid`` line after it. One space more keeps it apart;
# the reader takes that space off again (``parse.comment_text``).
_ENDS_IN_BACKSLASH = re.compile(r"\\ *\Z")


def _comment(marker: str, text: str) -> str:
    if "\n" in text or "\r" in text:  # a comment is one line: more lines are more comments
        return "\n".join(_comment(marker, part) for part in _LINE_BREAK.split(text))
    if text.endswith(("\\", " ")) and _ENDS_IN_BACKSLASH.search(text):
        text += " "
    return f"{marker} {text}" if text else marker


def _entry_text(entry: Entry) -> str:
    """One entry's lines, joined. Most entries are comments, then a msgid and a msgstr that fit
    on one line each: those two are written directly (``_entry_lines`` gives the same text)."""
    single = entry.msgctxt is None and entry.msgid_plural is None and not entry.obsolete
    previous = (entry.previous_msgid, entry.previous_msgctxt, entry.previous_msgid_plural)
    if single and previous == (None, None, None):
        msgid, msgstr = entry.msgid, entry.msgstr
        if _ESCAPE_RE.search(msgid) is None and _ESCAPE_RE.search(msgstr) is None:
            head = _comment_lines(entry)
            return ("\n".join(head) + "\n" if head else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"'
    return "\n".join(_entry_lines(entry))


def _comment_lines(entry: Entry) -> list[str]:
    """The ``#``, ``#.``, ``#:`` and ``#,`` lines, in that order (the ``#.`` lines may be one string)."""
    lines = [_comment("#", c) for c in entry.translator_comments] if entry.translator_comments else []
    extracted = entry.extracted_comments
    if extracted:
        block = "#. " + "\n#. ".join(extracted)  # one string for all: no call per comment (lines are joined anyway)
        if (
            block.count("\n") == len(extracted) - 1
            and "\r" not in block
            and "#. \n" not in block
            and block[-3:] != "#. "
            and "\\\n" not in block
            and block[-1] != "\\"
        ):
            lines.append(block)
        else:  # a comment with a line break or an empty one (or text that looks like it): one at a time
            lines += [_comment("#.", c) for c in extracted]
    if entry.references:
        places = " ".join(entry.references)
        if len(places) + 3 > REFERENCE_WIDTH:
            lines += _references(entry.references)
        else:
            lines.append(
                "#: " + (places if plain(places, len(entry.references)) else " ".join(map(written, entry.references)))
            )
    if entry.flags:
        flags = entry.flags if entry.has_translation else tuple(f for f in entry.flags if f != "fuzzy")
        if flags:
            lines.append("#, " + ", ".join(flags))
    return lines


def _entry_lines(entry: Entry) -> list[str]:
    lines = _comment_lines(entry)
    mark = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += _field("msgctxt", entry.previous_msgctxt, previous)
    if entry.previous_msgid is not None:
        lines += _field("msgid", entry.previous_msgid, previous)
    if entry.previous_msgid_plural is not None:
        lines += _field("msgid_plural", entry.previous_msgid_plural, previous)
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, mark)
    lines += _field("msgid", entry.msgid, mark)
    if entry.msgid_plural is not None:
        lines += _field("msgid_plural", entry.msgid_plural, mark)
        for index, form in enumerate(entry.msgstr_plural or ("",)):
            lines += _field(f"msgstr[{index}]", form, mark)
    else:
        lines += _field("msgstr", entry.msgstr, mark)
    return lines


@paused_gc()
def render(catalog: Catalog) -> str:
    """The catalog as PO text, in the ``msgcat --no-wrap`` layout."""
    texts = _header_text(catalog)
    texts += _texts([e for e in catalog.entries if not e.obsolete])
    texts += [_entry_text(e) for e in catalog.entries if e.obsolete]
    return "\n\n".join(texts) + "\n" if texts else ""


def _header_text(catalog: Catalog) -> list[str]:
    """The header entry's text, if the catalog has one (a list of one or none)."""
    if not catalog.has_header:
        return []
    head = [_comment("#", c) for c in catalog.header_comments]
    if catalog.header_flags:
        head.append("#, " + ", ".join(catalog.header_flags))
    head += _field("msgid", "")
    head += _field("msgstr", header_msgstr(catalog))
    return ["\n".join(head)]


def header_msgstr(catalog: Catalog) -> str:
    """The header entry's msgstr: its text as read (``Catalog.header_text``), each line whose field is
    unchanged kept as it was, a changed field written ``Name: value``, a removed one left out, a
    new one added at the end; ``Name: value`` lines for a header made in memory.

    GNU tools keep the header's text as it is (``Report-Msgid-Bugs-To:  <…>`` with two spaces,
    a last line without ``\n``): so does a write, and a catalog is not rewritten for its header.
    """
    fresh = "".join(f"{k}: {v}\n" for k, v in catalog.header)
    text = catalog.header_text
    if text is None or text == fresh:
        return fresh
    pending = list(catalog.header)
    out: list[str] = []
    for line in _lines(text):
        body = line.rstrip("\n")
        if not body.strip():
            out.append(line)  # a blank line holds no field
            continue
        name, _, value = body.partition(":")
        name, value = name.strip(), value.strip()
        at = next((i for i, (key, _) in enumerate(pending) if key.lower() == name.lower()), None)
        if at is None:
            continue  # the field was removed
        key, now = pending.pop(at)
        if (key, now) != (name, value):
            line = f"{key}: {now}" + line[len(body) :]
        out.append(line)
    if pending and out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    return "".join(out) + "".join(f"{k}: {v}\n" for k, v in pending)


def _lines(text: str) -> list[str]:
    """``text`` cut after each LF (the last piece may have none)."""
    pieces = text.split("\n")
    return [p + "\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


@paused_gc()
def render_messages(
    header: Catalog, msgids: list[str], comments: list[tuple[str, ...]], references: list[tuple[str, ...]]
) -> str:
    """``render`` of ``header`` (its entries left out) followed by an entry per msgid with these extracted
    comments and references and nothing else (a template's): the same text, without an ``Entry`` each.

    The usual message, one plain comment and one short reference, is written in the loop itself.
    """
    texts = _header_text(header)
    add, search, width = texts.append, _ESCAPE_RE.search, REFERENCE_WIDTH - 3
    for msgid, extracted, places in zip(msgids, comments, references, strict=True):
        if len(extracted) == 1 and len(places) == 1:
            comment, place = extracted[0], places[0]
            if (
                comment
                and len(place) <= width
                and plain(place, 1)  # a file name with white space is written between U+2068 and U+2069
                and search(msgid) is None
                and "\n" not in comment
                and "\r" not in comment
                and comment[-1] != "\\"  # as ``_texts``: such a comment is written one at a time
            ):
                add(f'#. {comment}\n#: {place}\nmsgid "{msgid}"\nmsgstr ""')
                continue
        add(_entry_text(new_entry(msgid=msgid, extracted_comments=extracted, references=places)))
    return "\n\n".join(texts) + "\n" if texts else ""


def _texts(entries: list[Entry]) -> list[str]:
    """``_entry_text`` of each live entry, the usual shape written in the loop itself (no call per entry).

    The usual shape: no context, plural or ``#|`` field, a msgid and a msgstr with nothing to
    escape, no translator comment, extracted comments of one plain line each, references that
    fit one line. Everything else goes through ``_entry_text``, which gives the same text.
    """
    texts: list[str] = []
    add, search, other, quoted = texts.append, _ESCAPE_RE.search, _entry_text, _QUOTED.search
    for e in entries:
        msgid, msgstr, extracted = e.msgid, e.msgstr, e.extracted_comments
        if (
            e.translator_comments
            or e.msgctxt is not None
            or e.msgid_plural is not None
            or e.previous_msgid is not None
            or e.previous_msgctxt is not None
            or e.previous_msgid_plural is not None
            or search(msgid) is not None
            or search(msgstr) is not None
        ):
            add(other(e))
            continue
        references, flags = e.references, e.flags
        if extracted:
            comments = "\n#. ".join(extracted)
            if (
                "" in extracted
                or comments.count("\n") != len(extracted) - 1
                or "\r" in comments
                or "\\\n" in comments
                or comments[-1] == "\\"
            ):
                add(other(e))  # a comment with a line break, an empty one ("#."), one ending in "\\": one at a time
                continue
        if references:
            places = " ".join(references)
            if len(places) + 3 > REFERENCE_WIDTH or places.count(" ") != len(references) - 1 or quoted(places):
                add(other(e))  # filled over several lines, or a file name to quote (``references.plain``)
                continue
        if flags and not (msgstr or any(e.msgstr_plural)):  # not ``has_translation``: fuzzy is not written
            flags = tuple(f for f in flags if f != "fuzzy")
        if extracted and references and not flags:  # most entries: one string made, no pieces added up
            add(f'#. {comments}\n#: {places}\nmsgid "{msgid}"\nmsgstr "{msgstr}"')
            continue
        head = f"#. {comments}\n" if extracted else ""
        if references:
            head += f"#: {places}\n"
        if flags:
            head += "#, " + ", ".join(flags) + "\n"
        add(f'{head}msgid "{msgid}"\nmsgstr "{msgstr}"')
    return texts
