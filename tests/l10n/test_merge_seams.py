"""Issue 11, items 2-4: reverted edits, confirmed entries, sentence mood, English-only lines."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.l10n import match
from pipeline.l10n.convert import machine_filler
from pipeline.l10n.match import Candidate, Matcher
from pipeline.l10n.merge import merge
from pipeline.l10n.merge_records import MemoryHit
from pipeline.l10n.notes import machine_mark
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from tests.conftest import make_project
from tests.l10n.test_merge_scenarios import (
    EN,
    S_NUMBER,
    S_PUNCT,
    S_TYPO,
    TRANSLATIONS,
    edit_source,
    entry,
    update,
)

HEADER = (("POT-Creation-Date", "old"), ("Content-Type", "text/plain; charset=UTF-8"))
TW2S = machine_filler("tw2s", "fullwidth", traditional_source=True)


def template(*msgids: str) -> Catalog:
    return Catalog(header=(("POT-Creation-Date", "new"),), entries=tuple(Entry(msgid=m) for m in msgids))


# ---------------------------------------------------------------- 2: reverted edits


def test_a_reverted_edit_is_translated_again_without_previous_msgid(translated: Path) -> None:
    before = (translated / EN).read_bytes()
    edit_source(translated, lambda t: t.replace(S_TYPO, "可現在,風向徹底變了。"))
    update(translated)
    edited = entry(translated, "可現在,風向徹底變了。")
    assert edited.fuzzy and edited.previous_msgid == S_TYPO
    edit_source(translated, lambda t: t.replace("可現在,風向徹底變了。", S_TYPO))
    result = update(translated)
    back = entry(translated, S_TYPO)
    assert back.translated and back.msgstr == TRANSLATIONS[S_TYPO]
    assert back.previous_msgid is None and not back.fuzzy
    assert result.catalogs[1].counts.kept == {"reverted": 1} and not result.catalogs[1].counts.fuzzy
    assert (translated / EN).read_bytes() == before  # the catalog is what it was before the edit
    update(translated)
    assert (translated / EN).read_bytes() == before  # and stays so


def test_a_reverted_number_change_drops_the_note(translated: Path) -> None:
    before = (translated / EN).read_bytes()
    edit_source(translated, lambda t: t.replace(S_NUMBER, S_NUMBER.replace("17%", "19%")))
    update(translated)
    assert entry(translated, S_NUMBER.replace("17%", "19%")).fuzzy
    edit_source(translated, lambda t: t.replace(S_NUMBER.replace("17%", "19%"), S_NUMBER))
    update(translated)
    back = entry(translated, S_NUMBER)
    assert back.translated and back.previous_msgid is None and back.translator_comments == ()
    assert (translated / EN).read_bytes() == before


def test_a_catalog_left_fuzzy_by_the_old_merge_is_repaired() -> None:
    """An entry the old merge left ``fuzzy`` with ``#|`` equal to its msgid (the reverted edit)."""
    stuck = Entry(msgid="甲。", msgstr="A.", flags=("fuzzy",), previous_msgid="甲。")
    merged = merge(template("甲。"), Catalog(header=HEADER, entries=(stuck,)), None, True)
    (fixed,) = merged.catalog.entries
    assert fixed.translated and fixed.previous_msgid is None and fixed.flags == ()


def test_an_entry_a_person_unfuzzied_loses_the_stale_previous_msgid_and_notes() -> None:
    """Poedit's "needs work" switched off: the flag goes, ``#|`` and the tool's note stay behind."""
    confirmed = Entry(
        msgid="在津巴布韋,它拿下了19%的市場。",
        msgstr="In Zimbabwe it took 19% of the market.",
        flags=("python-format",),
        previous_msgid="在津巴布韋,它拿下了17%的市場。",
        translator_comments=("checked with the editor", "article-l10n: number changed: 17% → 19%"),
    )
    merged = merge(template(confirmed.msgid), Catalog(header=HEADER, entries=(confirmed,)), None, True)
    (entry_,) = merged.catalog.entries
    assert entry_.previous_msgid is None
    assert entry_.translator_comments == ("checked with the editor",)  # the person's comment kept
    assert entry_.flags == ("python-format",) and entry_.msgstr == confirmed.msgstr
    again = merge(template(confirmed.msgid), merged.catalog, None, True)
    assert again.catalog == merged.catalog


def test_a_fuzzy_entry_keeps_its_previous_msgid_and_note() -> None:
    pending = Entry(
        msgid="在津巴布韋,它拿下了19%的市場。",
        msgstr="In Zimbabwe it took 17% of the market.",
        flags=("fuzzy",),
        previous_msgid="在津巴布韋,它拿下了17%的市場。",
        translator_comments=("article-l10n: number changed: 17% → 19%",),
    )
    merged = merge(template(pending.msgid), Catalog(header=HEADER, entries=(pending,)), None, True)
    assert merged.catalog.entries == (pending,)


def test_a_memory_note_stays_when_memory_matches_count_as_translated() -> None:
    """With ``memory_matches = "translated"`` the memory's note is on a translated entry by design."""
    note = "article-l10n: from translation memory: other.po"
    hit = Entry(msgid="甲。", msgstr="A.", translator_comments=(note,))
    merged = merge(template("甲。"), Catalog(header=HEADER, entries=(hit,)), None, True, memory_translated=True)
    assert merged.catalog.entries[0].translator_comments == (note,)
    merged = merge(template("甲。"), Catalog(header=HEADER, entries=(hit,)), None, True)
    assert merged.catalog.entries[0].translator_comments == ()  # fuzzy by default: a person confirmed it


# ---------------------------------------------------------------- 3: sentence mood


@pytest.mark.parametrize(
    ("old", "new", "detail"),
    [
        ("可現在,風向變了。", "可現在,風向變了？", "statement → question"),
        ("可現在,風向變了。", "可現在,風向變了?", "statement → question"),
        ("可現在,風向變了？", "可現在,風向變了。", "question → statement"),
        ("可現在,風向變了！", "可現在,風向變了？", "exclamation → question"),
        ("可現在,風向變了。", "可現在,風向變了!", "statement → exclamation"),
        ("Is it over? It is.", "Is it over. It is.", "question mark removed"),
        ("他問:你來了嗎?我說:來了。", "他問:你來了嗎,我說:來了。", "question mark removed"),
    ],
)
def test_a_change_of_mood_is_named(old: str, new: str, detail: str) -> None:
    assert match.mood_changed(old, new) == detail
    found = Matcher([Candidate(old, 0.0)]).trivial(new)
    assert found is not None and found.kind == "mood" and found.detail == detail


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("可現在,風向變了。", "可現在,風向變了.", "punctuation"),
        ("可現在,風向變了？", "可現在,風向變了?", "punctuation"),
        ("可現在,風向變了！", "可現在,風向變了!!", "punctuation"),
        ("可現在,風向變了。", "可現在，風向變了。", "punctuation"),
        ("可現在,風向變了。", "可現在風向變了", "punctuation"),
        ("可現在,風向變了。", "可現在, 風向變了。", "whitespace"),
    ],
)
def test_other_punctuation_edits_stay_trivial(old: str, new: str, kind: str) -> None:
    assert match.mood_changed(old, new) == ""
    found = Matcher([Candidate(old, 0.0)]).trivial(new)
    assert found is not None and found.kind == kind


def test_a_statement_turned_into_a_question_becomes_fuzzy_with_a_note(translated: Path) -> None:
    question = S_TYPO.replace("。", "？")
    edit_source(translated, lambda t: t.replace(S_TYPO, question))
    result = update(translated)
    new = entry(translated, question)
    assert new.fuzzy and new.previous_msgid == S_TYPO and new.msgstr == TRANSLATIONS[S_TYPO]
    assert "article-l10n: sentence mood changed: statement → question" in new.translator_comments
    assert result.catalogs[1].counts.fuzzy == {"mood": 1}
    zh = entry(translated, question, Path("locales/zh_Hans/LC_MESSAGES/article.po"))
    assert zh.translated and zh.msgstr.endswith("？")  # the machine language is simply converted again


def test_an_exclamation_with_a_comma_is_still_a_mood_change(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace(S_PUNCT, "但中國AI,不嫌棄!"))
    update(translated)
    new = entry(translated, "但中國AI,不嫌棄!")
    assert new.fuzzy and "article-l10n: sentence mood changed: statement → exclamation" in new.translator_comments


# ---------------------------------------------------------------- 4: English-only lines


def test_a_line_without_chinese_is_copied_whatever_the_memory_holds() -> None:
    memory = {"Notice: done.": MemoryHit("Avis : fini.", "other.po"), "甲。": MemoryHit("A.", "other.po")}
    merged = merge(template("Notice: done.", "甲。"), Catalog(header=HEADER), None, True, memory)
    notice, chinese = merged.catalog.entries
    assert notice.msgstr == "Notice: done." and notice.translated and notice.translator_comments == ()
    assert chinese.fuzzy and chinese.msgstr == "A."  # the memory still serves Chinese text
    assert merged.counts.memory == 1 and merged.counts.added == 1
    off = merge(template("Notice: done."), Catalog(header=HEADER), None, False, memory)
    assert off.catalog.entries[0].msgstr == "Avis : fini." and off.catalog.entries[0].fuzzy  # no copy: memory


def test_an_english_line_the_memory_made_fuzzy_is_a_copy_again() -> None:
    stuck = Entry(
        msgid="Notice: done.",
        msgstr="Notice: done.",
        flags=("fuzzy",),
        translator_comments=("article-l10n: from translation memory: other.po",),
    )
    merged = merge(template("Notice: done."), Catalog(header=HEADER, entries=(stuck,)), None, True)
    assert merged.catalog.entries == (Entry(msgid="Notice: done.", msgstr="Notice: done."),)


def _run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def test_with_several_documents_an_english_line_is_translated_in_every_one(tmp_path: Path) -> None:
    notice = "Notice: this page is an example."
    root = make_project(tmp_path / "site", text=f"可現在,風向變了。\n{notice}\n")
    assert _run(root, "update").exit_code == 0
    for name in ("b", "c"):  # documents added later: the memory knows the line from the first one
        (root / "source" / f"{name}.md").write_text(f"但中國AI不嫌棄。\n{notice}\n", encoding="utf-8")
    result = _run(root, "update")
    assert result.exit_code == 0, result.output
    for domain in ("article", "b", "c"):
        found = po_file.read(root / "locales" / "en" / "LC_MESSAGES" / f"{domain}.po")
        (copied,) = [e for e in found.entries if e.msgid == notice]
        assert copied.translated and copied.msgstr == notice and copied.translator_comments == (), domain


# ---------------------------------------------------------------- 1: a fingerprint an editor wrapped


@pytest.mark.parametrize("width", [20, 30, 40])
def test_a_machine_fingerprint_wrapped_by_polib_still_marks_the_converters_work(width: int) -> None:
    """polib wraps ``#.`` lines (``machine-`` / ``converted; …`` at 20 columns): the old output is still regenerated."""
    older = "中國AI，从诞生那天起"  # what an older converter wrote: not today's output
    po = polib.POFile(wrapwidth=width)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="中國AI,從誕生那天起", msgstr=older, comment=machine_mark(older)))
    wrapped = parse(str(po), "wrapped.po")
    assert wrapped.entries[0].extracted_comments != (machine_mark(older),)  # polib did wrap it
    merged = merge(template("中國AI,從誕生那天起"), wrapped, TW2S, True)
    assert merged.catalog.entries[0].msgstr == "中国AI，从诞生那天起"
    assert merged.catalog.entries[0].extracted_comments == (machine_mark("中国AI，从诞生那天起"),)
