"""One big document segmented on two processes gives what one process gives."""

from __future__ import annotations

import functools
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from pipeline import forked
from pipeline.text import halves
from pipeline.text import segment as segment_module
from pipeline.text.model import Document
from pipeline.text.segment import segment
from pipeline.text.source import Source, parse

PIECES = [
    "第一句。第二句！第三句？",
    "他說：「好。」我們就出發了。",
    "# 標題",
    "- 清單項目。**粗體。**",
    "| 表格 | 儲存格。 |",
    "![圖片的說明。](a.png)",
    "Mr. Smith went home. Then he slept.",
    "這一段寫在",
    "兩行上，一句話。第二句。",
    "[連結。][ref]後面還有一句。",
]


def _text(lines: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    body = [rng.choice(PIECES) + str(rng.randrange(10**9)) for _ in range(lines)]
    return "\n\n".join(body) + "\n\n[ref]: https://example.com\n"


class _Memo(dict[bytes, Any]):
    def put(self, key: bytes, value: Any) -> None:
        self[key] = value


@pytest.fixture
def split_lines(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the lines this process splits into segments."""
    calls: Counter[str] = Counter()
    original: Callable[..., Any] = segment_module._split_line

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls["lines"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(segment_module, "_split_line", counted)
    return calls


class _Alone(NamedTuple):
    source: Source
    segmented: Document
    memo: _Memo
    lines_split: int
    lines_hashed: int


@functools.cache
def _alone() -> _Alone:
    """The big document segmented on this process alone, with the lines it split and hashed doing so.

    Made once per test process and only read: the tests below compare two processes with this
    one (it was made again in each of them: a third of this module's CPU time).
    """
    source = parse(_text(3 * halves.MIN_LINES), Path("a.md"), "a")
    calls: Counter[str] = Counter()
    split_line: Callable[..., Any] = segment_module._split_line
    line_key: Callable[..., Any] = segment_module._line_key

    def split_counted(*args: Any, **kwargs: Any) -> Any:
        calls["split"] += 1
        return split_line(*args, **kwargs)

    def key_counted(*args: Any) -> Any:
        calls["hashed"] += 1
        return line_key(*args)

    memo = _Memo()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segment_module, "_split_line", split_counted)
        patch.setattr(segment_module, "_line_key", key_counted)
        segmented = segment(source, memo=memo)
    return _Alone(source, segmented, memo, calls["split"], calls["hashed"])


def test_two_processes_give_what_one_gives_and_share_the_work(split_lines: Counter[str]) -> None:
    alone = _alone()
    split_lines.clear()  # made here, the alone run was counted too
    shared = _Memo()
    assert segment(alone.source, memo=shared, helpers=1) == alone.segmented
    assert shared == alone.memo  # the memo (the segment cache) gets the same entries
    assert split_lines["lines"] < 0.6 * alone.lines_split  # the second half was split by the other process


def test_a_failed_helper_changes_nothing_but_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    source, expected = _alone().source, _alone().segmented

    start = forked.start

    def failing(function: Callable[[], Any]) -> forked.Forked | None:
        return start(lambda: 1 / 0)

    monkeypatch.setattr(forked, "start", failing)
    assert segment(source, memo=_Memo(), helpers=1) == expected


def test_a_small_document_is_not_shared(split_lines: Counter[str]) -> None:
    source = parse(_text(halves.MIN_LINES // 4), Path("a.md"), "a")
    segment(source, memo=_Memo())
    alone = split_lines["lines"]
    split_lines.clear()
    segment(source, memo=_Memo(), helpers=1)
    assert split_lines["lines"] == alone


def test_the_second_half_is_not_hashed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked process sends its lines' memo keys with its entries: this process hashes its own half."""
    alone = _alone()
    hashed: Counter[str] = Counter()
    original: Callable[..., Any] = segment_module._line_key

    def counted(*args: Any) -> Any:
        hashed["lines"] += 1
        return original(*args)

    monkeypatch.setattr(segment_module, "_line_key", counted)
    segment(alone.source, memo=_Memo(), helpers=1)
    assert 0 < hashed["lines"] < 0.6 * alone.lines_hashed
