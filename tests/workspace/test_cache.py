"""The incremental cache: an unchanged document is skipped, and a change to anything an output
depends on makes it again.

The oracle for "the cache never makes output wrong": after a build that used the cache, a
``--force`` build (which ignores it) must change nothing at all.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import pipeline
from cli import main
from pipeline import operations
from pipeline.po import file as po_file
from pipeline.po.write import render
from pipeline.workspace import cache, fs
from pipeline.workspace.project import Project
from tests.conftest import make_project

AI_RACE = "可現在,風向變了。\n但中國AI不嫌棄。\n"
NOTES = "# 註記\n硅谷的邏輯一向是“大力出奇跡”。\n可現在,風向變了。\n"
PLAIN = "這是一份純文字的說明。\n"
LANGUAGES = ("zh_Hans", "en")


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def build(root: Path, force: bool = False) -> operations.BuildResult:
    return operations.build(Project(root), LANGUAGES, formats=operations.FORMATS, force=force)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the project but the cache, with its bytes and mtime."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and cache.FOLDER not in p.parts
    }


def assert_current(root: Path) -> None:
    """Nothing the cache let a build skip was out of date: a forced build changes nothing."""
    before = snapshot(root)
    forced = build(root, force=True)
    assert forced.stats is not None and forced.stats.cached == 0
    assert snapshot(root) == before


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "site", text=NOTES)
    (root / "source" / "news").mkdir()
    (root / "source" / "news" / "ai-race.md").write_text(AI_RACE, encoding="utf-8")
    (root / "source" / "readme.txt").write_text(PLAIN, encoding="utf-8")
    result = build(root)
    assert result.stats == operations.RunStats(3, 0, 3, 1)
    return root


def test_an_unchanged_project_is_skipped_and_reports_the_same(site: Path) -> None:
    before = snapshot(site)
    again = build(site)
    assert again.stats == operations.RunStats(3, 3, 0, 1)
    assert snapshot(site) == before
    forced = build(site, force=True)
    assert forced.stats == operations.RunStats(3, 0, 3, 1)
    assert (again.documents, again.catalogs) == (forced.documents, forced.catalogs)
    assert snapshot(site) == before
    for command in (["build", "--all", "--format", "all"], ["update"], ["extract"]):
        assert run(site, *command).output == run(site, *command, "--force").output, command


def _translate(site: Path) -> None:
    po = site / "locales/en/LC_MESSAGES/news/ai-race.po"
    cat = po_file.read(po)
    entries = tuple(replace(e, msgstr="But now the wind has changed.") if "風向" in e.msgid else e for e in cat.entries)
    po.write_text(render(replace(cat, entries=entries)), encoding="utf-8")


def _translate_readme(site: Path) -> None:
    po = site / "locales/en/LC_MESSAGES/readme.po"
    cat = po_file.read(po)
    entries = tuple(replace(e, msgstr="A plain-text note.") if e.msgid == PLAIN.strip() else e for e in cat.entries)
    po.write_text(render(replace(cat, entries=entries)), encoding="utf-8")


def _same_size_edit(site: Path, keep_times: bool = False) -> None:
    path = site / "source/news/ai-race.md"
    times = path.stat()
    path.write_text(AI_RACE.replace("風向", "風口"), encoding="utf-8")  # the same number of bytes
    if keep_times:
        os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))


def _settings(site: Path) -> None:
    settings = site / "pyproject.toml"
    settings.write_text(settings.read_text().replace('punctuation = "fullwidth"', 'punctuation = "keep"'))


def _glossary(site: Path) -> None:
    (site / "locales" / "glossary.csv").write_text("source,language,target,note\n硅谷,en,Silicon Valley,\n")


CHANGES: dict[str, tuple[Callable[[Path], object], int]] = {
    # what changes: (how, documents processed again)
    "source, same size": (_same_size_edit, 1),
    "source, same size and mtime": (lambda site: _same_size_edit(site, keep_times=True), 1),
    # The sentence is also in article.md, whose blank entry the memory now fills: merged again too.
    "catalog translated": (_translate, 2),
    "catalog translated, sentence in no other document": (_translate_readme, 1),
    "catalog deleted": (lambda site: (site / "locales/zh_Hans/LC_MESSAGES/readme.po").unlink(), 1),
    "template edited": (lambda site: (site / "locales/article.pot").write_text("# mine\n", encoding="utf-8"), 1),
    "edition edited": (lambda site: (site / "build/en/readme.txt").write_text("x", encoding="utf-8"), 1),
    "page deleted": (lambda site: (site / "build/zh_Hans/news/ai-race.html").unlink(), 1),
    "settings": (_settings, 3),
    "glossary": (_glossary, 3),
    "document added": (lambda site: (site / "source/new.md").write_text("新的一句話。\n", encoding="utf-8"), 1),
    "document removed": (lambda site: (site / "source/readme.txt").unlink(), 0),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_any_input_makes_its_outputs_again(site: Path, change: str) -> None:
    how, processed = CHANGES[change]
    how(site)
    result = build(site)
    assert result.stats is not None and result.stats.processed == processed
    assert_current(site)


def test_changes_reach_the_editions(site: Path) -> None:
    _translate(site)
    build(site)
    english = site / "build/en/news/ai-race.md"
    assert english.read_text(encoding="utf-8") == "But now the wind has changed.\n\n但中國AI不嫌棄。\n"
    _same_size_edit(site, keep_times=True)
    build(site)
    simplified = site / "build/zh_Hans/news/ai-race.md"
    assert simplified.read_text(encoding="utf-8") == "可现在，风口变了。\n\n但中国AI不嫌弃。\n"
    assert english.read_text(encoding="utf-8") == "可現在,風口變了。\n\n但中國AI不嫌棄。\n"  # fuzzy now: the source


def test_the_cache_ignores_itself_and_may_be_deleted_or_damaged(site: Path) -> None:
    folder = site / cache.FOLDER
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    (folder / cache.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert build(site).stats == operations.RunStats(3, 0, 3, 1)
    assert json.loads((folder / cache.FILE_NAME).read_text())["format"] == cache.FORMAT
    shutil.rmtree(folder)
    assert build(site).stats == operations.RunStats(3, 0, 3, 1)
    assert build(site).stats == operations.RunStats(3, 3, 0, 1)


def test_a_new_version_of_the_code_or_a_library_is_a_new_environment(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Project(site).config
    code = tmp_path / "code"
    shutil.copytree(cache.PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    first = cache.environment(config, package=code)
    assert cache.environment(config, package=code) == first
    merge_py = code / "l10n" / "merge.py"
    merge_py.write_bytes(merge_py.read_bytes() + b"\n")
    assert cache.environment(config, package=code) != first
    second = cache.environment(config, package=code)
    update_py = code / "operations" / "update.py"  # a subpackage's code counts too
    update_py.write_bytes(update_py.read_bytes() + b"\n")
    assert cache.environment(config, package=code) != second
    before = cache.environment(config)
    _install(tmp_path / "site", "opencc", "99")  # a newer OpenCC, found first on sys.path
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert cache.environment(config) != before
    assert build(site).stats == operations.RunStats(3, 0, 3, 1)
    monkeypatch.undo()
    monkeypatch.setattr(cache, "__version__", pipeline.__version__ + ".dev1")
    assert build(site).stats == operations.RunStats(3, 0, 3, 1)


def test_a_file_changed_just_before_it_was_looked_at_is_hashed_again(site: Path) -> None:
    path = site / "source" / "readme.txt"
    path.write_text(PLAIN, encoding="utf-8")  # changed now: its signature cannot be trusted yet
    store = cache.Cache(site, "environment")
    assert store.current("source/readme.txt") == fs.digest(PLAIN.encode())
    assert store._known["source/readme.txt"][1] is None
    old = path.stat().st_mtime_ns - 10 * cache.RACY_NS
    os.utime(path, ns=(old, old))
    store = cache.Cache(site, "environment")
    store.current("source/readme.txt")
    assert store._known["source/readme.txt"][1] is None  # utime changed its ctime: still too recent
    written = cache.Cache(site, "environment")
    written.wrote("source/readme.txt")
    written.record(cache.Fact("source/readme.txt", fs.digest(PLAIN.encode()), {}))
    assert written._known["source/readme.txt"][1] is not None  # this run wrote it: the signature is its own


def test_check_and_dry_runs_write_no_cache(tmp_path: Path) -> None:
    """Runs that write nothing record nothing; check records only what it verified: the documents
    it found current (as an update that found nothing to write would) and its verdicts."""
    root = make_project(tmp_path / "p", text=AI_RACE)
    assert run(root, "update", "--dry-run").exit_code == 0
    assert run(root, "extract", "--check").exit_code == 1
    assert run(root, "check").exit_code == 1
    assert not (root / cache.FOLDER).exists()  # nothing current, no catalog checked: nothing kept
    assert run(root, "update").exit_code == 0
    shutil.rmtree(root / cache.FOLDER)
    assert run(root, "check").exit_code == 0
    kept = json.loads((root / cache.FOLDER / cache.FILE_NAME).read_text(encoding="utf-8"))
    assert sorted(kept["facts"]) == sorted(
        ["locales/article.pot", *(f"locales/{c}/LC_MESSAGES/article.po" for c in LANGUAGES)]
    )
    assert (root / cache.FOLDER / cache.CHECKS_NAME).is_file()
    assert run(root, "status").exit_code == 0


def _install(site: Path, name: str, version: str, suffix: str = ".dist-info") -> None:
    """A distribution's metadata folder, as pip leaves it in ``site``."""
    folder = site / f"{name}-{version}{suffix}"
    folder.mkdir(parents=True)
    (folder / ("METADATA" if suffix == ".dist-info" else "PKG-INFO")).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )


def test_the_library_versions_are_importlib_metadatas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from the folder names, without loading importlib.metadata: the same answers, sys.path order and all."""
    names = (*cache.LIBRARIES, "click", "Babel", "markdown_it.py", "no-such-library")

    def asked() -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for name in names:
            try:
                found[name] = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                found[name] = None
        return found

    assert cache.library_versions(names) == asked()
    assert cache.library_versions(["no-such-library"]) == {"no-such-library": None}
    _install(tmp_path / "first", "rapidfuzz", "0.1")
    _install(tmp_path / "first", "polib", "7.0", ".egg-info")  # an egg: its version is read from its metadata
    _install(tmp_path / "first", "Markdown_It_Py", "9.9")  # named as older tools did
    _install(tmp_path / "later", "babel", "1.0")  # behind the real one: not the one imported
    monkeypatch.setattr(sys, "path", [str(tmp_path / "first"), *sys.path, str(tmp_path / "later")])
    importlib.invalidate_caches()
    found = cache.library_versions(names)
    assert found == asked()
    assert (found["rapidfuzz"], found["polib"], found["markdown-it-py"]) == ("0.1", "7.0", "9.9")
    assert found["babel"] != "1.0"
