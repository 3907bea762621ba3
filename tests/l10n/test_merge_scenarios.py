"""Source edits never cost translator work: scenarios with real sentences of the article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from cli import main
from pipeline import operations
from pipeline.l10n import merge, notes
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from pipeline.workspace.project import Project

EN = Path("locales/en/LC_MESSAGES/article.po")
ZH = Path("locales/zh_Hans/LC_MESSAGES/article.po")

S_TYPO = "可現在,風向變了。"
S_CLAUSE = "這種被逼出來的生存本能,最終演變成了一場讓西方措手不及的效率革命。"
S_SPLIT = (
    "史密斯在采訪中給美國政府開出的“藥方”很有意思:他呼吁國際銀行給南方國家補貼電費、建數據中心,甚至打出了“價值觀”大旗。"
)
S_MERGE_1 = "硅谷的邏輯一向是“大力出奇跡”。"
S_MERGE_2 = "OpenAI、谷歌、Anthropic這些巨頭,走的是典型的土豪路線。"
S_NUMBER = "在津巴布韋,它拿下了17%的市場。"
S_PUNCT = "但中國AI不嫌棄。"
S_VARIANT = "所以現在回過頭看,這場中美AI之爭,邏輯已經徹底變了。"
TRANSLATIONS = {
    S_TYPO: "But now the wind has changed.",
    S_CLAUSE: "This survival instinct, forced into being, became an efficiency revolution.",
    S_SPLIT: "Smith's prescription is interesting: he calls on banks to subsidise power and data centres.",
    S_MERGE_1: "Silicon Valley's logic has always been brute force.",
    S_MERGE_2: "OpenAI, Google and Anthropic take the typical big-spender route.",
    S_NUMBER: "In Zimbabwe it took 17% of the market.",
    S_PUNCT: "But Chinese AI does not mind.",
    S_VARIANT: "So looking back, the logic of the US-China AI contest has changed completely.",
}


def read(root: Path, rel: Path) -> Catalog:
    return po_file.read(root / rel)


def entry(root: Path, msgid: str, rel: Path = EN) -> Entry:
    found = [e for e in read(root, rel).entries if e.msgid == msgid]
    assert len(found) == 1, f"{msgid!r}: {len(found)} entries"
    return found[0]


def translate(root: Path, translations: dict[str, str], rel: Path = EN) -> None:
    """What a translator does in Poedit: fill msgstr, save."""
    cat = read(root, rel)
    entries = tuple(replace(e, msgstr=translations[e.msgid]) if e.msgid in translations else e for e in cat.entries)
    (root / rel).write_text(render(replace(cat, entries=entries)), encoding="utf-8")


def edit_source(root: Path, change: Callable[[str], str]) -> None:
    path = root / "source" / "article.md"
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before
    path.write_bytes(after.encode("utf-8"))


def update(root: Path) -> operations.UpdateResult:
    return operations.update(Project(root))


def test_typo_fix_is_fuzzy_with_previous(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("可現在,風向變了。", "可現在,風向變化了。"))
    result = update(translated)
    new = entry(translated, "可現在,風向變化了。")
    assert new.fuzzy
    assert new.msgstr == TRANSLATIONS[S_TYPO]
    assert new.previous_msgid == S_TYPO
    assert "1 made fuzzy (edited 1)" in result.catalogs[1].counts.summary()
    assert not [e for e in read(translated, EN).entries if e.msgid == S_TYPO]  # carried, not left behind


def test_clause_added(translated: Path) -> None:
    longer = S_CLAUSE.replace("最終演變成了", "在短短兩年裡,最終演變成了")
    edit_source(translated, lambda t: t.replace(S_CLAUSE, longer))
    update(translated)
    new = entry(translated, longer)
    assert (new.fuzzy, new.msgstr, new.previous_msgid) == (True, TRANSLATIONS[S_CLAUSE], S_CLAUSE)


def test_sentence_split_in_two_gives_both_halves_the_translation(translated: Path) -> None:
    first = "史密斯在采訪中給美國政府開出的“藥方”很有意思。"
    second = "他呼吁國際銀行給南方國家補貼電費、建數據中心,甚至打出了“價值觀”大旗。"
    edit_source(translated, lambda t: t.replace(S_SPLIT, first + second))
    update(translated)
    for half in (first, second):
        new = entry(translated, half)
        assert (new.fuzzy, new.msgstr, new.previous_msgid) == (True, TRANSLATIONS[S_SPLIT], S_SPLIT)


def test_two_sentences_merged_into_one(translated: Path) -> None:
    merged = S_MERGE_1.rstrip("。") + "," + S_MERGE_2
    edit_source(translated, lambda t: t.replace(S_MERGE_1 + S_MERGE_2, merged))
    update(translated)
    new = entry(translated, merged)
    assert new.fuzzy
    assert new.previous_msgid in (S_MERGE_1, S_MERGE_2)
    assert new.msgstr == TRANSLATIONS[new.previous_msgid]
    other = S_MERGE_2 if new.previous_msgid == S_MERGE_1 else S_MERGE_1
    kept = entry(translated, other)  # the other half's translation is not lost: obsolete
    assert kept.obsolete and kept.msgstr == TRANSLATIONS[other]


def test_paragraph_moved_stays_translated(translated: Path) -> None:
    line = "但中國AI不嫌棄。\n"
    edit_source(translated, lambda t: t.replace(line, "") + "\n" + line.strip())
    result = update(translated)
    moved = entry(translated, S_PUNCT)
    assert moved.translated and moved.msgstr == TRANSLATIONS[S_PUNCT]
    assert moved.references == ("source/article.md:42",)
    assert result.catalogs[1].counts.fuzzy == {}


def test_paragraph_deleted_then_restored(translated: Path) -> None:
    original = (translated / "source" / "article.md").read_bytes()
    edit_source(translated, lambda t: t.replace("但中國AI不嫌棄。\n", ""))
    update(translated)
    gone = entry(translated, S_PUNCT)
    assert gone.obsolete and gone.msgstr == TRANSLATIONS[S_PUNCT]
    (translated / "source" / "article.md").write_bytes(original)
    result = update(translated)
    back = entry(translated, S_PUNCT)
    assert back.translated and not back.obsolete
    assert result.catalogs[1].counts.revived == 1


def test_deleted_then_restored_with_an_edit_is_revived_fuzzy(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("但中國AI不嫌棄。\n", ""))
    update(translated)
    edit_source(translated, lambda t: t + "\n但中國的AI並不嫌棄。")
    result = update(translated)
    back = entry(translated, "但中國的AI並不嫌棄。")
    assert (back.fuzzy, back.msgstr, back.previous_msgid) == (True, TRANSLATIONS[S_PUNCT], S_PUNCT)
    assert result.catalogs[1].counts.revived == 1


def test_number_change_is_fuzzy_and_says_which_number(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("拿下了17%", "拿下了19%"))
    result = update(translated)
    new = entry(translated, "在津巴布韋,它拿下了19%的市場。")
    assert new.fuzzy and new.previous_msgid == S_NUMBER and new.msgstr == TRANSLATIONS[S_NUMBER]
    assert "article-l10n: number changed: 17% → 19%" in new.translator_comments
    assert result.catalogs[1].counts.fuzzy == {"numbers": 1}


def test_punctuation_only_change_stays_translated_with_a_note(translated: Path) -> None:
    # a comma added and the full stop made ASCII: the mood (a statement) is the same
    edit_source(translated, lambda t: t.replace("但中國AI不嫌棄。", "但中國AI,不嫌棄."))
    result = update(translated)
    new = entry(translated, "但中國AI,不嫌棄.")
    assert new.translated and new.msgstr == TRANSLATIONS[S_PUNCT]
    assert any("punctuation changed" in c and S_PUNCT in c for c in new.translator_comments)
    assert result.catalogs[1].counts.kept == {"punctuation": 1}


def test_whitespace_only_change(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("但中國AI不嫌棄。", "但中國 AI 不嫌棄。"))
    update(translated)
    new = entry(translated, "但中國 AI 不嫌棄。")
    assert new.translated and any("white space changed" in c for c in new.translator_comments)


def test_opencc_only_change_stays_translated(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace(S_VARIANT, S_VARIANT.replace("這場", "这场")))
    update(translated)
    new = entry(translated, S_VARIANT.replace("這場", "这场"))
    assert new.translated and new.msgstr == TRANSLATIONS[S_VARIANT]
    assert any("Traditional/Simplified variants changed" in c for c in new.translator_comments)


def test_gloss_only_change_stays_translated(project_dir: Path) -> None:
    update(project_dir)
    cat = read(project_dir, EN)  # an older catalog whose msgid still had the gloss
    glossed = "可現(xiàn)在,風(fēng)向變了。"
    entries = tuple(
        replace(e, msgid=glossed, msgstr="But now the wind has changed.") if e.msgid == S_TYPO else e
        for e in cat.entries
    )
    (project_dir / EN).write_text(render(replace(cat, entries=entries)), encoding="utf-8")
    update(project_dir)
    new = entry(project_dir, S_TYPO)
    assert new.translated and any("pinyin gloss removed" in c for c in new.translator_comments)


def test_similar_sentences_never_swap_translations(new_project: Callable[..., Path]) -> None:
    a = "在埃塞俄比亞,DeepSeek的市占率沖到了百分之十八,遠超其他模型。"
    b = "在埃塞俄比亞,DeepSeek的市占率沖到了百分之十七,遠超其他模型。"
    root = new_project(f"{a}\n中間的一段話,和前後都不一樣。\n{b}\n")
    update(root)
    translate(root, {a: "A-translation", b: "B-translation"})
    a2, b2 = a.replace("遠超", "遠遠超過"), b.replace("遠超", "遠遠超過")
    edit_source(root, lambda t: t.replace(a, a2).replace(b, b2))
    update(root)
    assert entry(root, a2).msgstr == "A-translation"
    assert entry(root, b2).msgstr == "B-translation"


def test_new_sentence_is_not_fuzzy(translated: Path) -> None:
    edit_source(translated, lambda t: t + "\n今天天氣很好,我們去公園散步吧。")
    result = update(translated)
    new = entry(translated, "今天天氣很好,我們去公園散步吧。")
    assert not new.fuzzy and new.msgstr == ""
    assert result.catalogs[1].counts.added == 1


def test_zh_hans_machine_entries_regenerate_silently(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("可現在,風向變了。", "可現在,風向變化了。"))
    result = update(translated)
    new = entry(translated, "可現在,風向變化了。", ZH)
    assert (new.msgstr, new.fuzzy, new.previous_msgid) == ("可现在，风向变化了。", False, None)
    assert not [e for e in read(translated, ZH).entries if e.obsolete]
    assert result.catalogs[0].counts.fuzzy == {}


def test_zh_hans_person_change_becomes_fuzzy_when_source_changes(translated: Path) -> None:
    translate(translated, {S_TYPO: "可如今，风向变了。"}, ZH)
    edit_source(translated, lambda t: t.replace("可現在,風向變了。", "可現在,風向變化了。"))
    update(translated)
    new = entry(translated, "可現在,風向變化了。", ZH)
    assert (new.msgstr, new.fuzzy, new.previous_msgid) == ("可如今，风向变了。", True, S_TYPO)


def test_translation_memory_from_another_document(translated: Path) -> None:
    (translated / "source" / "other.md").write_text(f"{S_TYPO}\n全新的一句。\n", encoding="utf-8")
    result = update(translated)
    hit = entry(translated, S_TYPO, Path("locales/en/LC_MESSAGES/other.po"))
    assert hit.fuzzy and hit.msgstr == TRANSLATIONS[S_TYPO]
    assert "article-l10n: from translation memory: locales/en/LC_MESSAGES/article.po" in hit.translator_comments
    other = next(c for c in result.catalogs if c.path.endswith("other.po") and c.language == "en")
    assert other.counts.memory == 1


def test_translation_memory_can_arrive_translated(translated: Path) -> None:
    settings = translated / "pyproject.toml"
    settings.write_text(
        settings.read_text().replace(
            'granularity = "sentence"', 'granularity = "sentence"\nmemory_matches = "translated"'
        )
    )
    (translated / "source" / "other.md").write_text(f"{S_TYPO}\n", encoding="utf-8")
    update(translated)
    assert entry(translated, S_TYPO, Path("locales/en/LC_MESSAGES/other.po")).translated


def test_compendium(project_dir: Path, tmp_path: Path) -> None:
    compendium = tmp_path / "compendium.po"
    compendium.write_text(
        render(
            Catalog(
                header=(("Content-Type", "text/plain; charset=UTF-8"),),
                entries=(Entry(S_PUNCT, "No problem for Chinese AI."),),
            )
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["--project", str(project_dir), "update", "--lang", "en", "--compendium", str(compendium)]
    )
    assert result.exit_code == 0, result.output
    assert "1 from memory" in result.output
    hit = entry(project_dir, S_PUNCT)
    assert hit.fuzzy and hit.msgstr == "No problem for Chinese AI."


def test_missing_compendium_is_an_input_error(project_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--project", str(project_dir), "update", "--compendium", str(tmp_path / "nope.po")]
    )
    assert result.exit_code == 2
    assert "compendium not found" in result.output


def test_dry_run_prints_summary_and_writes_nothing(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("拿下了17%", "拿下了19%").replace("但中國AI不嫌棄。\n", ""))
    before = (translated / EN).read_bytes()
    result = CliRunner().invoke(main, ["--project", str(translated), "update", "--dry-run", "--lang", "en"])
    assert result.exit_code == 0
    assert "would change" in result.output
    assert "1 made fuzzy (numbers 1), 1 made obsolete" in result.output
    assert (translated / EN).read_bytes() == before


def test_second_update_changes_nothing_after_edits(translated: Path) -> None:
    edit_source(translated, lambda t: t.replace("拿下了17%", "拿下了19%").replace(S_CLAUSE, S_CLAUSE + "真的。"))
    update(translated)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (translated / "locales").rglob("*.po*")}
    result = update(translated)
    assert not any(c.changed for c in result.catalogs)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (translated / "locales").rglob("*.po*")} == before


def test_compiled_mo_compendium(project_dir: Path, tmp_path: Path) -> None:
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=S_PUNCT, msgstr="Chinese AI does not mind."))
    po.save_as_mofile(str(tmp_path / "old-release.mo"))
    result = operations.update(Project(project_dir), ("en",), compendia=(tmp_path / "old-release.mo",))
    assert result.catalogs[0].counts.memory == 1
    hit = entry(project_dir, S_PUNCT)
    assert hit.fuzzy and hit.msgstr == "Chinese AI does not mind."
    assert any("old-release.mo" in c for c in hit.translator_comments)


def test_zh_hans_output_of_an_older_converter_is_regenerated(translated: Path) -> None:
    """The fingerprint tells the converter's old output from a person's edit."""
    cat = read(translated, ZH)
    old_style = "可现在,风向变了。"  # what an older converter (no typography) wrote
    entries = tuple(
        e.evolve(msgstr=old_style, extracted_comments=(*e.extracted_comments[:-1], notes.machine_mark(old_style)))
        if e.msgid == S_TYPO
        else e
        for e in cat.entries
    )
    (translated / ZH).write_text(render(replace(cat, entries=entries)), encoding="utf-8")
    update(translated)
    assert entry(translated, S_TYPO, ZH).msgstr == "可现在，风向变了。"


def test_zh_hans_person_edit_keeps_a_stale_fingerprint_from_being_trusted(translated: Path) -> None:
    translate(translated, {S_TYPO: "可如今，风向变了。"}, ZH)  # the old fingerprint stays in the file
    update(translated)
    kept = entry(translated, S_TYPO, ZH)
    assert kept.msgstr == "可如今，风向变了。"
    assert not any(c.startswith(notes.MACHINE_MARK) for c in kept.extracted_comments)


def test_a_number_change_hidden_by_punctuation_is_still_a_number_change(translated: Path) -> None:
    """29.4萬 -> 294萬 differs only in a full stop, but it is a different number."""
    old = "但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光:訓練成本只有29.4萬美元。"
    translate(translated, {old: "Training cost only $294,000."})
    edit_source(translated, lambda t: t.replace("29.4萬美元", "294萬美元"))
    result = update(translated)
    new = entry(translated, old.replace("29.4萬", "294萬"))
    assert new.fuzzy and new.previous_msgid == old
    assert "article-l10n: number changed: 29.4 → 294" in new.translator_comments
    assert result.catalogs[1].counts.kept == {}


def test_flags_and_comments_of_untranslated_entries_follow_an_edit(translated: Path) -> None:
    cat = read(translated, ZH)
    entries = tuple(e.with_flag("ignore-ending") if e.msgid == S_TYPO else e for e in cat.entries)
    (translated / ZH).write_text(render(replace(cat, entries=entries)), encoding="utf-8")
    en = read(translated, EN)
    entries = tuple(
        replace(e, translator_comments=("ask the editor",)) if e.msgid == S_CLAUSE else e for e in en.entries
    )
    en = replace(en, entries=tuple(replace(e, msgstr="") if e.msgid == S_CLAUSE else e for e in entries))
    (translated / EN).write_text(render(en), encoding="utf-8")
    edit_source(
        translated, lambda t: t.replace(S_TYPO, "可現在,風向終於變了。").replace("最終演變成了", "最後演變成了")
    )
    update(translated)
    zh = entry(translated, "可現在,風向終於變了。", ZH)
    assert "ignore-ending" in zh.flags and zh.msgstr == "可现在，风向终于变了。" and not zh.fuzzy
    moved = entry(translated, S_CLAUSE.replace("最終演變成了", "最後演變成了"))
    assert moved.translator_comments == ("ask the editor",) and moved.msgstr == "" and not moved.fuzzy


def test_an_obsolete_twin_keeps_both_translations_and_comments() -> None:
    text = "甲乙丙丁戊己庚。"
    old = Catalog(
        header=(("Content-Type", "text/plain; charset=UTF-8"),),
        entries=(
            Entry(text, "Version two", translator_comments=("reviewer",)),
            Entry(text, "Version one", translator_comments=("translator note",), obsolete=True),
        ),
    )
    template = Catalog(header=(("POT-Creation-Date", "x"),), entries=(Entry("別的句子。"),))
    merged = merge.merge(template, old, None, True).catalog
    (twin,) = merged.obsolete
    assert twin.msgstr == "Version two"
    assert "reviewer" in twin.translator_comments and "translator note" in twin.translator_comments
    assert "earlier translation: Version one" in twin.translator_comments
    again = merge.merge(Catalog(entries=(Entry("甲乙丙丁戊己庚!"),)), merged, None, True).catalog
    assert any("Version one" in c for e in again.entries for c in e.translator_comments)


def test_index_candidates_do_not_depend_on_the_hash_seed() -> None:
    import subprocess
    import sys

    script = (
        "from pipeline.l10n.match import Matcher, Candidate\n"
        "good = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'\n"
        "decoys = [Candidate('甲乙丙丁戊己庚辛壬癸' + chr(0x4E00 + 500 + k) * 10, float(k + 1)) for k in range(70)]\n"
        "m = Matcher([*decoys, Candidate(good[:17] + '天地人', 0.0)])\n"
        "print(m._indexed(good))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(runs) == 1


def test_a_sentence_merged_into_the_next_across_a_closing_quote() -> None:
    """Merging moves the full stop inside a quotation: containment is judged without punctuation."""
    first, second = "專家表示：「算力是關鍵。」", "但電力供應可能成為瓶頸。"
    old = Catalog(entries=(Entry(first, "Experts say: 'Compute is key.'"), Entry(second, "But power may limit it.")))
    joined = "專家表示：「算力是關鍵，但電力供應可能成為瓶頸。」"
    result = merge.merge(Catalog(entries=(Entry(joined),)), old, None, True).catalog
    (new,) = result.live
    assert new.msgstr == "Experts say: 'Compute is key.'" and new.fuzzy and new.previous_msgid == first
    assert [e.msgid for e in result.obsolete] == [second]  # the other half's translation stays, obsolete
