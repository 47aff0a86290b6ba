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
    json = "json"


_SYMBOL = {"present": "✔", "weak": "!", "missing": "✘"}


def _audit_text(result: object) -> str:
    from .findings import AuditResult

    assert isinstance(result, AuditResult)
    lines = [f"{result.source} ({result.source_type}, {result.language})", ""]
    for f in result.findings:
        where = ""
        if f.evidence:
            ev = f.evidence[0]
            where = ", ".join(x for x in (f"p. {ev.page}" if ev.page else "", ev.section or "") if x)
        attrs = ", ".join(f"{k}={v}" for k, v in f.attributes.items() if v is not None)
        lines.append(f"{_SYMBOL[f.status]} {f.clause:20} {f.status:8} {where:14} {attrs}")
        for p in f.problems:
            lines.append(f"    {p.code}: {p.message}")
    lines += ["", "ghostproof informs; it is not legal advice."]
    return "\n".join(lines)


@app.command()
def audit(
    file: ContractArg,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="text or json.")] = AuditFormat.text,
    password: PasswordOpt = None,
    lang: LangOption = None,
    max_size: MaxSizeOpt = "50MB",
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Check a contract for the clauses that protect you when a client goes silent.

    Example: ghostproof audit contract.pdf --format json
    """
    try:
        from .detect import audit as run_audit

        result = run_audit(file, password=password, lang=lang.value if lang else None, max_size=_limit(max_size))
        if fmt is AuditFormat.json:
            text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        else:
            text = _audit_text(result)
        _emit(text, output, force, (file,))
    except GhostproofError as err:
        _fail(err)


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
