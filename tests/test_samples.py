"""The six bundled samples: every format present, the same words and the same section labels in each."""

from __future__ import annotations

import itertools
import re
import zipfile
from functools import cache

import pytest
from similarity import word_similarity

import samples as S
from ghostproof import Document, load_document


@cache
def doc(name: str, fmt: str) -> Document:
    return load_document(S.SAMPLES / f"{name}.{fmt}")


def labels(d: Document) -> list[str]:
    """Distinct section labels in order of first appearance (table cells carry no labels of their own)."""
    out: list[str] = []
    for b in d.blocks:
        if b.section and (not out or out[-1] != b.section) and b.section not in out:
            out.append(b.section)
    return out


def test_the_set_covers_both_languages_trades_and_kinds() -> None:
    metas = [S.load(n).meta for n in S.NAMES]
    assert {m["lang"] for m in metas} == {"en", "de"}
    assert {m["kind"] for m in metas} == {"hardened", "bare", "mixed"}


@pytest.mark.parametrize(("name", "fmt"), list(itertools.product(S.NAMES, S.FORMATS)))
def test_every_format_reads_with_the_declared_language(name: str, fmt: str) -> None:
    d = doc(name, fmt)
    assert d.lang == S.load(name).meta["lang"]
    assert d.source_type == fmt
    assert len(d.text.split()) > 300
    for b in d.blocks:
        assert d.text[b.start : b.end] == b.text
    if fmt == "pdf":
        assert d.pages and d.pages >= 1
        assert all(b.page is not None and 1 <= b.page <= d.pages for b in d.blocks)
    else:
        assert all(b.page is None for b in d.blocks)


@pytest.mark.parametrize(("name", "pair"), list(itertools.product(S.NAMES, [("md", "docx"), ("md", "pdf")])))
def test_same_words_in_every_format(name: str, pair: tuple[str, str]) -> None:
    a, b = (doc(name, f) for f in pair)
    assert word_similarity(a.text, b.text) >= 0.98


@pytest.mark.parametrize(("name", "fmt"), list(itertools.product(S.NAMES, ["docx", "pdf"])))
def test_same_section_labels_in_every_format(name: str, fmt: str) -> None:
    expected = labels(doc(name, "md"))
    assert len(expected) >= 8
    assert labels(doc(name, fmt)) == expected


def test_two_column_pdf_with_running_header_and_footer() -> None:
    import pypdfium2 as pdfium

    path = S.SAMPLES / "en-consulting-mixed.pdf"
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) >= 3
        raw = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    # the running header/footer is on every page of the PDF ...
    header = S.load("en-consulting-mixed").meta.get("running_header", "Confidential")
    assert all(header.lower() in page.lower() for page in raw)
    # ... and not in the text ghostproof reads, which follows the Markdown word for word
    d = doc("en-consulting-mixed", "pdf")
    assert header.lower() not in d.text.lower()
    assert not re.search(r"Page \d+ of \d+", d.text)
    assert word_similarity(d.text, doc("en-consulting-mixed", "md").text) >= 0.98


def test_docx_with_tracked_changes_and_automatic_numbering() -> None:
    path = S.SAMPLES / "de-webdesign-mixed.docx"
    with zipfile.ZipFile(path) as zf:
        body = zf.read("word/document.xml").decode()
        assert "word/numbering.xml" in zf.namelist()
    assert "<w:ins " in body and "<w:del " in body
    assert "<w:numPr>" in body
    assert not re.search(r"<w:t[^>]*>\s*§\s*\d", body), "section numbers must come from Word's numbering"
    d = doc("de-webdesign-mixed", "docx")
    assert labels(d)[:2] == ["§ 1", "§ 1(1)"] or labels(d)[0] == "§ 1"
