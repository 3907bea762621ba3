"""Catalog parsing and rendering: round trips, the msgcat layout, clear errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib  # a hard dependency (pyproject.toml): compared against, never skipped
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import CatalogError
from pipeline.po import file as po_file
from pipeline.po import write
from pipeline.po.decode import decode_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render

HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Language", "en"))


def round_trip(cat: Catalog) -> Catalog:
    return parse(render(cat), "x.po")


def test_render_parse_round_trip_keeps_every_field() -> None:
    entry = Entry(
        msgid="如果把全球AI競賽比作一場豪車",
        msgstr='If the "race" \\ were\ta rally',
        flags=("fuzzy", "python-format"),
        translator_comments=("checked", ""),
        extracted_comments=("paragraph 1, sentence 1",),
        references=("source/article.md:1", "source/article.md:9"),
        previous_msgid="舊的句子",
    )
    obsolete = Entry(msgid="gone", msgstr="weg", translator_comments=("keep me",), obsolete=True)
    cat = Catalog(header=HEADER, header_comments=("A header comment",), entries=(entry, obsolete))
    assert round_trip(cat) == cat


def test_multiline_strings_split_after_newlines() -> None:
    cat = Catalog(header=HEADER, entries=(Entry(msgid="a\nb\n", msgstr="c\nd"),))
    text = render(cat)
    assert 'msgid ""\n"a\\n"\n"b\\n"\nmsgstr ""\n"c\\n"\n"d"\n' in text
    assert round_trip(cat) == cat


def test_fuzzy_is_not_written_on_an_empty_msgstr() -> None:
    text = render(Catalog(header=HEADER, entries=(Entry(msgid="a", flags=("fuzzy",)),)))
    assert "fuzzy" not in text


def test_references_fill_79_columns() -> None:
    refs = tuple(f"source/news/article-{n}.md:{n * 100}" for n in range(1, 8))
    lines = render(Catalog(header=HEADER, entries=(Entry(msgid="a", references=refs),))).splitlines()
    ref_lines = [line for line in lines if line.startswith("#:")]
    assert len(ref_lines) > 1
    assert all(len(line) <= 79 for line in ref_lines)
    assert " ".join(line[3:] for line in ref_lines).split() == list(refs)


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed; CI installs it")
def test_layout_is_what_msgcat_no_wrap_writes(tmp_path: Path) -> None:
    entries = (
        Entry(msgid="短", msgstr="short", references=("a.md:1",)),
        Entry(msgid="x" * 200, msgstr="y" * 300, references=tuple(f"src/long/path/{n}.md:{n}" for n in range(20))),
        Entry(msgid="tab\there", msgstr='quote " and \\ backslash', flags=("fuzzy",), previous_msgid="old\nline"),
        Entry(msgid="multi\nline\n", msgstr="多\n行\n", translator_comments=("note",)),
        Entry(msgid="gone", msgstr="weg", obsolete=True),
    )
    path = tmp_path / "x.po"
    path.write_text(render(Catalog(header=HEADER, header_comments=("head",), entries=entries)))
    out = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout
    assert out.decode() == path.read_text()


def test_plural_entries_survive() -> None:
    entry = Entry(msgid="one file", msgid_plural="{n} files", msgstr_plural=("ein", "viele"))
    assert round_trip(Catalog(header=HEADER, entries=(entry,))).entries == (entry,)
    assert entry.translated
    assert not Entry(msgid="a", msgid_plural="b", msgstr_plural=("x", "")).translated


def test_header_order_is_kept() -> None:
    cat = Catalog(header=(("Zeta", "1"), ("Alpha", "2"), ("Content-Type", "text/plain; charset=UTF-8")))
    assert round_trip(cat).header == cat.header


def test_with_header_replaces_in_place() -> None:
    cat = Catalog(header=HEADER).with_header("language", "zh_Hans").with_header("X-New", "1")
    assert cat.header == (("Content-Type", "text/plain; charset=UTF-8"), ("Language", "zh_Hans"), ("X-New", "1"))


def test_crlf_file_is_read() -> None:
    text = 'msgid ""\r\nmsgstr ""\r\n"Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\nmsgid "a"\r\nmsgstr "b"\r\n'
    assert parse(text, "x.po").entries == (Entry(msgid="a", msgstr="b"),)


def test_latin1_file_is_decoded_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "café"\n'.encode(
            "latin-1"
        )
    )
    assert po_file.read(path).entries[0].msgstr == "café"


def test_empty_file_is_an_empty_catalog() -> None:
    assert parse("", "x.po") == Catalog(has_header=False)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "unterminated\n', 2),
        ('msgid "a"\nmsgstr "b"\nthis is garbage\n', 3),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', None),
    ],
)
def test_malformed_catalogs_name_file_and_line(text: str, line: int | None) -> None:
    with pytest.raises(CatalogError) as caught:
        parse(text, "locales/en/x.po")
    assert caught.value.path == "locales/en/x.po"
    if line is not None:
        assert caught.value.line == line
        assert caught.value.format().startswith(f"locales/en/x.po:{line}: ")


def test_wrong_bytes_for_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(CatalogError, match="not valid UTF-8") as caught:
        po_file.read(path, "x.po")
    assert caught.value.line == 6


def test_unknown_charset(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE-1\\n"\n')
    with pytest.raises(CatalogError, match="unknown charset"):
        po_file.read(path)


def test_with_flag() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=("python-format",))
    assert entry.with_flag("fuzzy").flags == ("fuzzy", "python-format")
    assert entry.with_flag("fuzzy").with_flag("fuzzy", on=False) == entry


def test_entries_know_the_line_of_their_msgid_but_compare_without_it() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "# a translator's note\n#. paragraph 1\n#: a.md:1\n#, fuzzy\n"
        'msgid "第一句。"\nmsgstr "First."\n\n'
        'msgctxt "menu"\nmsgid "第二句。"\nmsgstr ""\n\n'
        '#~ msgid "舊的。"\n#~ msgstr "Old."\n'
    )
    parsed = parse(text, "x.po")
    assert [e.line for e in parsed.entries] == [8, 12, 15]
    assert parsed.entries[0] == Entry(
        msgid="第一句。",
        msgstr="First.",
        flags=("fuzzy",),
        translator_comments=("a translator's note",),
        extracted_comments=("paragraph 1",),
        references=("a.md:1",),
    )
    assert render(parsed) == text  # the line is never written
    crlf = parse(text.replace("\n", "\r\n"), "x.po")
    assert [e.line for e in crlf.entries] == [8, 12, 15]


# ---------------------------------------------------------------- properties and cross-checks
#
# Examples per property: 300 by default; HYPOTHESIS_EXAMPLES=10000 pytest tests/po/test_catalog.py runs more.
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))

# NUL and EOT cannot be in a PO string at all (GNU ends the string at NUL and reserves EOT
# as the context separator): the reader refuses both, so no catalog holds them.
CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04")
# What breaks naive PO writers and readers, drawn often rather than by luck.
AWKWARD = st.sampled_from(
    [
        *('"', "\\", "\t", "\r", "\n", "\r\n", "\\n", '\\"', '"\n"', "\x01", "\x1b", "\x7f", "\x85"),
        *("\u2028", "\ufeff", "\u3000", " ", "#", "#~ ", "msgid ", 'msgstr "', "%s", "{0}"),
        *("𝄞", "😀", "𠀋", "🇹🇼", "中", "。", "é", "e\u0301"),  # astral characters, CJK, combining marks
    ]
)
PIECES = st.lists(st.one_of(AWKWARD, st.text(CHAR, max_size=6)), max_size=12).map("".join)
# Long strings (long lines on disk: never wrapped): a piece repeated, cheap to draw.
LONG = st.builds(lambda piece, times: piece * times, st.text(CHAR, min_size=1, max_size=8), st.integers(100, 2000))
TEXT = st.one_of(st.text(CHAR, max_size=40), PIECES, LONG)
# A comment is one line; a translator comment keeps inner and trailing white space, the
# others are stripped by the format.
LINE_CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04\n\r")
LINE = st.one_of(
    st.text(LINE_CHAR, max_size=40),
    st.lists(st.one_of(AWKWARD.filter(lambda a: "\n" not in a and "\r" not in a), st.text(LINE_CHAR, max_size=5))).map(
        "".join
    ),
)
WORD = st.text(
    st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters=",#\u0085\u2028\u2029"),
    min_size=1,
    max_size=12,
).filter(lambda w: w == w.strip() and w.split() == [w])


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.booleans())
    return Entry(
        msgid=draw(TEXT.filter(bool)),
        msgstr="" if plural else draw(TEXT),
        msgctxt=draw(st.none() | TEXT),
        msgid_plural=draw(TEXT) if plural else None,
        msgstr_plural=tuple(draw(st.lists(TEXT, min_size=1, max_size=3))) if plural else (),
        flags=tuple(draw(st.lists(WORD, max_size=3, unique=True))),
        translator_comments=tuple(draw(st.lists(LINE.map(lambda c: c.rstrip()), max_size=2))),
        extracted_comments=tuple(draw(st.lists(LINE.map(lambda c: c.strip()), max_size=2))),
        references=tuple(draw(st.lists(WORD, max_size=3))),
        previous_msgctxt=draw(st.none() | TEXT),
        previous_msgid=draw(st.none() | TEXT),
        previous_msgid_plural=draw(TEXT) if plural and draw(st.booleans()) else None,
        obsolete=draw(st.booleans()),
    )


# GNU has one key space for live and obsolete entries (a duplicate across them is refused).
@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(entries(), max_size=6, unique_by=lambda e: (e.msgctxt, e.msgid)))
def test_any_catalog_survives_render_then_parse(items: list[Entry]) -> None:
    items = [e for e in items if e.msgstr or any(e.msgstr_plural) or "fuzzy" not in e.flags]
    cat = Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),), entries=tuple(items))
    text = render(cat)
    back = parse(text, "x.po")
    live_then_dead = tuple(e for e in items if not e.obsolete) + tuple(e for e in items if e.obsolete)
    assert back.entries == live_then_dead
    assert render(back) == text
    # What Windows editors make of the file: CRLF line endings and a BOM read back the same.
    decoded = decode_file(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), "x.po")
    assert decoded.bom
    assert parse(decoded.text, "x.po", decoded.charset).entries == live_then_dead


@pytest.mark.parametrize("name", ["article.pot", "article.zh_Hans.po", "article.en.po"])
def test_parser_agrees_with_polib(name: str) -> None:
    path = Path(__file__).resolve().parents[1] / "golden" / name
    ours = po_file.read(path)
    theirs = polib.pofile(str(path))
    assert [(e.msgid, e.msgstr, tuple(e.flags), e.comment) for e in theirs] == [
        (e.msgid, e.msgstr, e.flags, "\n".join(e.extracted_comments)) for e in ours.entries
    ]
    assert dict(theirs.metadata) == dict(ours.header)


def test_escapes_gnu_accepts() -> None:
    text = 'msgid "a"\nmsgstr "\\101\\x42\\a\\b\\f\\v"\n'
    assert parse(text, "x.po").entries[0].msgstr == "AB\a\b\f\v"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\n', 1, "missing 'msgstr'"),
        ('msgstr "b"\n', 1, "'msgstr' without 'msgid'"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n', 3, "msgstr[0]"),
        ('msgid "a"\nmsgstr[0] "x"\n', 2, "without 'msgid_plural'"),
        ('msgid "a"\n#~ msgstr "x"\n', 2, "inconsistent use of '#~'"),
        ('"orphan"\n', 1, "no keyword"),
        ('msgid "a\\q"\nmsgstr ""\n', 1, "invalid escape"),
        # GNU msgfmt refuses these two C escapes too ("invalid control sequence")
        ('msgid "a"\nmsgstr "\\?"\n', 2, "invalid escape"),
        ('msgid "a"\nmsgstr "\\\'"\n', 2, "invalid escape"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "second 'msgstr'"),
    ],
)
def test_structural_errors(text: str, line: int, message: str) -> None:
    with pytest.raises(CatalogError, match=re.escape(message)) as caught:
        parse(text, "x.po")
    assert caught.value.line == line


def test_obsolete_previous_msgid_is_kept() -> None:
    text = 'msgid "x"\nmsgstr "y"\n\n#, fuzzy\n#~| msgid "old"\n#~ msgid "new"\n#~ msgstr "neu"\n'
    (_live, dead) = parse(text, "x.po").entries
    assert dead.obsolete and dead.previous_msgid == "old" and dead.fuzzy
    assert render(parse(text, "x.po")).endswith('#, fuzzy\n#~| msgid "old"\n#~ msgid "new"\n#~ msgstr "neu"\n')


def test_fast_and_general_paths_agree() -> None:
    """The same entries, once in the plain layout (fast path) and once indented (general path)."""
    plain = '# note  \n#. extracted  \n#: a.md:1  b.md:2 \n#, fuzzy , c-format\nmsgid "a\\tb"\nmsgstr "x"\n'
    indented = "\n".join("  " + line for line in plain.splitlines()) + "\n"
    assert parse(plain, "x.po").entries == parse(indented, "x.po").entries


@pytest.mark.parametrize("escape", ["\\xffffffff", "\\x110000", "\\xd800", "\\x123456789"])
def test_escapes_beyond_a_byte_are_refused(escape: str) -> None:
    """GNU reads \\x and octal escapes as bytes of the file's charset; more than a byte is an error."""
    with pytest.raises(CatalogError, match="beyond a byte") as caught:
        parse(f'msgid "a"\nmsgstr "bad {escape}"\n', "x.po")
    assert caught.value.line == 2


@st.composite
def plain_entries(draw: st.DrawFn) -> Entry:
    """Entries the writer's and the reader's fast paths handle: no context, plural or ``#|``."""
    return Entry(
        msgid=draw(TEXT.filter(bool)),
        msgstr=draw(TEXT),
        flags=tuple(draw(st.lists(WORD, max_size=2, unique=True))) if draw(st.booleans()) else (),
        translator_comments=tuple(draw(st.lists(LINE.map(lambda c: c.rstrip()), max_size=2))),
        extracted_comments=tuple(draw(st.lists(LINE.map(lambda c: c.strip()), max_size=2))),
        references=tuple(draw(st.lists(WORD, max_size=12))),
    )


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(plain_entries(), entries()))
def test_the_writers_fast_path_writes_what_the_general_path_writes(entry: Entry) -> None:
    assert write._entry_text(entry) == "\n".join(write._entry_lines(entry))


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(plain_entries(), min_size=1, max_size=5, unique_by=lambda e: e.msgid))
def test_the_readers_fast_path_reads_what_the_general_path_reads(items: list[Entry]) -> None:
    """Plain layout (fast path) against the same text indented (general path), lines included."""
    items = [e for e in items if e.msgstr or "fuzzy" not in e.flags]
    text = render(Catalog(header=HEADER, entries=tuple(items)))
    indented = "\n".join("  " + line if line.strip() else line for line in text.split("\n"))
    fast, general = parse(text, "x.po").entries, parse(indented, "x.po").entries
    assert fast == general == tuple(items)
    assert [e.line for e in fast] == [e.line for e in general]


def test_evolve_refuses_unknown_fields() -> None:
    with pytest.raises(TypeError, match="no field"):
        Entry("a").evolve(msgidd="b")
    assert Entry("a").evolve(msgstr="b") == Entry("a", "b")
