"""Small helpers for speed at scale (see docs/performance.md)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """Suspend the cyclic garbage collector while building many small acyclic objects.

    Loading 190 countries allocates millions of records, dicts and tuples; the
    collector's generation scans then cost as much as the work itself (build
    4.0 s → 3.2 s, projection 5.1 s → 2.9 s on the synthetic 190-country graph).
    Reference counting still frees everything; the collector is restored (if it
    was on) on exit, so cycles made meanwhile are collected later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
