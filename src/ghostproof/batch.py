"""Auditing many contracts: expand paths, folders and globs; run in ``jobs`` processes; keep going past bad files.

Results come back in input order. A file that cannot be read becomes an :class:`Outcome` with an error line,
never an exception, so one broken contract does not stop a batch of a hundred.
"""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import E_BAD_OPTION, E_BUG, E_NO_CONTRACTS, E_NOT_FOUND, E_WORKER, GhostproofError
from .findings import AuditResult
from .ingest import DEFAULT_READING, Reading

#: file endings a folder is searched for (a file named on the command line is read whatever its name)
CONTRACT_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".md", ".markdown", ".text"})
#: files a folder scan passes over: project documentation, not contracts (name them explicitly to read them)
_NOT_CONTRACTS = ("readme", "changelog", "license", "licence", "contributing")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Outcome:
    """One input: its audit result (and text, when asked for) or the one-line error that stopped it."""

    path: str
    result: AuditResult | None = None
    text: str | None = None
    error: str | None = None


def _is_contract_file(p: Path) -> bool:
    name = p.name
    return (
        p.suffix.lower() in CONTRACT_SUFFIXES
        and not name.startswith((".", "~$"))  # hidden files, Word lock files
        and not name.lower().startswith(_NOT_CONTRACTS)
        and p.is_file()
    )


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if _is_contract_file(p):
                yield p


def collect(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[Outcome]]:
    """Expand the command line's paths into contract files (folders recursively, globs) and errors."""
    found: list[Path] = []
    errors: list[Outcome] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            found.append(p)

    for raw in paths:
        text = os.fspath(raw)
        p = Path(text)
        if p.is_dir():
            files = list(_walk(p))
            if not files:
                errors.append(
                    Outcome(
                        text,
                        error=GhostproofError(
                            E_NO_CONTRACTS,
                            "no contract files in this folder",
                            path=text,
                            hint="ghostproof reads .pdf, .docx, .txt and .md files",
                        ).line(),
                    )
                )
            for f in files:
                add(f)
        elif not p.exists() and _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            for d in (Path(m) for m in matches if Path(m).is_dir()):
                files.extend(_walk(d))
            if not files:
                errors.append(
                    Outcome(
                        text,
                        error=GhostproofError(
                            E_NOT_FOUND, "no file matches this pattern", path=text, hint="check the pattern"
                        ).line(),
                    )
                )
            for f in files:
                add(f)
        else:
            add(p)  # a missing or odd file is reported by the reader with its own code
    return found, errors


@dataclass(frozen=True)
class Job:
    path: str
    reading: Reading
    keep_text: bool


def audit_one(job: Job) -> Outcome:
    from .detect import audit_document

    try:
        document = job.reading.load(job.path)
        result = audit_document(document)
    except GhostproofError as err:
        return Outcome(job.path, error=err.line())
    except Exception as exc:  # one bad file must not end the batch; the CLI turns this into exit 2
        if os.environ.get("GHOSTPROOF_DEBUG"):
            raise
        return Outcome(
            job.path,
            error=f"error[{E_BUG}]: {job.path}: unexpected {type(exc).__name__}: {exc} — this is a bug in ghostproof; "
            "rerun with GHOSTPROOF_DEBUG=1 and report the traceback",
        )
    return Outcome(job.path, result=result, text=document.text if job.keep_text else None)


def warm() -> None:
    from .detect.pipeline import pipeline
    from .detect.rules import load_rules

    for lang in ("en", "de"):
        load_rules(lang)
        pipeline(lang)


def run(
    files: Sequence[Path],
    *,
    reading: Reading = DEFAULT_READING,
    jobs: int = 1,
    keep_text: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Audit ``files`` in ``jobs`` processes; ``on_done`` is called as each finishes; results in input order."""
    if jobs < 1:
        raise GhostproofError(E_BAD_OPTION, f"--jobs must be 1 or more, not {jobs}")
    work = [Job(str(f), reading, keep_text) for f in files]
    if jobs == 1 or len(work) < 2:
        out = []
        for job in work:
            outcome = audit_one(job)
            if on_done:
                on_done(outcome)
            out.append(outcome)
        return out
    # fork after loading the pipelines once: workers share them and start in milliseconds
    warm()
    results: dict[int, Outcome] = {}

    def done(i: int, outcome: Outcome) -> None:
        results[i] = outcome
        if on_done:
            on_done(outcome)

    pending = list(range(len(work)))
    broken = _parallel(work, pending, min(jobs, len(work)), done)
    # a worker died (killed, e.g. out of memory): the files it may have been reading are read again one at a time,
    # each in a fresh worker if need be, so the file that kills a worker is named and the rest still get read
    for i in broken:
        if i not in results:
            _solo(work, i, done)
    return [results[i] for i in range(len(work))]


def _worker_init(parent: int) -> None:
    """In each worker: die with the parent (a parent-death signal on Linux, and a watcher everywhere), and leave
    Ctrl-C and SIGTERM to the parent, which stops the workers itself."""
    import signal
    import sys
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - an unusual libc: the watcher below still works
            pass
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="ghostproof-parent-watch", daemon=True).start()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (Ctrl-C, SIGTERM, a dead worker)."""
    pool.shutdown(wait=False, cancel_futures=True)
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.join(timeout=5)


def _parallel(work: list[Job], pending: list[int], workers: int, done: Callable[[int, Outcome], None]) -> list[int]:
    """Run ``pending`` jobs in a pool; returns the jobs left unfinished when a worker died (empty otherwise)."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    pool = worker_pool(workers)
    delivered: set[int] = set()
    try:
        futures = {pool.submit(audit_one, work[i]): i for i in pending}
        for fut in as_completed(futures):
            try:
                outcome = fut.result()
            except BrokenProcessPool:
                break
            done(futures[fut], outcome)
            delivered.add(futures[fut])
        else:
            return []
        # the pool broke: keep what finished, hand back the rest
        unfinished = []
        for fut, i in futures.items():
            if i in delivered:
                continue
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                done(i, fut.result())
            else:
                unfinished.append(i)
        return unfinished
    finally:
        stop_pool(pool)


def _solo(work: list[Job], i: int, done: Callable[[int, Outcome], None]) -> None:
    """One job in a worker of its own: if that worker dies, this file is the one that killed it."""
    from concurrent.futures.process import BrokenProcessPool

    pool = worker_pool(1)
    try:
        outcome = pool.submit(audit_one, work[i]).result()
    except BrokenProcessPool:
        path = work[i].path
        outcome = Outcome(
            path,
            error=GhostproofError(
                E_WORKER,
                "the process reading this file died (killed by a signal, e.g. when memory ran out)",
                path=path,
                hint="read it alone (without --jobs) or with a lower --max-size to see what it needs",
            ).line(),
        )
    finally:
        stop_pool(pool)
    done(i, outcome)
