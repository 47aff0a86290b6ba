"""The ``ghostproof`` command: a thin typer layer over the library. Data to stdout, diagnostics to stderr."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import E_BAD_OPTION, GhostproofError

app = typer.Typer(
    name="ghostproof",
    help=(
        "Check a freelance contract for protection against a client who goes silent, and write what is "
        "missing.\n\nghostproof informs; it is not legal advice."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangOpt(StrEnum):
    en = "en"
    de = "de"


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"


def _fail(err: GhostproofError) -> NoReturn:
    sys.stderr.write(f"ghostproof: {err.line()}\n")
    raise typer.Exit(err.exit_code)


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        sys.stderr.write(message + "\n")


def _emit(text: str, output: Path | None, force: bool, inputs: tuple[Path, ...]) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from .output import write_output

    write_output(output, text if text.endswith("\n") else text + "\n", force=force, inputs=inputs)


def _limit(max_size: str) -> int:
    from .ingest import parse_size

    try:
        return parse_size(max_size)
    except ValueError as exc:
        raise GhostproofError(E_BAD_OPTION, f"--max-size: {exc}") from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ghostproof {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """ghostproof: protect freelancers against clients who go silent."""


PasswordOpt = Annotated[
    str | None, typer.Option("--password", help="Password of an encrypted PDF.", show_default=False)
]
LangOption = Annotated[
    LangOpt | None,
    typer.Option("--lang", help="Contract language (default: detected from the text).", show_default=False),
]
MaxSizeOpt = Annotated[str, typer.Option("--max-size", help="Refuse input files larger than this.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write to this file instead of stdout.", show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")]
ContractArg = Annotated[
    Path, typer.Argument(help="Contract file: .pdf, .docx, .txt or .md", show_default=False, readable=False)
]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="No progress or notes on stderr.")]


@app.command()
def extract(
    file: ContractArg,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="text or json.")] = ExtractFormat.text,
    password: PasswordOpt = None,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    output: OutputOpt = None,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show the text ghostproof reads from a contract, or its located blocks as JSON.

    Example: ghostproof extract contract.pdf --format json -o contract.json
    """
    from .ingest import load_document

    try:
        doc = load_document(file, password=password, lang=lang.value if lang else None, max_size=_limit(max_size))
        if fmt is ExtractFormat.json:
            text = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)
        else:
            text = doc.text
        _emit(text, output, force, (file,))
    except GhostproofError as err:
        _fail(err)
    pages = f", {doc.pages} page{'s' if doc.pages != 1 else ''}" if doc.pages else ""
    _note(
        f"ghostproof: {file.name}: {doc.source_type}{pages}, language {doc.lang}, {len(doc.blocks)} blocks"
        + (f", {len(doc.warnings)} warning(s): " + "; ".join(doc.warnings) if doc.warnings else ""),
        quiet or (output is None and not sys.stderr.isatty()),
    )


class AuditFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"
    jsonl = "jsonl"


class FailOn(StrEnum):
    missing = "missing"
    weak = "weak"


def _parse_require(values: list[str] | None) -> tuple[str, ...]:
    from .findings import FAMILIES
    from .report import DEFAULT_REQUIRED

    if not values:
        return DEFAULT_REQUIRED
    wanted = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if wanted == ["all"]:
        return FAMILIES
    if wanted == ["none"]:
        return ()
    unknown = [v for v in wanted if v not in FAMILIES]
    if unknown:
        raise GhostproofError(
            E_BAD_OPTION,
            f"--require: unknown clause {', '.join(unknown)}",
            hint="use any of " + ", ".join(FAMILIES) + " (comma-separated), or all / none",
        )
    return tuple(f for f in FAMILIES if f in wanted)


def _fails(results: object, required: tuple[str, ...], fail_on: FailOn) -> list[str]:
    """Lines naming each contract whose required clauses are missing (or weak, with --fail-on weak)."""
    from .findings import AuditResult

    bad = ("missing",) if fail_on is FailOn.missing else ("missing", "weak")
    lines = []
    assert isinstance(results, list)
    for r in results:
        assert isinstance(r, AuditResult)
        hits = [f"{f.clause} {f.status}" for f in r.findings if f.clause in required and f.status in bad]
        if hits:
            lines.append(f"{r.source}: " + ", ".join(hits))
    return lines


@app.command()
def audit(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Contract files (.pdf, .docx, .txt, .md), folders (searched recursively) or glob patterns.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="text, markdown, html, json or jsonl.")
    ] = AuditFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOption = None,
    report_lang: Annotated[
        LangOpt | None,
        typer.Option(
            "--report-lang",
            help="Language of the report (default: the contracts' language; English for a mixed batch).",
            show_default=False,
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            help="Clauses a contract must have, comma-separated, or all / none "
            "(default: deemed_acceptance,hourly_conversion,termination,payment_terms).",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit with code 1 when a required clause is missing (or missing or weak).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Contracts to read in parallel (processes).")] = 1,
    password: PasswordOpt = None,
    max_size: MaxSizeOpt = "50MB",
    quiet: QuietOpt = False,
) -> None:
    """Check contracts for the clauses that protect you when a client goes silent.

    Examples: ghostproof audit contract.pdf | ghostproof audit contracts/ --format html -o report.html
    """
    try:
        _run_audit(paths, fmt, output, force, lang, report_lang, require, fail_on, jobs, password, max_size, quiet)
    except GhostproofError as err:
        _fail(err)


def _run_audit(
    paths: list[str],
    fmt: AuditFormat,
    output: Path | None,
    force: bool,
    lang: LangOpt | None,
    report_lang: LangOpt | None,
    require: list[str] | None,
    fail_on: FailOn | None,
    jobs: int,
    password: str | None,
    max_size: str,
    quiet: bool,
) -> None:
    from .batch import collect, run
    from .report import Failed, build_report, render

    required = _parse_require(require)
    limit = _limit(max_size)
    if jobs < 1:
        raise GhostproofError(E_BAD_OPTION, f"--jobs must be 1 or more, not {jobs}")
    if fmt is AuditFormat.html and output is None and sys.stdout.isatty():
        raise GhostproofError(
            E_BAD_OPTION, "an HTML report is meant for a browser, not the terminal", hint="add -o report.html"
        )
    files, errors = collect(paths)
    batch = len(paths) > 1 or len(files) + len(errors) > 1 or any(Path(p).is_dir() for p in paths)
    for e in errors:
        sys.stderr.write(f"ghostproof: {e.error}\n")
    with _Progress(len(files), enabled=batch and not quiet and sys.stderr.isatty()) as progress:
        outcomes = run(
            files,
            password=password,
            lang=lang.value if lang else None,
            max_size=limit,
            jobs=jobs,
            keep_text=fmt is AuditFormat.html,
            on_done=progress.advance,
        )
    failed = [*errors, *(o for o in outcomes if o.error)]
    done = [o for o in outcomes if o.result is not None]
    if failed and (not batch or not done):
        if batch:
            _note(f"ghostproof: none of the {len(failed)} inputs could be read (see above)", False)
        raise typer.Exit(2)  # the errors are already on stderr; there is nothing to report
    results = [o.result for o in done if o.result is not None]
    report = build_report(
        results,
        texts=[o.text for o in done],
        failed=[Failed(o.path, o.error or "") for o in failed],
        lang=report_lang.value if report_lang else None,
        required=required,
        batch=batch,
    )
    tty = output is None and sys.stdout.isatty()
    width = _terminal_width() if tty else 100
    text = render(report, fmt.value, width=width, color=tty and not os.environ.get("NO_COLOR"))
    inputs = tuple(Path(o.path) for o in outcomes)
    _emit(text, output, force, inputs)
    if output is not None:
        _note(f"ghostproof: wrote {output}", quiet)
    if failed:
        _note(f"ghostproof: {len(failed)} of {len(failed) + len(done)} inputs could not be read (see above)", False)
        raise typer.Exit(2)
    if fail_on is not None:
        lines = _fails(results, required, fail_on)
        if lines:
            for line in lines:
                _note(f"ghostproof: --fail-on {fail_on.value}: {line}", quiet)
            raise typer.Exit(1)


def _terminal_width() -> int:
    import shutil

    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))


class _Progress:
    """A progress bar on stderr while a batch runs (only on a terminal); errors are printed as they happen."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self._bar: object = None
        self._task = 0

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(
                TextColumn("ghostproof audit"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            self._task = int(bar.add_task("", total=self.total))
            self._bar = bar
        return self

    def advance(self, outcome: object) -> None:
        from .batch import Outcome

        assert isinstance(outcome, Outcome)
        if self._bar is not None:
            from rich.progress import Progress, TaskID

            assert isinstance(self._bar, Progress)
            if outcome.error:
                self._bar.console.print(f"ghostproof: {outcome.error}", markup=False, highlight=False)
            self._bar.update(TaskID(self._task), advance=1, description=Path(outcome.path).name)
        elif outcome.error:
            sys.stderr.write(f"ghostproof: {outcome.error}\n")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            from rich.progress import Progress

            assert isinstance(self._bar, Progress)
            self._bar.stop()


@app.command()
def schema() -> None:
    """Print the JSON Schema of the audit JSON (ghostproof.audit/1).

    Example: ghostproof schema > ghostproof.audit-1.schema.json
    """
    from importlib import resources

    from .findings import SCHEMA_FILE

    sys.stdout.write(resources.files("ghostproof").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))


def main() -> None:
    """Console entry point: one-line errors, no tracebacks (set GHOSTPROOF_DEBUG=1 to see them)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("ghostproof: interrupted\n")
        sys.exit(130)
    except GhostproofError as err:
        sys.stderr.write(f"ghostproof: {err.line()}\n")
        sys.exit(err.exit_code)
    except Exception as exc:  # a bug or an input we did not foresee: one line, never a traceback
        if os.environ.get("GHOSTPROOF_DEBUG"):
            raise
        sys.stderr.write(
            f"ghostproof: error[E199]: unexpected {type(exc).__name__}: {exc} — "
            "this is a bug in ghostproof; rerun with GHOSTPROOF_DEBUG=1 and report the traceback\n"
        )
        sys.exit(2)
