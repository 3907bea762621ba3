"""Catalog files from the real world: a corpus of odd and broken .po files (tests/data/po).

Each file is read with the counts GNU ``msgfmt --statistics`` gives (where msgfmt accepts
it) or refused with one line naming the file and the line, exit status 2 — by the library
(``po.file.read``) and by every command on a project whose English catalog is that file.
A refused file is never rewritten; a read one is rewritten as UTF-8 without losing any
translation, and GNU accepts what is written. ``tests/data/po/EXPECTED.toml`` says what
happens to each file and why.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline.errors import CatalogError
from pipeline.l10n import counts as status
from pipeline.po import file as po_file
from pipeline.po import header
from pipeline.po.model import Catalog
from pipeline.po.parse import parse
from pipeline.po.write import render
from tests.conftest import MakeProject

CORPUS = Path(__file__).resolve().parents[1] / "data" / "po"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "EXPECTED.toml").read_text(encoding="utf-8"))
READ = sorted(name for name, case in EXPECTED.items() if case["outcome"] == "read")
REFUSED = sorted(name for name, case in EXPECTED.items() if case["outcome"] == "refused")
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed; CI installs it")

ARTICLE = "# 小標題\n\n第一句話。第二句話！\n\n![圖](a.png)\n\n最後一段。\n"
CATALOG = "locales/en/LC_MESSAGES/article.po"


def counts(cat: Catalog) -> list[int]:
    found = status.count(cat, None)
    return [found.translated, found.fuzzy, found.untranslated]


def msgfmt_statistics(path: Path) -> tuple[int, list[int] | None]:
    """msgfmt's exit status, and its counts (translated, fuzzy, untranslated) when it accepts the file."""
    assert MSGFMT is not None
    run = subprocess.run(
        [MSGFMT, "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        return run.returncode, None
    numbers = []
    for kind in ("translated message", "fuzzy translation", "untranslated message"):
        found = re.search(rf"(\d+) {kind}", run.stderr)
        numbers.append(int(found.group(1)) if found else 0)
    return 0, numbers


def translations(cat: Catalog) -> set[str]:
    """Every translation a catalog holds, live or obsolete, fuzzy or not."""
    found = {e.msgstr for e in cat.entries if e.msgstr}
    return found | {form for e in cat.entries for form in e.msgstr_plural if form}


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_has_a_table_entry_per_file() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.po"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 25
    assert len(READ) >= 10 and len(REFUSED) >= 10
    for name, case in EXPECTED.items():
        assert case["outcome"] in ("read", "refused"), name
        assert case["msgfmt"] in ("accepts", "refuses"), name
        assert case["class"], name
        assert ("counts" in case) == (case["outcome"] == "read"), name
        assert ("line" in case and "message" in case) == (case["outcome"] == "refused"), name
        assert ("msgfmt_counts" in case) == ("msgfmt_differs" in case), name


# ---------------------------------------------------------------- the library


@pytest.mark.parametrize("name", READ)
def test_library_reads(name: str) -> None:
    cat = po_file.read(CORPUS / name, name)
    assert counts(cat) == EXPECTED[name]["counts"]
    # What is read renders and reads back the same: nothing in it is lost on a write.
    assert parse(render(cat), name) == cat


@pytest.mark.parametrize("name", REFUSED)
def test_library_refuses_naming_file_and_line(name: str) -> None:
    case = EXPECTED[name]
    with pytest.raises(CatalogError) as caught:
        po_file.read(CORPUS / name, f"locales/{name}")
    error = caught.value
    assert (error.path, error.line) == (f"locales/{name}", case["line"])
    assert case["message"] in error.message
    assert "\n" not in error.format()


@needs_msgfmt
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_are_msgfmts(name: str) -> None:
    case = EXPECTED[name]
    returncode, theirs = msgfmt_statistics(CORPUS / name)
    assert (returncode == 0) == (case["msgfmt"] == "accepts"), "EXPECTED.toml is wrong about msgfmt"
    if theirs is not None and case["outcome"] == "read":
        assert theirs == case.get("msgfmt_counts", case["counts"])


def test_the_values_read_are_gnus() -> None:
    """Escapes, charsets and raw characters give the strings GNU gives."""
    escapes = {e.msgid: e.msgstr for e in po_file.read(CORPUS / "escapes.po").entries}
    assert escapes['quote " backslash \\ tab \t newline \n'] == 'comilla " barra \\ tab \t nueva línea \n'
    assert escapes["bell \a backspace \b form feed \f vertical tab \v"] == "\a\b\f\v"
    assert escapes["octal and hex are bytes of the charset"] == "café café AB"  # UTF-8 bytes, not code points
    raw = {e.msgid: e.msgstr for e in po_file.read(CORPUS / "raw-control.po").entries}
    assert raw["raw\ttab"] == "tabulación\tcruda"
    assert raw["raw \x01 SOH and \x1b ESC"] == "control \x01 y \x1b"
    assert raw["raw carriage return"] == "retorno\rcrudo"
    assert {e.msgid: e.msgstr for e in po_file.read(CORPUS / "latin9.po").entries}["price"] == "5 €"
    koi8 = po_file.read(CORPUS / "koi8-r.po").entries
    assert koi8[0].msgstr == "привет" and koi8[1].msgstr_plural == ("%d файл", "%d файла", "%d файлов")
    contexts = [(e.msgctxt, e.msgstr) for e in po_file.read(CORPUS / "msgctxt.po").entries]
    assert contexts[:3] == [(None, "Abrir"), ("menu", "Abrir (menú)"), ("", "")]
    assert contexts[4] == ("multiline\ncontext", "Abre")
    big5 = po_file.read(CORPUS / "big5.po").entries
    assert big5[0].msgstr == "許可的功能與蓋子，成功" and big5[1].msgstr == '反斜線 \\ 與引號 " 都在'
    assert po_file.read(CORPUS / "gbk.po").entries[0].msgstr == "许可的功能与盖子，乗"
    babel = po_file.read(CORPUS / "babel-previous.po").entries
    assert babel[1].previous_msgid == "Come in!\nMother called." and babel[1].fuzzy
    assert (babel[2].msgid, babel[2].msgstr) == ("Several strings on one line", "Varias cadenas")
    gone = po_file.read(CORPUS / "obsolete-comments.po").obsolete[0]
    assert (gone.translator_comments, gone.extracted_comments, gone.flags) == (
        ("a translator's note on a gone entry",),
        ("an extracted comment",),
        ("fuzzy",),
    )
    paths = [e.translator_comments for e in po_file.read(CORPUS / "backslash-comment.po").entries[:2]]
    assert paths == [("the file lives in C:\\",), ("a path: C:\\Users\\",)]
    dead = po_file.read(CORPUS / "obsolete-previous.po").obsolete
    assert (dead[0].previous_msgctxt, dead[0].previous_msgid, dead[0].msgctxt) == ("old", "Old text", "new")
    assert dead[1].msgstr == "Ido\ndel todo" and dead[2].msgstr_plural == ("uno ido", "%d idos")


@needs_msgfmt
def test_the_values_read_are_what_msgcat_reads(tmp_path: Path) -> None:
    """GNU's own reading of the odd files, written back as UTF-8, is what we read."""
    refused = []
    for name in READ:
        out = tmp_path / name
        convert = ["-t", "UTF-8"] if any("converted" in n for n in EXPECTED[name]["notices"]) else []
        gnu = subprocess.run(["msgcat", "--no-wrap", *convert, "-o", str(out), str(CORPUS / name)], check=False)
        if gnu.returncode != 0:
            refused.append(name)
            continue
        ours = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po_file.read(CORPUS / name).entries}
        # msgcat writes no file for a catalog without messages
        written = po_file.read(out).entries if out.exists() else ()
        theirs = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in written}
        assert ours == theirs, name
    # msgcat stops on a BOM, and on non-ASCII text without a charset it knows (msgfmt reads them), and
    # on a comment ending in a backslash (GNU joins the next line to it)
    assert refused == ["backslash-comment.po", "bom.po", "charset-placeholder.po", "no-header.po"]


def gnu_reading(path: Path) -> str | None:
    """What GNU reads in a catalog, as ``msgcat --no-wrap --sort-output`` writes it in UTF-8 (None if it
    refuses the file), without the ``Content-Type`` line (a write declares UTF-8) and CRs (CRLF is read)."""
    run = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", "-t", "UTF-8", str(path)], capture_output=True, check=False
    )
    if run.returncode != 0:
        return None
    lines = run.stdout.decode("utf-8").replace("\r", "").splitlines(True)
    return "".join(line for line in lines if "charset=" not in line)


@needs_msgfmt
def test_a_write_changes_nothing_gnu_reads(tmp_path: Path) -> None:
    """GNU reads the same in a file and in what a write of it gives: entries, comments, flags, ``#|``
    fields, obsolete entries, and the header's text as written (spacing, lines that are no field)."""
    different = []
    for name in READ:
        theirs = gnu_reading(CORPUS / name)
        if theirs is None:
            continue
        found = po_file.read(CORPUS / name, name)
        out = tmp_path / name
        out.write_text(render(po_file.prepare(po_file.load(CORPUS / name), found)[0]), encoding="utf-8")
        if gnu_reading(out) != theirs:
            different.append(name)
    assert different == []


# ---------------------------------------------------------------- the commands


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args])


def project_with(new_project: MakeProject, name: str) -> tuple[Path, Path]:
    root = new_project(ARTICLE)
    po = root / CATALOG
    po.parent.mkdir(parents=True)
    shutil.copyfile(CORPUS / name, po)
    return root, po


@pytest.mark.parametrize("name", READ)
def test_commands_read_and_rewrite_as_utf8_losing_nothing(name: str, new_project: MakeProject) -> None:
    case = EXPECTED[name]
    root, po = project_with(new_project, name)
    before = po_file.read(po)

    shown = run(root, "status", "--lang", "en", "--format", "json")
    assert shown.exit_code == 0, shown.output
    language = json.loads(shown.stdout)["languages"][0]
    counted = [language["translated"], language["fuzzy"], language["untranslated"]]
    assert counted == case.get("status_counts", case["counts"])

    checked = run(root, "check")
    assert checked.exit_code == 1, checked.output  # out of date: nothing extracted yet
    assert "Traceback" not in checked.output and "Error:" not in checked.output

    updated = run(root, "update", "--lang", "en")
    assert updated.exit_code == 0, updated.output
    notes = [line for line in updated.stderr.splitlines() if line.startswith(f"note: {CATALOG}: ")]
    assert len(notes) == len(case["notices"])
    for notice, note in zip(case["notices"], notes, strict=True):
        assert notice in note
    data = po.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    after = parse(data.decode("utf-8"), CATALOG)  # UTF-8, whatever it was
    assert after.header_value("Content-Type") is not None
    declared = header.declared_charset(after)  # UTF-8 by any of its names: Babel writes charset=utf-8, kept
    assert declared is not None and header.is_utf8(declared)
    assert translations(before) <= translations(after)  # nothing lost: kept live or obsolete
    if MSGFMT:  # GNU accepts what is written, and msgcat --no-wrap writes it in the same layout,
        gnu = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert gnu.returncode == 0, gnu.stderr
        # but for the obsolete entries GNU drops as untranslated (first msgstr empty), which the
        # merge keeps when they hold a translator comment or a later plural form.
        kept = tuple(e for e in after.entries if not e.obsolete or (e.msgstr_plural or (e.msgstr,))[0])
        written = render(replace(after, entries=kept)).encode("utf-8")
        assert subprocess.run(["msgcat", "--no-wrap", str(po)], capture_output=True, check=True).stdout == written

    again = run(root, "update", "--lang", "en")
    assert again.exit_code == 0 and "unchanged" in again.stdout and "note:" not in again.output
    assert po.read_bytes() == data

    built = run(root, "build", "--lang", "en", "--no-update")
    assert built.exit_code == 0, built.output
    assert (root / "build" / "en" / "article.md").is_file()


@pytest.mark.parametrize("name", REFUSED)
def test_commands_refuse_in_one_line_and_leave_the_file(name: str, new_project: MakeProject) -> None:
    case = EXPECTED[name]
    root, po = project_with(new_project, name)
    original = po.read_bytes()
    for command in (["update"], ["status"], ["check"], ["build", "--lang", "en"], ["review", "--lang", "en"]):
        result = run(root, *command)
        assert result.exit_code == 2, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        [line] = result.output.splitlines()
        assert line.startswith(f"Error: {CATALOG}:{case['line']}: "), (command, line)
        assert case["message"] in line
    assert po.read_bytes() == original
    assert not (root / "build").exists()
    assert not (root / "locales" / "article.pot").exists()
