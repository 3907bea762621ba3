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
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("jinja2", "lxml", "starlette", "pipeline"))))
"""


def loaded(*args: str) -> set[str]:
    probe = PROBE.format(root=str(ROOT), args=list(args))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_update_imports_no_module_it_does_not_use(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text="可現在,風向變了。\n")
    modules = loaded("--project", str(root), "update", "--lang", "en", "-q")
    assert "pipeline.l10n.merge" in modules  # it did merge
    assert (root / "locales" / "en" / "LC_MESSAGES" / "article.po").is_file()
    assert not {m for m in modules if m in UNUSED_BY_UPDATE or m.startswith(tuple(f"{u}." for u in UNUSED_BY_UPDATE))}


def test_the_help_loads_no_command() -> None:
    modules = loaded("--help")
    assert not {m for m in modules if m.startswith("pipeline.operations.") or m.startswith("pipeline.editions")}
