"""One module builds markdown-it: every Markdown reader of the pipeline shares its configuration."""

from __future__ import annotations

from pathlib import Path

from pipeline.markdown import parser

PIPELINE = Path(__file__).resolve().parents[2] / "pipeline"


def test_only_the_parser_module_builds_markdown_it() -> None:
    building = sorted(
        str(path.relative_to(PIPELINE))
        for path in PIPELINE.rglob("*.py")
        if "MarkdownIt(" in path.read_text(encoding="utf-8")
    )
    assert building == ["markdown/parser.py"]


def test_the_presets_share_one_nesting_limit() -> None:
    for md in (parser.blocks(), parser.inline_spans(), parser.rendering()):
        assert md.options["maxNesting"] == parser.MAX_NESTING
    assert parser.blocks().options["html"] and parser.inline_spans().options["html"]  # HTML is markup to segment
    assert not parser.rendering().options["html"]  # and text on a page: escaped
