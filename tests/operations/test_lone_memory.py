"""A language whose one catalog is both the translation memory's only source and the catalog
merged gets no memory (issue 14): such a memory cannot fill a single entry of that merge, so
building it (and keeping its translations for the next run) is work for nothing. Shown for any
catalog and template (a property of the merge), then on whole runs by counting the memories built."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli import main
from pipeline.l10n import merge
from pipeline.l10n.merge_records import MemoryHit
from pipeline.operations import memory as memory_module
from pipeline.operations.memory import memory_pairs
from pipeline.po.model import Catalog, Entry
from pipeline.workspace.project import Project
from tests.conftest import make_project
from tests.operations.test_many_documents import translate

WORDS = ["甲。", "乙。", "丙丙。", "丁。", "Hello.", "戊己。", "甲乙。"]
OLD = st.tuples(
    st.sampled_from(WORDS),
    st.sampled_from([None, "ctx"]),
    st.sampled_from(["", "", "done", "Hello."]),
    st.booleans(),  # fuzzy
    st.booleans(),  # obsolete
    st.sampled_from([(), ("a translator's note",)]),
)


def _catalog(rows: Sequence[tuple[str, str | None, str, bool, bool, tuple[str, ...]]]) -> Catalog:
    entries: dict[tuple[str | None, str], Entry] = {}
    for msgid, context, msgstr, fuzzy, obsolete, notes in rows:
        flags = ("fuzzy",) if fuzzy and msgstr else ()
        entry = Entry(msgid, msgstr, context, flags=flags, translator_comments=notes, obsolete=obsolete)
        entries.setdefault((context, msgid), entry)  # one key space, as a catalog file has
    live = [e for e in entries.values() if not e.obsolete]
    dead = [e for e in entries.values() if e.obsolete]
    return Catalog(header=(("Language", "en"),), entries=(*live, *dead))


@given(
    st.lists(OLD, max_size=10),
    st.lists(st.sampled_from(WORDS), max_size=8, unique=True),
    st.booleans(),
    st.booleans(),
)
def test_a_memory_of_the_merged_catalog_alone_fills_nothing(
    old: list[tuple[str, str | None, str, bool, bool, tuple[str, ...]]],
    new: list[str],
    copy_untranslatable: bool,
    memory_translated: bool,
) -> None:
    existing = _catalog(old)
    template = Catalog(entries=tuple(Entry(msgid, references=(f"a.md:{i}",)) for i, msgid in enumerate(new)))
    memory = {msgid: MemoryHit(msgstr, "locales/en/LC_MESSAGES/a.po") for msgid, msgstr in memory_pairs(existing)}
    alone = merge.merge(template, existing, None, copy_untranslatable, None, memory_translated, chinese=False)
    remembered = merge.merge(template, existing, None, copy_untranslatable, memory, memory_translated, chinese=False)
    assert remembered == alone
    assert remembered.counts.memory == 0


def run(root: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(root), *args, "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def memories_built(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the translation memories built from now on, by language."""
    seen: Counter[str] = Counter()
    real = memory_module.translation_memory

    def counted(project: Project, settings: Any, *args: Any, **kwargs: Any) -> Any:
        seen[settings.code] += 1
        return real(project, settings, *args, **kwargs)

    monkeypatch.setattr(memory_module, "translation_memory", counted)
    return seen


TEXT = "甲。乙。\n丙丙。Hello.\n"


def _edited(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", text=TEXT)
    run(root, "update")
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    translate(po, {"甲。": "A.", "丙丙。": "C."})
    (root / "source" / "article.md").write_text("甲。乙乙。\n丙丙。Hello.\n丁。\n", encoding="utf-8")
    return root


def test_one_document_is_merged_without_a_memory_and_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _edited(tmp_path)
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    seen = memories_built(monkeypatch)
    run(root, "update", "--lang", "en", "--jobs", "1")
    assert seen == Counter()
    monkeypatch.setattr(memory_module, "lone_catalog", lambda *args: False)  # as before: the memory built
    run(twin, "update", "--lang", "en", "--jobs", "1")
    assert seen == Counter(en=1)
    po = Path("locales") / "en" / "LC_MESSAGES" / "article.po"
    assert (root / po).read_bytes() == (twin / po).read_bytes()


def test_an_orphaned_catalog_or_a_compendium_is_a_source_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _edited(tmp_path)
    compendium = tmp_path / "compendium.po"
    shutil.copyfile(root / "locales" / "en" / "LC_MESSAGES" / "article.po", compendium)
    seen = memories_built(monkeypatch)
    run(root, "update", "--lang", "en", "--jobs", "1", "--compendium", str(compendium))
    assert seen == Counter(en=1)
    shutil.copyfile(compendium, root / "locales" / "en" / "LC_MESSAGES" / "old-name.po")
    _append(root / "source" / "article.md", "戊己。\n")
    run(root, "update", "--lang", "en", "--jobs", "1")
    assert seen == Counter(en=2)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_second_document_gets_and_gives_translations_after_lone_runs(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text="甲。乙。\n")
    run(root, "update", "--lang", "en")  # alone
    first = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    translate(first, {"甲。": "A."})
    run(root, "update", "--lang", "en")  # alone again
    (root / "source" / "second.md").write_text("甲。乙。丙丙。\n", encoding="utf-8")
    run(root, "update", "--lang", "en")
    second = root / "locales" / "en" / "LC_MESSAGES" / "second.po"
    text = second.read_text(encoding="utf-8")
    assert 'msgstr "A."' in text  # from the first document's catalog
    translate(second, {"乙。": "B."})
    run(root, "update", "--lang", "en")  # the first is cached: the memory's news reach it
    assert 'msgstr "B."' in first.read_text(encoding="utf-8")
    run(root, "update", "--lang", "en")
    again = first.read_bytes()
    run(root, "update", "--lang", "en")
    assert first.read_bytes() == again
