"""``ghostproof assess``: a calm, dated plan for a client who has gone silent, from a case file and the contract."""

from __future__ import annotations

import os
from pathlib import Path

from .case import Case, load_case
from .casefile import dump_case
from .plan import Assessment, assess

__all__ = ["Assessment", "Case", "assess", "assess_case", "dump_case", "load_case"]


def assess_case(case_path: str | os.PathLike[str]) -> Assessment:
    """Read a case file, audit its contract and assess the situation (library entry point)."""
    from ..detect import audit_document
    from ..ingest import load_document
    from .plan import contract_context

    case, contract = load_case(case_path)
    document = load_document(contract, lang=case.language)
    return assess(case, audit_document(document), str(contract), contract_context(document.text, document.lang))


def contract_argument(contract: Path) -> str:
    """How the contract is named in commands the report suggests (relative to the current folder if possible)."""
    try:
        return str(contract.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(contract)
