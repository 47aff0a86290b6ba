"""ghostproof: check a freelance contract for protection against a client who goes silent.

ghostproof informs; it is not legal advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["AuditResult", "Block", "Document", "Finding", "GhostproofError", "__version__", "audit", "load_document"]

if TYPE_CHECKING:
    from .detect import audit
    from .errors import GhostproofError
    from .findings import AuditResult, Finding
    from .ingest import load_document
    from .model import Block, Document


def __getattr__(name: str) -> Any:  # lazy: keep `import ghostproof` cheap (no spaCy until audit is used)
    if name == "load_document":
        from .ingest import load_document

        return load_document
    if name == "audit":
        from .detect import audit

        return audit
    if name in ("Block", "Document"):
        from . import model

        return getattr(model, name)
    if name in ("AuditResult", "Finding"):
        from . import findings

        return getattr(findings, name)
    if name == "GhostproofError":
        from .errors import GhostproofError

        return GhostproofError
    raise AttributeError(name)
