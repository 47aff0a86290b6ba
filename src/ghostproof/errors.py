"""All user-facing errors in one place, with stable codes.

A :class:`GhostproofError` is rendered by the CLI as one line (``ghostproof: error[E102]: FILE: what — hint``)
and exit code 2. Library code raises it; it never prints.
"""

from __future__ import annotations

from pathlib import Path

CONVERT_HINT = "convert it with: soffice --headless --convert-to docx {name}"


class GhostproofError(Exception):
    """An input or usage problem the user can fix. ``str()`` is the one-line message."""

    exit_code = 2

    def __init__(
        self,
        code: str,
        message: str,
        *,
        path: str | Path | None = None,
        hint: str | None = None,
        details: tuple[str, ...] = (),
    ):
        self.code = code
        # one line, whatever a library's message (quoted here) contained
        self.message = " ".join(message.split())
        self.path = str(path) if path is not None else None
        self.hint = " ".join(hint.split()) if hint else hint
        #: more lines under the one-line error (e.g. each wrong field of a case file)
        self.details = details
        super().__init__(self.line())

    def line(self) -> str:
        """The error as one line, followed by its details (if any) one per indented line."""
        where = f"{self.path}: " if self.path else ""
        tail = f" — {self.hint}" if self.hint else ""
        head = f"error[{self.code}]: {where}{self.message}{tail}"
        return "\n".join([head, *(f"  {d}" for d in self.details)])


# Stable codes. Keep the numbers; add new ones at the end of a group.
E_NOT_FOUND = "E101"
E_IS_DIR = "E102"
E_UNREADABLE = "E103"
E_EMPTY = "E104"
E_TOO_LARGE = "E105"
E_NOT_REGULAR = "E106"
E_NO_CONTRACTS = "E107"
E_WORKER = "E108"
E_TIMEOUT = "E109"
E_UNKNOWN_FORMAT = "E110"
E_CONVERT_FIRST = "E111"
E_TYPE_MISMATCH = "E112"
E_PDF_DAMAGED = "E120"
E_PDF_PASSWORD = "E121"
E_PDF_BAD_PASSWORD = "E122"
E_PDF_NO_TEXT = "E123"
E_PDF_BOMB = "E124"
E_OCR_MISSING = "E125"
E_TOO_MANY_PAGES = "E126"
E_IMAGE = "E127"
E_DOCX_DAMAGED = "E130"
E_DOCX_BOMB = "E131"
E_DOCX_DTD = "E132"
E_TEXT_BINARY = "E140"
E_TEXT_ENCODING = "E141"
E_NO_TEXT = "E150"
E_TOO_LONG = "E151"
E_UPLOAD = "E160"
E_FORBIDDEN = "E161"
E_BAD_OPTION = "E190"
E_OUTPUT_EXISTS = "E191"
E_OUTPUT_WRITE = "E192"
E_PORT = "E193"
E_RULES = "E170"
E_CLAUSES = "E172"
E_DATA = "E173"
E_CASE = "E180"
E_BUG = "E199"
