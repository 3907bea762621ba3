"""Merging a template into a catalog never loses translator work."""

from __future__ import annotations

from pipeline.l10n.convert import machine_filler
from pipeline.l10n.merge import merge
from pipeline.po.model import Catalog, Entry

HEADER = (("POT-Creation-Date", "old"), ("Content-Type", "text/plain; charset=UTF-8"))
TW2S = machine_filler("tw2s", "fullwidth", traditional_source=True)


def template(*msgids: str, date: str = "new") -> Catalog:
    return Catalog(
        header=(("POT-Creation-Date", date),),
        entries=tuple(
            Entry(msgid=m, extracted_comments=(f"n{i}",), references=(f"a.md:{i}",)) for i, m in enumerate(msgids)
        ),
    )


def test_new_catalog_gets_every_entry_in_source_order() -> None:
    merged = merge(
        template("可現在,風向變了。", "但中國AI不嫌棄。", "Notice: done."), Catalog(header=HEADER), None, True
    )
    assert [e.msgid for e in merged.catalog.entries] == ["可現在,風向變了。", "但中國AI不嫌棄。", "Notice: done."]
    assert [e.msgstr for e in merged.catalog.entries] == ["", "", "Notice: done."]  # no Chinese: copied
    assert merged.counts.added == 3
    assert merged.catalog.header_value("POT-Creation-Date") == "new"


def test_copy_can_be_switched_off() -> None:
    merged = merge(template("Notice: done."), Catalog(header=HEADER), None, False)
    assert merged.catalog.entries[0].msgstr == ""


def test_existing_translation_comments_and_flags_are_kept() -> None:
    old = Entry(
        msgid="可現在,風向變了。",
        msgstr="But now the wind has changed.",
        flags=("fuzzy", "ignore-markup"),
        translator_comments=("asked the editor",),
        extracted_comments=("stale",),
        references=("a.md:99",),
    )
    merged = merge(template("可現在,風向變了。"), Catalog(header=HEADER, entries=(old,)), None, True)
    (entry,) = merged.catalog.entries
    assert entry.msgstr == old.msgstr
    assert entry.flags == old.flags
    assert entry.translator_comments == old.translator_comments
    assert entry.extracted_comments == ("n0",)
    assert entry.references == ("a.md:0",)
    assert merged.counts.unchanged == 1


def test_removed_entries_become_obsolete_with_translation_and_revive() -> None:
    old = Catalog(
        header=HEADER,
        entries=(Entry(msgid="甲。", msgstr="A."), Entry(msgid="乙。", msgstr=""), Entry(msgid="丙。", msgstr="C.")),
    )
    first = merge(template("甲。"), old, None, True)
    assert [(e.msgid, e.msgstr, e.obsolete) for e in first.catalog.entries] == [
        ("甲。", "A.", False),
        ("丙。", "C.", True),  # 乙 had nothing to keep
    ]
    assert first.counts.obsoleted == 1
    second = merge(template("甲。", "丙。"), first.catalog, None, True)
    assert [(e.msgid, e.msgstr, e.obsolete) for e in second.catalog.entries] == [
        ("甲。", "A.", False),
        ("丙。", "C.", False),
    ]
    assert second.counts.revived == 1


def test_obsolete_entries_that_stay_obsolete_are_kept_in_order() -> None:
    old = Catalog(
        header=HEADER,
        entries=(Entry(msgid="x", msgstr="X", obsolete=True), Entry(msgid="y", msgstr="Y", obsolete=True)),
    )
    merged = merge(template("甲。"), old, None, True)
    assert [e.msgid for e in merged.catalog.obsolete] == ["x", "y"]


def test_machine_language_fills_and_regenerates() -> None:
    merged = merge(template("中國AI,從誕生那天起"), Catalog(header=HEADER), TW2S, True)
    assert merged.catalog.entries[0].msgstr == "中国AI，从诞生那天起"
    assert merged.counts.machine_filled == 1
    stale = Catalog(header=HEADER, entries=(Entry(msgid="中國AI,從誕生那天起", msgstr=""),))
    assert merge(template("中國AI,從誕生那天起"), stale, TW2S, True).catalog.entries[0].msgstr == "中国AI，从诞生那天起"


def test_machine_language_keeps_what_a_person_changed() -> None:
    person = Entry(msgid="可現在,風向變了。", msgstr="可如今，风向变了。")
    merged = merge(template("可現在,風向變了。"), Catalog(header=HEADER, entries=(person,)), TW2S, True)
    assert merged.catalog.entries[0].msgstr == "可如今，风向变了。"
    assert merged.counts.machine_filled == 0


def test_merge_is_idempotent() -> None:
    old = Catalog(header=HEADER, entries=(Entry(msgid="甲。", msgstr="A."), Entry(msgid="丁。", msgstr="D.")))
    once = merge(template("甲。", "乙。"), old, None, True).catalog
    assert merge(template("甲。", "乙。"), once, None, True).catalog == once


def test_machine_language_keeps_a_persons_plural_entry() -> None:
    """The converter fills no plural forms: a plural entry's forms are a person's (its msgstr is empty)."""
    plural = Entry(msgid="one file", msgid_plural="{n} files", msgstr_plural=("一个文件",))
    old = Catalog(header=HEADER, entries=(plural,))
    merged = merge(template("可現在,風向變了。"), old, TW2S, True)
    assert [e.evolve(obsolete=False) for e in merged.catalog.obsolete] == [plural]
    again = merge(template("可現在,風向變了。"), merged.catalog, TW2S, True)
    assert again.catalog == merged.catalog
    empty = Entry(msgid="one file", msgid_plural="{n} files", msgstr_plural=("",))
    assert not merge(template("甲。"), Catalog(header=HEADER, entries=(empty,)), TW2S, True).catalog.obsolete


def test_the_exact_pass_tells_entries_apart_by_context() -> None:
    """Keyed by msgid alone when no entry has a msgctxt; once one has, an entry without is another message."""
    old = Catalog(header=HEADER, entries=(Entry("選單。", "Menu.", msgctxt="ui"), Entry("你好。", "Hello.")))
    plain = merge(template("選單。", "你好。"), old, None, False)
    assert plain.counts.unchanged == 1  # 你好。 only: 選單。 without a context is not the ui message
    assert [(e.msgctxt, e.msgid, e.obsolete) for e in plain.catalog.entries][:2] == [
        (None, "選單。", False),
        (None, "你好。", False),
    ]
    with_context = Catalog(entries=(Entry("選單。", msgctxt="ui", references=("a.md:1",)), *template("你好。").entries))
    same = merge(with_context, old, None, False)
    assert same.counts.unchanged == 2
    assert [(e.msgctxt, e.msgstr) for e in same.catalog.entries] == [("ui", "Menu."), (None, "Hello.")]
    no_context = Catalog(header=HEADER, entries=(Entry("選單。", "Menu."), Entry("你好。", "Hello.")))
    assert merge(template("選單。", "你好。"), no_context, None, False).counts.unchanged == 2


def test_a_translation_made_for_another_context_comes_back_fuzzy_with_the_old_context() -> None:
    """As msgmerge does: a msgctxt tells meanings apart, so the same text without it may mean another thing."""
    old = Catalog(header=HEADER, entries=(Entry("選單。", "Menu.", msgctxt="ui"),))
    merged = merge(template("選單。"), old, None, False)
    (entry,) = merged.catalog.live
    assert (entry.msgctxt, entry.msgstr, entry.fuzzy, entry.previous_msgctxt) == (None, "Menu.", True, "ui")
    assert entry.translator_comments == ("article-l10n: context changed: was 'ui'",)
    assert merged.counts.fuzzy == {"context": 1} and not merged.catalog.obsolete
    assert merge(template("選單。"), merged.catalog, None, False).catalog == merged.catalog
