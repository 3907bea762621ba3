"""Start-up: ``update`` imports what it uses only (issue 14: the command as users run it is timed).

Checked in a fresh interpreter by the modules loaded, not by time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_project

ROOT = Path(__file__).resolve().parents[2]
UNUSED_BY_UPDATE = (
    "jinja2",
    "lxml",
    "starlette",
    "pipeline.editions",
    "pipeline.exchange",
    "pipeline.workbench",
    "pipeline.qa",
    "pipeline.operations.build",
    "pipeline.operations.check",
    "pipeline.operations.review",
)
PROBE = """
import json, sys
sys.path.insert(0, {root!r})
from cli import main
try:
    main({args!r}, standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)))
"""


def loaded(*args: str) -> set[str]:
    probe = PROBE.format(root=str(ROOT), args=list(args))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


# What extract of plain prose (paragraphs, headings, image lines) does not need: the merge and
# its fuzzy matching, worker processes (one document), any Markdown parser, filelock (the lock
# takes flock itself) (docs/architecture.md).
UNUSED_BY_EXTRACT = (
    "pipeline.l10n.merge",
    "pipeline.l10n.match",
    "rapidfuzz",
    "concurrent.futures.process",
    "multiprocessing",
    "markdown_it",
    "filelock",
    *UNUSED_BY_UPDATE,
)


def test_extract_of_plain_prose_loads_no_merge_no_pool_and_no_markdown_parser(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p", text="# 標題\n\n可現在,風向變了。第二句。\n\n![]()\n\n## 小標題\n\n2026年，最後一句。\n"
    )
    modules = loaded("--project", str(root), "extract", "-q")
    assert "pipeline.text.segment" in modules and (root / "locales" / "article.pot").is_file()  # it did extract
    assert not {m for m in modules if m in UNUSED_BY_EXTRACT or m.startswith(tuple(f"{u}." for u in UNUSED_BY_EXTRACT))}


def test_a_document_with_markup_loads_the_markdown_parser(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text="- 清單。**粗體。**\n")
    assert "markdown_it" in loaded("--project", str(root), "extract", "-q")


def test_update_imports_no_module_it_does_not_use(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text="可現在,風向變了。\n")
    modules = loaded("--project", str(root), "update", "--lang", "en", "-q")
    assert "pipeline.l10n.merge" in modules  # it did merge
    assert (root / "locales" / "en" / "LC_MESSAGES" / "article.po").is_file()
    assert not {m for m in modules if m in UNUSED_BY_UPDATE or m.startswith(tuple(f"{u}." for u in UNUSED_BY_UPDATE))}


# What update of an existing catalog does not need once extract has made the template (its record
# stands in for it): the segmenter and Markdown parser, babel's plural rules (a new catalog's
# header), importlib.metadata (the cache's library versions are read from folder names), and for
# a language with no converter, the machine fill's typography and Markdown spans.
UNUSED_BY_UPDATE_AFTER_EXTRACT = (
    "pipeline.text.segment",
    "pipeline.text.sentences",
    "pipeline.text.damage",
    "pipeline.l10n.convert",
    "pipeline.markdown",
    "markdown_it",
    "babel.messages",
    "importlib.metadata",
    "email",
    "polib",  # .mo files only
    *UNUSED_BY_UPDATE,
)


def test_update_after_extract_loads_no_segmenter_nor_plural_rules_nor_metadata_reader(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text="可現在,風向變了。\n\n- 清單。**粗體。**\n")
    loaded("--project", str(root), "update", "--lang", "en", "-q")  # the catalog exists
    edited = "可現在,風向變了。\n\n- 清單。**粗體！**\n新的一句。\n"
    (root / "source" / "article.md").write_text(edited, encoding="utf-8")
    loaded("--project", str(root), "extract", "-q")
    catalog = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    before = catalog.read_bytes()
    modules = loaded("--project", str(root), "update", "--lang", "en", "-q")
    assert "pipeline.l10n.merge" in modules and catalog.read_bytes() != before  # it did merge the new template
    assert "新的一句" in catalog.read_text(encoding="utf-8")
    unused = UNUSED_BY_UPDATE_AFTER_EXTRACT
    assert not {m for m in modules if m in unused or m.startswith(tuple(f"{u}." for u in unused))}


def test_the_help_loads_no_command() -> None:
    modules = loaded("--help")
    assert not {m for m in modules if m.startswith("pipeline.operations.") or m.startswith("pipeline.editions")}
