"""The linear-time helper itself: it passes linear work and catches quadratic work."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.scaling import FACTOR, LINEAR_BOUND, assert_linear

BACKTRACKING = re.compile(r"a*b")  # on "aaa…" with no b: every start scans to the end, O(n²)


def linear_scan(n: int) -> Callable[[], object]:
    text = "a" * n
    return lambda: sum(1 for c in text if c == "a")


def quadratic_search(n: int) -> Callable[[], object]:
    text = "a" * n
    return lambda: BACKTRACKING.search(text)


def test_linear_work_passes() -> None:
    assert_linear(linear_scan, 50_000, "a scan")


def test_quadratic_work_is_caught() -> None:
    with pytest.raises(AssertionError, match=f"a backtracking search: {FACTOR}x the input took") as caught:
        assert_linear(quadratic_search, 1_000, "a backtracking search")
    ratio = float(str(caught.value).split(" the input took ")[1].split("x")[0])
    assert ratio > LINEAR_BOUND
