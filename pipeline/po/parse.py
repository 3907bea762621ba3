"""PO text to a ``Catalog``: a strict reader of the GNU PO format, linear in the size of the file.

What GNU ``msgfmt`` refuses, this refuses, with the file and the line (``CatalogError``).
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.bulk import paused_gc
from pipeline.errors import CatalogError
from pipeline.po.model import KEY, Catalog, Entry, new_entry
from pipeline.po.references import NOT_PLAIN
from pipeline.po.references import read as read_references

_object_new = object.__new__


@paused_gc()
def parse(text: str, path: Path | str, charset: str = "UTF-8") -> Catalog:
    """Parse catalog text. Raises CatalogError naming the file and line on bad syntax.

    A strict reader of the GNU PO format, linear in the size of the file: comments of every
    kind, ``#|`` and ``#~|`` previous fields, obsolete ``#~`` entries, msgctxt, plural forms,
    every escape GNU accepts. What GNU ``msgfmt`` refuses, this refuses, with the line.
    ``charset``: the file's, which octal and hex escapes (bytes, for GNU) are decoded in.

    Line endings: LF, CRLF and ``\\r\\r\\n``; lines are counted as GNU counts them (by LF). A
    carriage return inside a quoted string is a character of the string, as for GNU; any
    other one (old Mac OS line endings, which GNU tools misread) is refused.
    """
    if "\r" in text:
        text = _line_feeds(text, path)
    for char, name in (("\x00", "NUL"), ("\x04", "EOT, the gettext context separator,")):
        if text.find(char) >= 0:  # for NUL, twice as fast as ``in`` on text beyond Latin-1
            line = text.count("\n", 0, text.index(char)) + 1
            raise CatalogError(f"the control character {name} (U+{ord(char):04X}) is not allowed here", path, line)
    return _Parser(path, charset).parse(text)


_CR_BEFORE_LF = re.compile(r"\r+\n")


def _line_feeds(text: str, path: Path | str) -> str:
    """Text with CR (runs) before LF removed; refuses a CR that is neither that nor inside a string."""
    text = _CR_BEFORE_LF.sub("\n", text)
    if "\r" not in text:
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        if "\r" in line and _bare_cr(line):
            raise CatalogError(
                "a carriage return (CR) that ends no line: old Mac OS line endings or a stray CR; "
                "convert the file's line endings to LF (or CRLF)",
                path,
                number,
            )
    return text


def _bare_cr(line: str) -> bool:
    """True if ``line`` has a CR outside its quoted strings (a comment has none)."""
    stripped = line.lstrip(" \t")
    if stripped.startswith("#") and not stripped.startswith(("#~", "#|")):
        return True
    inside = escaped = False
    for char in line:
        if inside:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                inside = False
        elif char == '"':
            inside = True
        elif char == "\r":
            return True
    return False


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*(.*)")
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*')
# Several strings on one line (``msgid "" "text"``): GNU reads them as one, and Babel writes
# multi-line ``#|`` fields that way.
_QUOTED_MANY = re.compile(r'(?:"[^"\\]*(?:\\.[^"\\]*)*"[ \t]*)+')
# A plain entry: comments in the usual order (translator, extracted, references, flags; no
# #| or #~), then msgid and msgstr on one line each, not continued on a later line; and the
# blank lines after it. Most entries of most files look like this.
_SIMPLE_ENTRY = re.compile(
    r"(?P<translator>(?:#(?:[^\n.:,|~][^\n]*)?\n)*)"
    r"(?P<extracted>(?:#\.[^\n]*\n)*)"
    r"(?P<references>(?:#:[^\n]*\n)*)"
    r"(?P<flags>(?:#,[^\n]*\n)*)"
    r'msgid "(?P<msgid>[^"\\\n]*(?:\\.[^"\\\n]*)*)"\n'
    r'msgstr "(?P<msgstr>[^"\\\n]*(?:\\.[^"\\\n]*)*)"\n'
    r"(?P<blank>(?:[ \t]*\n)*)"
    r'(?![ \t]*(?:"|msgstr|msgid_plural))'
)
# An extracted comment's text, as the general path reads the line: after "#. " (or "#."), stripped.
_EXTRACTED_LINE = re.compile(r"#\. ?((?:[^\n]*\S)?)[^\S\n]*\n")
# A keyword and its whole string on one line: the common case, matched in one go.
_KEYWORD_STRING = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))", re.S)
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}


def _translator(lines: str) -> tuple[str, ...]:
    """The translator comments of the fast path's lines (each starts with ``#``), as ``comment_line`` reads them."""
    found = tuple(t[2:] if t.startswith("# ") else t[1:] for t in (raw.lstrip() for raw in lines[:-1].split("\n")))
    return found if "\\ " not in lines else tuple(map(comment_text, found))


_BACKSLASH_SPACES = re.compile(r"\\ +\Z")


def comment_text(text: str) -> str:
    """A translator comment as written less the one space the writer puts after a final backslash.

    GNU joins a line ending in a backslash to the next one, so ``po.write`` writes a comment
    ending in ``\\`` (and spaces) with one space more; this takes it off again.
    """
    return text[:-1] if text.endswith(" ") and _BACKSLASH_SPACES.search(text) else text


def _flags(lines: str) -> tuple[str, ...]:
    """The flags of the fast path's ``#,`` lines, as ``comment_line`` reads them."""
    return tuple(f.strip() for f in lines.replace("\n#,", ",")[2:].split(",") if f.strip())


class _Parser:
    """One pass over the lines; builds entries as it goes."""

    def __init__(self, path: Path | str, charset: str = "UTF-8") -> None:
        self.path = path
        self.charset = charset
        self.entries: list[Entry] = []
        self.header: Entry | None = None
        self._reset()

    def _reset(self) -> None:
        self.fields: dict[str, object] = {}
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.previous: dict[str, str] = {}
        self.plural: dict[int, str] = {}
        self.current: tuple[str, int | None] | None = None  # the field continuation strings extend
        self.previous_current: str | None = None
        self.obsolete: bool | None = None
        self.msgid_line: int | None = None
        self.has_msgstr = False

    def error(self, message: str, line: int) -> CatalogError:
        return CatalogError(message, self.path, line)

    def unquote(self, rest: str, number: int) -> str:
        match = _QUOTED.fullmatch(rest)
        if match is None and _QUOTED_MANY.fullmatch(rest) is not None:
            body = "".join(m.group(1) for m in _QUOTED.finditer(rest))
            return body if "\\" not in body else self.unescape(body, number)
        if match is None:
            if rest.startswith('"'):
                raise self.error(
                    "syntax error: unterminated string; close it with '\"' (a quote inside the text is written \\\")",
                    number,
                )
            raise self.error(f"syntax error: expected a quoted string, found {rest[:30]!r}", number)
        body = match.group(1)
        if "\\" not in body:
            return body
        return self.unescape(body, number)

    def unescape(self, body: str, number: int) -> str:
        """Resolve the escapes of a string body. Octal and hex escapes are bytes in the file's charset (GNU)."""
        out: list[str] = []
        pending = bytearray()  # bytes of consecutive numeric escapes, decoded together

        def flush() -> None:
            if pending:
                try:
                    out.append(bytes(pending).decode(self.charset))
                except UnicodeDecodeError:
                    raise self.error(
                        f"escape sequences give bytes that are not valid {self.charset}: {bytes(pending)!r}", number
                    ) from None
                pending.clear()

        last = 0
        for m in _ESCAPE.finditer(body):
            if m.start() > last:
                flush()
                out.append(body[last : m.start()])
            last = m.end()
            octal, hexa, char = m.groups()
            if octal is None and hexa is None:
                if char not in _SIMPLE_ESCAPES:
                    raise self.error(f"invalid escape sequence '\\{char}'", number)
                flush()
                out.append(_SIMPLE_ESCAPES[char])
                continue
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            if value > 0xFF:
                raise self.error(f"escape sequence '{m.group()}' is beyond a byte (0-255)", number)
            if value in (0, 4):
                name = "NUL, which ends the string for gettext" if value == 0 else "EOT, the gettext context separator"
                raise self.error(f"escape sequence '{m.group()}' gives the control character {name}", number)
            pending.append(value)
        flush()
        out.append(body[last:])
        return "".join(out)

    def parse(self, text: str) -> Catalog:
        if text and not text.endswith("\n"):
            text += "\n"
        position, number, size = 0, 1, len(text)
        simple = _SIMPLE_ENTRY.match
        while position < size:
            if not (self.fields or self.has_msgstr or self.pending_comments()):
                position, number = self.simple_entries(text, position, number)
                if position >= size:
                    break
            elif self.has_msgstr and self.current is not None and simple(text, position) is not None:
                self.finish(number)  # the entry before is complete: the next one starts here
                continue
            end = text.index("\n", position)
            self.line(text[position:end], number)
            position, number = end + 1, number + 1
        self.finish(number)
        return self.catalog()

    def pending_comments(self) -> bool:
        return bool(self.comments or self.extracted or self.references or self.flags or self.previous)

    def simple_entries(self, text: str, position: int, number: int) -> tuple[int, int]:
        """Plain entries (comments, one-line msgid and msgstr), each matched in one go, for as long
        as they follow one another from ``position`` (line ``number``): the fast path.

        Builds the entries directly (in the field order of ``Entry``, see ``model.entry_with``);
        the general path (``line``) gives the same result. Returns where it stopped, and its line.
        """
        match, count, append = _SIMPLE_ENTRY.match, text.count, self.entries.append
        extracted_line, not_plain = _EXTRACTED_LINE.findall, NOT_PLAIN.search
        while (found := match(text, position)) is not None:
            translator, extracted, references, flags, msgid, msgstr, blank = found.groups()
            end = found.end()
            number += count("\n", position, end)
            position = end
            line = number - 2 - (1 if blank == "\n" else blank.count("\n"))  # the msgid's
            if "\\" in msgid:
                msgid = self.unquote(f'"{msgid}"', line)
            if "\\" in msgstr:
                msgstr = self.unquote(f'"{msgstr}"', line + 1)
            entry = _object_new(Entry)
            fields = entry.__dict__  # filled item by item, in the fields' order: the fastest, keys shared
            fields["msgid"] = msgid
            fields["msgstr"] = msgstr
            fields["msgctxt"] = None
            fields["msgid_plural"] = None
            fields["msgstr_plural"] = ()
            fields["flags"] = _flags(flags) if flags else ()
            fields["translator_comments"] = _translator(translator) if translator else ()
            fields["extracted_comments"] = tuple(extracted_line(extracted)) if extracted else ()
            if references:  # read_references, without a call where str.split splits as GNU does
                places = references.replace("\n#:", "\n")[2:]
                fields["references"] = tuple(places.split() if not_plain(places) is None else read_references(places))
            else:
                fields["references"] = ()
            fields["previous_msgctxt"] = None
            fields["previous_msgid"] = None
            fields["previous_msgid_plural"] = None
            fields["obsolete"] = False
            fields["line"] = line
            if msgid == "" and self.header is None:
                self.header = entry
            else:
                append(entry)
        return position, number

    def line(self, raw: str, number: int) -> None:
        """The general path: one line of any kind."""
        line = raw.strip()
        if not line:
            return
        if line.startswith("#~"):
            rest = line[2:].lstrip()
            if rest.startswith("|"):
                self.previous_line(rest[1:].strip(), number)
            elif rest.startswith("#"):  # ``#~ #, fuzzy``, ``#~ # note``: a comment, as GNU reads it
                self.comment_line(rest, rest, number)
            elif rest:
                self.message_line(rest, number, obsolete=True)
            return
        if line.startswith("#"):
            self.comment_line(raw, line, number)
            return
        self.message_line(line, number, obsolete=False)

    def comment_line(self, raw: str, line: str, number: int) -> None:
        if self.has_msgstr or self.fields:
            self.finish(number)
        kind = line[1:2]
        if kind == ".":
            self.extracted.append(line[3:] if line.startswith("#. ") else line[2:])
        elif kind == ":":
            self.references.extend(read_references(raw.lstrip()[2:]))
        elif kind == ",":
            self.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        elif kind == "|":
            self.previous_line(line[2:].strip(), number)
        else:
            text = raw.lstrip()
            self.comments.append(comment_text(text[2:] if text.startswith("# ") else text[1:]))

    def previous_line(self, rest: str, number: int) -> None:
        if self.has_msgstr or self.fields:
            self.finish(number)
        if not rest:
            return  # a bare ``#|`` holds nothing (GNU ignores it)
        if rest.startswith('"'):
            if self.previous_current is None:
                raise self.error("syntax error: a '#|' string with no keyword before it", number)
            self.previous[self.previous_current] += self.unquote(rest, number)
            return
        match = _KEYWORD.fullmatch(rest)
        if match is None or match.group(1) == "msgstr" or match.group(2) is not None:
            raise self.error(f"syntax error in previous field {rest[:30]!r}", number)
        self.previous_current = match.group(1)
        self.previous[match.group(1)] = self.unquote(match.group(3), number)

    def message_line(self, line: str, number: int, obsolete: bool) -> None:
        if line.startswith('"'):
            if self.current is None:
                raise self.error("syntax error: a string with no keyword before it", number)
            self.check_obsolete(obsolete, number)
            name, index = self.current
            value = self.unquote(line, number)
            if index is None:
                self.fields[name] = str(self.fields[name]) + value
            else:
                self.plural[index] += value
            return
        fast = _KEYWORD_STRING.fullmatch(line)
        if fast is not None:
            name, index_text, body = fast.groups()
            value = body if "\\" not in body else self.unquote(f'"{body}"', number)
        else:
            match = _KEYWORD.fullmatch(line)
            if match is None:
                raise self.error(f"syntax error: {line[:40]!r} is not a PO line; fix or remove it", number)
            name, index_text, rest = match.groups()
            value = self.unquote(rest, number)
        if name in ("msgctxt", "msgid") and (self.has_msgstr or name in self.fields or "msgid" in self.fields):
            if not self.has_msgstr:
                raise self.error("missing 'msgstr' for this entry", self.msgid_line or number)
            self.finish(number)
        self.check_obsolete(obsolete, number)
        if name == "msgid":
            self.msgid_line = number
        if name == "msgid_plural" and ("msgid" not in self.fields or self.has_msgstr or name in self.fields):
            raise self.error("'msgid_plural' must follow 'msgid'", number)
        if name == "msgstr":
            if "msgid" not in self.fields:
                raise self.error("'msgstr' without 'msgid'", number)
            if index_text is None:
                if "msgid_plural" in self.fields:
                    raise self.error("a plural entry needs 'msgstr[0]', 'msgstr[1]', …", number)
                if self.has_msgstr:
                    raise self.error("a second 'msgstr' in one entry", number)
                self.fields["msgstr"] = value
                self.current = ("msgstr", None)
            else:
                if "msgid_plural" not in self.fields:
                    raise self.error("'msgstr[N]' in an entry without 'msgid_plural'", number)
                index = int(index_text)
                if index != len(self.plural):
                    raise self.error(f"expected 'msgstr[{len(self.plural)}]', found 'msgstr[{index}]'", number)
                self.plural[index] = value
                self.current = ("msgstr", index)
            self.has_msgstr = True
            return
        if index_text is not None:
            raise self.error(f"syntax error: '{name}[{index_text}]'", number)
        self.fields[name] = value
        self.current = (name, None)

    def check_obsolete(self, obsolete: bool, number: int) -> None:
        if self.obsolete is None:
            self.obsolete = obsolete
        elif self.obsolete != obsolete:
            raise self.error("inconsistent use of '#~' within one entry", number)

    def finish(self, number: int) -> None:
        """Close the entry being built (if any)."""
        if not self.fields and not self.has_msgstr:
            return  # nothing, or comments with no message after them (GNU drops those too)
        if not self.has_msgstr:
            raise self.error("missing 'msgstr' for this entry", self.msgid_line or number)
        entry = new_entry(
            msgid=str(self.fields["msgid"]),
            msgstr=str(self.fields.get("msgstr", "")),
            msgctxt=None if "msgctxt" not in self.fields else str(self.fields["msgctxt"]),
            msgid_plural=None if "msgid_plural" not in self.fields else str(self.fields["msgid_plural"]),
            msgstr_plural=tuple(self.plural[i] for i in range(len(self.plural))),
            flags=tuple(self.flags),
            translator_comments=tuple(self.comments),
            extracted_comments=tuple(self.extracted),
            references=tuple(self.references),
            previous_msgctxt=self.previous.get("msgctxt"),
            previous_msgid=self.previous.get("msgid"),
            previous_msgid_plural=self.previous.get("msgid_plural"),
            obsolete=bool(self.obsolete),
            line=self.msgid_line,
        )
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete and self.header is None:
            self.header = entry
        else:
            self.entries.append(entry)
        self._reset()

    def catalog(self) -> Catalog:
        # One key space for live and obsolete entries and the header, as GNU has.
        keys = set(map(KEY, self.entries))
        if len(keys) == len(self.entries) and (self.header is None or (None, "") not in keys):
            return self.assembled()  # no duplicates (the common case: checked in bulk)
        seen: dict[tuple[str | None, str], int | None] = {}
        if self.header is not None:
            seen[(None, "")] = self.header.line
        for entry in self.entries:
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                first = seen[key]
                where = f" (first defined at line {first})" if first else ""
                raise self.error(
                    f"duplicate message definition{where}; merge the two entries into one", entry.line or 0
                )
            seen[key] = entry.line
        return self.assembled()

    def assembled(self) -> Catalog:
        header = self.header
        if header is None:
            return Catalog(entries=tuple(self.entries), has_header=False)
        fields = []
        for item in header.msgstr.split("\n"):
            if item.strip():
                name, _, value = item.partition(":")
                fields.append((name.strip(), value.strip()))
        return Catalog(
            header=tuple(fields),
            header_comments=header.translator_comments,
            header_flags=header.flags,
            entries=tuple(self.entries),
            header_text=header.msgstr,
        )
