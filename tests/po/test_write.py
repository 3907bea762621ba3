"""Writing catalogs (po.write): the msgcat --no-wrap layout, and what is written reads back the same."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.po import write
from pipeline.po.decode import decode_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render
from tests.po.strategies import EXAMPLES, HEADER, entries, plain_entries, round_trip


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


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(plain_entries(), entries()))
def test_the_writers_fast_path_writes_what_the_general_path_writes(entry: Entry) -> None:
    assert write._entry_text(entry) == "\n".join(write._entry_lines(entry))


def _general(entries: list[Entry]) -> str:
    """What ``render`` writes for ``entries`` (no header), each through the general path alone."""
    ordered = [e for e in entries if not e.obsolete] + [e for e in entries if e.obsolete]
    return "\n\n".join("\n".join(write._entry_lines(e)) for e in ordered) + "\n" if ordered else ""


UNCOMMENTED = plain_entries().map(lambda e: e.evolve(translator_comments=()))  # the shape render writes in its loop


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(UNCOMMENTED, plain_entries(), entries()), max_size=8))
def test_render_writes_every_entry_as_the_general_path_does(items: list[Entry]) -> None:
    assert render(Catalog(entries=tuple(items), has_header=False)) == _general(items)


def test_plain_entries_are_written_in_renders_loop_without_a_call_each(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Entry] = []
    original = write._entry_text

    def counted(entry: Entry) -> str:
        calls.append(entry)
        return original(entry)

    monkeypatch.setattr(write, "_entry_text", counted)
    plain = [
        Entry(
            f"句{i}。",
            f"S{i}." if i % 3 else "",
            flags=("fuzzy",) if i % 2 else (),
            extracted_comments=(f"paragraph {i}, sentence 1", "glossary: 芯片 = chip"),
            references=(f"source/article.md:{i}",),
        )
        for i in range(100)
    ]
    odd = [Entry("a", "b", translator_comments=("note",)), Entry('say "hi"'), Entry("c", previous_msgid="d")]
    text = render(Catalog(entries=(*plain, *odd), has_header=False))
    assert text == _general([*plain, *odd])
    assert calls == odd  # the 100 plain entries cost no call each; the others take the general path


@pytest.mark.parametrize(
    "comments",
    [
        ("paragraph 1, sentence 1", "glossary: 芯片 = chip"),
        ("", "a"),
        ("a", ""),
        ("a\nb", "c"),
        ("x #. ",),
        ("a\r\nb",),
    ],
)
def test_extracted_comments_are_written_one_per_line_as_each_alone_would_be(comments: tuple[str, ...]) -> None:
    entry = Entry("m", extracted_comments=comments)
    alone = "".join(render(Catalog(entries=(Entry("m", extracted_comments=(c,)),))).split("msgid")[0] for c in comments)
    assert render(Catalog(entries=(entry,))).split("msgid")[0] == alone


def test_plain_extracted_comments_cost_no_call_each(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = write._comment

    def counted(marker: str, text: str) -> str:
        calls.append(text)
        return original(marker, text)

    monkeypatch.setattr(write, "_comment", counted)
    entries = tuple(
        Entry(f"句{i}。", extracted_comments=(f"paragraph {i}, sentence 1", "glossary: 芯片 = chip"))
        for i in range(100)
    )
    text = render(Catalog(entries=entries))
    assert text.count("\n#. ") == 200 and calls == []  # 200 comment lines (after the header), not one call
    render(Catalog(entries=(Entry("m", extracted_comments=("a\nb",)),)))
    assert calls  # a comment with a line break still goes through _comment


# What GNU msgcat keeps as it is (it drops unknown flags, duplicate references and untranslated
# obsolete entries, and needs a #| msgid under any other #| field): the entries of that shape.
GNU_FLAGS = st.lists(st.sampled_from(["fuzzy", "c-format", "python-format", "no-wrap"]), unique=True, max_size=3)
PLACES = st.lists(
    st.builds("src/{}.md:{}".format, st.sampled_from(["a", "b-c", "中文"]), st.integers(1, 999)), unique=True
)


@st.composite
def gnu_entries(draw: st.DrawFn) -> Entry:
    entry = draw(entries())
    previous = entry.previous_msgid is not None
    first = entry.msgstr if entry.msgid_plural is None else entry.msgstr_plural[0]  # what GNU counts as translated
    entry = entry.evolve(
        flags=tuple(draw(GNU_FLAGS)) if first else (),
        references=tuple(draw(PLACES)),
        previous_msgctxt=entry.previous_msgctxt if previous else None,
        previous_msgid_plural=entry.previous_msgid_plural if previous else None,
    )
    return entry if first or not entry.obsolete else entry.evolve(obsolete=False)


MSGCAT_OPTIONS = st.sampled_from([[], ["--sort-output"], ["--no-location"]])  # made once (strategies.py says why)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed; CI installs it")
@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None)
@given(st.lists(gnu_entries(), min_size=1, max_size=5, unique_by=lambda e: e.key), st.integers(1, 120), st.data())
def test_a_catalog_msgcat_rewrapped_reads_back_as_the_same_entries(
    tmp_path_factory: pytest.TempPathFactory, items: list[Entry], width: int, data: st.DataObject
) -> None:
    """Any catalog, wrapped by ``msgcat --width=N`` (Poedit, Weblate, msgmerge wrap so), reads back as the
    same entries, also reordered (``--sort-output``); flags count as a set (GNU writes them in its order)."""
    cat = Catalog(header=HEADER, header_comments=("head",), entries=tuple(items))
    path = tmp_path_factory.mktemp("wrap") / "x.po"
    path.write_text(render(cat), encoding="utf-8")
    extra = data.draw(MSGCAT_OPTIONS)
    gnu = subprocess.run(["msgcat", f"--width={width}", *extra, str(path)], capture_output=True, check=True).stdout
    back = parse(gnu.decode("utf-8"), "wrapped.po")
    expected = [e.evolve(references=()) if "--no-location" in extra else e for e in cat.entries]

    def normal(found: list[Entry] | tuple[Entry, ...]) -> list[Entry]:
        return sorted((e.evolve(flags=tuple(sorted(e.flags))) for e in found), key=lambda e: (e.obsolete, repr(e.key)))

    assert normal(back.entries) == normal(expected)
    assert back.header == cat.header and back.header_comments == cat.header_comments


@pytest.mark.parametrize("comment", ["C:\\", "C:\\ ", "ends in two \\\\", "\\"])
def test_a_comment_ending_in_a_backslash_does_not_swallow_the_next_line_for_gnu(comment: str, tmp_path: Path) -> None:
    """GNU joins a line ending in ``\\`` to the next: written as is, ``# C:\\`` would take in the ``#,`` or
    ``msgid`` line after it (msgfmt: syntax error; or the fuzzy flag lost, a fuzzy translation compiled)."""
    entry = Entry(msgid="a", msgstr="b", flags=("fuzzy",), translator_comments=(comment,), extracted_comments=("x\\",))
    cat = Catalog(header=HEADER, header_comments=(comment,), entries=(entry, Entry(msgid="c", msgstr="d")))
    text = render(cat)
    back = parse(text, "x.po")
    assert back.entries == cat.entries and back.header_comments == (comment,)
    assert render(back) == text
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed; CI installs it")
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0
    gnu = parse(subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout.decode(), "gnu.po")
    assert gnu.entries[0].fuzzy and gnu.entries[0].translator_comments == (comment,)


def test_unwritable_names_what_no_catalog_can_hold() -> None:
    assert write.unwritable("any text, 中文, \x01\x1b\t\r, 😀") is None
    assert write.unwritable("a\x00b") == "the control character NUL (U+0000)"
    assert write.unwritable("a\x04") == "the control character EOT (U+0004)"
    assert write.unwritable("\udc80") == "a lone surrogate (U+DC80)"


# The header's text as other tools leave it: two spaces after a colon (KBabel), a trailing space
# (Weblate's template), a line that is no field, no newline after the last field (hand-made).
ODD_HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Report-Msgid-Bugs-To:  <bugs@example.org>\\n"\n'
    '"Language: LANGUAGE \\n"\n'
    '"not a field\\n"\n'
    '"PO-Revision-Date: 2009-03-26 09:09+0100\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms:  nplurals=2; plural=(n > 1);"\n\n'
    'msgid "a"\nmsgstr "b"\n'
)


def test_the_header_text_is_written_as_it_was_read() -> None:
    cat = parse(ODD_HEADER, "x.po")
    assert cat.header_value("Report-Msgid-Bugs-To") == "<bugs@example.org>"  # the fields, trimmed
    assert render(cat) == ODD_HEADER


def test_a_changed_header_field_leaves_the_other_lines_as_they_were() -> None:
    cat = parse(ODD_HEADER, "x.po").with_header("PO-Revision-Date", "2026-01-02 03:04+0000")
    assert render(cat) == ODD_HEADER.replace("2009-03-26 09:09+0100", "2026-01-02 03:04+0000")
    added = cat.with_header("X-Generator", "article-l10n")  # after a last line that had no newline
    assert '"Plural-Forms:  nplurals=2; plural=(n > 1);\\n"\n"X-Generator: article-l10n\\n"\n' in render(added)
    last = cat.with_header("Plural-Forms", "nplurals=1; plural=0;")  # the last line keeps having no newline
    assert '"Plural-Forms: nplurals=1; plural=0;"\n\nmsgid "a"' in render(last)
    assert parse(render(added), "x.po") == added and parse(render(last), "x.po") == last
