"""Golden prose: short Chinese articles of many kinds and the segments a translator wants of them.

Each ``tests/golden/prose/NAME.md`` has ``NAME.segments`` beside it: the segments of each
block (paragraph, heading, list item…) one per line, a blank line between blocks. The expected
files were reviewed by hand (docs/sentences.md has the rules). After a reviewed change of
behaviour, regenerate them with

    pytest tests/themes/test_golden_prose.py --update-golden

and read the diff (``git diff tests/golden/prose``) before committing.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from pipeline.text import source
from pipeline.text.segment import segment

PROSE = Path(__file__).resolve().parents[1] / "golden" / "prose"
ARTICLES = sorted(path.stem for path in PROSE.glob("*.md"))


def segments_of(path: Path) -> str:
    """The article's segments as the golden file writes them."""
    document = segment(source.read(path, path.stem))
    return "\n\n".join("\n".join(s.text for s in block.segments) for block in document.blocks()) + "\n"


def test_there_are_enough_articles() -> None:
    assert len(ARTICLES) >= 12


@pytest.mark.parametrize("name", ARTICLES)
def test_segments_match_golden(name: str, request: pytest.FixtureRequest) -> None:
    actual = segments_of(PROSE / f"{name}.md")
    golden = PROSE / f"{name}.segments"
    if request.config.getoption("--update-golden"):
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/golden/prose/{name}.segments",
            tofile="segmented",
        )
        pytest.fail("segments differ from the golden file:\n" + "".join(diff), pytrace=False)
