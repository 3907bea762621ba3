"""Importing into catalogs other tools or people wrote: what the write adds, it says; what it says, it did."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.po import file as po_file
from tests.commands.test_cli import run

EN = Path("locales/en/LC_MESSAGES/article.po")


@pytest.fixture
def project(new_project: Callable[..., Path]) -> Path:
    root = new_project("第一句。第二句。\n")
    assert run(root, "update").exit_code == 0
    return root


def test_an_import_into_a_catalog_without_header_gives_it_the_header_update_would(
    project: Path, tmp_path: Path
) -> None:
    """It said "header added" and wrote none (msgfmt refuses a catalog without header)."""
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", "xliff", "--lang", "en", "-o", str(out)).exit_code == 0
    with_header = (project / EN).read_bytes()
    text = with_header.decode("utf-8")
    (project / EN).write_text(text.split("\n\n", 1)[1], encoding="utf-8")  # the header block gone
    xml = out.read_text(encoding="utf-8")
    filled = xml.replace("<target/>", "<target>First.</target>", 1)
    if filled == xml:
        filled = xml.replace("</source>", "</source><target>First.</target>", 1)
    out.write_text(filled, encoding="utf-8")
    imported = run(project, "import", str(out))
    assert imported.exit_code == 0, imported.output
    assert "header added" in imported.output
    saved, original = po_file.read(project / EN), po_file.from_bytes(with_header, "x").catalog
    assert saved.has_header and saved.header_comments == original.header_comments
    assert [k for k, _ in saved.header] == [k for k, _ in original.header]
    assert any(e.msgstr == "First." for e in saved.entries)
    if shutil.which("msgfmt"):
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(project / EN)], capture_output=True)
        assert check.returncode == 0, check.stderr
    after = (project / EN).read_bytes()
    updated = run(project, "update", "--lang", "en")  # the header is update's own: nothing more to change
    assert updated.exit_code == 0 and (project / EN).read_bytes() == after
