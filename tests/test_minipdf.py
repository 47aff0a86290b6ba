"""bench/minipdf.py, which writes the PDFs the cold-start and memory benches audit: the same bytes every time, and
ghostproof reads back the pages and the text that went in."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from scripts import load_script

from ghostproof.ingest import load_document


def _minipdf() -> ModuleType:
    return load_script("bench/minipdf.py", "minipdf")


def test_layout_fills_exactly_the_pages_asked_for() -> None:
    m = _minipdf()
    pages = m.layout(m.contract_paragraphs("en-software-bare"), pages=7)
    assert len(pages) == 7
    assert all(0 < len(page) <= m.LINES_PER_PAGE for page in pages)
    assert all(m.text_width(line) <= m.PAGE_WIDTH - 2 * m.MARGIN for page in pages for line in page)


def test_written_pdf_reads_back_with_its_pages_and_text(tmp_path: Path) -> None:
    m = _minipdf()
    paragraphs = m.contract_paragraphs("en-software-bare")
    pages = m.layout(paragraphs)
    pdf = m.write_pdf(tmp_path / "a.pdf", pages)
    assert m.write_pdf(tmp_path / "b.pdf", pages).read_bytes() == pdf.read_bytes()
    doc = load_document(pdf)
    assert doc.pages == len(pages) and doc.lang == "en"
    assert doc.text.split() == " ".join(paragraphs).split()  # page footers dropped, paragraphs joined


def test_the_one_page_sample_holds_about_400_words() -> None:
    m = _minipdf()
    first = m.layout(m.contract_paragraphs("en-software-bare"))[0]
    assert 300 <= sum(len(line.split()) for line in first) <= 450
