"""The benchmark measures the real thing: its merge script writes what the library's merge gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline.l10n import merge
from pipeline.po import file as po_file
from pipeline.po.write import render

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def test_merge_once_writes_the_merge_of_the_two_catalogs(tmp_path: Path) -> None:
    made = corpus.merge_corpus(400, 7)
    old, pot, out = tmp_path / "old.po", tmp_path / "new.pot", tmp_path / "out.po"
    old.write_text(render(made.old), encoding="utf-8")
    pot.write_text(render(made.new), encoding="utf-8")
    subprocess.run([sys.executable, str(BENCH / "merge_once.py"), str(old), str(pot), str(out)], check=True)
    expected = render(merge.merge(po_file.read(pot), po_file.read(old), None, True).catalog)
    assert out.read_text(encoding="utf-8") == expected
    merged = {e.msgid: e for e in po_file.read(out).live}
    recovered = sum(1 for msgid, msgstr in made.edited.items() if merged[msgid].msgstr == msgstr)
    assert recovered == len(made.edited) > 0  # every slightly edited segment keeps its translation


def test_the_update_row_runs_the_command_on_a_document_translated_as_intended(tmp_path: Path) -> None:
    """Smoke: the headline row's project is what it claims (every old segment translated, edits recovered)."""
    import run

    (row,) = run.update_rows(tmp_path, 200, 7, False)
    assert row.work.startswith("`update --lang en`, 200-sentence document")
    assert "ours: 10/10 edited recovered" in row.notes
    assert row.ours.seconds > 0
