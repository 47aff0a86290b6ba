"""The PDF reader on small PDFs written by hand (content streams with Helvetica), one feature per test."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ghostproof import errors as E
from ghostproof.errors import GhostproofError
from ghostproof.ingest.pdf import read_pdf
from ghostproof.model import Extraction

# --------------------------------------------------------------------------------------------- PDF writer

# codes 0x80/0x81 are the fi/fl ligature glyphs and 0xAD a soft hyphen; a ToUnicode map says so, as real PDFs do
_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
    b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
    b"1 begincodespacerange <00> <FF> endcodespacerange "
    b"3 beginbfchar <80> <FB01> <81> <FB02> <AD> <00AD> endbfchar "
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)
_ENCODING = b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /fi 129 /fl 173 /hyphen] >>"
FI, FL, SHY = "\x80", "\x81", "\xad"


@dataclass
class T:
    """A piece of text at (x, y) (PDF points from the bottom left), in Helvetica (``bold``: Helvetica-Bold)."""

    x: float
    y: float
    text: str
    size: float = 10
    bold: bool = False


def make_pdf(pages: list[list[T]], width: int = 595, height: int = 842) -> bytes:
    """A valid PDF, one content stream per page; text is latin-1 (plus FI, FL, SHY codes)."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    cmap = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_CMAP), _CMAP))
    fonts = [
        add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding %s /ToUnicode %d 0 R >>" % (name, _ENCODING, cmap))
        for name in (b"Helvetica", b"Helvetica-Bold")
    ]
    pages_id = len(objs) + 2 * len(pages) + 1
    kids = []
    for items in pages:
        ops = []
        for t in items:
            s = t.text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"BT /F%d %g Tf %g %g Td (%s) Tj ET" % (2 if t.bold else 1, t.size, t.x, t.y, s))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R "
                b"/F2 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, width, height, fonts[0], fonts[1], content)
            )
        )
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def lines(x: float, top: float, texts: list[str], *, leading: float = 13, size: float = 10) -> list[T]:
    """Consecutive lines of one paragraph, starting at baseline ``top``."""
    return [T(x, top - i * leading, s, size) for i, s in enumerate(texts)]


def read(tmp_path: Path, pages: list[list[T]], name: str = "t.pdf", **kw: str) -> Extraction:
    path = tmp_path / name
    path.write_bytes(make_pdf(pages))
    return read_pdf(path, **kw)


def text_of(ext: Extraction) -> str:
    return "\n\n".join(b.text for b in ext.blocks)


LOREM = [
    "The Contractor shall deliver the work described in the",
    "statement of work on or before the agreed delivery date,",
    "and the Client shall review each delivery within ten days",
    "of receipt and either accept it or list the defects found.",
]

# ------------------------------------------------------------------------------------------------ reading


def test_two_columns_are_read_left_column_first(tmp_path: Path) -> None:
    left = [f"Left column sentence number {i:02d} goes on here." for i in range(12)]
    right = [f"Right column sentence number {i:02d} goes on here." for i in range(12)]
    items = [T(200, 780, "SERVICE AGREEMENT TITLE LINE", 14, bold=True)]
    items.append(T(60, 750, "This full-width introduction runs across both of the columns below it, as titles do."))
    for i in range(12):  # the content stream interleaves the columns row by row, as some generators do
        items.append(T(60, 720 - 13 * i, left[i]))
        items.append(T(320, 720 - 13 * i, right[i]))
    items.append(T(60, 500, "A closing full-width line below both columns ends the page text right here."))
    text = text_of(read(tmp_path, [items]))
    positions = [text.index(s) for s in ["SERVICE AGREEMENT", "full-width introduction", *left, *right, "closing"]]
    assert positions == sorted(positions), text


def test_one_column_page_with_a_two_cell_row_keeps_row_order(tmp_path: Path) -> None:
    items = lines(60, 760, LOREM)
    items += [T(60, 690, "Client: Jane Doe"), T(330, 690, "Contractor: John Roe")]
    items += [T(60, 675, "Date: 1 May 2025"), T(330, 675, "Date: 2 May 2025")]
    text = text_of(read(tmp_path, [items]))
    assert text.index("Jane Doe") < text.index("John Roe") < text.index("1 May") < text.index("2 May")


def test_running_header_footer_and_page_numbers_are_removed(tmp_path: Path) -> None:
    bodies = [LOREM[:2], LOREM[2:], ["The Client pays within thirty days."], ["Either party may terminate."]]
    pages = []
    for n, body in enumerate(bodies, 1):
        items = [T(60, 800, "ACME Ltd - Web Design Agreement", 8), T(450, 800, "Confidential", 8)]
        items += lines(60, 760, body)
        items.append(T(290, 40, f"Page {n} of 4", 8))
        pages.append(items)
    ext = read(tmp_path, pages)
    text = text_of(ext)
    assert "Web Design Agreement" not in text and "Confidential" not in text and "of 4" not in text
    assert [b.text for b in ext.blocks] == [" ".join(LOREM), bodies[2][0], bodies[3][0]]
    assert [b.page for b in ext.blocks] == [1, 3, 4]
    assert ext.pages == 4


@pytest.mark.parametrize("number", ["{n}", "- {n} -", "Seite {n} von 3", "Page {n}"])
def test_lone_page_numbers_are_removed(tmp_path: Path, number: str) -> None:
    bodies = [LOREM[:2], LOREM[2:], ["The Client pays within thirty days."]]
    pages = [[*lines(60, 760, body), T(290, 40, number.format(n=n), 9)] for n, body in enumerate(bodies, 1)]
    ext = read(tmp_path, pages)
    assert [b.text for b in ext.blocks] == [" ".join(LOREM), bodies[2][0]]


def test_real_text_at_page_edges_is_kept(tmp_path: Path) -> None:
    # numbered headings at the top of pages repeat modulo digits, but their numbers do not count pages
    pages = []
    for _n, article in ((1, 4), (2, 9), (3, 15)):
        items = [T(60, 800, f"Article {article} Payment", 11, bold=True), *lines(60, 770, LOREM)]
        items.append(T(60, 60, "By: ____________________"))  # signature lines repeat within and across pages
        items.append(T(60, 45, "By: ____________________"))
        pages.append(items)
    text = text_of(read(tmp_path, pages))
    for article in (4, 9, 15):
        assert f"Article {article} Payment" in text
    assert text.count("By:") == 6


def test_title_on_first_page_that_matches_the_running_header_stays(tmp_path: Path) -> None:
    pages = [[T(180, 800, "CONSULTING AGREEMENT", 16, bold=True), *lines(60, 760, LOREM)]]
    for _n in (2, 3, 4):
        pages.append([T(60, 810, "Consulting Agreement", 8), *lines(60, 760, LOREM)])
    ext = read(tmp_path, pages)
    assert ext.blocks[0].text == "CONSULTING AGREEMENT" and ext.blocks[0].kind == "heading"
    assert text_of(ext).lower().count("consulting agreement") == 1


def test_word_hyphenated_at_line_end_is_joined(tmp_path: Path) -> None:
    items = lines(60, 760, ["The parties agree that the contrac-", "tual obligations survive termination."])
    assert "contractual obligations" in text_of(read(tmp_path, [items]))


def test_compound_hyphen_at_line_end_is_kept(tmp_path: Path) -> None:
    # the second half is a word the document uses on its own: a compound, not a syllable break
    body = [
        "The Consultant keeps its existing tools. Interest accrues at five-",
        "percent per month, and five percent on costs. The Consultant keeps its pre-",
        "existing methods and all rights in them, and the Client may use them.",
    ]
    text = text_of(read(tmp_path, [lines(60, 760, body)]))
    assert "five-percent per month" in text and "pre-existing methods" in text


def test_german_compound_at_line_end_is_closed(tmp_path: Path) -> None:
    body = [
        "Die Frist beginnt mit dem Zugang der Kündigung. Die Kündigungs-",
        "frist beträgt einen Monat zum Monatsende, und die Frist ist schriftlich zu",
        "wahren. Der Vertrag gilt für die Software-",
        "Entwicklung und die Vertrags- und Zahlungsbedingungen des Auftragnehmers.",
    ]
    text = text_of(read(tmp_path, [lines(60, 760, body)]))
    assert "Die Kündigungsfrist beträgt" in text
    assert "Software-Entwicklung" in text and "Vertrags- und Zahlungsbedingungen" in text


def test_soft_hyphen_is_repaired(tmp_path: Path) -> None:
    items = lines(60, 760, [f"The deliverables are under{SHY}", "stood to include source files.", f"A mid{SHY}word."])
    text = text_of(read(tmp_path, [items]))
    assert "understood to include" in text
    assert "midword" in text and "\xad" not in text and "\ufffe" not in text and "\x02" not in text


def test_ligatures_are_expanded(tmp_path: Path) -> None:
    items = lines(60, 760, [f"The {FI}nal invoice is due on {FI}ling and the work{FL}ow ends."])
    text = text_of(read(tmp_path, [items]))
    assert "final invoice is due on filing and the workflow ends." in text
    assert "\ufb01" not in text and "\ufb02" not in text


def test_lines_join_into_paragraphs(tmp_path: Path) -> None:
    para1 = lines(60, 760, LOREM)
    para2 = lines(60, 690, ["Payment is due within thirty days of the invoice date and", "is made by bank transfer."])
    ext = read(tmp_path, [para1 + para2])
    assert [b.text for b in ext.blocks] == [" ".join(LOREM), para2[0].text + " " + para2[1].text]
    assert all(b.kind == "paragraph" and b.page == 1 for b in ext.blocks)


def test_indent_and_labels_start_paragraphs(tmp_path: Path) -> None:
    # no vertical gaps: paragraphs are told apart by first-line indent and by section labels
    items = [
        T(80, 760, "The Client shall pay each invoice in full within thirty days of"),
        T(60, 747, "its date, without any deduction or set-off whatsoever, by transfer."),
        T(80, 734, "Late payments bear interest at the statutory rate from the day"),
        T(60, 721, "after the due date until the day the payment is received in full."),
        T(60, 708, "2. Termination"),
        T(60, 695, "3.1 Either party may terminate this agreement with thirty days"),
        T(60, 682, "written notice to the other party, stating the reasons for it."),
    ]
    ext = read(tmp_path, [items])
    assert [b.text.split()[0] for b in ext.blocks] == ["The", "Late", "2.", "3.1"], [b.text for b in ext.blocks]
    assert ext.blocks[2].kind == "heading"


def test_headings_and_list_items(tmp_path: Path) -> None:
    items = [
        T(60, 780, "Payment terms", 13, bold=True),
        *lines(60, 755, LOREM[:2]),
        T(60, 720, "\x95 First milestone on signature of this agreement."),
        T(60, 707, "\x95 Second milestone on delivery of the final files."),
        T(60, 690, "(a) the Client pays the remaining amount on acceptance."),
    ]
    ext = read(tmp_path, [items])
    assert [(b.kind, b.text[:15]) for b in ext.blocks] == [
        ("heading", "Payment terms"),
        ("paragraph", LOREM[0][:15]),
        ("list_item", "First milestone"),
        ("list_item", "Second mileston"),
        ("list_item", "(a) the Client "),
    ]


def test_sentence_runs_on_across_a_page_break(tmp_path: Path) -> None:
    page1 = lines(60, 760, ["The Contractor keeps all rights in the work until the Client has paid"])
    page1 += [T(60, 747, "every invoice in full, including any late fees that are")]
    page2 = lines(60, 760, ["due under clause 7.", "4. Warranty"])
    ext = read(tmp_path, [page1, page2])
    assert ext.blocks[0].text.endswith("late fees that are due under clause 7.")
    assert ext.blocks[0].page == 1 and ext.blocks[-1].page == 2


def test_heading_at_page_bottom_does_not_swallow_next_page(tmp_path: Path) -> None:
    page1 = [*lines(60, 760, LOREM), T(60, 690, "Payment terms", 12, bold=True)]
    page2 = lines(60, 760, ["The Client pays within thirty days of the invoice date."])
    ext = read(tmp_path, [page1, page2])
    assert [b.text for b in ext.blocks][-2:] == ["Payment terms", page2[0].text]


def test_pages_without_text_give_a_warning(tmp_path: Path) -> None:
    ext = read(tmp_path, [lines(60, 760, LOREM), []])
    assert ext.pages == 2
    assert len(ext.warnings) == 1 and "OCR" in ext.warnings[0] and "p. 2" in ext.warnings[0]


# ------------------------------------------------------------------------------------------------- errors


def _error(path: Path, **kw: object) -> GhostproofError:
    t0 = time.perf_counter()
    with pytest.raises(GhostproofError) as info:
        read_pdf(path, **kw)
    assert time.perf_counter() - t0 < 1.0, "errors are raised in milliseconds"
    err = info.value
    assert err.hint, "every error says what to do"
    assert "\n" not in str(err)
    return err


def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf([lines(60, 760, LOREM)]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_encrypted_pdf_without_password(tmp_path: Path) -> None:
    err = _error(_encrypted(tmp_path))
    assert err.code == E.E_PDF_PASSWORD
    assert "password-protected" in err.message and "--password" in (err.hint or "")


def test_encrypted_pdf_with_wrong_password(tmp_path: Path) -> None:
    assert _error(_encrypted(tmp_path), password="wrong").code == E.E_PDF_BAD_PASSWORD


def test_encrypted_pdf_with_password(tmp_path: Path) -> None:
    ext = read_pdf(_encrypted(tmp_path), password="s3cret")
    assert text_of(ext) == " ".join(LOREM)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf([lines(60, 760, LOREM)] * 3)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) * 2 // 3])
    assert _error(path).code == E.E_PDF_DAMAGED


def test_garbage_pdf(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    assert _error(path).code == E.E_PDF_DAMAGED


def test_image_only_pdf(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(img).text((100, 100), "This Agreement is scanned.", fill="black")
    path = tmp_path / "scan.pdf"
    img.save(path, format="PDF", resolution=100)
    from ghostproof.ingest.pdf import OcrOptions

    err = _error(path, ocr=OcrOptions(enabled=False))  # read by OCR otherwise (tests/test_ocr.py)
    assert err.code == E.E_PDF_NO_TEXT
    assert "ocrmypdf" in (err.hint or "")


def test_module_import_does_not_load_pdfium() -> None:
    code = "import sys, ghostproof.ingest.pdf; print('pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pdf_with_only_an_owner_password_opens_with_or_without_a_password(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf([lines(60, 760, LOREM)]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "restricted.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert text_of(read_pdf(path)) == " ".join(LOREM)
    ext = read_pdf(path, password="anything")
    assert text_of(ext) == " ".join(LOREM) and "password" in ext.warnings[0]
