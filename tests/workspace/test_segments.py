"""The segment cache: only what changed is segmented again, and the output never depends on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import operations
from pipeline.text import segment as segment_module
from pipeline.text.segment import segment
from pipeline.text.source import parse
from pipeline.workspace import segments
from pipeline.workspace.project import Project
from tests.conftest import make_project

TEXT = """\
# 標題
第一段。有兩句話。
第二段說：「好。」我們就出發了。

- 清單項目。**粗體。**

| 表格 | 儲存格。 |
|---|---|
| 甲。乙。 | 丙 |

![圖片的說明。](a.png)

[連結。][ref]後面還有一句。

[ref]: https://example.com
"""
LINES = 8  # lines to segment: a heading, three paragraph lines, a list item, two table rows, an image line
WRAPPED = "第一段的第一句。\n\n這一段寫在\n兩行上，一句話。第二句。\n\n最後一段。\n"


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts what is segmented: lines, hard-wrapped paragraphs, block-structure parses, and lines hashed."""
    calls: Counter[str] = Counter()

    def counting(name: str) -> None:
        original: Callable[..., Any] = getattr(segment_module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(segment_module, name, wrapper)

    for name in ("_split_line", "_wrapped", "_line_kinds", "_line_key"):
        counting(name)
    yield calls


def files(root: Path) -> dict[str, bytes]:
    """Every file the commands made, but the cache."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("locales", "build")
        if (root / folder).exists()
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def cache_file(root: Path) -> Path:
    return segments.path(root, "article")


def test_unchanged_source_is_not_segmented_again(tmp_path: Path, spy: Counter[str]) -> None:
    root = make_project(tmp_path / "p", TEXT)
    operations.extract(Project(root), jobs=1)
    assert spy["_split_line"] == LINES and spy["_line_kinds"] == 1  # every paragraph line, once
    assert cache_file(root).is_file()
    spy.clear()
    operations.update(Project(root), jobs=1)  # the template is current; the catalogs are new: the document is read
    assert spy == Counter()  # the whole-document entry: not even a line is hashed


def test_one_edited_paragraph_is_the_only_one_segmented_again(tmp_path: Path, spy: Counter[str]) -> None:
    root = make_project(tmp_path / "p", TEXT)
    operations.update(Project(root), jobs=1)
    source = root / "source" / "article.md"
    source.write_text(TEXT.replace("第一段。有兩句話。", "第一段。改了兩句話。"), encoding="utf-8")
    spy.clear()
    operations.update(Project(root), jobs=1)
    assert spy["_split_line"] == 1 and spy["_wrapped"] == 0
    assert spy["_line_kinds"] == 1  # the block structure of a changed text is parsed again, as a whole


def test_a_paragraph_inserted_above_leaves_the_others_reused(tmp_path: Path, spy: Counter[str]) -> None:
    root = make_project(tmp_path / "p", WRAPPED)
    operations.extract(Project(root), jobs=1)
    (root / "source" / "article.md").write_text("新的一段。\n\n" + WRAPPED, encoding="utf-8")
    spy.clear()
    operations.extract(Project(root), jobs=1)
    assert spy["_split_line"] == 1 and spy["_wrapped"] == 0  # the wrapped paragraph moved down two lines
    fresh = make_project(tmp_path / "q", "新的一段。\n\n" + WRAPPED)
    operations.extract(Project(fresh), jobs=1, force=True)
    assert files(root) == files(fresh)


def test_force_ignores_the_cache(tmp_path: Path, spy: Counter[str]) -> None:
    root = make_project(tmp_path / "p", TEXT)
    operations.extract(Project(root), jobs=1)
    spy.clear()
    operations.extract(Project(root), jobs=1, force=True)
    assert spy["_split_line"] == LINES


def test_a_run_that_writes_nothing_leaves_the_cache_alone(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", TEXT)
    operations.update(Project(root), jobs=1)
    before = cache_file(root).read_bytes()
    (root / "source" / "article.md").write_text(TEXT + "新的一段。\n", encoding="utf-8")
    operations.update(Project(root), dry_run=True, jobs=1)
    operations.extract(Project(root), check=True, jobs=1)
    assert cache_file(root).read_bytes() == before


def steps(root: Path, force: bool) -> dict[str, bytes]:
    """Build, edit two paragraphs (one hard-wrapped), add one, build again: what the files hold after each."""
    made = {}
    operations.build(Project(root), ("zh_Hans", "en"), formats=("md", "html"), jobs=1, force=force)
    made.update({f"1 {name}": data for name, data in files(root).items()})
    edited = WRAPPED.replace("兩行上", "兩行之上").replace("最後一段。", "最後一段。[連結。][ref]\n\n[ref]: x")
    (root / "source" / "article.md").write_text(TEXT + "\n" + edited, encoding="utf-8")
    operations.build(Project(root), ("zh_Hans", "en"), formats=("md", "html"), jobs=1, force=force)
    made.update({f"2 {name}": data for name, data in files(root).items()})
    return made


def test_output_is_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    cached = make_project(tmp_path / "cached", TEXT + "\n" + WRAPPED)
    forced = make_project(tmp_path / "forced", TEXT + "\n" + WRAPPED)
    assert steps(cached, force=False) == steps(forced, force=True)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-10] + b"0123456789",  # payload changed: its hash no longer matches
        lambda data: b"not a cache at all",
        lambda data: data.replace(b"cache\n1 ", b"cache\n9 ", 1),  # another format
        lambda data: b"",
    ],
    ids=["truncated", "payload", "foreign", "format", "empty"],
)
def test_a_damaged_cache_file_is_ignored_and_made_again(
    tmp_path: Path, spy: Counter[str], damage: Callable[[bytes], bytes]
) -> None:
    root = make_project(tmp_path / "p", TEXT)
    operations.extract(Project(root), jobs=1)
    expected = files(root)
    good = cache_file(root).read_bytes()
    cache_file(root).write_bytes(damage(good))
    (root / "locales" / "article.pot").unlink()
    spy.clear()
    operations.extract(Project(root), jobs=1)
    assert spy["_split_line"] == LINES  # nothing trusted
    assert files(root) == expected
    assert cache_file(root).read_bytes() == good  # made again


def test_another_environment_is_ignored(tmp_path: Path) -> None:
    memo = segments.open_memo(tmp_path, "doc", "first")
    memo.put(b"k" * 16, ("text",))
    memo.save()
    assert segments.open_memo(tmp_path, "doc", "first").get(b"k" * 16) == ("text",)
    assert segments.open_memo(tmp_path, "doc", "second").get(b"k" * 16) is None
    assert segments.open_memo(tmp_path, "doc", "first", fresh=True).get(b"k" * 16) is None


def test_entries_no_longer_used_are_dropped(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", TEXT)
    operations.extract(Project(root), jobs=1)
    size = len(_entries(root))
    for word in ("一", "二", "三"):  # the first paragraph edited three times over
        (root / "source" / "article.md").write_text(TEXT.replace("有兩句話", f"有{word}句話"), encoding="utf-8")
        operations.extract(Project(root), jobs=1)
        assert len(_entries(root)) == size


def _entries(root: Path) -> dict[bytes, Any]:
    return segments._entries(cache_file(root).read_bytes(), Project(root).segment_environment)


class _Memo(dict[bytes, Any]):
    def put(self, key: bytes, value: Any) -> None:
        self[key] = value


_LINE = st.text(
    alphabet=st.sampled_from(list("甲乙丙丁。！？「」『』（）《》：，ab.!? *_[]()`#>-|1\t")), max_size=30
).map(lambda s: s.replace("\n", ""))
_DOCUMENT = st.lists(_LINE, max_size=8)


@given(_DOCUMENT, _DOCUMENT, st.booleans())
def test_segmenting_with_a_memo_gives_what_segmenting_without_gives(
    before: list[str], after: list[str], blank_lines: bool
) -> None:
    """A memo filled by one text and reused for another (edited, moved lines) changes nothing."""
    join = "\n\n" if blank_lines else "\n"
    memo = _Memo()
    first = parse(join.join(before) + "\n", Path("a.md"), "a")
    assert segment(first, memo=memo) == segment(first)
    assert segment(first, memo=memo) == segment(first)  # from the memo alone
    second = parse(join.join([*after, *before]) + "\n", Path("a.md"), "a")
    assert segment(second, memo=memo) == segment(second)


def test_the_files_of_documents_that_are_gone_are_deleted(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", TEXT)
    (root / "source" / "other.md").write_text("另一份文件。\n", encoding="utf-8")
    operations.extract(Project(root), jobs=1)
    assert segments.path(root, "other").is_file()
    (root / "source" / "other.md").rename(root / "source" / "renamed.md")
    operations.extract(Project(root), check=True, jobs=1)  # writes nothing: deletes nothing
    assert segments.path(root, "other").is_file()
    operations.extract(Project(root), jobs=1)
    assert not segments.path(root, "other").exists()
    assert segments.path(root, "renamed").is_file() and cache_file(root).is_file()


def test_a_document_entry_missing_a_line_entry_is_not_trusted() -> None:
    """The whole-document entry lists its lines' entries: one gone, the document is segmented again."""
    memo = _Memo()
    source = parse(TEXT, Path("a.md"), "a")
    expected = segment(source, memo=memo)
    line_entries = [key for key, value in memo.items() if isinstance(value, tuple) and value[0] == "spans"]
    del memo[line_entries[0]]
    assert segment(source, memo=memo) == expected == segment(source)
    assert line_entries[0] in memo  # made again


def test_the_same_lines_with_other_line_endings_are_another_document() -> None:
    memo = _Memo()
    unix = parse(WRAPPED, Path("a.md"), "a")
    windows = parse(WRAPPED.replace("\n", "\r\n"), Path("a.md"), "a")
    assert segment(unix, memo=memo) == segment(unix)
    assert segment(windows, memo=memo) == segment(windows)  # the wrapped paragraph holds its line endings
