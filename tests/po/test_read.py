"""Reading catalogs (po.decode, po.parse): charsets, line endings, GNU's escapes, clear errors with the line."""

from __future__ import annotations

import io
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
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render
from tests.po.strategies import EXAMPLES, HEADER, plain_entries


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


def test_catalog_entries_know_their_line() -> None:
    text = render(Catalog(header=(("Language", "en"),), entries=(Entry("a", "A"), Entry("b", "B"))))
    parsed = parse(text, "x.po")
    lines = text.split("\n")
    assert [lines[e.line - 1] for e in parsed.entries if e.line] == ['msgid "a"', 'msgid "b"']
    assert parsed.entries == (Entry("a", "A"), Entry("b", "B"))  # the line is not part of equality
    assert render(parsed) == text


COMMENT_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r\x00\x04"), max_size=12)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(COMMENT_TEXT, max_size=3), st.lists(COMMENT_TEXT, max_size=3), st.lists(COMMENT_TEXT, max_size=2)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_comment_lines_of_any_spacing_read_alike_on_both_paths(items: list[tuple[list[str], ...]]) -> None:
    """Comment text as people type it (spaces, tabs, ideographic spaces around it, ``#.x`` without
    a space) on the fast path (plain layout) and the general one (the same lines indented)."""
    blocks = []
    for number, (translator, extracted, references) in enumerate(items):
        lines = [f"# {c}" if c[:1] not in ".:,|~" else f"#  {c}" for c in translator]
        lines += [f"#.{c}" for c in extracted] + [f"#:{c}" for c in references]
        blocks.append("\n".join([*lines, f'msgid "m{number}"', 'msgstr "t"']) + "\n")
    text = "\n".join(blocks)
    indented = "".join("  " + line + "\n" if line.strip() else "\n" for line in text.split("\n")[:-1])
    fast, general = parse(text, "x.po").entries, parse(indented, "x.po").entries
    assert fast == general
    assert [e.line for e in fast] == [e.line for e in general]


def test_parsed_entries_share_the_layout_of_made_ones() -> None:
    """The fast path fills the fields in their declared order, as ``Entry(...)`` does (shared dictionary keys)."""
    made = Entry("a", "A", extracted_comments=("x",), references=("r:1",), line=4)
    (parsed,) = parse('#. x\n#: r:1\nmsgid "a"\nmsgstr "A"\n', "x.po").entries
    assert parsed == made and list(parsed.__dict__) == list(made.__dict__)


# ---------------------------------------------------------------- lines other tools write, read as GNU reads them

_HEAD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
# Each: what a tool (or a hand edit) writes, GNU msgcat accepts, and the entry it means.
GNU_ACCEPTS = {
    # several strings on one line, as GNU's lexer reads them; Babel writes multi-line #| fields so
    "strings-on-one-line": (
        'msgid "a" "b"\nmsgstr "" "c\\n"  "d"\n',
        Entry(msgid="ab", msgstr="c\nd"),
    ),
    "babel-previous": (
        '#, fuzzy\n#| msgid "" "old\\n" "two lines"\nmsgid "new"\nmsgstr "neu"\n',
        Entry(msgid="new", msgstr="neu", flags=("fuzzy",), previous_msgid="old\ntwo lines"),
    ),
    "escapes-across-strings": ('msgid "a\\\\" "\\"b"\nmsgstr "x"\n', Entry(msgid='a\\"b', msgstr="x")),
    "bare-previous-marker": ('#|\n#| \nmsgid "a"\nmsgstr "b"\n', Entry(msgid="a", msgstr="b")),
    "bare-obsolete-previous-marker": (
        '#~|\n#~ msgid "a"\n#~ msgstr "b"\n',
        Entry(msgid="a", msgstr="b", obsolete=True),
    ),
    # comments behind #~ are comments (GNU), e.g. an obsolete entry's flags and notes
    "comments-behind-obsolete-marker": (
        '#~ # a note\n#~ #. extracted\n#~ #: a.c:1\n#~ #, fuzzy\n#~ msgid "a"\n#~ msgstr "b"\n',
        Entry(
            msgid="a",
            msgstr="b",
            flags=("fuzzy",),
            translator_comments=("a note",),
            extracted_comments=("extracted",),
            references=("a.c:1",),
            obsolete=True,
        ),
    ),
}


@pytest.mark.parametrize("name", list(GNU_ACCEPTS))
def test_lines_gnu_accepts_are_read_as_gnu_reads_them(name: str, tmp_path: Path) -> None:
    text, expected = GNU_ACCEPTS[name]
    assert parse(_HEAD + text, "x.po").entries == (expected,)
    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext (msgcat) is not installed; CI installs it")
    path = tmp_path / "x.po"
    path.write_text(_HEAD + text, encoding="utf-8")
    gnu = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, text=True, check=True).stdout
    assert parse(gnu, "gnu.po").entries == (expected,)


def test_a_babel_catalog_with_multi_line_previous_msgids_is_read() -> None:
    """``pybabel update --previous`` (``write_po(include_previous=True)``) puts a ``#|`` msgid's lines on one line."""
    from babel.messages import pofile
    from babel.messages.catalog import Catalog as BabelCatalog

    babel = BabelCatalog(locale="en")
    joined, parts = "「快進來!」媽媽喊道。", "「快進來!」\n媽媽喊道。"
    babel.add(joined, "Come in!, Mother called.", flags=["fuzzy"], previous_id=parts)
    out = io.BytesIO()
    pofile.write_po(out, babel, include_previous=True)
    assert b'#| msgid "" "' in out.getvalue()  # the layout this test is about
    (entry,) = parse(out.getvalue().decode("utf-8"), "babel.po").entries
    assert entry.previous_msgid == parts and entry.fuzzy
    assert entry.msgstr == "Come in!, Mother called."


def test_a_string_left_open_after_others_on_its_line_is_still_unterminated() -> None:
    with pytest.raises(CatalogError, match="unterminated string") as caught:
        parse(_HEAD + 'msgid "a" "b\nmsgstr ""\n', "x.po")
    assert caught.value.line == 4


# PO text made of the format's own pieces: lines of keywords, strings and comments in any order and
# with odd contents, what a broken editor or a bad merge may leave.
_PIECE = st.sampled_from(
    ["a", " ", "\t", "é", "中", "😀", "\x01", "\\", '\\"', "\\n", "\\t", "\\a", "\\x41", "\\101", "C:\\", "#", '"']
)
_BODY = st.lists(_PIECE, max_size=6).map("".join)
_LINE = st.one_of(
    st.builds(
        "{}{} {}".format,
        st.sampled_from(["", "", "", "#~ ", "#| ", "#~| ", "  "]),
        st.sampled_from(["msgid", "msgid", "msgstr", "msgstr", "msgctxt", "msgid_plural", "msgstr[0]", "msgstr[1]"]),
        st.builds('"{}"'.format, _BODY) | st.builds('"{}" "{}"'.format, _BODY, _BODY) | st.just('""'),
    ),
    st.builds('"{}"'.format, _BODY),
    st.builds("{}{}".format, st.sampled_from(["# ", "#", "#. ", "#: ", "#, ", "#,", "#~ # ", "#|", "#~"]), _BODY),
    st.sampled_from(["", "", "fuzzy", "#, fuzzy, c-format"]),
    st.builds(  # a whole entry, live or obsolete, so that most texts hold some
        '{0}msgid "k{1}"\n{0}msgstr "{2}"'.format, st.sampled_from(["", "#~ "]), _BODY, _BODY
    ),
    st.builds(
        '{0}msgid "p{1}"\n{0}msgid_plural "{2}"\n{0}msgstr[0] "{2}"\n{0}msgstr[1] "{1}"'.format,
        st.sampled_from(["", "#~ "]),
        _BODY,
        _BODY,
    ),
)
_PO_TEXT = st.builds(
    lambda lines, end: end.join(lines) + end, st.lists(_LINE, max_size=24), st.sampled_from(["\n", "\n", "\r\n"])
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_PO_TEXT, st.sampled_from(["utf-8", "gbk", "latin-1"]))
def test_any_text_is_read_or_refused_and_what_is_read_writes_back_the_same(text: str, codec: str) -> None:
    """Whatever the bytes, reading gives a catalog or a CatalogError with the line, nothing else; and a
    catalog read is one ``render`` writes and the reader reads back equal (nothing read is lost on a write)."""
    head = f'msgid ""\nmsgstr "Content-Type: text/plain; charset={codec}\\n"\n\n'
    try:
        data = (head + text).encode(codec)
    except UnicodeEncodeError:
        data = (head + text).encode(codec, errors="replace")
    try:
        read = po_file.from_bytes(data, "x.po")
    except CatalogError as error:
        assert error.line is not None and error.line >= 1
        assert "\n" not in error.format()
        return
    back = parse(render(read.catalog), "x.po")
    # as GNU, the writer drops a fuzzy flag on an entry without translation (there is nothing to be fuzzy)
    kept = tuple(e if e.has_translation else e.with_flag("fuzzy", on=False) for e in read.catalog.entries)
    assert back.entries == tuple(e for e in kept if not e.obsolete) + tuple(e for e in kept if e.obsolete)
    assert (back.header, back.header_comments, back.header_flags) == (
        read.catalog.header,
        read.catalog.header_comments,
        read.catalog.header_flags,
    )
    assert render(back) == render(read.catalog)
