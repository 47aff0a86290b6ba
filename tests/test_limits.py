"""The README's table of limits says what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from ghostproof import limits
from ghostproof.assess import case
from ghostproof.ingest.docx import safety

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
TABLE = README[README.index("### Limits on one input") : README.index("## Samples")]


def _row(start: str) -> str:
    rows = [line for line in TABLE.splitlines() if line.startswith(f"| {start}")]
    assert len(rows) == 1, start
    return rows[0]


def test_the_limits_table_matches_the_code() -> None:
    assert f"| {limits.DEFAULT_MAX_SIZE >> 20} MB |" in _row("input file size")
    assert f"| {limits.DEFAULT_MAX_CHARS:,} " in _row("characters of text in one document")
    assert f"| {limits.MAX_BLOCK_CHARS:,} |" in _row("characters in one paragraph")
    assert f"| {limits.NLP_CHUNK_CHARS:,} characters |" in _row("spaCy reads the text in pieces")
    pdf = _row("what a PDF's compressed streams may inflate to")
    assert f"{limits.PDF_INFLATE_RATIO} × the file's size" in pdf
    assert f"at least {limits.PDF_INFLATE_FLOOR >> 20} MB, at most {limits.PDF_INFLATE_CEILING >> 30} GB" in pdf
    docx = _row("one part of a DOCX")
    assert f"{safety.MAX_MEMBER_SIZE >> 20} MB (and all parts {safety.MAX_TOTAL_SIZE >> 20} MB" in docx
    assert f"ratio {safety.MAX_RATIO}:1 above {safety.RATIO_FLOOR >> 20} MB" in docx
    assert f"| {safety.MAX_BLOCKS:,} |" in _row("paragraphs with text in a DOCX")
    assert f"| {safety.MAX_UNITS:,} |" in _row("paragraphs, rows or entries")
    assert f"| {safety.MAX_UNIT_ELEMENTS:,} |" in _row("XML elements alive at once")
    assert f"{safety.MAX_MEMBERS:,} parts, {safety.MAX_DIRECTORY >> 20} MB" in _row("parts and central directory")
    assert f"| {limits.DEFAULT_MAX_PAGES:,} | `--max-pages` | E126 |" in _row("pages of a PDF")
    assert f"| {limits.OCR_MAX_PAGES:,} | `--max-pages` | E126 |" in _row("scanned pages of a PDF")
    from ghostproof.ingest.pdf.ocr import MAX_PIXELS

    assert f"| {MAX_PIXELS:,} | no |" in _row("pixels a scanned page")
    from ghostproof.ingest.image import MAX_IMAGE_PIXELS

    assert f"| {MAX_IMAGE_PIXELS:,} | no | E127 |" in _row("pixels of one page of an image file")
    row = _row("a case file")
    assert f"{limits.MAX_CASE_BYTES:,} bytes; amounts up to {case.MAX_AMOUNT:,}" in row
    assert f"dates {case.EARLIEST.year}–{case.LATEST.year}; {case.MAX_PROBLEMS} problems listed" in row


def test_every_limit_in_the_code_is_in_the_table() -> None:
    names = [n for n in vars(limits) if re.fullmatch(r"[A-Z_]+", n)]
    assert set(names) == {
        "DEFAULT_MAX_SIZE",
        "DEFAULT_MAX_CHARS",
        "MAX_BLOCK_CHARS",
        "NLP_CHUNK_CHARS",
        "PDF_INFLATE_RATIO",
        "PDF_INFLATE_FLOOR",
        "PDF_INFLATE_CEILING",
        "MAX_CASE_BYTES",
        "DEFAULT_MAX_PAGES",
        "OCR_MAX_PAGES",
    }, "a new limit needs a row in the README's table and a check above"
