"""The Markdown of a line's block structure that segmentation reads by hand, around markdown-it's
block parse (``parser.blocks``): container markers, ATX headings, table cells, front matter."""

from __future__ import annotations

import re

# The closing ``#``s may directly follow the opening's white space: ``# #`` is an empty heading.
_ATX = re.compile(r"(\s{0,3}#{1,6}(?:[ \t]+|$))(.*?)((?:(?:(?<=[ \t])|[ \t]+)#+)?[ \t]*)")
_CONTAINER = re.compile(r"[ \t]*(?:(?:>[ \t]?)|(?:[-*+][ \t]+)|(?:\d{1,9}[.)][ \t]+))*(?:\[[ xX]\][ \t]+)?")
# A later line of a paragraph in a container carries only block-quote markers and indentation:
# ``2. `` there is text (an ordered list that does not start at 1 cannot interrupt a paragraph).
_CONTINUATION = re.compile(r"[ \t]*(?:>[ \t]*)*")
_LIST_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_FRONT_MATTER_FENCE = ("---", "+++")
# A line of YAML front matter: a key and its colon, a list item, a comment, an indented line.
_YAML_LINE = re.compile(r"[^\s:#][^:]*:(?:\s|$)|-(?:\s|$)|#|\s")
# A line of TOML front matter: key = value, a [table], a comment, an indented or continued line.
_TOML_LINE = re.compile(r"[^\s=#][^=]*=|\[|#|\s|[\]}\"']")


def container_markers(line: str) -> str:
    """The container markers (``> ``, ``- ``, ``1. ``, ``[ ] ``, indentation) that start the first line of a block."""
    return _CONTAINER.match(line).group(0)  # type: ignore[union-attr]  # the pattern matches ""


def continuation_markers(line: str) -> str:
    """The markers (block-quote ``>`` and indentation) that start a later line of a paragraph."""
    return _CONTINUATION.match(line).group(0)  # type: ignore[union-attr]  # the pattern matches ""


def continuation_of(line: str) -> str:
    """The markers a later line of the block that ``line`` begins is written with: its block-quote
    ``>``s and its list items' indentation (``> 1. `` gives ``>    ``; a task box is text)."""
    found = _TASK_BOX.sub("", container_markers(line))
    return _LIST_MARKER.sub(lambda m: " " * len(m.group(0)), found)


def atx_heading(text: str) -> tuple[str, str, str] | None:
    """An ATX heading line (markers stripped) as (opening ``#``s and space, text, closing ``#``s and space)."""
    match = _ATX.fullmatch(text)
    return None if match is None else (match.group(1), match.group(2), match.group(3))


def table_cells(row: str) -> list[str]:
    """A table row cut at its unescaped ``|``."""
    return _CELL_SPLIT.split(row)


def front_matter_end(lines: tuple[str, ...]) -> int:
    """Number of lines of YAML/TOML front matter at the top (0 if none).

    Only a block whose every line is shaped like settings (``key: value``, ``key = value``, a
    list item, a comment, an indented continuation) counts: an article that opens with a
    thematic break ``---`` and has another further down is prose, and its text is extracted.
    """
    if not lines or lines[0].rstrip() not in _FRONT_MATTER_FENCE:
        return 0
    fence = lines[0].rstrip()
    setting = _YAML_LINE if fence == "---" else _TOML_LINE
    for i in range(1, len(lines)):
        if lines[i].rstrip() in (fence, "..."):
            return i + 1
        if lines[i].strip() and not setting.match(lines[i]):
            return 0
    return 0
