"""Ingestion: a contract file (PDF, DOCX, text, Markdown) -> :class:`~ghostproof.model.Document`.

Nothing here imports spaCy; readers import their parsing libraries lazily so ``extract`` starts fast.
"""

from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import (
    E_EMPTY,
    E_IS_DIR,
    E_NOT_FOUND,
    E_NOT_REGULAR,
    E_TOO_LARGE,
    E_UNREADABLE,
    GhostproofError,
)
from ..limits import DEFAULT_MAX_CHARS, DEFAULT_MAX_PAGES, DEFAULT_MAX_SIZE, OCR_MAX_PAGES
from ..model import Document, Extraction, Lang, SourceType
from .assemble import assemble
from .sniff import sniff

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_SIZE",
    "DEFAULT_READING",
    "Reading",
    "document_from_text",
    "load_document",
    "parse_count",
    "parse_size",
]

_HEAD = 8192


def parse_size(value: str) -> int:
    """ "50MB", "500k", "1GiB", "12345" -> bytes."""
    v = value.strip().lower().replace(" ", "")
    units = {
        "gib": 1 << 30,
        "gb": 1 << 30,
        "g": 1 << 30,
        "mib": 1 << 20,
        "mb": 1 << 20,
        "m": 1 << 20,
        "kib": 1 << 10,
        "kb": 1 << 10,
        "k": 1 << 10,
        "b": 1,
    }
    number, factor = v, 1
    for unit, unit_factor in units.items():
        if v.endswith(unit):
            number, factor = v[: -len(unit)], unit_factor
            break
    try:
        amount = float(number)
        if not math.isfinite(amount):
            raise ValueError
        size = int(amount * factor)
    except (ValueError, OverflowError):
        raise ValueError(f"not a size: {value!r} (use e.g. 50MB, 500KB)") from None
    if size <= 0:
        raise ValueError(f"size must be positive: {value!r}")
    return size


def parse_count(value: str) -> int:
    """ "5000000", "5M", "5,000,000", "500k" -> a positive whole number."""
    v = value.strip().lower().replace(",", "").replace("_", "").replace(" ", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(v[-1:], 1)
    if factor > 1:
        v = v[:-1]
    try:
        amount = float(v)
        if not math.isfinite(amount) or amount < 1:
            raise ValueError
        return int(amount * factor)
    except (ValueError, OverflowError):
        raise ValueError(f"not a positive number: {value!r} (e.g. 5000000 or 5M)") from None


def _human(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 10 * 1024 else f"{n:,} bytes"


def _check_path(path: Path, max_size: int) -> bytes:
    """Checks that need no parsing; returns the first bytes of the file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise GhostproofError(E_NOT_FOUND, "no such file", path=path, hint="check the path and spelling") from None
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot access the file ({exc.strerror})", path=path) from None
    if stat.S_ISDIR(st.st_mode):
        hint = "pass a contract file inside it"
        if path.suffix.lower() == ".pages":
            hint = "this is an Apple Pages bundle: in Pages use File > Export To > Word"
        raise GhostproofError(E_IS_DIR, "this is a folder, not a file", path=path, hint=hint)
    if not stat.S_ISREG(st.st_mode):
        raise GhostproofError(
            E_NOT_REGULAR,
            "not a regular file (a pipe, device or socket)",
            path=path,
            hint="pass a saved file",
        )
    if st.st_size == 0:
        raise GhostproofError(E_EMPTY, "the file is empty (0 bytes)", path=path, hint="check that it saved fully")
    if st.st_size > max_size:
        raise GhostproofError(
            E_TOO_LARGE,
            f"the file is {_human(st.st_size)}, over the {_human(max_size)} limit",
            path=path,
            hint="raise the limit with --max-size if this really is a contract",
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(_HEAD)
    except PermissionError:
        raise GhostproofError(
            E_UNREADABLE, "permission denied", path=path, hint="check the file's permissions (chmod u+r)"
        ) from None
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror})", path=path) from None


def read_raw(
    path: Path,
    kind: SourceType,
    *,
    password: str | None,
    max_size: int,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: bool = True,
    max_pages: int | None = None,
) -> Extraction:
    if kind == "pdf":
        from .pdf import OcrOptions, read_pdf

        scanned = OcrOptions(ocr, max_pages if max_pages is not None else OCR_MAX_PAGES)
        return read_pdf(
            path,
            password=password,
            max_chars=max_chars,
            ocr=scanned,
            max_pages=max_pages if max_pages is not None else DEFAULT_MAX_PAGES,
        )
    if kind == "image":
        from .image import read_image

        return read_image(
            path, ocr=ocr, ocr_pages=max_pages if max_pages is not None else OCR_MAX_PAGES, max_chars=max_chars
        )
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path, max_chars=max_chars)
    from .text import read_text

    return read_text(path, markdown=kind == "md", max_chars=max_chars)


def load_document(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    lang: Lang | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: bool = True,
    max_pages: int | None = None,
) -> Document:
    """Read a contract file into a located :class:`Document`. Raises :class:`GhostproofError` on bad input.

    ``max_size`` bounds the file (bytes), ``max_chars`` its text: reading stops as soon as it is passed. A PDF's
    pages without a text layer are read by OCR (``ocr``, when Tesseract is installed); ``max_pages`` bounds the
    pages of a PDF (default 2,000) and, given, the scanned ones (default 100)."""
    p = Path(path)
    head = _check_path(p, max_size)
    kind = sniff(p, head)
    ext = read_raw(p, kind, password=password, max_size=max_size, max_chars=max_chars, ocr=ocr, max_pages=max_pages)
    return assemble(
        ext.blocks,
        source=str(p),
        source_type=kind,
        pages=ext.pages,
        lang=lang,
        warnings=ext.warnings,
        max_chars=max_chars,
    )


@dataclass(frozen=True)
class Reading:
    """How to read a contract file: an encrypted PDF's password, the language (None: detected from the text) and
    the limits on the file's size (bytes) and its text (characters). What every command's reading options say."""

    password: str | None = None
    lang: Lang | None = None
    max_size: int = DEFAULT_MAX_SIZE
    max_chars: int = DEFAULT_MAX_CHARS
    #: read a PDF's scanned pages by OCR (``--no-ocr`` turns it off)
    ocr: bool = True
    #: ``--max-pages`` (None: the defaults of :mod:`ghostproof.limits`)
    max_pages: int | None = None

    def load(self, path: str | os.PathLike[str]) -> Document:
        return load_document(
            path,
            password=self.password,
            lang=self.lang,
            max_size=self.max_size,
            max_chars=self.max_chars,
            ocr=self.ocr,
            max_pages=self.max_pages,
        )


#: the defaults: password none, language detected, the limits of :mod:`ghostproof.limits`
DEFAULT_READING = Reading()


def document_from_text(
    text: str, *, lang: Lang | None = None, source: str = "<text>", markdown: bool = False
) -> Document:
    """A :class:`Document` from a string (plain text or Markdown), e.g. one clause pasted by a user."""
    from .text import mend_page_breaks, parse_lines

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = parse_lines(lines, markdown=markdown)
    if not markdown:
        blocks = mend_page_breaks(blocks)
    return assemble(blocks, source=source, source_type="md" if markdown else "txt", pages=None, lang=lang)
