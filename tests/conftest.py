"""Shared fixtures: a throw-away project folder with the real article in it; the browser of the browser tests."""

from __future__ import annotations

import compileall
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests import browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Hypothesis times each example (deadline, 200 ms) and its data generation (too_slow): clocks
# that fail on a busy machine, not on wrong code. The suite asserts no wall-clock time.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "source" / "article.md"
FIXED_DATE = "1767225600"  # 2026-01-01 00:00 UTC, so that generated headers are reproducible

SETTINGS = """\
[tool.article-l10n]
source_dir = "source"
locales_dir = "locales"
build_dir = "build"
source_language = "zh_Hant"
granularity = "{granularity}"

[tool.article-l10n.languages.zh_Hans]
converter = "tw2s"
punctuation = "fullwidth"
min_percent = 100

[tool.article-l10n.languages.en]
min_percent = 0
"""


def piece_lists(
    named: Sequence[str], chars: st.SearchStrategy[str], max_pieces: int | None, longest: int, nonempty: bool = False
) -> st.SearchStrategy[list[str]]:
    """Lists of pieces, each one of ``named`` or a text of up to ``longest`` ``chars`` (as likely),
    drawn in two choices: a plan (one character per piece) and the characters the texts share.

    What ``st.lists(st.one_of(st.sampled_from(named), st.text(chars, max_size=longest)))`` gives,
    every such list included, at a fraction of the cost: hypothesis pays for every choice it
    records (three per piece there), and generation was most of the property tests' time.
    ``nonempty``: at least one piece, and texts of at least one character while ``fill`` lasts.
    """
    codes = [chr(0x41 + i) for i in range(2 * len(named))]  # named[i], then text slots of lengths 0..longest

    def build(plan: str, fill: str) -> list[str]:
        pieces, taken = [], 0
        for code in plan:
            i = ord(code) - 0x41
            if i < len(named):
                pieces.append(named[i])
            else:
                size = (i - len(named)) % (longest + 1)
                size = max(size, 1) if nonempty else size
                pieces.append(fill[taken : taken + size])
                taken += size
        return pieces

    fill_size = None if max_pieces is None else max_pieces * longest
    return st.builds(
        build,
        st.text(codes, min_size=1 if nonempty else 0, max_size=max_pieces),
        st.text(chars, min_size=1 if nonempty else 0, max_size=fill_size),
    )


def pytest_configure(config: pytest.Config) -> None:
    """Compile the project once, before the workers start, where PYTHONDONTWRITEBYTECODE is set.

    Without cached bytecode every worker and every ``python cli.py`` a test starts compiles
    the package again (about 10% of the suite's CPU time, measured); a read-only checkout
    just goes without.
    """
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the controller did it
        return
    for folder in ("pipeline", "commands"):
        compileall.compile_dir(ROOT / folder, quiet=2)
    compileall.compile_file(ROOT / "cli.py", quiet=2)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files in tests/golden from the current output (review the diff!).",
    )


def make_project(root: Path, text: str | None = None, granularity: str = "sentence") -> Path:
    """A project in ``root``: settings plus ``source/article.md`` (the real article by default)."""
    (root / "source").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(SETTINGS.format(granularity=granularity), encoding="utf-8")
    if text is None:
        shutil.copyfile(ARTICLE, root / "source" / "article.md")
    else:
        (root / "source" / "article.md").write_bytes(text.encode("utf-8"))
    return root


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)


MakeProject = Callable[..., Path]


@pytest.fixture
def new_project(tmp_path: Path) -> MakeProject:
    """``new_project(text=None, granularity="sentence")``: a fresh project below tmp_path."""
    counter = iter(range(1_000_000))

    def make(text: str | None = None, granularity: str = "sentence") -> Path:
        return make_project(tmp_path / f"project{next(counter)}", text, granularity)

    return make


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """The system Chromium under Playwright, one per test process, shared by every browser test (tests/browser.py).

    Skips (or fails, under ARTICLE_L10N_REQUIRE_BROWSER=1) where there is none: every test asking for it, once.
    """
    with browser.launch() as launched:
        yield launched
