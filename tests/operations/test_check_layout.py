"""Issue 11, item 1: a catalog re-saved by another tool, meaning unchanged, is at most a layout warning.

The tools run for real: polib (at several ``wrapwidth``), GNU msgcat and msgmerge (default
width and ``--no-wrap``, ``msgmerge --previous -U catalog.po article.pot``) and translate-toolkit.
The catalogs hold what those tools change: long ``#.`` glossary hints and damage notes, the
machine fingerprints of zh_Hans, a translator comment, a fuzzy entry with ``#|``, an
obsolete entry with ``#~|``, and an entry with several ``#:`` references.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.po import file as po_file
from pipeline.po.model import Entry
from pipeline.po.parse import parse
from pipeline.po.write import render
from pipeline.text.gloss import strip_glosses
from tests.conftest import ROOT, make_project

EN = Path("locales/en/LC_MESSAGES/article.po")
ZH = Path("locales/zh_Hans/LC_MESSAGES/article.po")
POT = Path("locales/article.pot")
WIND = "可現在,風向變了。"
MIND = "但中國AI不嫌棄。"
GONE = "憑什么?"
FIRST = "如果把全球AI競賽比作一場豪車"  # the start of the first sentence: long glossary hints, damage notes
MSGCAT = shutil.which("msgcat")
MSGMERGE = shutil.which("msgmerge")
needs_gettext = pytest.mark.skipif(MSGCAT is None or MSGMERGE is None, reason="GNU gettext is not installed")


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def _edit_catalog(path: Path, change: Callable[[Entry], Entry]) -> None:
    cat = po_file.read(path)
    path.write_text(render(replace(cat, entries=tuple(map(change, cat.entries)))), encoding="utf-8")


def _translate(entry: Entry) -> Entry:
    if entry.msgid == WIND:
        return replace(entry, msgstr="But now the wind has changed.", translator_comments=("checked",))
    if entry.msgid == MIND:
        return replace(entry, msgstr="But Chinese AI does not mind.")
    if entry.msgid == GONE:
        return replace(entry, msgstr="Why?")
    if entry.msgid.startswith(FIRST):
        return replace(entry, msgstr="If the global AI race were a supercar race, the script seemed fixed.")
    return entry


def _edit_source(root: Path, change: Callable[[str], str]) -> None:
    path = root / "source" / "article.md"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project in the state of a working day: translations, fuzzy and obsolete entries, the real glossary."""
    root = make_project(tmp_path_factory.mktemp("layout") / "project")
    _edit_source(root, strip_glosses)  # so that the edits below are plain replacements
    (root / "locales").mkdir()
    shutil.copyfile(ROOT / "locales" / "glossary.csv", root / "locales" / "glossary.csv")
    assert run(root, "update").exit_code == 0
    _edit_catalog(root / EN, _translate)
    # an edited sentence (fuzzy, #|), a sentence edited then deleted (obsolete, #~|), a sentence twice (two #:)
    _edit_source(root, lambda t: t.replace(WIND, "可現在,風向徹底變了。").replace(GONE, "憑什么呢?"))
    assert run(root, "update").exit_code == 0
    _edit_source(root, lambda t: t.replace("憑什么呢?", "") + "\n\n" + MIND + "\n")
    assert run(root, "update").exit_code == 0
    en = po_file.read(root / EN)
    assert any(e.fuzzy and e.previous_msgid == WIND for e in en.live)
    assert any(e.obsolete and e.previous_msgid == GONE for e in en.entries)
    assert any(len(e.references) == 2 for e in en.live)
    checked = run(root, "check")
    assert checked.exit_code == 0 and "[layout]" not in checked.output, checked.output
    return root


@pytest.fixture
def project(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(base, copy, ignore=shutil.ignore_patterns(".article-l10n-cache"))
    return copy


def _polib(width: int) -> Callable[[Path, Path], None]:
    def save(po: Path, _pot: Path) -> None:
        polib.pofile(str(po), wrapwidth=width).save()

    return save


def _gnu(*args: str) -> Callable[[Path, Path], None]:
    def save(po: Path, pot: Path) -> None:
        if args[0] == "msgmerge":
            command = [*args, "--quiet", "--previous", "-U", str(po), str(pot)]
        else:
            command = [*args, "-o", str(po), str(po)]
        subprocess.run(command, check=True, capture_output=True)

    return save


def _toolkit(po: Path, _pot: Path) -> None:
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(po))  # type: ignore[no-untyped-call]  # translate-toolkit is untyped
    po.write_bytes(bytes(store))


TOOLS = {
    **{f"polib-{width}": _polib(width) for width in (0, 20, 40, 76, 78, 79, 80, 120)},
    "msgcat": _gnu("msgcat"),
    "msgcat-no-wrap": _gnu("msgcat", "--no-wrap"),
    "msgcat-width-40": _gnu("msgcat", "--width=40"),
    "msgmerge": _gnu("msgmerge"),
    "msgmerge-no-wrap": _gnu("msgmerge", "--no-wrap"),
    "translate-toolkit": _toolkit,
}


@needs_gettext
@pytest.mark.parametrize("tool", list(TOOLS))
def test_a_catalog_resaved_by_another_tool_is_a_layout_warning(project: Path, tool: str) -> None:
    before = {rel: (project / rel).read_bytes() for rel in (EN, ZH)}
    for rel in (EN, ZH):
        TOOLS[tool](project / rel, project / POT)
    for leftover in project.rglob("*.po~"):  # msgmerge -U's backup, if the environment asks for one
        leftover.unlink()
    resaved = {rel: (project / rel).read_bytes() for rel in (EN, ZH)}
    checked = run(project, "check")
    assert checked.exit_code == 0, checked.output
    assert "out of date" not in checked.output
    assert run(project, "update").exit_code == 0
    for rel in (EN, ZH):  # check warned about every file update rewrote, and only about those
        rewritten = (project / rel).read_bytes() != resaved[rel]
        assert rewritten == (f"{rel.as_posix()}: warning: [layout]" in checked.output), (rel, checked.output)
    for rel in (EN, ZH):  # update restores the project's layout, byte for byte
        after = (project / rel).read_bytes()
        if tool.startswith("polib") and rel == EN:
            # polib drops the #~| lines of obsolete entries (a record of the text a fuzzy translation
            # was made for, not anyone's work); the rest comes back byte for byte
            old = parse(before[rel].decode("utf-8"), rel)
            obsolete = [e for e in old.entries if e.obsolete and e.previous_msgid is not None]
            assert obsolete, "the test has no #~| lines to lose"
            entries = tuple(replace(e, previous_msgid=None) if e.obsolete else e for e in old.entries)
            assert after == render(replace(old, entries=entries)).encode("utf-8"), tool
        else:
            assert after == before[rel], f"{tool}: {rel}"
    assert "[layout]" not in run(project, "check").output


def test_polib_wraps_what_the_catalogs_hold(project: Path) -> None:
    """The test above is not empty: polib's default width re-wraps both catalogs' comments."""
    for rel in (EN, ZH):
        before = po_file.read(project / rel)
        polib.pofile(str(project / rel)).save()
        after = po_file.read(project / rel)
        assert [e.extracted_comments for e in after.entries] != [e.extracted_comments for e in before.entries]


@needs_gettext
def test_msgmerge_brings_the_templates_comments(project: Path) -> None:
    """msgmerge replaces each entry's ``#.`` lines with the template's (every language's glossary terms)."""
    for rel in (EN, ZH):
        _gnu("msgmerge")(project / rel, project / POT)
        first = next(e for e in po_file.read(project / rel).entries if e.msgid.startswith(FIRST))
        assert any(c.startswith("glossary (en): ") for c in first.extracted_comments)
        assert not any(c.startswith("machine-converted") for c in first.extracted_comments)


@pytest.mark.parametrize("width", [0, 40, 78])
def test_a_stale_catalog_in_another_layout_is_still_out_of_date(project: Path, width: int) -> None:
    _edit_source(project, lambda t: t.replace(MIND, "但中國AI一點也不嫌棄。"))
    for rel in (EN, ZH):
        _polib(width)(project / rel, project / POT)
    checked = run(project, "check")
    assert checked.exit_code == 1
    assert f"{EN.as_posix()}: out of date with the source" in checked.output


@pytest.mark.parametrize("width", [40, 78])
def test_changed_comments_in_another_layout_are_still_out_of_date(project: Path, width: int) -> None:
    """A glossary hint that changed is content, not layout, however the catalog is wrapped."""
    glossary = project / "locales" / "glossary.csv"
    text = glossary.read_text(encoding="utf-8")
    assert "Bugatti Veyron" in text
    glossary.write_text(text.replace("Bugatti Veyron", "Bugatti Chiron"), encoding="utf-8")
    _polib(width)(project / EN, project / POT)
    checked = run(project, "check")
    assert checked.exit_code == 1
    assert f"{EN.as_posix()}: out of date with the source" in checked.output


def test_a_translators_edit_in_another_layout_is_kept(project: Path) -> None:
    """A msgstr a translator changed is their work: update keeps it, so check does not call it stale."""
    po = polib.pofile(str(project / EN), wrapwidth=40)
    po.find(MIND).msgstr = "But Chinese AI does not mind at all."
    po.save()
    checked = run(project, "check")
    assert checked.exit_code == 0 and "[layout]" in checked.output  # a translator's edit: update keeps it
    assert run(project, "update").exit_code == 0
    found = next(e for e in po_file.read(project / EN).entries if e.msgid == MIND)
    assert found.msgstr == "But Chinese AI does not mind at all."


def test_an_entry_a_person_unfuzzied_is_a_warning_and_update_drops_the_previous_msgid(project: Path) -> None:
    """Poedit's "needs work" switched off: the flag goes, ``#|`` stays behind."""
    po = polib.pofile(str(project / EN))
    (pending,) = [e for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert pending.previous_msgid == WIND
    pending.flags.remove("fuzzy")
    po.save()
    checked = run(project, "check")
    assert checked.exit_code == 0, checked.output
    assert "warning: [confirmed]" in checked.output and "out of date" not in checked.output
    assert run(project, "update").exit_code == 0
    confirmed = next(e for e in po_file.read(project / EN).entries if e.msgid == pending.msgid)
    assert confirmed.translated and confirmed.previous_msgid is None
    assert confirmed.translator_comments == ("checked",)
    checked = run(project, "check")
    assert checked.exit_code == 0 and "[confirmed]" not in checked.output and "[layout]" not in checked.output


def _msgconv(code: str) -> Callable[[Path, Path], None]:
    def save(po: Path, _pot: Path) -> None:
        converted = subprocess.run(["msgconv", f"--to-code={code}", str(po)], capture_output=True, check=True)
        po.write_bytes(converted.stdout)

    return save


def _without_content_type(po: Path, _pot: Path) -> None:
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'^"Content-Type: [^"]*"\n', "", text, count=1, flags=re.M), encoding="utf-8")


@pytest.mark.parametrize(
    ("tool", "rel", "declared"),
    [
        pytest.param(_msgconv("GB18030"), EN, "charset=GB18030", marks=needs_gettext, id="msgconv-gb18030-en"),
        pytest.param(_msgconv("GBK"), ZH, "charset=GBK", marks=needs_gettext, id="msgconv-gbk-zh_Hans"),
        pytest.param(_without_content_type, EN, "no charset", id="no-content-type"),
    ],
)
def test_a_catalog_in_another_charset_is_a_warning_and_update_converts_it(
    project: Path, tool: Callable[[Path, Path], None], rel: Path, declared: str
) -> None:
    """msgconv (or Poedit set to a legacy charset) re-encodes a catalog: same content, so a warning, not stale."""
    before = (project / rel).read_bytes()
    tool(project / rel, project / POT)
    assert (project / rel).read_bytes() != before
    checked = run(project, "check")
    assert checked.exit_code == 0, checked.output
    assert "out of date" not in checked.output
    assert f"{rel.as_posix()}: warning: [layout]: same content, but its header declares {declared}" in checked.output
    updated = run(project, "update")
    assert updated.exit_code == 0
    after = (project / rel).read_bytes()
    if declared == "no charset":  # the field comes back, at the end of the header
        assert po_file.read(project / rel).entries == parse(before.decode("utf-8"), rel).entries
        assert b'"Content-Type: text/plain; charset=UTF-8\\n"' in after
    else:
        assert after == before  # back in UTF-8, byte for byte
    checked = run(project, "check")
    assert "[layout]" not in checked.output and "out of date" not in checked.output
    assert run(project, "update").exit_code == 0 and (project / rel).read_bytes() == after
