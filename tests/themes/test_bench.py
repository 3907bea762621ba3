"""The benchmark measures the real thing: its merge script writes what the library's merge gives, its serial share
counts the workers of the command it ran."""

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


def test_the_serial_share_counts_the_workers_of_the_command_it_ran(tmp_path: Path) -> None:
    """``bench/serial.py`` runs the real command (the editions appear) and counts its two workers' CPU apart
    from the main process's: with ``--jobs 1`` there are no workers, so the main process does it all."""
    import run

    project = run._project(tmp_path / "site")
    corpus.site(project, 12, 3)
    shares = {}
    command = [sys.executable, str(BENCH / "serial.py"), "--", "--project", str(project), "build", "--all", "--force"]
    for jobs in ("1", "2"):
        line = subprocess.run([*command, "-q", "--jobs", jobs], check=True, capture_output=True, text=True).stdout
        assert "(exit status 0)" in line
        shares[jobs] = float(line.split("serial share ")[1].split("%")[0])
    assert any((project / "build" / "en").rglob("*.md"))
    assert shares["1"] > 99.0  # no worker: every CPU second is the main process's
    assert shares["2"] < shares["1"]
