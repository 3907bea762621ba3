"""TMX and TBX out and back in (update's compendium and glossary); what export writes where.

Determinism (unchanged files are not rewritten), output folders, ``--document``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tbx as tt_tbx
from translate.storage import tmx as tt_tmx

from tests.commands.test_cli import run
from tests.exchange.conftest import ARTICLE, BOMB, NS, catalogs, entries, one, parsefile, set_msgstr

# ---------------------------------------------------------------- determinism, TMX, TBX


@pytest.mark.parametrize("fmt", ["xliff", "xliff12", "tmx"])
def test_export_is_deterministic(project: Path, tmp_path: Path, fmt: str) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(project, "export", "--format", fmt, "-o", str(first)).exit_code == 0
    assert run(project, "export", "--format", fmt, "-o", str(second)).exit_code == 0
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes()
    again = run(project, "export", "--format", fmt, "-o", str(first))
    assert "written" not in again.output  # unchanged files are not rewritten


def test_tmx_has_every_translated_pair_and_reads_in_translate_toolkit(project: Path, tmp_path: Path) -> None:
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    set_msgstr(project, "en", "第二句有 <b>粗體</b> 與 *斜體*！", "Fuzzy is not memory.", fuzzy=True)
    out = tmp_path / "en.tmx"
    assert run(project, "export", "--format", "tmx", "--lang", "en", "-o", str(out)).exit_code == 0
    store = parsefile(tt_tmx.tmxfile, out)
    pairs = {u.source: u.target for u in store.units}
    assert pairs["最後一段。"] == "The last paragraph."
    assert "第二句有 <b>粗體</b> 與 *斜體*！" not in pairs
    root = etree.parse(str(out)).getroot()
    header = one(root, "header", {})
    assert header.get("srclang") == "zh-Hant" and header.get("creationtool") == "article-l10n"
    assert header.get("creationdate") == "20260101T000000Z"  # SOURCE_DATE_EPOCH, fixed in the tests


def test_tbx_has_one_concept_per_source_term(project: Path, tmp_path: Path) -> None:
    (project / "locales" / "glossary.csv").write_text(
        "source,language,target,note\n重點,en,key point,bold in titles\n重點,zh_Hans,重点,\n連結,en,link,\n",
        encoding="utf-8",
    )
    out = tmp_path / "glossary.tbx"
    result = run(project, "export", "--format", "tbx", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    entries_ = root.findall(".//termEntry")
    assert len(entries_) == 2
    langs = [ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in entries_[0].findall("langSet")]
    assert langs == ["zh-Hant", "en", "zh-Hans"]
    assert one(entries_[0], "langSet[2]/tig/note", {}).text == "bold in titles"
    store = parsefile(tt_tbx.tbxfile, out)
    assert [u.source for u in store.units] == ["重點", "連結"]


def test_update_takes_a_tmx_compendium(project: Path, tmp_path: Path) -> None:
    """A TMX (from another project, or our own export) pre-fills blank entries, fuzzy, as a .po compendium does."""
    set_msgstr(project, "en", "最後一段。", "The last paragraph.")
    memory = tmp_path / "memory.tmx"
    assert run(project, "export", "--format", "tmx", "--lang", "en", "-o", str(memory)).exit_code == 0
    other = project.parent / "other"
    shutil.copytree(project, other)
    shutil.rmtree(other / "locales")
    result = run(other, "update", "--lang", "en", "--compendium", str(memory))
    assert result.exit_code == 0, result.output
    entry = entries(other, "en")["最後一段。"]
    assert entry.msgstr == "The last paragraph." and entry.fuzzy
    assert any("memory.tmx" in c for c in entry.translator_comments)


def test_tmx_compendium_with_other_language_tags_and_controls(project: Path, tmp_path: Path) -> None:
    memory = tmp_path / "agency.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-TW" creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="ZH-hant"><seg>最後一段。</seg></tuv><tuv xml:lang="fr"><seg>Dernier.</seg></tuv>'
        '<tuv xml:lang="EN"><seg>Last &amp; final.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert run(project, "update", "--lang", "en", "--compendium", str(memory)).exit_code == 0
    assert entries(project, "en")["最後一段。"].msgstr == "Last & final."


def test_bad_tmx_compendium_is_one_line_exit_2(project: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_bytes(BOMB.replace(b"xliff", b"tmx"))
    before = catalogs(project)
    result = run(project, "update", "--compendium", str(bomb))
    assert result.exit_code == 2 and "bomb.tmx" in result.stderr and "DOCTYPE" in result.stderr
    assert catalogs(project) == before


def test_tbx_glossary_in_the_settings(project: Path, tmp_path: Path) -> None:
    (project / "locales" / "glossary.csv").write_text(
        "source,language,target,note\n連結,en,hyperlink,always this word\n", encoding="utf-8"
    )
    out = project / "locales" / "glossary.tbx"
    assert run(project, "export", "--format", "tbx", "-o", str(out)).exit_code == 0
    (project / "locales" / "glossary.csv").unlink()
    settings = project / "pyproject.toml"
    settings.write_text(
        settings.read_text().replace(
            'granularity = "sentence"', 'granularity = "sentence"\nglossary = "locales/glossary.tbx"'
        )
    )
    assert run(project, "update").exit_code == 0
    entry = entries(project, "en")["第一句有 `code` 和 [連結](https://example.com/a?b=1&c=2)。"]
    assert "glossary: 連結 = hyperlink — always this word" in entry.extracted_comments


# ---------------------------------------------------------------- what export writes where


def test_document_filter_and_output_rules(new_project: Callable[..., Path], tmp_path: Path) -> None:
    root = new_project(ARTICLE)
    (root / "source" / "second.md").write_text("第二篇文章。\n", encoding="utf-8")
    assert run(root, "update").exit_code == 0
    out = tmp_path / "one.xlf"
    result = run(root, "export", "--format", "xliff", "--lang", "en", "--document", "second", "-o", str(out))
    assert result.exit_code == 0, result.output
    originals = [f.get("original") for f in etree.parse(str(out)).getroot().findall("x:file", NS)]
    assert originals == ["second"]
    result = run(root, "export", "--format", "xliff", "--lang", "en", "--document", "nope", "-o", str(out))
    assert result.exit_code == 2 and "nope" in result.stderr
    result = run(root, "export", "--format", "xliff", "-o", str(tmp_path / "both.xlf"))
    assert result.exit_code == 2 and "folder" in result.stderr and not (tmp_path / "both.xlf").exists()
    everything = tmp_path / "all.xlf"
    assert run(root, "export", "--format", "xliff", "--lang", "en", "-o", str(everything)).exit_code == 0
    originals = [f.get("original") for f in etree.parse(str(everything)).getroot().findall("x:file", NS)]
    assert originals == ["article", "second"]


@pytest.mark.parametrize("fmt", ["xliff", "tmx", "tbx"])
def test_export_into_a_missing_folder_is_one_line_exit_2(project: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.out"
    result = run(project, "export", "--format", fmt, "--lang", "en", "-o", str(target))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_export_folder_is_made_only_when_its_parent_exists(project: Path, tmp_path: Path) -> None:
    assert run(project, "export", "--format", "xliff", "-o", str(tmp_path / "a" / "b") + "/").exit_code == 2
    assert not (tmp_path / "a").exists()
    assert run(project, "export", "--format", "xliff", "-o", str(tmp_path / "a") + "/").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["en.xlf", "zh_Hans.xlf"]


def test_export_without_catalogs_says_run_update(new_project: Callable[..., Path], tmp_path: Path) -> None:
    root = new_project(ARTICLE)
    result = run(root, "export", "--format", "xliff", "--lang", "en", "-o", str(tmp_path / "x.xlf"))
    assert result.exit_code == 2 and "update" in result.stderr and len(result.stderr.strip().splitlines()) == 1
