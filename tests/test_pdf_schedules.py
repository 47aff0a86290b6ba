"""A cancellation fee set out as a table (stage | fee), read from the PDF LibreOffice makes of a Word file: a PDF gives
the table line by line, each row a short paragraph of its own. The rows are the stages of one fee, as in the DOCX —
not a flat fee of the first row's rate (new user, round 8, H6: "10 % cancellation fee" for 10 / 40 / 75 %)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from ghostproof import audit

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)"),
]

ROWS = [
    ("Before Editor starts the rough cut", "10%"),
    ("After start of rough cut, before delivery of the fine cut", "40%"),
    ("After delivery of the fine cut", "75%"),
]


def _contract(path: Path, rows: list[tuple[str, str]]) -> None:
    d = docx.Document()
    d.add_heading("Video Editing Agreement", 0)
    d.add_paragraph('Between Harbor Films LLC ("Client") and Dana Reyes ("Editor").')
    d.add_heading("3. Fees", 2)
    d.add_paragraph("The project fee is $9,600. Invoices are due within fifteen (15) days of the invoice date.")
    d.add_heading("6. Cancellation", 2)
    d.add_paragraph(
        "Client may cancel the project at any time by written notice. If Client cancels, Client will pay the "
        "following cancellation fee, in addition to any amounts already invoiced and unpaid:"
    )
    table = d.add_table(rows=1 + len(rows), cols=2)
    table.rows[0].cells[0].text = "Cancellation notice received"
    table.rows[0].cells[1].text = "Cancellation fee (% of total project fee)"
    for row, (stage, fee) in zip(table.rows[1:], rows, strict=True):
        row.cells[0].text, row.cells[1].text = stage, fee
    d.add_paragraph("Payments already made are credited against the cancellation fee.")
    d.add_heading("7. Termination for Breach", 2)
    d.add_paragraph(
        "Either party may terminate this Agreement if the other party materially breaches it and does not cure the "
        "breach within ten (10) days after written notice. On any termination, Client will pay for all work "
        "performed through the termination date."
    )
    d.save(str(path))


def _pdf(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    source = tmp_path / "editor.docx"
    _contract(source, rows)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "editor.pdf"


def test_a_staged_fee_table_in_a_pdf_states_no_single_rate(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, ROWS)
    kf = audit(pdf).finding("kill_fee")
    assert kf.status != "missing"
    assert kf.attributes["staged"] is True and kf.attributes["percent"] is None
    docx_kf = audit(tmp_path / "editor.docx").finding("kill_fee")
    assert docx_kf.attributes["staged"] is True  # (the same reading as the Word file)


def test_a_one_row_fee_table_in_a_pdf_keeps_its_rate(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, ROWS[:1])
    kf = audit(pdf).finding("kill_fee")
    assert kf.attributes["percent"] == 10.0 and kf.attributes["staged"] is None
