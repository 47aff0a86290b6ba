"""PDF reader: pypdfium2 text with positions -> paragraphs in reading order.

Per page, pdfium gives the text (with its own line breaks, and U+FFFE where it glued a word hyphenated at a
line end) and, per line, the boxes of its text objects. Lines whose boxes are irregular (a big horizontal gap,
a jump to another line) are split char by char; the rest costs a few calls per line, so a page takes about a
millisecond. Then, per page: rows and columns (two-column pages are read left column first; full-width lines
stay in place); per document: running headers/footers and page numbers dropped; lines joined into paragraphs.

Modules: :mod:`.lines` (pdfium text and boxes -> segments), :mod:`.columns` (rows, columns, reading order),
:mod:`.furniture` (running headers/footers, page numbers) and :mod:`.paragraphs` (lines -> blocks). Here: opening
the file, reading the pages, and errors. pypdfium2 is imported only when a PDF is read.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import (
    E_PDF_BAD_PASSWORD,
    E_PDF_DAMAGED,
    E_PDF_NO_TEXT,
    E_PDF_PASSWORD,
    E_TOO_MANY_PAGES,
    E_UNREADABLE,
    GhostproofError,
)
from ...limits import DEFAULT_MAX_CHARS, DEFAULT_MAX_PAGES, too_long
from ...model import Extraction, RawBlock
from .bombs import check_streams
from .columns import layout
from .furniture import drop_running
from .lines import PLAIN_SPACES, SOFT, Line, PageReader
from .ocr import BOTH, LANGS, missing_error, ocr_page, tesseract_ready
from .paragraphs import to_blocks

__all__ = ["OcrOptions", "read_pdf"]

# --------------------------------------------------------------------------------------------------- errors


def _damaged(path: Path, what: str = "the PDF is damaged or incomplete") -> GhostproofError:
    return GhostproofError(E_PDF_DAMAGED, what, path=path, hint="download or export it again, or print it to a new PDF")


def _check_tail(path: Path) -> None:
    """pdfium silently repairs truncated files: a PDF must end with %%EOF (in its last 2 KiB)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise GhostproofError(E_UNREADABLE, f"cannot read the file ({exc.strerror})", path=path) from None
    if b"%%EOF" not in tail:
        raise _damaged(path, "the PDF is truncated (it has no end-of-file marker)")


def _open_error(exc: Exception, path: Path, password: str | None) -> GhostproofError:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        if password is None:
            return GhostproofError(
                E_PDF_PASSWORD,
                "the PDF is password-protected",
                path=path,
                hint="run again with --password followed by the password",
            )
        return GhostproofError(
            E_PDF_BAD_PASSWORD,
            "the password does not open this PDF",
            path=path,
            hint="check the password (it is case-sensitive)",
        )
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return GhostproofError(
            E_PDF_DAMAGED,
            "the PDF uses an encryption scheme that cannot be read",
            path=path,
            hint="open it in a PDF viewer and print it to a new, unprotected PDF",
        )
    return _damaged(path)


# ----------------------------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Pages:
    lines: list[list[Line]]
    heights: list[float]
    #: non-space characters over all pages
    chars: int
    #: 1-based numbers of pages without any text
    empty: list[int]
    #: 1-based numbers of pages pdfium could not load
    broken: list[int]
    #: pages read by OCR: 1-based number -> mean word confidence
    ocr: dict[int, float]


@dataclass(frozen=True)
class OcrOptions:
    """OCR for pages without a text layer: on or off, and the most pages it may read (each takes seconds)."""

    enabled: bool = True
    max_pages: int = 100


def _read_pages(pdf: Any, pdfium_c: Any, error: type[Exception], path: Path, max_chars: int, ocr: OcrOptions) -> _Pages:
    reader = PageReader(pdfium_c)
    out = _Pages([], [], 0, [], [], {})
    region = 0
    total = 0  # characters read so far, spaces included
    read_so_far: list[str] = []  # the text of the pages read, to choose the OCR language from
    ocr_lang: str | None = None
    for index in range(len(pdf)):
        try:
            page = pdf.get_page(index)
        except error:  # one broken page: read the others
            out.broken.append(index + 1)
            out.heights.append(0.0)
            out.lines.append([])
            continue
        try:
            height = float(page.get_height())
            textpage = page.get_textpage()
            try:
                n = textpage.count_chars()
                total += max(n, 0)
                if total > max_chars * 1.2 + 1000:  # white space is squashed later; far over is over
                    raise too_long(path, max_chars, f"page {index + 1:,} of {len(pdf):,}")
                text = textpage.get_text_range()
                if len(text) != n:  # chars outside UCS-2 or excluded chars: rebuild aligned with char indices
                    text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
                segs = reader.segments(textpage.raw, text.translate(PLAIN_SPACES))
            finally:
                textpage.close()
            chars = sum(len(s.text.strip(SOFT)) for s in segs)
            if chars == 0 and ocr.enabled:
                if len(out.ocr) >= ocr.max_pages:
                    raise too_many_pages(path, len(pdf), ocr.max_pages, scanned=True)
                if not out.ocr and (why := tesseract_ready()) is not None:
                    raise missing_error(path, why)
                ocr_lang = ocr_lang or _ocr_language(" ".join(read_so_far))
                scanned = ocr_page(page, ocr_lang)
                segs, height = scanned.segs, scanned.height
                chars = sum(len(s.text) for s in segs)
                if segs:
                    out.ocr[index + 1] = scanned.confidence
                if ocr_lang == BOTH:  # the first scanned page says which language the rest is in
                    ocr_lang = _ocr_language(" ".join(s.text for s in segs))
            out.heights.append(height)
        finally:
            page.close()
        out.chars += chars
        if chars == 0:
            out.empty.append(index + 1)
        elif len(read_so_far) < 3:
            read_so_far.append(" ".join(s.text for s in segs))
        lines = layout(segs, index + 1, region)
        if lines:
            region = lines[-1].region + 1
        out.lines.append(lines)
    return out


def _check_scanned_pages(pdf: Any, error: type[Exception], path: Path, limit: int) -> None:
    """Before any OCR: a PDF with more pages without text than OCR may read is refused at once (a 500-page scan
    would otherwise take half an hour to be refused at page 101)."""
    scanned = 0
    for index in range(len(pdf)):
        try:
            page = pdf.get_page(index)
        except error:
            continue
        try:
            textpage = page.get_textpage()
            try:
                scanned += textpage.count_chars() <= 0
            finally:
                textpage.close()
        finally:
            page.close()
        if scanned > limit:
            raise too_many_pages(path, len(pdf), limit, scanned=True)


def _ocr_language(text: str) -> str:
    """Tesseract's language for the scanned pages: the contract's, when enough text says which; else both."""
    from ..lang import detect_lang

    if len(text.split()) < 40:
        return BOTH
    return LANGS[detect_lang(text)]


def too_many_pages(path: Path, pages: int, limit: int, *, scanned: bool = False) -> GhostproofError:
    what = f"more than {limit:,} scanned pages to read by OCR" if scanned else f"{pages:,} pages, over the limit"
    return GhostproofError(
        E_TOO_MANY_PAGES,
        f"the PDF has {what} ({limit:,})" if not scanned else f"the PDF has {what}",
        path=path,
        hint="raise the limit with --max-pages if you mean it, or read the pages that matter",
    )


def read_pdf(
    path: Path,
    *,
    password: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: OcrOptions = OcrOptions(),
    max_pages: int = DEFAULT_MAX_PAGES,
) -> Extraction:
    """Read a PDF's text layer into paragraphs in reading order, and its scanned pages by OCR (``ocr``). Raises
    :class:`GhostproofError` on bad input."""
    _check_tail(path)
    check_streams(path)
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    warnings: list[str] = []
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        if password is None or getattr(exc, "err_code", None) != pdfium_c.FPDF_ERR_PASSWORD:
            raise _open_error(exc, path, password) from None
        try:  # a PDF that only has an owner password opens without one: the given password is not needed
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            raise _open_error(exc, path, password) from None
        warnings.append("the PDF opens without a password; the password given was not used")
    blocks: list[RawBlock] = []
    try:
        if len(pdf) > max_pages:
            raise too_many_pages(path, len(pdf), max_pages)
        if ocr.enabled and len(pdf) > ocr.max_pages:  # only then could the scanned pages be too many
            _check_scanned_pages(pdf, pdfium.PdfiumError, path, ocr.max_pages)
        pages = _read_pages(pdf, pdfium_c, pdfium.PdfiumError, path, max_chars, ocr)
        if pages.chars:
            blocks = to_blocks(drop_running(pages.lines, pages.heights))
            blocks = [_scanned(b, pages.ocr) for b in blocks]
    except GhostproofError:
        raise
    except Exception as exc:  # never a traceback: whatever pdfium or the layout trips on, say the file is bad
        raise _damaged(path, f"the PDF's text could not be read ({type(exc).__name__})") from None
    finally:
        pdf.close()
    if not pages.lines:
        raise _damaged(path, "the PDF has no pages")
    if len(pages.broken) == len(pages.lines):
        raise _damaged(path)
    if pages.chars == 0:
        if ocr.enabled:
            raise GhostproofError(
                E_PDF_NO_TEXT,
                "the PDF has no text layer, and OCR found no text on its pages",
                path=path,
                hint="check that the scan shows the contract's text (not blank or too faint), and scan it again",
            )
        named = shlex.quote(path.stem + "-ocr.pdf")
        raise GhostproofError(
            E_PDF_NO_TEXT,
            "the PDF has no text layer (it looks scanned or image-only)",
            path=path,
            hint=f"run without --no-ocr to read it by OCR, or run OCR first, e.g. `ocrmypdf {shlex.quote(path.name)} "
            f"{named}`, then run ghostproof on {named}",
        )
    if pages.ocr:
        low = min(pages.ocr.values())
        warnings.append(
            f"{len(pages.ocr)} of {len(pages.lines)} pages have no text layer and were read by OCR (p. "
            f"{_page_list(sorted(pages.ocr))}; mean word confidence {_mean(pages.ocr.values()):.0f} of 100, lowest "
            f"page {low:.0f}): check the findings against the scan"
        )
    if pages.empty:
        empty = pages.empty
        warnings.append(
            f"{len(empty)} of {len(pages.lines)} pages have no text layer (p. {_page_list(empty)}); "
            "if they are scanned, run OCR (e.g. ocrmypdf) to include them"
        )
    if pages.broken:
        warnings.append(f"{len(pages.broken)} pages could not be read and are missing: p. {_page_list(pages.broken)}")
    return Extraction(blocks=blocks, pages=len(pages.lines), warnings=warnings)


def _scanned(block: RawBlock, ocr: dict[int, float]) -> RawBlock:
    if block.page in ocr:
        block.ocr, block.confidence = True, ocr[block.page]
    return block


def _mean(values: Iterable[float]) -> float:
    listed = list(values)
    return sum(listed) / len(listed) if listed else 0.0


def _page_list(numbers: Sequence[int]) -> str:
    return ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
