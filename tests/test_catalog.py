"""Catalog parsing and rendering: round trips, the msgcat layout, clear errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline import catalog
from pipeline.catalog import Catalog, Entry
from pipeline.errors import CatalogError

HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Language", "en"))


def round_trip(cat: Catalog) -> Catalog:
    return catalog.parse(catalog.render(cat), "x.po")


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
    text = catalog.render(cat)
    assert 'msgid ""\n"a\\n"\n"b\\n"\nmsgstr ""\n"c\\n"\n"d"\n' in text
    assert round_trip(cat) == cat


def test_fuzzy_is_not_written_on_an_empty_msgstr() -> None:
    text = catalog.render(Catalog(header=HEADER, entries=(Entry(msgid="a", flags=("fuzzy",)),)))
    assert "fuzzy" not in text


def test_references_fill_79_columns() -> None:
    refs = tuple(f"source/news/article-{n}.md:{n * 100}" for n in range(1, 8))
    lines = catalog.render(Catalog(header=HEADER, entries=(Entry(msgid="a", references=refs),))).splitlines()
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
    path.write_text(catalog.render(Catalog(header=HEADER, header_comments=("head",), entries=entries)))
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
    assert catalog.parse(text, "x.po").entries == (Entry(msgid="a", msgstr="b"),)


def test_latin1_file_is_decoded_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "café"\n'.encode(
            "latin-1"
        )
    )
    assert catalog.read(path).entries[0].msgstr == "café"


def test_empty_file_is_an_empty_catalog() -> None:
    assert catalog.parse("", "x.po") == Catalog(has_header=False)


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
        catalog.parse(text, "locales/en/x.po")
    assert caught.value.path == "locales/en/x.po"
    if line is not None:
        assert caught.value.line == line
        assert caught.value.format().startswith(f"locales/en/x.po:{line}: ")


def test_wrong_bytes_for_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(CatalogError, match="not valid UTF-8") as caught:
        catalog.read(path, "x.po")
    assert caught.value.line == 6


def test_unknown_charset(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE-1\\n"\n')
    with pytest.raises(CatalogError, match="unknown charset"):
        catalog.read(path)


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
    parsed = catalog.parse(text, "x.po")
    assert [e.line for e in parsed.entries] == [8, 12, 15]
    assert parsed.entries[0] == Entry(
        msgid="第一句。",
        msgstr="First.",
        flags=("fuzzy",),
        translator_comments=("a translator's note",),
        extracted_comments=("paragraph 1",),
        references=("a.md:1",),
    )
    assert catalog.render(parsed) == text  # the line is never written
    crlf = catalog.parse(text.replace("\n", "\r\n"), "x.po")
    assert [e.line for e in crlf.entries] == [8, 12, 15]
