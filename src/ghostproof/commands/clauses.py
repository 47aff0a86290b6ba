"""``ghostproof clauses list|show`` and ``ghostproof schema``: the clause library and the audit JSON's schema."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .base import Outcome


def run_clauses_list(lang: str) -> Outcome:
    """Every clause family with its variants and parameters."""
    from ..clauses.library import load_library
    from ..clauses.show import list_library

    return Outcome(stdout=_line_end(list_library(load_library(), lang)))


@dataclass(frozen=True)
class ShowOptions:
    clause_id: str
    lang: str = "en"
    variant: str | None = None
    assign: Sequence[str] = field(default_factory=tuple)


def run_clauses_show(options: ShowOptions) -> Outcome:
    """One clause with its parameters and drafting note."""
    from ..clauses.library import load_library
    from ..clauses.show import show_clause

    o = options
    return Outcome(stdout=_line_end(show_clause(load_library(), o.clause_id, o.lang, o.variant, list(o.assign))))


def run_schema() -> Outcome:
    """The JSON Schema of the audit JSON (ghostproof.audit/2)."""
    from ..data import package_text
    from ..findings import SCHEMA_FILE

    return Outcome(stdout=package_text("schemas", SCHEMA_FILE))


def _line_end(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"
