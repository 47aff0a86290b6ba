"""Pausing the cyclic garbage collector while long-lived rule structures are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the long-lived rule structures and tables.

    Building them makes no garbage, but the hundred thousand objects they take set off collections that each
    walk everything built so far: with the collector on, building the pipeline took about 0.15 s longer."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
