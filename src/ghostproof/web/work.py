"""The CPU work of a request, off the event loop: in a pool of worker processes forked after the spaCy pipelines
were built (each request starts warm, requests run side by side on all cores), with a time limit. A request that
runs over its limit, or a worker that dies, ends that pool: its processes are killed and a fresh one is forked, so
one hostile file never stalls the server."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from ..errors import E_TIMEOUT, E_WORKER, GhostproofError

T = TypeVar("T")


class Workers:
    """``size`` warmed processes (0: a thread of this process, for tests); :meth:`call` runs one function."""

    def __init__(self, size: int, timeout: float) -> None:
        self.size = size
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None
        self._started = False

    def start(self) -> None:
        """Build the pipelines here, once, then fork the workers (they inherit them) and start them all now; a
        second call does nothing."""
        from ..batch import warm, worker_pool

        if self._started:
            return
        self._started = True
        warm()
        if self.size > 0:
            self._pool = worker_pool(self.size)
            for f in [self._pool.submit(int) for _ in range(self.size)]:
                f.result()

    def stop(self, *, kill: bool = False) -> None:
        """End the workers: let them finish and exit (the server stops), or ``kill`` them at once (a stuck one)."""
        import threading

        from ..batch import stop_pool

        pool, self._pool, self._started = self._pool, None, False
        if pool is None:
            return
        if kill:
            stop_pool(pool)
            return
        # a clean shutdown joins the pool's manager thread (killed processes leave it to write to a closed pipe at
        # exit); a worker still busy after a few seconds is killed
        ending = threading.Thread(target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True}, daemon=True)
        ending.start()
        ending.join(5)
        if ending.is_alive():
            stop_pool(pool)

    def _restart(self) -> None:
        self.stop(kill=True)
        self.start()

    async def call(self, fn: Callable[..., T], *args: object, name: str = "") -> T:
        """``fn(*args)`` in a worker; a GhostproofError (E109, E108) when it runs over the limit or its worker dies.
        ``fn`` and its arguments must pickle (module-level functions, plain data)."""
        loop = asyncio.get_running_loop()
        if self._pool is None and self.size > 0:
            self.start()
        pool = self._pool  # None: the default thread pool of this process (workers=0)
        try:
            return await asyncio.wait_for(loop.run_in_executor(pool, functools.partial(fn, *args)), self.timeout)
        except TimeoutError:
            if pool is not None:  # the worker may be stuck: end it (a thread cannot be stopped; tests only)
                self._restart()
            raise GhostproofError(
                E_TIMEOUT,
                f"reading took longer than {self.timeout:g} seconds and was stopped",
                path=name or None,
                hint="read it with `ghostproof audit` in a terminal, or with a lower --max-size",
            ) from None
        except BrokenProcessPool:
            self._restart()
            raise GhostproofError(
                E_WORKER,
                "the process reading this file died (killed by a signal, e.g. when memory ran out)",
                path=name or None,
                hint="read it with `ghostproof audit` in a terminal to see what it needs",
            ) from None
