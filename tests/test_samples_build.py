"""The bundled sample contracts (samples/*.md, .docx, .pdf) and their generator samples/build.py."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from samples import NAMES, build
from samples import SAMPLES as SAMPLES_DIR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _meta(name: str) -> dict:
    meta, _ = build.parse_front_matter((SAMPLES_DIR / f"{name}.md").read_text(encoding="utf-8"))
    return meta


def _xml(name: str, member: str) -> str:
    with zipfile.ZipFile(SAMPLES_DIR / f"{name}.docx") as z:
        return z.read(member).decode("utf-8")


def test_the_six_samples_are_configured() -> None:
    assert sorted(build.SAMPLES) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_front_matter(name: str) -> None:
    meta = _meta(name)
    assert meta["lang"] == name[:2]
    assert meta["kind"] in ("hardened", "bare", "mixed") and meta["kind"] in name
    assert meta["title"]
    expect = meta["expect"]
    assert sorted(expect) == sorted(build.FAMILIES)
    assert set(expect.values()) <= {"present", "weak", "missing"}
    if meta["kind"] == "hardened":
        assert set(expect.values()) == {"present"}
    elif meta["kind"] == "bare":
        assert set(expect.values()) == {"missing"}
    else:
        assert {"present", "weak", "missing"} <= set(expect.values())
    assert isinstance(meta["notes"], list) and meta["notes"]


@pytest.mark.parametrize("name", NAMES)
def test_markdown_shape(name: str) -> None:
    text = (SAMPLES_DIR / f"{name}.md").read_text(encoding="utf-8")
    _, body = build.parse_front_matter(text)
    blocks = build.parse_markdown(body)
    headings = [b.text for b in blocks if b.kind == "heading"]
    numbered = [h for h in headings if re.match(r"^(§ \d+|\d+\.) ", h)]
    assert len(numbered) >= 6
    assert headings[-1] in ("Signatures", "Unterschriften")
    first_para = next(b.text for b in blocks if b.kind == "para")
    assert re.search(r"\b(between|zwischen)\b", first_para, re.IGNORECASE)
    assert re.search(r"\b20\d\d\b", first_para)
    assert "**" not in body and "](" not in body
    assert sum(b.kind == "table" for b in blocks) <= 1


@pytest.mark.parametrize("name", NAMES)
def test_docx_has_the_markdown_words(name: str) -> None:
    md_words = build.markdown_words((SAMPLES_DIR / f"{name}.md").read_text(encoding="utf-8"))
    docx_words = build.words(build.docx_text(SAMPLES_DIR / f"{name}.docx"))
    assert build.similarity(md_words, docx_words) >= 0.98


def test_tables_in_at_least_two_samples() -> None:
    with_tables = [n for n in NAMES if _xml(n, "word/document.xml").count("<w:tbl>") == 1]
    assert len(with_tables) >= 2


def test_tracked_changes() -> None:
    doc = _xml("de-webdesign-mixed", "word/document.xml")
    ins = re.findall(r'<w:ins w:id="\d+" w:author="[^"]+" w:date="2026-[^"]+">', doc)
    dels = re.findall(r'<w:del w:id="\d+" w:author="[^"]+" w:date="2026-[^"]+">', doc)
    assert ins and dels
    assert "ordentlich" in doc  # the deleted sentence is in the DOCX ...
    md = (SAMPLES_DIR / "de-webdesign-mixed.md").read_text(encoding="utf-8")
    assert "ordentlich" not in md.split("---", 2)[2]  # ... but not in the accepted text
    assert "innerhalb von 14 Tagen" in md
    assert "Teilabnahmen" in md


@pytest.mark.parametrize(
    ("name", "sub"), [("de-webdesign-mixed", "(%2)"), ("de-softwareentwicklung-hardened", "%1.%2")]
)
def test_auto_numbering(name: str, sub: str) -> None:
    import docx

    numbering = _xml(name, "word/numbering.xml")
    assert 'w:lvlText w:val="§ %1"' in numbering
    assert f'w:lvlText w:val="{sub}"' in numbering
    document = docx.Document(str(SAMPLES_DIR / f"{name}.docx"))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    headings = [p for p in numbered if p.style.name == "Heading 2"]
    assert len(headings) >= 10
    for p in document.paragraphs:
        assert not re.match(r"^(§ ?\d+|\(\d+\)|\d+\.\d+)\s", p.text), p.text
    text = build.docx_text(SAMPLES_DIR / f"{name}.docx")
    assert "§ 4 Abnahme" in text
    assert ("(2) Die Website gilt als abgenommen" in text) if sub == "(%2)" else ("4.3 Die Software gilt" in text)


@pytest.mark.parametrize(
    "name", ["en-webdesign-hardened", "en-software-bare", "en-consulting-mixed", "de-beratung-bare"]
)
def test_literal_numbers(name: str) -> None:
    import docx

    document = docx.Document(str(SAMPLES_DIR / f"{name}.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert re.match(r"^(1\.|§ 1) ", headings[0])
    assert 'w:abstractNumId="90"' not in _xml(name, "word/numbering.xml")


def test_two_columns_header_footer() -> None:
    doc = _xml("en-consulting-mixed", "word/document.xml")
    assert re.search(r'<w:cols [^>]*w:num="2"', doc)
    with zipfile.ZipFile(SAMPLES_DIR / "en-consulting-mixed.docx") as z:
        headers = [z.read(n).decode() for n in z.namelist() if re.match(r"word/header\d*\.xml", n)]
        footers = [z.read(n).decode() for n in z.namelist() if re.match(r"word/footer\d*\.xml", n)]
    assert any("Consulting Agreement" in h and "Confidential" in h for h in headers)
    assert any(" PAGE " in f and " NUMPAGES " in f for f in footers)


@pytest.mark.parametrize("name", NAMES)
def test_pdf(name: str) -> None:
    pages, text, rects = build.pdf_info(SAMPLES_DIR / f"{name}.pdf")
    assert 2 <= pages <= 4
    md_words = build.markdown_words((SAMPLES_DIR / f"{name}.md").read_text(encoding="utf-8"))
    assert build.similarity(md_words, build.words(text)) >= 0.95
    if name == "en-consulting-mixed":
        assert pages >= 3
        assert build.looks_two_column(rects)
        assert "Page 1 of 4" in text.replace("\r", "")
    else:
        assert not build.looks_two_column(rects)


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_rebuild_matches_committed_files(tmp_path: Path) -> None:
    for name in NAMES:
        build.build_docx(build.SAMPLES[name], SAMPLES_DIR / f"{name}.md", tmp_path / f"{name}.docx")
        with zipfile.ZipFile(tmp_path / f"{name}.docx") as new, zipfile.ZipFile(SAMPLES_DIR / f"{name}.docx") as old:
            for member in ("word/document.xml", "word/numbering.xml", "word/settings.xml"):
                assert new.read(member) == old.read(member), f"{name}: {member} is stale; run samples/build.py"
    build.build_pdfs([tmp_path / f"{n}.docx" for n in NAMES], tmp_path)
    for name in NAMES:
        new_pages, new_text, _ = build.pdf_info(tmp_path / f"{name}.pdf")
        old_pages, old_text, _ = build.pdf_info(SAMPLES_DIR / f"{name}.pdf")
        assert (new_pages, new_text) == (old_pages, old_text), f"{name}: PDF is stale; run samples/build.py"
