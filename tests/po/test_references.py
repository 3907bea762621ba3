"""``#:`` references with spaces in a file name (po.references): between U+2068 and U+2069, as GNU writes them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.l10n.places import Places
from pipeline.po import references
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render
from tests.po.strategies import EXAMPLES, HEADER, REFERENCE, SPACED_NAME

SPACED = "source/台北 新聞.md"
QUOTED = "\u2068source/台北 新聞.md\u2069"


def entry_text(refs: tuple[str, ...], **more: Any) -> str:
    """The text ``render`` gives for one entry with ``refs``, without the header."""
    return render(Catalog(header=HEADER, entries=(Entry("句。", "A.", references=refs, **more),))).split("\n\n", 1)[1]


def test_a_file_name_with_a_space_is_written_between_u2068_and_u2069() -> None:
    text = entry_text((f"{SPACED}:3", "source/a.md:5", f"{SPACED}:12"))
    assert text.startswith(f"#: {QUOTED}:3 source/a.md:5 {QUOTED}:12\nmsgid")
    assert parse(text, "x.po").entries[0].references == (f"{SPACED}:3", "source/a.md:5", f"{SPACED}:12")


@pytest.mark.parametrize(
    ("reference", "written"),
    [
        ("source/a.md:3", "source/a.md:3"),  # no space: as before, byte for byte
        ("source/台北\u3000新聞.md:3", "source/台北\u3000新聞.md:3"),  # GNU quotes a space or a tab only
        ("source/my notes.md:3", "\u2068source/my notes.md\u2069:3"),
        ("a\tb.md:3", "\u2068a\tb.md\u2069:3"),
        ("my notes.md", "\u2068my notes.md\u2069"),  # no line number
        ("my notes.md:x", "\u2068my notes.md:x\u2069"),
        ("a b:1:2", "\u2068a b:1\u2069:2"),
        ("\u2068a.md:1", "\u2068\u2068a.md\u2069:1"),  # would read as quoted: quoted
    ],
)
def test_written_quotes_the_file_name_only(reference: str, written: str) -> None:
    assert references.written(reference) == written
    assert references.read(written) == [reference]


def test_joined_is_a_line_of_references_as_written() -> None:
    """What XLIFF export puts in its ``references`` metadata: the ``#:`` line's text."""
    assert references.joined(("a.md:1", "b.md:2")) == "a.md:1 b.md:2"
    assert references.joined((f"{SPACED}:3", "b.md:2")) == f"{QUOTED}:3 b.md:2"


def test_both_readers_read_both_forms() -> None:
    """The quoted form is one reference; the unquoted one (older versions) two, as GNU reads it."""
    for more in ({}, {"msgctxt": "c"}, {"obsolete": True}):  # the fast path, and the general path twice
        text = entry_text((f"{SPACED}:3",), **more)
        assert QUOTED in text
        assert parse(text, "x.po").entries[0].references == (f"{SPACED}:3",)
        old = text.replace(QUOTED, SPACED)
        assert parse(old, "x.po").entries[0].references == ("source/台北", "新聞.md:3")


@pytest.mark.parametrize("head", ["#: ", "#:", "  #:  "])
def test_the_general_path_reads_quoted_names_as_the_fast_path(head: str) -> None:
    lines = f'{head}{QUOTED}:3\t{QUOTED}:4  b.md:1\n#: \u2068x y\u2069\nmsgctxt "c"\nmsgid "a"\nmsgstr ""\n'
    assert parse(lines, "x.po").entries[0].references == (f"{SPACED}:3", f"{SPACED}:4", "b.md:1", "x y")
    fast = lines.replace('msgctxt "c"\n', "").replace("  #:  ", "#: ")
    assert parse(fast, "x.po").entries[0].references == (f"{SPACED}:3", f"{SPACED}:4", "b.md:1", "x y")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a.md:1 b.md:2", ["a.md:1", "b.md:2"]),
        ("台北\u3000新聞.md:1\xa0x", ["台北\u3000新聞.md:1\xa0x"]),  # only space, tab and LF separate (GNU)
        ("a\x0bb c\x0cd", ["a\x0bb", "c\x0cd"]),
        ("\u2068a b\u2069:12\n\u2068c\u2069", ["a b:12", "c"]),
        ("\u2068a b\u2069:12x", ["a b", ":12x"]),  # not a line number: what follows is read on its own
        ("\u2068a b\u2069c", ["a b", "c"]),
        ("\u2068a b:7", ["a b:7"]),  # never closed: to the end of the line
        ("\u2068a b\nc:1", ["a b", "c:1"]),
        ("\u2068\u2069 x", ["x"]),  # an empty name is no reference
        ("a\u2068b c", ["a\u2068b", "c"]),  # U+2068 quotes only at the start of a name
    ],
)
def test_read_separates_as_gnu_does(text: str, read: list[str]) -> None:
    assert references.read(text) == read


def test_the_fast_split_is_taken_only_where_str_split_splits_as_gnu() -> None:
    """``read`` uses ``str.split`` unless the text has a character it would split at that GNU does not."""
    others = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - set(" \t\n")
    listed = {chr(c) for c in range(sys.maxunicode + 1) if references.NOT_PLAIN.match(chr(c))}
    assert listed == others | {references.FSI}


def test_references_fill_79_columns_without_counting_the_quotes() -> None:
    """GNU fills by the file names' own widths: U+2068 and U+2069 take no column."""
    refs = tuple(f"source/my notes {n}.md:{n}" for n in range(9))
    lines = entry_text(refs).split("\nmsgid", 1)[0].split("\n")
    assert [line.count("\u2068") for line in lines] == [3, 3, 3]
    assert all(len(line.replace("\u2068", "").replace("\u2069", "")) <= 79 for line in lines)
    assert len(lines[0].replace("\u2068", "").replace("\u2069", "")) + 1 + len(refs[3]) > 79
    assert parse(entry_text(refs), "x.po").entries[0].references == refs


def test_the_places_of_quoted_references_are_the_document_and_its_lines() -> None:
    entries = parse(entry_text((f"{SPACED}:3", f"{SPACED}:12")), "x.po").entries
    assert Places.of(list(entries)).found == [(0, SPACED, 3, 0), (0, SPACED, 12, 0)]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed; CI installs it")
def test_msgfmt_check_accepts_quoted_references(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text(entry_text((f"{SPACED}:3", "a\tb.md:1", "c d")), encoding="utf-8")
    path.write_text(render(Catalog(header=HEADER, entries=parse(path.read_text("utf-8"), path).entries)), "utf-8")
    subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(path)], check=True, capture_output=True)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(REFERENCE, min_size=1, max_size=12), st.sampled_from([{}, {"msgctxt": "c"}, {"obsolete": True}]))
def test_references_with_spaces_round_trip(refs: list[str], more: dict[str, Any]) -> None:
    """Any references, file names with spaces among them, read back as written, on either reader's path."""
    assert parse(entry_text(tuple(refs), **more), "x.po").entries[0].references == tuple(refs)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(SPACED_NAME, min_size=1, max_size=4), st.lists(st.integers(1, 10**6), min_size=1, max_size=4))
def test_every_spaced_name_is_quoted_once_and_read_as_one(names: list[str], lines: list[int]) -> None:
    refs = tuple(f"{name}:{line}" for name, line in zip(names, lines, strict=False))
    text = entry_text(refs)
    assert text.count("\u2068") == len(refs) + sum(n.count("\u2068") for n in names[: len(refs)])
    assert parse(text, "x.po").entries[0].references == refs
