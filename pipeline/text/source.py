"""Read a source document: strict UTF-8, line endings remembered, pinyin glosses removed.

The result is a ``Source``: the normalised lines plus everything needed to write the
file back exactly (each line's ending, whether there was a BOM, whether the last line
ended with a newline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.text.gloss import strip_glosses

SUFFIXES = (".md", ".txt")
_ENDING = re.compile(r"(\r\n|\n|\r)")
_BYTE_ENDING = re.compile(rb"\r\n|\n|\r")
_BOM = "\ufeff"


@dataclass(frozen=True)
class Source:
    """One source document, normalised."""

    path: Path  # as given (relative to the project root where possible)
    domain: str  # gettext domain: the path below the source folder, without suffix
    lines: tuple[str, ...]  # normalised text of each line, without its ending
    endings: tuple[str, ...]  # each line's ending: "\n", "\r\n", "\r" or "" (last line)
    bom: bool = False

    @property
    def final_newline(self) -> bool:
        return bool(self.endings) and self.endings[-1] != ""

    def text(self) -> str:
        """The normalised document, with its original line endings and BOM."""
        body = "".join(line + end for line, end in zip(self.lines, self.endings, strict=False))
        return (_BOM if self.bom else "") + body


def decode(data: bytes, path: Path) -> str:
    """Decode strict UTF-8; the error names the byte offset and the line."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise SourceError(
            f"UTF-16 text (it starts with the byte order mark 0x{data[:2].hex()}), not UTF-8; "
            "convert it to UTF-8, e.g. with iconv",
            path,
            1,
        )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise SourceError(
            f"NUL byte at byte offset {offset}: this looks like a binary file, not a text article",
            path,
            _line_at(data, offset),
        )
    if b"\x04" in data:
        offset = data.index(b"\x04")
        raise SourceError(
            f"control character EOT (0x04) at byte offset {offset}: gettext reserves it, no catalog can hold it; "
            "remove it",
            path,
            _line_at(data, offset),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start)
        guess = guess_chinese_encoding(data)
        how = f"it looks like {guess}: convert it with iconv -f {guess} -t UTF-8" if guess else "e.g. with iconv"
        raise SourceError(
            f"not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            f"convert the file to UTF-8, {how}",
            path,
            line,
        ) from None


# The most frequent characters of Chinese prose, in both scripts: text decoded with the
# right legacy codec is full of them, with a wrong one (mojibake) nearly free of them.
_COMMON = frozenset(
    "的一是不了在人有我他這个們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡"
    "这个们来为国说时会对于着过发后里经与从还"
    "，。、「」：；！？"
)
# iconv's name and Python's codec for each candidate (Big5 as Windows reads it: cp950).
_LEGACY = (("BIG5", "cp950"), ("GB18030", "gb18030"))


def guess_chinese_encoding(data: bytes) -> str | None:
    """The legacy Chinese encoding ``data`` most likely is in (iconv's name), or None.

    Only for the error message: the pipeline never decodes anything but UTF-8.
    """
    best, best_score = None, 0
    for name, codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = sum(1 for char in text if char in _COMMON)
        if score > best_score:
            best, best_score = name, score
    return best


def _line_at(data: bytes, offset: int) -> int:
    """1-based line of byte ``offset``, counting CRLF, LF and lone CR endings as ``parse`` does."""
    # Counting b"\n" alone would put every error of a CR-only (old Mac) file on line 1.
    return len(_BYTE_ENDING.findall(data, 0, offset)) + 1


def parse(text: str, path: Path, domain: str) -> Source:
    """Split ``text`` into lines (keeping each ending) and normalise each line."""
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    if "\r" in text:
        pieces = _ENDING.split(text)  # line, ending, line, ending, ..., last line
        lines = pieces[0::2]
        endings = [*pieces[1::2], ""]
    else:  # LF only, the usual case: the same, at C speed
        lines = text.split("\n")
        endings = ["\n"] * (len(lines) - 1)
        endings.append("")
    if lines[-1] == "":  # the text ends with a line ending (or is empty): no last line
        lines.pop()
        endings.pop()
    lines = [strip_glosses(line) for line in lines]
    return Source(path=path, domain=domain, lines=tuple(lines), endings=tuple(endings), bom=bom)


def read_bytes(path: Path, display: Path | None = None) -> bytes:
    """A document's bytes; SourceError naming the file if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source file not found", display or path) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", display or path) from None


def read(path: Path, domain: str, display: Path | None = None) -> Source:
    """Read and normalise one document from disk."""
    shown = display or path
    return parse(decode(read_bytes(path, shown), shown), shown, domain)
