"""The catalogs as translators' tools re-save them: every command keeps every translation, comment and flag.

The real tools run: GNU msgcat (widths, sorted, ``--use-first``), msgattrib, msguniq, msgmerge,
msgconv (GB18030), ``xgettext -L PO``, polib, Babel's ``write_po``, translate-toolkit, and the hand
edits editors make (CRLF, a BOM, no final newline, entries reversed, flags on lines of their own,
indented keywords). The English catalog holds translations with escapes, translator comments
(one ending in a backslash), flags, a fuzzy entry with ``#|`` and obsolete entries with context,
plural forms and ``#~|``. For each tool: ``status`` and ``check`` read it (a layout warning at
most), a workbench save changes its one entry, ``update`` loses nothing and writes what ``msgfmt
--check`` accepts, and a second ``update`` changes nothing.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from pipeline.text.gloss import strip_glosses
from pipeline.workbench import editor
from pipeline.workbench.app import create_app
from pipeline.workbench.security import cookie_name
from pipeline.workspace.project import Project
from tests.conftest import ROOT, make_project

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2; httpx (in the venv) still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EN = Path("locales/en/LC_MESSAGES/article.po")
POT = Path("locales/article.pot")
NOTE = "article-l10n:"
GNU = all(shutil.which(tool) for tool in ("msgcat", "msgmerge", "msgconv", "msgfmt", "msgattrib", "xgettext"))
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext is not installed; CI installs it")
TEXTS = ["Tab\there", 'Quote "this"', "Back\\slash", "Line one\nline two", "plain ünïcödé — “curly”"]
COMMENTS = ["checked", "  two leading spaces", "中文 ♥", "ends in C:\\", 'quote " and \\']
FLAGS = [("c-format",), ("no-wrap",), ("python-format",)]
DEAD = (
    Entry("Obsolete with context", "Veraltet", msgctxt="menu", obsolete=True, translator_comments=("old",)),
    Entry("One file", msgid_plural="%d files", msgstr_plural=("Un fichier", "%d fichiers"), obsolete=True),
)


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def _work(entry: Entry, i: int) -> Entry:
    """Entry ``i`` as a translator left it: most translated, some with a comment, a flag, or fuzzy."""
    if i % 7 == 6:
        return entry
    changes: dict[str, object] = {"msgstr": f"T{i}: {TEXTS[i % len(TEXTS)]}"}
    if i % 3 == 0:
        changes["translator_comments"] = (COMMENTS[(i // 3) % len(COMMENTS)],)
    if i % 4 == 1:
        changes["flags"] = FLAGS[(i // 4) % len(FLAGS)]
    if i == 2:
        changes["flags"] = ("fuzzy", "c-format")
    return entry.evolve(**changes)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("tools") / "project")
    source = root / "source" / "article.md"
    source.write_text(strip_glosses(source.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "locales").mkdir()
    shutil.copyfile(ROOT / "locales" / "glossary.csv", root / "locales" / "glossary.csv")
    assert run(root, "update").exit_code == 0
    cat = po_file.read(root / EN)
    entries = tuple(_work(e, i) for i, e in enumerate(cat.entries)) + DEAD
    (root / EN).write_text(render(replace(cat, entries=entries)), encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace("可現在,風向變了。", "可現在,風向徹底變了。"))
    assert run(root, "update").exit_code == 0
    en = po_file.read(root / EN)
    assert any(e.fuzzy and e.previous_msgid for e in en.live) and len(en.obsolete) >= 2
    return root


@pytest.fixture
def project(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(base, copy, ignore=shutil.ignore_patterns(".article-l10n-cache"))
    return copy


def _gnu(*args: str) -> Callable[[Path, Path], None]:
    def save(po: Path, pot: Path) -> None:
        if args[0] == "msgmerge":
            command = [*args, "--quiet", "--previous", "-o", str(po), str(po), str(pot)]
        elif args[0] == "msgconv":
            command = [*args, "-o", str(po), str(po)]
        else:
            command = [*args, "-o", str(po), str(po), *(["-L", "PO"] if args[0] == "xgettext" else [])]
        subprocess.run(command, check=True, capture_output=True)

    return save


def _use_first(po: Path, _pot: Path) -> None:
    subprocess.run(["msgcat", "--use-first", "-o", str(po), str(po), str(po)], check=True, capture_output=True)


def _polib(po: Path, _pot: Path) -> None:
    polib.pofile(str(po), wrapwidth=78).save()


def _babel(po: Path, _pot: Path) -> None:
    from babel.messages import pofile

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Babel does not know #~| lines: it warns and leaves them out
        catalog = pofile.read_po(io.BytesIO(po.read_bytes()), abort_invalid=False)
    out = io.BytesIO()
    pofile.write_po(out, catalog, width=76, include_previous=True)
    po.write_bytes(out.getvalue())


def _toolkit(po: Path, _pot: Path) -> None:
    from translate.storage import pypo

    po.write_bytes(bytes(pypo.pofile.parsefile(str(po))))  # type: ignore[no-untyped-call]


def _bytes(change: Callable[[bytes], bytes]) -> Callable[[Path, Path], None]:
    def save(po: Path, _pot: Path) -> None:
        po.write_bytes(change(po.read_bytes()))

    return save


def _reversed(data: bytes) -> bytes:
    head, *blocks = data.decode("utf-8").rstrip("\n").split("\n\n")
    live, dead = [b for b in blocks if "#~" not in b], [b for b in blocks if "#~" in b]
    return "\n\n".join([head, *reversed(live), *dead]).encode("utf-8") + b"\n"


def _flag_lines(data: bytes) -> bytes:
    text = re.sub(
        r"^#, (.*)$", lambda m: "\n".join("#, " + f for f in m.group(1).split(", ")), data.decode(), flags=re.M
    )
    return text.encode("utf-8")


TOOLS: dict[str, Callable[[Path, Path], None]] = {
    "msgcat": _gnu("msgcat"),
    "msgcat-width-30": _gnu("msgcat", "--width=30"),
    "msgcat-sort-output": _gnu("msgcat", "--sort-output"),
    "msgcat-use-first": _use_first,
    "msgattrib": _gnu("msgattrib"),
    "msguniq": _gnu("msguniq"),
    "msgmerge-previous": _gnu("msgmerge"),
    "msgconv-gb18030": _gnu("msgconv", "--to-code=GB18030"),
    "xgettext-po": _gnu("xgettext", "--omit-header"),
    "polib": _polib,
    "babel": _babel,
    "translate-toolkit": _toolkit,
    "crlf-bom": _bytes(lambda d: b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n")),
    "no-final-newline": _bytes(lambda d: d.rstrip(b"\n")),
    "entries-reversed": _bytes(_reversed),
    "a-line-per-flag": _bytes(_flag_lines),
    "indented": _bytes(lambda d: re.sub(rb'^(msgid|msgstr|")', rb"  \1", d, flags=re.M)),
}
GNU_TOOLS = {name for name in TOOLS if name.startswith(("msg", "xgettext"))}


def _work_of(cat: Catalog) -> dict[tuple[str | None, str], tuple[str, tuple[str, ...], tuple[str, ...], set[str]]]:
    """What people made, per entry: translation(s), their own comments, flags."""
    return {
        e.key: (
            e.msgstr,
            e.msgstr_plural,
            tuple(c for c in e.translator_comments if not c.startswith(NOTE)),
            set(e.flags),
        )
        for e in cat.entries
        if e.has_translation or e.translator_comments
    }


def _save_in_workbench(project: Path) -> Entry:
    bench = Project(project)
    client = TestClient(create_app(bench, "t" * 32, 8765), base_url="http://127.0.0.1:8765")
    client.cookies.set(cookie_name(8765), "t" * 32)
    cat = po_file.read(project / EN)
    target = next(e for e in cat.live if e.msgctxt is None and e.msgstr and not e.fuzzy)
    body = {"lang": "en", "doc": "article", "msgid": target.msgid, "base": editor.version(target)}
    body.update(msgstr=target.msgstr + " (edited)", comment=editor.person_comment(target))
    response = client.post("/api/save", json={**body, "fuzzy": False}, headers={"Origin": "http://127.0.0.1:8765"})
    assert response.status_code == 200, response.text
    return target


@pytest.mark.slow
@pytest.mark.parametrize("tool", list(TOOLS))
def test_every_command_keeps_the_work_in_a_catalog_another_tool_saved(project: Path, tool: str) -> None:
    if tool in GNU_TOOLS and not GNU:
        pytest.skip("GNU gettext is not installed; CI installs it")
    TOOLS[tool](project / EN, project / POT)
    resaved = po_file.read(project / EN)
    work = _work_of(resaved)
    assert len(work) > 40, "the tool lost most of the catalog: the test would prove nothing"

    assert run(project, "status").exit_code == 0
    checked = run(project, "check")
    assert "Error:" not in checked.output and "Traceback" not in checked.output
    if tool not in ("msgmerge-previous", "babel"):  # they change content (template comments; #~| lines dropped)
        assert "out of date" not in checked.output, checked.output

    edited = _save_in_workbench(project)
    saved = po_file.read(project / EN)
    assert _work_of(saved) == {**work, edited.key: (edited.msgstr + " (edited)", *work[edited.key][1:])}

    assert run(project, "update").exit_code == 0
    data = (project / EN).read_bytes()
    after = _work_of(po_file.read(project / EN))
    for key, (msgstr, plural, comments, flags) in _work_of(saved).items():
        assert key in after, (tool, key)
        assert after[key][:3] == (msgstr, plural, comments), (tool, key)
        assert flags - {"fuzzy"} <= after[key][3], (tool, key)
    if GNU:
        checked_by_gnu = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(project / EN)], capture_output=True
        )
        assert checked_by_gnu.returncode == 0, checked_by_gnu.stderr
    again = run(project, "update")
    assert again.exit_code == 0 and (project / EN).read_bytes() == data
    assert "[layout]" not in run(project, "check").output
