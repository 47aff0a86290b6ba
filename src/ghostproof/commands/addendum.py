"""``ghostproof addendum``: audit a contract and write an addendum that adds the protective clauses it lacks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .base import Console, ContractOptions, Outcome, check_target, emit
from .params import ask_parameters

FORMATS = ("docx", "markdown")


@dataclass(frozen=True)
class AddendumOptions(ContractOptions):
    """Without ``output``: ``CONTRACT-addendum.docx`` in the current folder, or Markdown to stdout with
    ``format="markdown"``."""

    format: str | None = None
    #: ``--set key=value`` pairs
    assign: Sequence[str] = field(default_factory=tuple)
    #: an engagement file (TOML): [params], [agreement], variant, all
    config: Path | None = None
    variant: str | None = None
    include_all: bool = False
    notes: bool = False


def addendum_format(asked: str | None, output: Path | None) -> str:
    """``--format``, else Markdown for a .md/.markdown/.txt name, else Word."""
    if asked is not None:
        return asked
    suffix = output.suffix.lower() if output else ""
    return "markdown" if suffix in (".md", ".markdown", ".txt") else "docx"


def run_addendum(options: AddendumOptions, console: Console) -> Outcome:
    """Write the addendum (or return its Markdown); nothing when every family is present and ``include_all`` is
    off. Values only the user knows are asked through ``console.ask``."""
    from ..addendum import Engagement, compose, families_to_close, load_engagement, missing_parameters
    from ..addendum.agreement import agreement_facts
    from ..addendum.compose import contract_defaults, kept_figures, owes_services
    from ..clauses.library import load_library, parse_assignments
    from ..detect import audit_document

    o = options
    library = load_library()
    engagement = load_engagement(o.config) if o.config else Engagement()
    pairs = [f"{k}={v}" for k, v in engagement.params.items()]
    values = parse_assignments(library, pairs, source="[params]", path=o.config)
    values.update(parse_assignments(library, list(o.assign)))
    variant = library.check_variant(o.variant or engagement.variant or "balanced")
    fmt = addendum_format(o.format, o.output)
    output = o.output
    if fmt == "docx" and output is None:
        output = Path(f"{o.file.stem}-addendum.docx")
    check_target(output, o.force, (o.file,))
    document = o.reading.load(o.file)
    result = audit_document(document)
    given = set(values)
    for key, value in contract_defaults(library, document.text, result).items():
        values.setdefault(key, value)  # the contract's currency, client type and better figures, unless given
    everything = o.include_all or bool(engagement.include_all)
    services = owes_services(document.text, result.language, values)  # a Dienstvertrag: no acceptance clause
    if services:  # and no citation of the Werkvertrag's rules in the clauses it gets
        values.setdefault("contract_type", "dienstvertrag")
    families = families_to_close(result, include_all=everything, services=services)
    kept, not_kept = kept_figures(library, result, values, given, families)
    if kept:
        console.note("ghostproof: the contract's own figures, kept in the suggested clauses: " + "; ".join(kept))
    if not_kept:
        console.note(
            "ghostproof: not kept, the audit explains why (give --set NAME=VALUE to keep one): " + "; ".join(not_kept)
        )
    if not families:
        console.note(
            f"ghostproof: {o.file.name}: every clause family is present — nothing to add (use --all for a full set)"
        )
        return Outcome()
    needed = missing_parameters(library, families, result.language, values, variant)
    if needed:
        values.update(ask_parameters(library, needed, result.language, families, console))
    add = compose(
        result,
        agreement_facts(document),
        library,
        values=values,
        variant=variant,
        include_all=everything,
        overrides=engagement.agreement,
        services=services,
    )
    if fmt == "markdown":
        from ..addendum.markdown import render_markdown

        payload: str | bytes = render_markdown(add, notes=o.notes)
    else:
        from ..addendum.docx import render_docx

        payload = render_docx(add, notes=o.notes)
    outcome = emit(payload, output, o.force, (o.file,), Console())
    if output is not None:
        console.note(f"ghostproof: wrote {output}: {len(families)} clause(s): {', '.join(families)}")
    if add.placeholders:
        console.warn(
            "ghostproof: fill in before sending (not found in the contract): "
            + ", ".join(add.placeholders)
            + " — or give them in --config [agreement]"
        )
    return outcome
