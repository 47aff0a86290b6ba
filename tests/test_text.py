"""Text and Markdown reading: encodings, front matter, headings, paragraphs, lists, tables."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ghostproof import load_document
from ghostproof.errors import E_TEXT_BINARY, GhostproofError

CONTRACT_DE = "§ 4 Abnahme\n\n(1) Das Werk gilt als abgenommen, wenn der Kunde schweigt.\n"
CONTRACT_EN = "4. Acceptance\n\n4.1 The deliverables are deemed accepted after ten business days.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("cp1252", b""),
    ],
)
def test_encodings_are_decoded(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Der Auftraggeber zahlt 95,00 € pro Stunde für Änderungen – fällig sofort.\n"
    path = tmp_path / "v.txt"
    path.write_bytes(prefix + text.encode(encoding))
    doc = load_document(path)
    assert doc.text == text.strip()
    assert doc.lang == "de"


def test_binary_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(GhostproofError) as exc:
        load_document(path)
    assert exc.value.code == E_TEXT_BINARY


def test_markdown_front_matter_is_not_contract_text(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("---\ntitle: Secret meta\nexpect:\n  termination: present\n---\n# Agreement\n\nBody text.\n")
    doc = load_document(path)
    assert "Secret meta" not in doc.text
    assert "termination" not in doc.text
    assert [b.text for b in doc.blocks] == ["Agreement", "Body text."]


def test_markdown_structure(tmp_path: Path) -> None:
    md = (
        "# Web Design Agreement\n\n"
        "## 4. Acceptance\n\n"
        "4.1 The Client shall review the **deliverables** within ten\nbusiness days of delivery.\n"
        "4.2 Silence counts as [acceptance](https://example.invalid).\n\n"
        "Further text of 4.2.\n\n"
        "- first bullet\n- second bullet\n  continues here\n\n"
        "| Stage | Kill fee |\n|---|---:|\n| Design | 25 % |\n| Build | 50 % |\n\n"
        "## § 7 Kündigung\n\n(1) Beide Parteien können kündigen.\n"
    )
    path = tmp_path / "c.md"
    path.write_text(md)
    doc = load_document(path)
    rows = [(b.kind, b.section, b.heading, b.text) for b in doc.blocks]
    assert rows[0] == ("heading", None, "Web Design Agreement", "Web Design Agreement")
    assert rows[1] == ("heading", "4.", "Acceptance", "4. Acceptance")
    assert rows[2] == (
        "paragraph",
        "4.1",
        "Acceptance",
        "4.1 The Client shall review the deliverables within ten business days of delivery.",
    )
    # a labelled line starts a new paragraph even without a blank line
    assert rows[3] == ("paragraph", "4.2", "Acceptance", "4.2 Silence counts as acceptance.")
    assert rows[4][:2] == ("paragraph", "4.2")
    assert rows[5] == ("list_item", "4.2", "Acceptance", "first bullet")
    assert rows[6] == ("list_item", "4.2", "Acceptance", "second bullet continues here")
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [(c.row, c.col, c.text) for c in cells] == [
        (0, 0, "Stage"),
        (0, 1, "Kill fee"),
        (1, 0, "Design"),
        (1, 1, "25 %"),
        (2, 0, "Build"),
        (2, 1, "50 %"),
    ]
    assert rows[-2] == ("heading", "§ 7", "Kündigung", "§ 7 Kündigung")
    assert rows[-1] == ("paragraph", "§ 7(1)", "Kündigung", "(1) Beide Parteien können kündigen.")
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        assert b.page is None
    assert doc.pages is None
    assert doc.source_type == "md"


def test_plain_text_headings_and_hyphenation(tmp_path: Path) -> None:
    txt = (
        "SERVICES AGREEMENT\n\n"
        "3. Payment\n\n"
        "3.1 Invoices are payable within fourteen days. The Con-\ntractor may charge interest on late pay-\nments.\n"
        "3.2 Vertrags- und Zahlungsbedingungen bleiben. Die Software-\nEntwicklung ist umfasst.\n"
    )
    path = tmp_path / "c.txt"
    path.write_text(txt)
    doc = load_document(path)
    kinds = [(b.kind, b.section) for b in doc.blocks]
    assert kinds[:3] == [("heading", None), ("heading", "3."), ("paragraph", "3.1")]
    assert "The Contractor may charge interest on late payments." in doc.text
    assert "Vertrags- und Zahlungsbedingungen" in doc.text
    assert "Software-Entwicklung" in doc.text


def test_hyphenated_compound_kept_when_document_uses_it(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Notices by e-mail are valid.\nA notice sent by e-\nmail counts as written.\n")
    assert "by e-mail counts" in load_document(path).text


@pytest.mark.parametrize(("text", "lang"), [(CONTRACT_DE, "de"), (CONTRACT_EN, "en")])
def test_language_detection_and_override(tmp_path: Path, text: str, lang: str) -> None:
    path = tmp_path / "c.txt"
    path.write_text(text)
    doc = load_document(path)
    assert doc.lang == doc.detected_lang == lang
    other = "en" if lang == "de" else "de"
    forced = load_document(path, lang=other)  # type: ignore[arg-type]
    assert forced.lang == other
    assert forced.detected_lang == lang


def test_ligatures_soft_hyphens_and_odd_spaces(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("The \ufb01nal of\ufb01ce invoice is pay\u00adable\u00a0within 30\u202fdays.\n")
    assert load_document(path).text == "The final office invoice is payable within 30 days."


BROKEN = (
    "6.2 Either Party may terminate this Agreement for cause if the other Party commits a material breach which is not"
    " corrected within thirty days after receiving written notice, except that if the default is by\n\n{page}\n\n"
    "Supplier that creates an immediate public food safety risk, PNC may terminate this Agreement immediately.\n\n"
    "6.3 This Agreement renews automatically.\n"
)


@pytest.mark.parametrize("page", ["6", "- 6 -", "-6-", "Page 6", "Page -6-", "6 of 20", "Seite 6 von 9"])
def test_a_sentence_cut_by_a_page_number_is_one_paragraph_again(tmp_path: Path, page: str) -> None:
    path = tmp_path / "c.txt"
    path.write_text(BROKEN.format(page=page), encoding="utf-8")
    doc = load_document(path)
    texts = [b.text for b in doc.blocks]
    assert any(
        t.endswith(
            "if the default is by Supplier that creates an immediate public food safety risk, PNC may "
            "terminate this Agreement immediately."
        )
        for t in texts
    ), texts
    assert page not in texts
    assert texts[-1] == "6.3 This Agreement renews automatically."


@pytest.mark.parametrize(
    "text",
    [
        # the paragraph before ends a sentence: the page number stays a block of its own, nothing is joined
        "The Client pays within thirty days.\n\n7\n\nThe Contractor keeps the records.\n",
        # a name ends the paragraph before (an address block): not inside a sentence
        "Attention: Gary Emmanuel\n\n7\n\nAny Party may change its address by notice.\n",
        # the paragraph after is numbered: a clause of its own
        "The parties agree as follows, subject to\n\n7\n\n8. Termination. Either party may terminate.\n",
    ],
)
def test_page_numbers_join_nothing_else(tmp_path: Path, text: str) -> None:
    path = tmp_path / "c.txt"
    path.write_text(text, encoding="utf-8")
    assert len(load_document(path).blocks) == 3


def test_a_chain_of_page_breaks_is_joined_in_one_pass(tmp_path: Path) -> None:
    """Hostile input: 10,000 pages each cut inside one long sentence are one paragraph (joined once, not page by page:
    joining page by page copies the growing paragraph every time)."""
    path = tmp_path / "c.txt"
    path.write_text("the parties agree that the fee is paid by the client and\n\n6\n\n" * 10_000 + "on time.\n")
    (block,) = load_document(path).blocks
    assert block.text.count("paid by the client and the parties") == 9_999
    assert block.text.endswith("and on time.")


def test_a_running_footer_that_counts_pages_is_part_of_the_break(tmp_path: Path) -> None:
    """The footer differs only by its page number on each page (compared as the PDF reader compares running
    lines): between the two halves of a sentence it goes with the page number."""
    pages = [
        "The Client may terminate this Agreement at any time if the work is delivered late by more than",
        "thirty days, and",
        "the Contractor may terminate it on written notice if an invoice is not paid within",
        "sixty days.",
    ]
    parts = []
    for n, text in enumerate(pages, start=1):
        parts.append(text)
        if n < len(pages):
            parts += [str(n), f"ACME SERVICES AGREEMENT - CONFIDENTIAL - PAGE {n} OF 4"]
    path = tmp_path / "c.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    (block,) = load_document(path).blocks
    assert block.text == (
        "The Client may terminate this Agreement at any time if the work is delivered late by more than thirty days, "
        "and the Contractor may terminate it on written notice if an invoice is not paid within sixty days."
    )
