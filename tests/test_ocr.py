"""Scanned contracts read by OCR (Tesseract), through the same layout code as text PDFs: the scans are made from the
samples by tests/scans.py (rendered, skewed, noisy, JPEG; seeded). Skipped where Tesseract or its English/German
data is missing (.ci/run installs them)."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

import pytest
from scans import make_scan

from ghostproof.errors import GhostproofError
from ghostproof.ingest import load_document
from ghostproof.ingest.pdf.ocr import tesseract_ready

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
MISSING = tesseract_ready()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"{MISSING} (.ci/run installs tesseract-ocr)")


def _words(text: str) -> list[str]:
    return text.split()


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scans")
    return {
        "consulting": make_scan(SAMPLES / "en-consulting-mixed.pdf", folder / "consulting-scan.pdf", seed=1),
        "mixed": make_scan(
            SAMPLES / "en-webdesign-hardened.pdf", folder / "webdesign-mixed.pdf", pages=[1, 2], keep_text=[1], seed=2
        ),
        "german": make_scan(
            SAMPLES / "de-webdesign-mixed.pdf", folder / "de-rotated.pdf", pages=[1], rotate=90, seed=3
        ),
    }


def test_a_scanned_contract_reads_as_its_text_layer_and_says_it_was_ocr(scans: dict[str, Path]) -> None:
    original = load_document(SAMPLES / "en-consulting-mixed.pdf")
    scanned = load_document(scans["consulting"])
    assert scanned.pages == original.pages == 4
    assert _similarity(original.text, scanned.text) >= 0.95
    assert all(b.ocr and b.confidence is not None and b.confidence > 80 for b in scanned.blocks)
    assert not any(b.ocr for b in original.blocks)
    assert any("were read by OCR" in w and "mean word confidence" in w for w in scanned.warnings)
    # the same located document model: page numbers and sections as for the text layer
    assert {b.page for b in scanned.blocks} == {1, 2, 3, 4}
    assert any(b.section == "9.1" for b in scanned.blocks)
    # the bullets of the list of phases (OCR reads them as "®" or "¢") are list items, bullet gone, as typed
    phases = [(b.kind, b.text[:7]) for b in original.blocks if b.text.startswith("Phase ")]
    assert len(phases) == 4 and [(b.kind, b.text[:7]) for b in scanned.blocks if "Phase " in b.text[:9]] == phases


def test_the_audit_of_a_scan_is_the_audit_of_the_original(scans: dict[str, Path]) -> None:
    from ghostproof.detect import audit_document

    original = audit_document(load_document(SAMPLES / "en-consulting-mixed.pdf"))
    scanned = audit_document(load_document(scans["consulting"]))
    assert {f.clause: f.status for f in scanned.findings} == {f.clause: f.status for f in original.findings}


def test_a_mixed_pdf_reads_each_page_its_own_way(scans: dict[str, Path]) -> None:
    doc = load_document(scans["mixed"])
    by_page = {page: [b for b in doc.blocks if b.page == page] for page in (1, 2)}
    assert by_page[1] and not any(b.ocr for b in by_page[1])  # the typed page: its text layer
    assert by_page[2] and all(b.ocr for b in by_page[2])  # the scanned page: OCR
    original = load_document(SAMPLES / "en-webdesign-hardened.pdf")
    page2 = " ".join(b.text for b in original.blocks if b.page == 2)
    assert _similarity(page2, " ".join(b.text for b in by_page[2])) >= 0.9
    assert any("1 of 2 pages have no text layer and were read by OCR (p. 2" in w for w in doc.warnings)


def test_a_page_scanned_sideways_in_german_is_turned_and_read(scans: dict[str, Path]) -> None:
    original = load_document(SAMPLES / "de-webdesign-mixed.pdf")
    scanned = load_document(scans["german"])
    page1 = " ".join(b.text for b in original.blocks if b.page == 1)
    assert scanned.lang == "de"
    assert _similarity(page1, scanned.text) >= 0.9


def test_a_page_fed_crooked_into_the_scanner_is_straightened_and_read(tmp_path: Path) -> None:
    """Past 4-5 degrees Tesseract misreads a page (at 9 degrees the text was word salad); it is straightened first."""
    original = load_document(SAMPLES / "en-consulting-mixed.pdf")
    page1 = " ".join(b.text for b in original.blocks if b.page == 1)
    for tilt in (9.0, -14.0):
        scan = make_scan(SAMPLES / "en-consulting-mixed.pdf", tmp_path / f"tilt{tilt}.pdf", pages=[1], tilt=tilt)
        assert _similarity(page1, load_document(scan).text) >= 0.95, tilt
    # crooked and sideways at once: straightened first, then turned upright by Tesseract's OSD
    german = load_document(SAMPLES / "de-webdesign-mixed.pdf")
    scan = make_scan(SAMPLES / "de-webdesign-mixed.pdf", tmp_path / "both.pdf", pages=[1], rotate=90, tilt=6.0)
    assert _similarity(" ".join(b.text for b in german.blocks if b.page == 1), load_document(scan).text) >= 0.95


def test_an_upside_down_page_the_orientation_check_misses_is_read_turned_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract's orientation detection called an upside-down CUAD page upright (Warner Chilcott p. 4: 0.02 word
    similarity, mean confidence 40): a page read at a low confidence is read again turned round."""
    from ghostproof.ingest.pdf import ocr

    monkeypatch.setattr(ocr, "_upright", lambda image: image)  # orientation detection unsure: leaves the page as is
    original = load_document(SAMPLES / "en-consulting-mixed.pdf")
    page1 = " ".join(b.text for b in original.blocks if b.page == 1)
    scan = make_scan(SAMPLES / "en-consulting-mixed.pdf", tmp_path / "upside-down.pdf", pages=[1], rotate=180)
    scanned = load_document(scan)
    assert _similarity(page1, scanned.text) >= 0.95
    assert all(b.confidence is not None and b.confidence > 80 for b in scanned.blocks)


def test_no_ocr_and_the_page_limits(scans: dict[str, Path]) -> None:
    with pytest.raises(GhostproofError) as err:
        load_document(scans["consulting"], ocr=False)
    assert err.value.code == "E123" and "run without --no-ocr" in err.value.line()
    with pytest.raises(GhostproofError) as err:
        load_document(scans["consulting"], max_pages=3)  # 4 pages
    assert err.value.code == "E126" and "4 pages, over the limit (3)" in err.value.message
    from ghostproof.ingest.pdf import OcrOptions, read_pdf

    with pytest.raises(GhostproofError) as err:
        read_pdf(scans["consulting"], ocr=OcrOptions(max_pages=2))  # 4 scanned pages, 2 to OCR at most
    assert err.value.code == "E126" and "more than 2 scanned pages" in err.value.message


def test_without_tesseract_the_error_says_how_to_install_it(
    scans: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ghostproof.ingest.pdf import ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(GhostproofError) as err:
        load_document(scans["consulting"])
    line = err.value.line()
    assert err.value.code == "E125" and "Tesseract is not installed" in line and "--no-ocr" in line
    assert any(d.startswith("Debian/Ubuntu: sudo apt install tesseract-ocr") for d in err.value.details)
    assert any(d.startswith("macOS: brew install tesseract") for d in err.value.details)
    # a text PDF does not need it
    assert load_document(SAMPLES / "en-software-bare.pdf").blocks


def test_the_cli_extract_json_marks_the_ocr_blocks(scans: dict[str, Path]) -> None:
    import json

    from typer.testing import CliRunner

    from ghostproof.cli import app

    out = CliRunner().invoke(app, ["extract", str(scans["mixed"]), "--format", "json"])
    assert out.exit_code == 0, out.stderr
    blocks = json.loads(out.stdout)["blocks"]
    assert {(b["page"], b["ocr"]) for b in blocks} == {(1, False), (2, True)}
    assert all(b["confidence"] is None for b in blocks if b["page"] == 1)
    assert all(50 < b["confidence"] <= 100 for b in blocks if b["page"] == 2)
    refused = CliRunner().invoke(app, ["audit", str(scans["consulting"]), "--no-ocr"])
    assert refused.exit_code == 2 and "error[E123]" in refused.stderr


def test_a_page_of_enormous_size_is_rendered_within_bounds(tmp_path: Path) -> None:
    """A decompression-bomb-like page (a small image on a page of 2,000 by 2,000 inches): rendered at a lower
    resolution, so memory and time stay bounded; it has no text."""
    from PIL import Image

    from ghostproof.ingest.pdf.ocr import MAX_PIXELS, _render

    path = tmp_path / "huge.pdf"
    Image.new("L", (2000, 2000), 255).save(path, "PDF", resolution=1)
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(path))[0]
    image, scale = _render(page)
    assert image.width * image.height <= MAX_PIXELS * 1.01 and scale < 300 / 72
    started = time.monotonic()
    with pytest.raises(GhostproofError) as err:
        load_document(path)
    assert err.value.code == "E123" and time.monotonic() - started < 120


def test_the_report_says_findings_rest_on_ocr_and_names_low_confidence_passages(scans: dict[str, Path]) -> None:
    from ghostproof.detect import audit_document
    from ghostproof.findings import ScannedPage
    from ghostproof.report import build_report, render

    result = audit_document(load_document(scans["mixed"]))
    assert [p.page for p in result.ocr] == [2] and result.ocr[0].confidence > 80
    assert result.to_dict()["ocr"] == [{"page": 2, "confidence": result.ocr[0].confidence}]
    text = " ".join(render(build_report([result]), "text").split())
    assert "Read by OCR from a scan (p. 2; mean word confidence" in text
    assert "Low OCR confidence" not in text
    # a page read with low confidence: the findings quoted from it are named, in both languages
    low = result.model_copy(update={"ocr": [ScannedPage(page=2, confidence=61.0)]})
    quoted = [f for f in low.findings if any(ev.page == 2 for ev in f.evidence)]
    assert quoted
    text = " ".join(render(build_report([low]), "text").split())
    assert "Low OCR confidence:" in text and "rests on p. 2 (61)" in text
    german = " ".join(render(build_report([low], lang="de"), "text").split())
    assert "Geringe OCR-Sicherheit:" in german and "S. 2 (61)" in german
    # a text PDF says nothing of the kind
    plain = render(build_report([audit_document(load_document(SAMPLES / "en-webdesign-hardened.pdf"))]), "text")
    assert "OCR" not in plain


def test_image_files_of_pages_are_read_by_ocr(scans: dict[str, Path], tmp_path: Path) -> None:
    """A scan saved as PNG, JPEG or a multi-page TIFF reads as the same scan in a PDF; --no-ocr refuses it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(scans["consulting"]))
    pages = [pdf[i].render(scale=200 / 72, grayscale=True).to_pil() for i in (0, 1)]
    pages[0].save(tmp_path / "page.png", dpi=(200, 200))
    pages[0].convert("RGB").save(tmp_path / "page.jpg", dpi=(200, 200), quality=85)
    pages[0].save(tmp_path / "pages.tiff", save_all=True, append_images=pages[1:], dpi=(200, 200))
    original = load_document(SAMPLES / "en-consulting-mixed.pdf")
    first = " ".join(b.text for b in original.blocks if b.page == 1)
    for name in ("page.png", "page.jpg"):
        doc = load_document(tmp_path / name)
        assert doc.source_type == "image" and doc.pages == 1 and all(b.ocr for b in doc.blocks)
        assert _similarity(first, doc.text) >= 0.9, name
    tiff = load_document(tmp_path / "pages.tiff")
    assert tiff.pages == 2 and {b.page for b in tiff.blocks} == {1, 2}
    with pytest.raises(GhostproofError) as err:
        load_document(tmp_path / "page.png", ocr=False)
    assert err.value.code == "E123" and "image of a page" in err.value.message
    with pytest.raises(GhostproofError) as err:
        load_document(tmp_path / "pages.tiff", max_pages=1)
    assert err.value.code == "E126"


def test_a_500_page_scan_is_refused_before_any_ocr(tmp_path: Path) -> None:
    """Bounded time: the pages without text are counted first; over the OCR limit the PDF is refused at once."""
    from PIL import Image

    path = tmp_path / "long-scan.pdf"
    blank = Image.new("L", (85, 110), 255)
    blank.save(path, "PDF", save_all=True, append_images=[blank] * 499, resolution=10)
    started = time.monotonic()
    with pytest.raises(GhostproofError) as err:
        load_document(path)
    assert err.value.code == "E126" and "more than 100 scanned pages" in err.value.message
    assert time.monotonic() - started < 30
