"""``ghostproof review``: a Word review copy of a contract — a comment on the evidence of every finding, one
summarising what is missing, and the suggested clauses as tracked insertions the other side can accept or reject.

Modules, in the order the work flows: :mod:`.trace` (document text -> Word paragraphs and runs, by running the DOCX
reader with hooks), :mod:`.runs` (the runs that show a span, split at its ends), :mod:`.place` (where suggestions
go and how they are numbered), :mod:`.comments` and :mod:`.insertions` (the Word markup), :mod:`.package` (the copy:
the original package with only the changed parts replaced), :mod:`.compose` (all of it), :mod:`.listing` (what a
review copy holds, read back from the file).
"""

from __future__ import annotations

from .compose import (
    DEFAULT_AUTHOR,
    Contract,
    ReviewedCopy,
    parse_date,
    read_contract,
    review_copy,
    review_families,
)
from .listing import Listing, format_listing, list_review

__all__ = [
    "DEFAULT_AUTHOR",
    "Contract",
    "Listing",
    "ReviewedCopy",
    "format_listing",
    "list_review",
    "parse_date",
    "read_contract",
    "review_copy",
    "review_families",
]
