"""The ``ghostproof`` command: a thin typer layer over the library. Data to stdout, diagnostics to stderr."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer
from typer.core import TyperCommand

from . import __version__
from .errors import E_BAD_OPTION, E_BUG, E_CASE, GhostproofError

if TYPE_CHECKING:
    from .findings import AuditResult

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
    except ValueError:
        raise GhostproofError(
            E_BAD_OPTION, f"--max-size {max_size!r} is not a file size", hint="use e.g. 50MB, 500KB or 2GB"
        ) from None


def _chars(max_chars: str) -> int:
    from .ingest import parse_count

    try:
        return parse_count(max_chars)
    except ValueError:
        raise GhostproofError(
            E_BAD_OPTION, f"--max-chars {max_chars!r} is not a number of characters", hint="use e.g. 5M or 8000000"
        ) from None


def _format(
    asked: StrEnum | None,
    output: Path | None,
    choices: type[StrEnum],
    quiet: bool,
    aliases: dict[str, str] | None = None,
) -> str:
    """The format to write: ``--format``, else the -o file's ending (.html, .md, .json …), else the first choice."""
    from .formats import choose_format

    allowed = [c.value for c in choices]
    chosen, note = choose_format(asked.value if asked else None, output, allowed, allowed[0], aliases)
    if note:
        _note(f"ghostproof: {note}", quiet)
    return chosen


def _check_output(output: Path | None, force: bool, inputs: tuple[Path, ...]) -> None:
    """Refuse an output that cannot or may not be written before doing any work."""
    if output is not None:
        from .output import check_output

        check_output(output, force=force, inputs=inputs)


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
    str | None,
    typer.Option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.", show_default=False),
]
LangOption = Annotated[
    LangOpt | None,
    typer.Option("--lang", help="Contract language (default: detected from the text).", show_default=False),
]
MaxSizeOpt = Annotated[
    str, typer.Option("--max-size", metavar="SIZE", help="Refuse input files larger than this, e.g. 50MB or 500KB.")
]
MaxCharsOpt = Annotated[
    str,
    typer.Option(
        "--max-chars",
        metavar="N",
        help="Refuse texts longer than this many characters (reading stops there), e.g. 5M.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write to this file instead of stdout.", show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")]
ContractArg = Annotated[
    Path, typer.Argument(help="Contract file: .pdf, .docx, .txt or .md", show_default=False, readable=False)
]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="No progress or notes on stderr.")]


@app.command(short_help="Show the text ghostproof reads from a contract.")
def extract(
    file: ContractArg,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format", "-f", help="text or json (default: from the -o file's ending, else text).", show_default=False
        ),
    ] = None,
    password: PasswordOpt = None,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    output: OutputOpt = None,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show the text ghostproof reads from a contract, or its located blocks as JSON.

    Example: ghostproof extract contract.pdf --format json -o contract.json
    """
    from .ingest import load_document

    try:
        # the plain text may go into any text file (.txt, .md); only .json asks for the block model
        text_like = {"markdown": "text", "html": "text", "jsonl": "text"}
        fmt = ExtractFormat(_format(fmt, output, ExtractFormat, quiet, text_like))
        _check_output(output, force, (file,))
        doc = load_document(
            file,
            password=password,
            lang=lang.value if lang else None,
            max_size=_limit(max_size),
            max_chars=_chars(max_chars),
        )
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
    from .selection import parse_selection

    return parse_selection(values, FAMILIES, DEFAULT_REQUIRED, "clause")


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


@app.command(short_help="Check contracts for the clauses that protect you.")
def audit(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Contract files (.pdf, .docx, .txt, .md), folders (searched recursively) or glob patterns.",
            show_default=False,
            metavar="CONTRACT",
        ),
    ],
    fmt: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, html, json or jsonl (default: from the -o file's ending — .txt, .md, .html, "
            ".json, .jsonl — else text).",
            show_default=False,
        ),
    ] = None,
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
            metavar="IDS",
            help="Clauses a contract must have, comma-separated, or all / none (default: deemed_acceptance, "
            "hourly_conversion, termination, payment_terms).",
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
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", help="Contracts to read in parallel (processes).")
    ] = 1,
    addenda: Annotated[
        list[Path] | None,
        typer.Option(
            "--addendum",
            metavar="FILE",
            help="An addendum signed to the contract (repeatable, in order): the contract is audited as amended.",
            show_default=False,
        ),
    ] = None,
    password: PasswordOpt = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    quiet: QuietOpt = False,
) -> None:
    """Check contracts for the clauses that protect you when a client goes silent.

    Examples:

    \b
      ghostproof audit contract.pdf
      ghostproof audit contract.pdf -o report.html
      ghostproof audit contracts/ -o report.html
    """
    try:
        _run_audit(
            paths,
            fmt,
            output,
            force,
            lang,
            report_lang,
            require,
            fail_on,
            jobs,
            password,
            max_size,
            max_chars,
            quiet,
            addenda or [],
        )
    except GhostproofError as err:
        _fail(err)


def _run_audit(
    paths: list[str],
    asked: AuditFormat | None,
    output: Path | None,
    force: bool,
    lang: LangOpt | None,
    report_lang: LangOpt | None,
    require: list[str] | None,
    fail_on: FailOn | None,
    jobs: int,
    password: str | None,
    max_size: str,
    max_chars: str,
    quiet: bool,
    addenda: list[Path],
) -> None:
    from .batch import collect, run
    from .report import Failed, build_report, render

    fmt = AuditFormat(_format(asked, output, AuditFormat, quiet))
    required = _parse_require(require)
    limit = _limit(max_size)
    chars = _chars(max_chars)
    if jobs < 1:
        raise GhostproofError(E_BAD_OPTION, f"--jobs must be 1 or more, not {jobs}")
    if fmt is AuditFormat.html and output is None and sys.stdout.isatty():
        raise GhostproofError(
            E_BAD_OPTION, "an HTML report is meant for a browser, not the terminal", hint="add -o report.html"
        )
    files, errors = collect(paths)
    if output is not None:  # before the work: an existing -o without --force fails now, not after the batch
        from .output import check_output

        check_output(output, force=force, inputs=tuple(files))
    if addenda and (len(files) != 1 or errors or Path(paths[0]).is_dir()):
        raise GhostproofError(E_BAD_OPTION, "--addendum needs exactly one contract file", hint="audit one contract")
    batch = len(paths) > 1 or len(files) + len(errors) > 1 or any(Path(p).is_dir() for p in paths)
    for e in errors:
        sys.stderr.write(f"ghostproof: {e.error}\n")
    with _Progress(len(files), enabled=batch and not quiet and sys.stderr.isatty()) as progress:
        outcomes = run(
            files,
            password=password,
            lang=lang.value if lang else None,
            max_size=limit,
            max_chars=chars,
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
    for r in results:
        if not r.looks_like_contract:
            _note(
                f"ghostproof: warning: {r.source} does not look like a contract (almost no parties, obligations or "
                "contract vocabulary); the report is probably meaningless",
                quiet,
            )
    if addenda:
        results = [_amended(results[0], addenda, password, lang, limit, chars)]
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
    text = render(report, fmt.value, width=width, color=tty and not os.environ.get("NO_COLOR"), terminal=tty)
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


def _amended(
    result: AuditResult, addenda: list[Path], password: str | None, lang: LangOpt | None, limit: int, chars: int
) -> AuditResult:
    from .detect import audit, with_addenda

    code = lang.value if lang else None
    amended = [audit(a, password=password, lang=code, max_size=limit, max_chars=chars) for a in addenda]
    return with_addenda(result, amended)


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


clauses_app = typer.Typer(
    name="clauses",
    help="The clause library: suggested wording for each protective clause, English and German.",
    short_help="Show the suggested wording for each clause.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(clauses_app, name="clauses")

SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="A clause parameter, e.g. --set review_days=10 (repeatable).",
        show_default=False,
    ),
]
VariantOpt = Annotated[
    str | None,
    typer.Option("--variant", metavar="balanced|firm", help="The wording (default: balanced).", show_default=False),
]


@clauses_app.command("list")
def clauses_list(
    lang: Annotated[LangOpt, typer.Option("--lang", help="Language of the titles and summaries.")] = LangOpt.en,
) -> None:
    """List the clause families, their variants and parameters.

    Example: ghostproof clauses list --lang de
    """
    try:
        from .clauses.library import load_library
        from .clauses.show import list_library

        _emit(list_library(load_library(), lang.value), None, False, ())
    except GhostproofError as err:
        _fail(err)


@clauses_app.command("show")
def clauses_show(
    clause_id: Annotated[str, typer.Argument(metavar="ID", help="A clause family id (see `ghostproof clauses list`).")],
    lang: Annotated[LangOpt, typer.Option("--lang", help="Language of the clause.")] = LangOpt.en,
    variant: VariantOpt = None,
    assign: SetOpt = None,
) -> None:
    """Show one clause with its parameters and drafting note.

    Example: ghostproof clauses show hourly_conversion --lang de --variant firm --set hourly_rate=95
    """
    try:
        from .clauses.library import load_library
        from .clauses.show import show_clause

        _emit(show_clause(load_library(), clause_id, lang.value, variant, assign or []), None, False, ())
    except GhostproofError as err:
        _fail(err)


class AddendumFormat(StrEnum):
    docx = "docx"
    markdown = "markdown"


@app.command(short_help="Write an addendum that adds the missing clauses.")
def addendum(
    file: ContractArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="The addendum file (default: CONTRACT-addendum.docx in the current folder; a .md name writes "
            "Markdown; with -f markdown and no -o, Markdown goes to stdout).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        AddendumFormat | None,
        typer.Option("--format", "-f", help="docx or markdown (default: from the -o name; docx).", show_default=False),
    ] = None,
    assign: SetOpt = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="Engagement file (TOML): [params], [agreement], variant, all.", show_default=False
        ),
    ] = None,
    variant: VariantOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Add every clause, not only missing and weak ones.")
    ] = False,
    notes: Annotated[
        bool, typer.Option("--notes", help="Add each clause's drafting note (for you, not the client).")
    ] = False,
    password: PasswordOpt = None,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write an addendum to a contract that adds the protective clauses it is missing.

    Example: ghostproof addendum contract.pdf --set hourly_rate=95 -o addendum.docx
    """
    try:
        _run_addendum(
            file,
            output,
            fmt,
            assign or [],
            config,
            variant,
            include_all,
            notes,
            password,
            lang,
            max_size,
            max_chars,
            force,
            quiet,
        )
    except GhostproofError as err:
        _fail(err)


def _run_addendum(
    file: Path,
    output: Path | None,
    fmt: AddendumFormat | None,
    assign: list[str],
    config: Path | None,
    variant: str | None,
    include_all: bool,
    notes: bool,
    password: str | None,
    lang: LangOpt | None,
    max_size: str,
    max_chars: str,
    force: bool,
    quiet: bool,
) -> None:
    from .addendum import Engagement, compose, families_to_close, load_engagement, missing_parameters
    from .addendum.agreement import agreement_facts
    from .clauses.library import load_library, parse_assignments
    from .detect import audit_document
    from .ingest import load_document

    library = load_library()
    engagement = load_engagement(config) if config else Engagement()
    try:
        values = parse_assignments(library, [f"{k}={v}" for k, v in engagement.params.items()])
    except GhostproofError as err:  # name the file, not --set
        raise GhostproofError(
            err.code, err.message.replace("--set ", "[params] "), path=config, hint=err.hint
        ) from None
    values.update(parse_assignments(library, assign))
    chosen = variant or engagement.variant or "balanced"
    if chosen not in ("balanced", "firm") and not all(chosen in c.variants for c in library.clauses.values()):
        raise GhostproofError(E_BAD_OPTION, f"--variant {chosen}: unknown", hint="use balanced or firm")
    if fmt is None:
        suffix = output.suffix.lower() if output else ""
        fmt = AddendumFormat.markdown if suffix in (".md", ".markdown", ".txt") else AddendumFormat.docx
    if fmt is AddendumFormat.docx and output is None:
        output = Path(f"{file.stem}-addendum.docx")
    _check_output(output, force, (file,))
    document = load_document(
        file,
        password=password,
        lang=lang.value if lang else None,
        max_size=_limit(max_size),
        max_chars=_chars(max_chars),
    )
    result = audit_document(document)
    everything = include_all or bool(engagement.include_all)
    families = families_to_close(result, include_all=everything)
    if not families:
        _note(
            f"ghostproof: {file.name}: every clause family is present — nothing to add (use --all for a full set)",
            quiet,
        )
        return
    needed = missing_parameters(library, families, result.language, values, chosen)
    if needed:
        values.update(_ask(library, needed, result.language, families))
    add = compose(
        result,
        agreement_facts(document),
        library,
        values=values,
        variant=chosen,
        include_all=everything,
        overrides=engagement.agreement,
    )
    if fmt is AddendumFormat.markdown:
        from .addendum.markdown import render_markdown

        payload: str | bytes = render_markdown(add, notes=notes)
    else:
        from .addendum.docx import render_docx

        payload = render_docx(add, notes=notes)
    if output is None:
        assert isinstance(payload, str)
        _emit(payload, None, force, (file,))
    else:
        from .output import write_output

        write_output(output, payload, force=force, inputs=(file,))
        _note(f"ghostproof: wrote {output}: {len(families)} clause(s): {', '.join(families)}", quiet)
    if add.placeholders:
        sys.stderr.write(
            "ghostproof: fill in before sending (not found in the contract): "
            + ", ".join(add.placeholders)
            + " — or give them in --config [agreement]\n"
        )


def _ask(library: object, needed: list[str], lang: str, families: list[str]) -> dict[str, object]:
    """Ask on a terminal for parameter values only the user knows; elsewhere exit 2 naming the --set keys."""
    from .clauses.library import Library

    assert isinstance(library, Library)
    params = {}
    for fid in families:
        params.update(library.params_of(library.clause(fid)))
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        keys = " ".join(f"--set {n}=…" for n in needed)
        helps = "; ".join(f"{n}: {params[n].help['en']}" for n in needed)
        raise GhostproofError(E_BAD_OPTION, f"the clauses need values only you know ({helps})", hint=f"add {keys}")
    out: dict[str, object] = {}
    for name in needed:
        param = params[name]
        while True:
            raw = typer.prompt(f"{param.help[lang]} ({name})", err=True)
            try:
                out[name] = param.parse(raw)
                break
            except ValueError as exc:
                sys.stderr.write(f"  {exc}\n")
    return out


class AssessFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    docx = "docx"
    json = "json"


class _AssessCommand(TyperCommand):
    """``assess --help`` ends with every field of a case file, read from the case model when help is shown (so
    the list cannot drift from what is validated, and pydantic is only imported then)."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        from .assess.case import fields_help

        self.epilog = fields_help()
        super().format_epilog(ctx, formatter)


@app.command(cls=_AssessCommand, short_help="Plan what to do when a client has gone silent.")
def assess(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="CASE",
            help="A case file (TOML; start from --template), or with --interactive the contract.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        AssessFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, html, docx or json (default: from the -o file's ending, else text).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Ask the questions, save the case file, then assess.")
    ] = False,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", help="Where --interactive saves the case (default: CONTRACT.case.toml).", show_default=False
        ),
    ] = None,
    template: Annotated[
        bool,
        typer.Option("--template", help="Print a case file to fill in (with --lang de: for a German contract)."),
    ] = False,
    template_lang: Annotated[
        LangOpt, typer.Option("--lang", help="Language of the --template's defaults (en or de).")
    ] = LangOpt.en,
    quiet: QuietOpt = False,
) -> None:
    """Plan what to do when a client goes silent: dates, the contract's position and the messages to send.

    Examples:

    \b
      ghostproof assess --template > case.toml      (then fill it in)
      ghostproof assess case.toml
      ghostproof assess case.toml -o plan.docx
      ghostproof assess contract.pdf --interactive  (asks the questions, saves the case)
    """
    try:
        if template:
            from .assess.case import case_template

            _emit(case_template(template_lang.value), output, force, ())
            return
        if path is None:
            raise GhostproofError(
                E_BAD_OPTION,
                "ghostproof assess: CASE is missing",
                hint="give a case file, or start one with: ghostproof assess --template > case.toml",
            )
        _run_assess(path, fmt, output, force, interactive, save, quiet)
    except GhostproofError as err:
        _fail(err)


def _run_assess(
    path: Path,
    asked: AssessFormat | None,
    output: Path | None,
    force: bool,
    interactive: bool,
    save: Path | None,
    quiet: bool,
) -> None:
    from .assess import contract_argument
    from .assess.plan import assess as plan
    from .assess.render import render_docx, render_html, render_json, render_markdown, render_text
    from .detect import audit as run_audit

    fmt = AssessFormat(_format(asked, output, AssessFormat, quiet))
    if fmt is AssessFormat.docx and output is None and not interactive:
        _check_output(Path(f"{path.stem}-assessment.docx"), force, (path,))
    _check_output(output, force, (path,))
    if interactive:
        case_path = _interview(path, save, force, quiet)
    else:
        case_path = path
    from .assess.case import load_case

    case, contract = load_case(case_path)
    result = run_audit(contract, lang=case.language)
    if not result.looks_like_contract:
        _note(
            f"ghostproof: warning: {contract} (the case's contract) does not look like a contract; "
            "the plan below rests on it",
            quiet,
        )
    assessment = plan(case, result, contract_argument(contract))
    if fmt is AssessFormat.docx:
        target = output or Path(f"{case_path.stem}-assessment.docx")
        from .output import write_output

        write_output(target, render_docx(assessment), force=force, inputs=(case_path, contract))
        _note(f"ghostproof: wrote {target}", quiet)
        return
    renderers = {
        AssessFormat.text: render_text,
        AssessFormat.markdown: render_markdown,
        AssessFormat.html: render_html,
        AssessFormat.json: render_json,
    }
    _emit(renderers[fmt](assessment), output, force, (case_path, contract))
    if output is not None:
        _note(f"ghostproof: wrote {output}", quiet)


def _interview(contract: Path, save: Path | None, force: bool, quiet: bool) -> Path:
    """Ask for the case facts on the terminal and save them as a case file next to nothing else."""
    from datetime import date

    from pydantic import ValidationError

    from .assess.case import Case, check_field, describe, dump_case
    from .ingest import load_document
    from .output import write_output

    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise GhostproofError(
            E_BAD_OPTION, "--interactive needs a terminal to ask its questions", hint="write a case file instead"
        )
    document = load_document(contract)
    lang = document.lang
    answers: dict[str, object] = {"contract": str(contract.resolve()), "language": lang}
    optional = {"client_contact", "hourly_rate", "delivered_on", "invoice_date"}
    defaults = {
        "jurisdiction": "DE" if lang == "de" else "other",
        "client_type": "business",
        "currency": "EUR" if lang == "de" else "USD",
        "last_contact": date.today().isoformat(),
    }
    sys.stderr.write("ghostproof: a few questions about the situation (Ctrl-C to stop)\n")
    from .words import Words

    questions = Words(lang, "interview")
    for name in questions.table(""):
        question = questions(name)
        while True:
            raw = typer.prompt(
                question,
                default=defaults.get(name, "" if name in optional else None),
                err=True,
                show_default=name in defaults,
            )
            if raw == "" and name in optional:
                break
            try:
                check_field(name, raw)
            except ValidationError as exc:
                sys.stderr.write(f"  {describe(exc.errors()[0])}\n")
                continue
            answers[name] = raw
            break
    try:
        case = Case.model_validate(answers)
    except ValidationError as exc:
        raise GhostproofError(
            E_CASE, "the answers do not fit together: " + "; ".join(describe(e) for e in exc.errors())
        ) from None
    target = save or Path(f"{contract.stem}.case.toml")
    write_output(target, dump_case(case), force=force, inputs=(contract,))
    _note(f"ghostproof: saved the case to {target} (edit it and run: ghostproof assess {target})", quiet)
    return target


class ChecklistFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command(short_help="Run the checklist before you start work for a client.")
def checklist(
    contract: Annotated[
        Path | None,
        typer.Argument(
            help="Contract file (.pdf, .docx, .txt, .md); without it every item is asked or listed open.",
            show_default=False,
            readable=False,
            metavar="CONTRACT",
        ),
    ] = None,
    fmt: Annotated[
        ChecklistFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown or json (default: from the -o file's ending, else text).",
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask yes/no on the terminal for each open item.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answers for open items, for scripts (TOML: item_id = true/false).",
            show_default=False,
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            metavar="IDS",
            help="Items that must be covered, comma-separated, or all / none (default: written_contract, "
            "payment_schedule, deemed_acceptance, hourly_conversion, termination_pays).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOption = None,
    report_lang: Annotated[
        LangOpt | None,
        typer.Option("--report-lang", help="Language of the report (default: the contract's).", show_default=False),
    ] = None,
    password: PasswordOpt = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    quiet: QuietOpt = False,
) -> None:
    """Run the pre-engagement checklist: ticked from the contract where it can be, the rest asked or listed open.

    Exit code 1 when a required item is open, so it can gate a script.

    Examples:

    \b
      ghostproof checklist contract.pdf
      ghostproof checklist contract.pdf --interactive
      ghostproof checklist contract.pdf --answers answers.toml -o checklist.json
    """
    from .checklist.command import run_checklist
    from .checklist.render import Format

    tty = output is None and sys.stdout.isatty()
    try:
        chosen = _format(fmt, output, ChecklistFormat, quiet)
        _check_output(output, force, (contract,) if contract else ())
        outcome = run_checklist(
            contract,
            fmt=cast(Format, chosen),
            require=require,
            answers_file=answers,
            interactive=interactive,
            terminal=sys.stdin.isatty(),
            confirm=lambda question: typer.confirm(question, default=False, err=True),
            tell=lambda message: sys.stderr.write(message + "\n"),
            lang=lang.value if lang else None,
            report_lang=report_lang.value if report_lang else None,
            password=password,
            max_size=_limit(max_size),
            max_chars=_chars(max_chars),
            width=_terminal_width() if tty else 100,
            color=tty and not os.environ.get("NO_COLOR"),
        )
        _emit(outcome.text, output, force, (contract,) if contract else ())
    except GhostproofError as err:
        _fail(err)
    if output is not None:
        _note(f"ghostproof: wrote {output}", quiet)
    if outcome.exit_code:
        ids = ", ".join(r.id for r in outcome.checklist.open_required)
        _note(f"ghostproof: required checklist items open: {ids}", quiet)
        raise typer.Exit(outcome.exit_code)


@app.command(short_help="Write a Word review copy with comments and suggestions.")
def review(
    file: Annotated[
        Path, typer.Argument(metavar="CONTRACT.docx", help="The contract as a Word .docx file.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="The review copy (default: CONTRACT.reviewed.docx in the current folder).",
            show_default=False,
        ),
    ] = None,
    author: Annotated[str, typer.Option("--author", help="Author of the comments and tracked changes.")] = "ghostproof",
    no_insert: Annotated[
        bool, typer.Option("--no-insert", help="Comments only: no suggested clauses as tracked insertions.")
    ] = False,
    assign: SetOpt = None,
    variant: VariantOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date of the comments and changes, ISO 8601 (default: now, UTC), e.g. 2026-03-01T09:00:00Z.",
            show_default=False,
        ),
    ] = None,
    listing: Annotated[
        bool, typer.Option("--list", help="Print every comment and insertion of the copy with its anchor text.")
    ] = False,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    max_chars: MaxCharsOpt = "5M",
    force: ForceOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write a Word review copy: a comment on every finding, the suggested clauses as tracked insertions.

    The contract itself is never changed.

    Example: ghostproof review contract.docx --set hourly_rate=95 --list
    """
    try:
        from .addendum import missing_parameters
        from .clauses.library import load_library, parse_assignments
        from .output import write_output
        from .review import format_listing, list_review, parse_date, read_contract, review_copy, review_families

        when = parse_date(date)
        _check_output(output or Path(f"{file.stem}.reviewed.docx"), force, (file,))
        library = load_library()
        values = parse_assignments(library, assign or [])
        chosen = variant or "balanced"
        if not all(chosen in c.variants for c in library.clauses.values()):
            raise GhostproofError(E_BAD_OPTION, f"--variant {chosen}: unknown", hint="use balanced or firm")
        contract = read_contract(
            file, lang=lang.value if lang else None, max_size=_limit(max_size), max_chars=_chars(max_chars)
        )
        families = review_families(contract, insert=not no_insert)
        needed = missing_parameters(library, families, contract.result.language, values, chosen)
        if needed:
            values.update(_ask(library, needed, contract.result.language, families))
        copy = review_copy(
            contract, library, values=values, variant=chosen, author=author, date=when, insert=not no_insert
        )
        target = output or Path(f"{file.stem}.reviewed.docx")
        write_output(target, copy.data, force=force, inputs=(file,))
    except GhostproofError as err:
        _fail(err)
    _note(
        f"ghostproof: wrote {target}: {copy.comments} comment(s), "
        f"{len(copy.inserted)} suggested clause(s) as tracked insertions"
        + (f": {', '.join(copy.inserted)}" if copy.inserted else ""),
        quiet,
    )
    if listing:
        _emit(format_listing(list_review(copy.data, author=author), target.name), None, False, ())


@app.command(short_help="Print the JSON Schema of the audit JSON.")
def schema() -> None:
    """Print the JSON Schema of the audit JSON (ghostproof.audit/1).

    Example: ghostproof schema > ghostproof.audit-1.schema.json
    """
    from .data import package_text
    from .findings import SCHEMA_FILE

    try:
        sys.stdout.write(package_text("schemas", SCHEMA_FILE))
    except GhostproofError as err:
        _fail(err)


#: the order of `ghostproof --help`: the main job first
_HELP_ORDER = ("audit", "addendum", "review", "assess", "checklist", "extract", "schema")
app.registered_commands.sort(
    key=lambda c: _HELP_ORDER.index(c.callback.__name__) if c.callback and c.callback.__name__ in _HELP_ORDER else 99
)


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that cleanup (temporary files, worker processes) runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """Console entry point: one-line errors, no tracebacks (set GHOSTPROOF_DEBUG=1 to see them)."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # a usage mistake: one line in our words, not typer's usage block
        if type(exc).__name__ == "NoArgsIsHelpError":  # `ghostproof clauses` alone: the help is the answer
            sys.stderr.write(exc.format_message() + "\n")
            sys.exit(2)
        from .usage import usage_error

        names = tuple(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands)
        error = usage_error(exc, sys.argv[1:], (*names, "clauses"))
        sys.stderr.write(f"ghostproof: {error.line()}\n")
        sys.exit(2)
    except typer.Abort:  # Ctrl-D at a prompt
        sys.stderr.write("ghostproof: stopped (no answer)\n")
        sys.exit(1)
    except SystemExit:
        # the objects spaCy built live until exit; freezing them spares the final collection (~0.2 s)
        import gc

        gc.freeze()
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ghostproof: interrupted\n")
        sys.exit(130)
    except Terminated:
        sys.stderr.write("ghostproof: stopped (terminated)\n")
        sys.exit(143)
    except GhostproofError as err:
        sys.stderr.write(f"ghostproof: {err.line()}\n")
        sys.exit(err.exit_code)
    except Exception as exc:  # a bug or an input we did not foresee: one line, never a traceback
        if os.environ.get("GHOSTPROOF_DEBUG"):
            raise
        sys.stderr.write(
            f"ghostproof: error[{E_BUG}]: unexpected {type(exc).__name__}: {exc} — "
            "this is a bug in ghostproof; rerun with GHOSTPROOF_DEBUG=1 and report the traceback\n"
        )
        sys.exit(2)
    import gc

    gc.freeze()
    sys.exit(code if isinstance(code, int) else 0)
