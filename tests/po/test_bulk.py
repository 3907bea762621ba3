"""The collector pause around bulk work: it always comes back as it was."""

from __future__ import annotations

import gc

import pytest

from pipeline.bulk import paused_gc


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the inner block must not turn it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error_and_left_off_if_it_was_off() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_works_as_a_decorator() -> None:
    @paused_gc()
    def state() -> bool:
        return gc.isenabled()

    assert state() is False
    assert gc.isenabled()


def test_in_a_command_what_a_bulk_section_leaves_is_frozen_until_the_command_ends() -> None:
    """``frozen_survivors``: the records a section made are not walked by the collector again (issue 14)."""
    from pipeline.bulk import frozen_survivors, keep_collecting

    assert gc.get_freeze_count() == 0
    with paused_gc():
        kept = [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0  # outside a command: nothing frozen
    with frozen_survivors():
        with paused_gc():
            kept = [[] for _ in range(10)]
        assert gc.get_freeze_count() >= len(kept)
        assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # given back at the end
    with frozen_survivors():
        keep_collecting()  # a server: sections freeze nothing
        with paused_gc():
            kept = [[] for _ in range(10)]
        assert gc.get_freeze_count() == 0
