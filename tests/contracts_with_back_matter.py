"""Two small Word contracts whose terms end inside their last numbered section: signature lines (German: "Ort,
Datum … Unterschrift"; English: "IN WITNESS WHEREOF" and signature lines) follow the last paragraph without a heading
of their own, and an annex numbers its items from 1 again. Built with python-docx by :func:`build`; the review copy
must put new clauses before all of that (tests/test_review.py, tests/test_structure.py).

Run it as a script to write both files into a folder: ``python tests/contracts_with_back_matter.py OUT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

#: name -> (title, [(kind, text)]) with kind "h" for a heading (Heading 2) and "p" for a body paragraph
CONTRACTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "de-signature-in-last-section": (
        "Webdesignvertrag",
        [
            ("p", "zwischen der Muster GmbH (nachfolgend „Kunde“) und Erika Beispiel (nachfolgend „Auftragnehmerin“)."),
            ("h", "§ 1 Gegenstand"),
            ("p", "(1) Die Auftragnehmerin gestaltet für den Kunden eine Website."),
            ("p", "(2) Der Kunde stellt Texte und Bilder rechtzeitig zur Verfügung."),
            ("h", "§ 2 Vergütung"),
            ("p", "(1) Die Vergütung beträgt pauschal 6.000 EUR netto."),
            ("p", "(2) Rechnungen sind innerhalb von 14 Tagen nach Zugang ohne Abzug zahlbar."),
            ("h", "§ 3 Kündigung"),
            ("p", "(1) Der Kunde kann den Vertrag jederzeit kündigen."),
            ("p", "(2) Die Kündigung bedarf der Schriftform."),
            ("h", "§ 4 Schlussbestimmungen"),
            ("p", "(1) Änderungen bedürfen der Textform."),
            ("p", "(2) Gerichtsstand ist Leipzig."),
            ("p", "Ort, Datum: ____________________"),
            ("p", "Unterschrift Kunde: ____________________"),
            ("p", "Ort, Datum: ____________________"),
            ("p", "Unterschrift Auftragnehmerin: ____________________"),
            ("h", "Anlage 1 – Leistungsbeschreibung"),
            ("p", "1. Startseite mit Kontaktformular"),
            ("p", "2. Fünf Unterseiten"),
        ],
    ),
    "en-witness-then-exhibit": (
        "Design Services Agreement",
        [
            ("p", 'This Agreement is made between Acme Corp. (the "Client") and Jo Smith (the "Designer").'),
            ("h", "1. Services"),
            ("p", "1.1 The Designer will design a website for the Client."),
            ("p", "1.2 The Client shall supply all content on time."),
            ("h", "2. Fees"),
            ("p", "2.1 The fee is USD 6,000."),
            ("p", "2.2 Invoices are payable within 14 days of receipt."),
            ("h", "3. Termination"),
            ("p", "3.1 The Client may terminate this Agreement at any time by written notice."),
            ("p", "3.2 Notices must be in writing."),
            ("h", "4. General"),
            ("p", "4.1 This Agreement is governed by the laws of the State of New York."),
            ("p", "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date first written above."),
            ("p", "Client: ____________________   Date: __________"),
            ("p", "Designer: ____________________   Date: __________"),
            ("h", "Exhibit A – Statement of Work"),
            ("p", "1. Home page with contact form."),
            ("p", "2. Five sub-pages."),
        ],
    ),
}

#: the last paragraph of each contract's terms: new clauses go right after it
LAST_TERM = {
    "de-signature-in-last-section": "(2) Gerichtsstand ist Leipzig.",
    "en-witness-then-exhibit": "4.1 This Agreement is governed by the laws of the State of New York.",
}


def build(name: str, folder: Path) -> Path:
    """Write contract ``name`` as ``folder/name.docx`` and return the path."""
    title, parts = CONTRACTS[name]
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    for kind, text in parts:
        document.add_paragraph(text, style="Heading 2" if kind == "h" else "Normal")
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for contract in CONTRACTS:
        print(build(contract, out))
