"""``ghostproof audit``: read contracts (one, many, folders, globs), find the protective clauses, report them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E_BAD_OPTION, GhostproofError
from ..findings import FAMILIES, AuditResult
from ..ingest import DEFAULT_READING, Reading
from ..model import Lang
from ..report import DEFAULT_REQUIRED, FORMATS
from ..selection import parse_selection
from .base import Console, Outcome, check_target, emit, pick_format


@dataclass(frozen=True)
class AuditOptions:
    paths: Sequence[str]
    format: str | None = None
    output: Path | None = None
    force: bool = False
    report_lang: Lang | None = None
    #: the --require values as given ("a,b", "all", "none"); None: the default set
    require: Sequence[str] | None = None
    #: "missing" or "weak": exit 1 when a required clause is (missing / missing or weak)
    fail_on: str | None = None
    jobs: int = 1
    addenda: Sequence[Path] = field(default_factory=tuple)
    #: the text report lists the words each stated fact was read from
    explain: bool = False
    #: how to read the contract: password, language, limits
    reading: Reading = DEFAULT_READING


def required_clauses(require: Sequence[str] | None) -> tuple[str, ...]:
    return parse_selection(list(require) if require is not None else None, FAMILIES, DEFAULT_REQUIRED, "clause")


def failing(results: Sequence[AuditResult], required: Sequence[str], fail_on: str) -> list[str]:
    """Lines naming each contract whose required clauses are missing (or weak, with ``fail_on="weak"``); a clause
    that does not fit the contract (``applies`` false: no deemed acceptance in a Dienstvertrag) is never a gap."""
    bad = ("missing",) if fail_on == "missing" else ("missing", "weak")
    lines = []
    for r in results:
        hits = [f"{f.clause} {f.status}" for f in r.findings if f.clause in required and f.status in bad and f.applies]
        if hits:
            lines.append(f"{r.source}: " + ", ".join(hits))
    return lines


def run_audit(options: AuditOptions, console: Console) -> Outcome:
    """Audit ``options.paths`` and return the report (stdout, or written to ``options.output``) with the exit code:
    0, 1 (``fail_on`` found what it looks for) or 2 (some input could not be read; its error went to
    ``console.warn``)."""
    from ..batch import Outcome as BatchOutcome
    from ..batch import collect, run
    from ..report import Failed, build_report, render

    o = options
    fmt = pick_format(o.format, o.output, FORMATS, console)
    required = required_clauses(o.require)
    if fmt == "html" and o.output is None and console.terminal:
        raise GhostproofError(
            E_BAD_OPTION, "an HTML report is meant for a browser, not the terminal", hint="add -o report.html"
        )
    files, errors = collect(o.paths)
    check_target(o.output, o.force, files)  # before the work: an existing -o fails now, not after the batch
    if o.addenda and (len(files) != 1 or errors or Path(o.paths[0]).is_dir()):
        raise GhostproofError(E_BAD_OPTION, "--addendum needs exactly one contract file", hint="audit one contract")
    batch = len(o.paths) > 1 or len(files) + len(errors) > 1 or any(Path(p).is_dir() for p in o.paths)
    for e in errors:
        console.warn(f"ghostproof: {e.error}")
    progress = console.progress(len(files)) if batch and console.progress else None

    def done_one(out: BatchOutcome) -> None:
        if progress is not None:
            progress.advance(out.path, out.error)
        elif out.error:
            console.warn(f"ghostproof: {out.error}")

    try:
        outcomes = run(
            files,
            reading=o.reading,
            jobs=o.jobs,
            keep_text=fmt == "html",
            on_done=done_one,
        )
    finally:
        if progress is not None:
            progress.close()
    failed = [*errors, *(out for out in outcomes if out.error)]
    done = [out for out in outcomes if out.result is not None]
    if failed and (not batch or not done):
        if batch:
            console.warn(f"ghostproof: none of the {len(failed)} inputs could be read (see above)")
        return Outcome(exit_code=2)  # the errors are already on stderr; there is nothing to report
    results = [out.result for out in done if out.result is not None]
    for r in results:
        if not r.looks_like_contract:
            console.note(
                f"ghostproof: warning: {r.source} does not look like a contract (almost no parties, obligations or "
                "contract vocabulary); the report is probably meaningless"
            )
    for r in results:
        if (named := _named_as(r.source)) is not None and named != _KIND.get(r.source_type, r.source_type):
            # a PDF named .txt, a Word file named .pdf: read by what it is, and said so (new user, round 7: nothing
            # was said)
            console.note(
                f"ghostproof: note: {r.source} is a {_KIND_NAME.get(r.source_type, r.source_type)} file despite its "
                "name; it was read as one"
            )
    if o.addenda:
        results = [amended(results[0], o)]
    report = build_report(
        results,
        texts=[out.text for out in done],
        failed=[Failed(out.path, out.error or "") for out in failed],
        lang=o.report_lang,
        required=required,
        batch=batch,
        explain=o.explain,
    )
    tty = o.output is None and console.terminal
    text = render(report, fmt, width=console.width if tty else 100, color=tty and console.color, terminal=tty)  # type: ignore[arg-type]
    outcome = emit(text, o.output, o.force, [Path(out.path) for out in outcomes], console)
    if failed:
        console.warn(f"ghostproof: {len(failed)} of {len(failed) + len(done)} inputs could not be read (see above)")
        outcome.exit_code = 2
    elif o.fail_on is not None:
        lines = failing(results, required, o.fail_on)
        for line in lines:
            console.note(f"ghostproof: --fail-on {o.fail_on}: {line}")
        outcome.exit_code = 1 if lines else 0
    return outcome


def amended(result: AuditResult, o: AuditOptions) -> AuditResult:
    """The contract's audit as amended by its addenda (``--addendum``), in signing order."""
    from ..detect import audit_document, with_addenda

    later = [audit_document(o.reading.load(a)) for a in o.addenda]
    return with_addenda(result, later)


#: what a file's name says it is, and how each kind is named in a note (text and Markdown are one kind)
_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text", ".markdown": "text"}
_KIND = {"txt": "text", "md": "text"}
_KIND_NAME = {"pdf": "PDF", "docx": "Word .docx", "txt": "text", "md": "text", "image": "image"}


def _named_as(source: str) -> str | None:
    return _BY_SUFFIX.get(Path(source).suffix.lower())
