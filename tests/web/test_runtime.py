"""The serving process's collector settings (``casebook.web.runtime``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from casebook.web import runtime


@pytest.fixture
def collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("collector")
def test_objects_built_at_start_are_frozen_and_young_ones_collected_less_often() -> None:
    before = gc.get_threshold()
    kept_at_start = [object() for _ in range(10)]
    runtime.settle_collector()
    assert gc.get_freeze_count() >= len(kept_at_start)
    assert gc.get_threshold() == (runtime.YOUNG_THRESHOLD, before[1], before[2])
    assert gc.get_count()[0] < runtime.YOUNG_THRESHOLD
    assert gc.isenabled()  # garbage made by requests is still collected
