"""``ghostproof assess``: a dated plan for a client who has gone silent, from a case file (or an interview) and
the contract it names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import E_BAD_OPTION, GhostproofError
from .base import Console, Outcome, check_target, emit, pick_format

FORMATS = ("text", "markdown", "html", "docx", "json", "ics")


@dataclass(frozen=True)
class AssessOptions:
    #: the case file, or with ``interactive`` the contract
    path: Path | None
    format: str | None = None
    output: Path | None = None
    force: bool = False
    interactive: bool = False
    #: where the interview saves the case (default: CONTRACT.case.toml)
    save: Path | None = None
    #: print a case file to fill in instead, with the defaults of this language
    template: str | None = None


def run_assess(options: AssessOptions, console: Console) -> Outcome:
    """The assessment in the chosen format (Word is always written to a file)."""
    o = options
    if o.template is not None:
        from ..assess.casefile import case_template

        return emit(case_template(o.template), o.output, o.force, (), console)
    if o.path is None:
        raise GhostproofError(
            E_BAD_OPTION,
            "ghostproof assess: CASE is missing",
            hint="give a case file, or start one with: ghostproof assess --template > case.toml",
        )
    fmt = pick_format(o.format, o.output, FORMATS, console)
    if fmt == "docx" and o.output is None and not o.interactive:
        check_target(Path(f"{o.path.stem}-assessment.docx"), o.force, (o.path,))
    check_target(o.output, o.force, (o.path,))
    case_path = interview_and_save(o.path, o.save, o.force, console) if o.interactive else o.path
    return assess_file(case_path, fmt, o.output, o.force, console)


def assess_file(case_path: Path, fmt: str, output: Path | None, force: bool, console: Console) -> Outcome:
    from ..assess import contract_argument
    from ..assess.case import load_case
    from ..assess.plan import assess, contract_context
    from ..assess.render import render_docx, render_html, render_ics, render_json, render_markdown, render_text
    from ..detect import audit_document
    from ..ingest import load_document

    case, contract = load_case(case_path)
    document = load_document(contract, lang=case.language)
    result = audit_document(document)
    if not result.looks_like_contract:
        console.note(
            f"ghostproof: warning: {contract} (the case's contract) does not look like a contract; "
            "the plan below rests on it"
        )
    assessment = assess(case, result, contract_argument(contract), contract_context(document.text, document.lang))
    inputs = (case_path, contract)
    if fmt == "docx":
        return emit(
            render_docx(assessment), output or Path(f"{case_path.stem}-assessment.docx"), force, inputs, console
        )
    renderers = {
        "text": render_text,
        "markdown": render_markdown,
        "html": render_html,
        "json": render_json,
        "ics": render_ics,
    }
    return emit(renderers[fmt](assessment), output, force, inputs, console)


def interview_and_save(contract: Path, save: Path | None, force: bool, console: Console) -> Path:
    """Ask for the case facts on the terminal and save them as a case file; its path."""
    from ..assess.casefile import dump_case
    from ..assess.interview import interview
    from ..ingest import load_document
    from ..output import write_output

    if console.ask is None:
        raise GhostproofError(
            E_BAD_OPTION, "--interactive needs a terminal to ask its questions", hint="write a case file instead"
        )
    from ..regions import contract_region

    document = load_document(contract)
    lang = document.lang
    from ..contract_type import read_type

    named = contract_region(document.text)
    kind = read_type(document.text, lang).type
    console.tell("ghostproof: a few questions about the situation (Ctrl-C to stop)")
    case = interview(
        contract, lang, console.ask, console.tell, region=named.region if named else None, contract_type=kind
    )
    target = save or Path(f"{contract.stem}.case.toml")
    write_output(target, dump_case(case), force=force, inputs=(contract,))
    console.note(f"ghostproof: saved the case to {target} (edit it and run: ghostproof assess {target})")
    return target
