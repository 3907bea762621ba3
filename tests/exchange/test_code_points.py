"""A code point an XLIFF or TMX file names that no catalog can hold (NUL, EOT, a lone surrogate) never reaches one.

Written into a catalog, NUL or EOT would make every command refuse the file afterwards, and a
lone surrogate cannot be encoded at all (the import crashed on it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.exchange import safexml, tmx
from tests.commands.test_cli import run

EN = Path("locales/en/LC_MESSAGES/article.po")


@pytest.fixture
def project(new_project: Callable[..., Path]) -> Path:
    root = new_project("第一句。第二句。\n")
    assert run(root, "update").exit_code == 0
    return root


@pytest.mark.parametrize(
    ("fmt", "code"), [("xliff", "0000"), ("xliff", "0004"), ("xliff", "D800"), ("xliff12", "0000")]
)
def test_an_import_naming_an_unwritable_code_point_is_refused_and_writes_nothing(
    project: Path, tmp_path: Path, fmt: str, code: str
) -> None:
    out = tmp_path / "en.xlf"
    assert run(project, "export", "--format", fmt, "--lang", "en", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "xliff":
        filled = text.replace("<target/>", f'<target>First<cp hex="{code}"/>.</target>', 1)
        if filled == text:  # an empty target written with its own end tag
            filled = text.replace("</source>", f'</source><target>First<cp hex="{code}"/>.</target>', 1)
    else:
        filled = text.replace("</source>", f'</source><target>First<x id="c" ctype="x-l10n-cp-{code}"/>.</target>', 1)
    assert filled != text
    out.write_text(filled, encoding="utf-8")
    before = (project / EN).read_bytes()
    result = run(project, "import", str(out))
    assert result.exit_code == 2, result.output
    assert "which a catalog cannot hold" in result.output and f"U+{code}" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (project / EN).read_bytes() == before
    assert run(project, "status").exit_code == 0


def test_a_tmx_code_point_no_catalog_can_hold_is_left_out() -> None:
    data = (
        b'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-Hant" segtype="sentence" '
        b'datatype="plaintext" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu>'
        b'<tuv xml:lang="zh-Hant"><seg>\xe7\xac\xac\xe4\xb8\x80\xe5\x8f\xa5\xe3\x80\x82</seg></tuv>'
        b'<tuv xml:lang="en"><seg>Fi<ph type="x-l10n-cp" x="1">U+0000</ph>rst<ph type="x-l10n-cp" x="2">U+0001</ph>'
        b"</seg></tuv></tu></body></tmx>"
    )
    (pair,) = tmx.read(safexml.parse(data, "m.tmx"), "m.tmx", "zh_Hant", "en")
    assert pair.target == "First\x01"
