"""Auditing many contracts: expand paths, folders and globs; run in ``jobs`` processes; keep going past bad files.

Results come back in input order. A file that cannot be read becomes an :class:`Outcome` with an error line,
never an exception, so one broken contract does not stop a batch of a hundred.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import E_BAD_OPTION, E_BUG, E_NO_CONTRACTS, E_NOT_FOUND, GhostproofError
from .findings import AuditResult

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
class _Job:
    path: str
    password: str | None
    lang: str | None
    max_size: int | None
    keep_text: bool


def _audit_one(job: _Job) -> Outcome:
    from .detect import audit_document
    from .ingest import DEFAULT_MAX_SIZE, load_document

    try:
        document = load_document(
            job.path,
            password=job.password,
            lang=job.lang,  # type: ignore[arg-type]
            max_size=job.max_size or DEFAULT_MAX_SIZE,
        )
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


def _warm() -> None:
    from .detect.rules import load_rules
    from .nlp import pipeline

    for lang in ("en", "de"):
        load_rules(lang)
        pipeline(lang)


def run(
    files: Sequence[Path],
    *,
    password: str | None = None,
    lang: str | None = None,
    max_size: int | None = None,
    jobs: int = 1,
    keep_text: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Audit ``files`` in ``jobs`` processes; ``on_done`` is called as each finishes; results in input order."""
    if jobs < 1:
        raise GhostproofError(E_BAD_OPTION, f"--jobs must be 1 or more, not {jobs}")
    work = [_Job(str(f), password, lang, max_size, keep_text) for f in files]
    if jobs == 1 or len(work) < 2:
        out = []
        for job in work:
            outcome = _audit_one(job)
            if on_done:
                on_done(outcome)
            out.append(outcome)
        return out
    import multiprocessing

    # fork after loading the pipelines once: workers share them and start in milliseconds
    _warm()
    context = multiprocessing.get_context("fork")
    results: dict[int, Outcome] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context) as pool:
        futures: dict[Future[Outcome], int] = {pool.submit(_audit_one, job): i for i, job in enumerate(work)}
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            i = futures[fut]
            try:
                outcome = fut.result()
            except Exception as exc:  # a worker died (e.g. killed for memory): report the file, go on
                outcome = Outcome(work[i].path, error=f"error[{E_BUG}]: {work[i].path}: worker failed ({exc})")
            results[i] = outcome
            if on_done:
                on_done(outcome)
    return [results[i] for i in range(len(work))]
