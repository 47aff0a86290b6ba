"""``ghostproof review``: a Word review copy of a contract, a comment on every finding and the suggested clauses
as tracked insertions. The contract itself is never changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .base import Console, ContractOptions, Outcome, check_target
from .params import ask_parameters


@dataclass(frozen=True)
class ReviewOptions(ContractOptions):
    """Without ``output``: ``CONTRACT.reviewed.docx`` in the current folder."""

    author: str = "ghostproof"
    insert: bool = True
    assign: Sequence[str] = field(default_factory=tuple)
    variant: str | None = None
    #: date of the comments and changes, ISO 8601; None: now (UTC)
    date: str | None = None
    #: also return a listing of every comment and insertion with its anchor text
    listing: bool = False


def run_review(options: ReviewOptions, console: Console) -> Outcome:
    """Write the review copy; the outcome's stdout is the listing when ``options.listing``."""
    from ..addendum import missing_parameters
    from ..addendum.compose import contract_defaults, kept_figures, owes_services
    from ..clauses.library import load_library, parse_assignments
    from ..output import write_output
    from ..review import format_listing, list_review, parse_date, read_contract, review_copy, review_families

    o = options
    when = parse_date(o.date)
    target = o.output or Path(f"{o.file.stem}.reviewed.docx")
    check_target(target, o.force, (o.file,))
    library = load_library()
    values = parse_assignments(library, list(o.assign))
    variant = library.check_variant(o.variant or "balanced")
    contract = read_contract(o.file, o.reading)
    given = set(values)
    for key, value in contract_defaults(library, contract.document.text, contract.result).items():
        values.setdefault(key, value)  # the contract's currency, client type and better figures, unless given
    if owes_services(contract.document.text, contract.result.language, values):  # a Dienstvertrag
        values.setdefault("contract_type", "dienstvertrag")
    families = review_families(contract, insert=o.insert, values=values)
    kept, not_kept = kept_figures(library, contract.result, values, given, families)
    if kept:
        console.note("ghostproof: the contract's own figures, kept in the suggested clauses: " + "; ".join(kept))
    if not_kept:
        console.note(
            "ghostproof: not kept, the audit explains why (give --set NAME=VALUE to keep one): " + "; ".join(not_kept)
        )
    lang = contract.result.language
    needed = missing_parameters(library, families, lang, values, variant)
    if needed:
        values.update(ask_parameters(library, needed, lang, families, console))
    copy = review_copy(contract, library, values=values, variant=variant, author=o.author, date=when, insert=o.insert)
    write_output(target, copy.data, force=o.force, inputs=(o.file,))
    console.note(
        f"ghostproof: wrote {target}: {copy.comments} comment(s), "
        f"{len(copy.inserted)} suggested clause(s) as tracked insertions"
        + (f": {', '.join(copy.inserted)}" if copy.inserted else "")
    )
    listing = format_listing(list_review(copy.data, author=o.author), target.name) if o.listing else None
    return Outcome(stdout=listing if listing is None or listing.endswith("\n") else listing + "\n", written=[target])
