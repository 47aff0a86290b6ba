"""The addendum as a Word document with real styles: Title, Subtitle, numbered Heading 1 clauses, body text and a
signature table — editable in Word and LibreOffice like any document the user wrote themselves."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from .compose import Addendum

#: a fixed timestamp in the document properties, so the same addendum gives the same document text and metadata
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _numbering_id(document: object) -> str:
    """The numbering (``w:numId``) of the template's List Number style: decimal "1., 2., …" at level 0."""
    from docx.oxml.ns import qn

    ppr = document.styles["List Number"].element.pPr  # type: ignore[attr-defined]
    return str(ppr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")))


def _numbered(paragraph: object, num_id: str) -> None:
    """Number a paragraph itself (Word and LibreOffice both honour paragraph-level numbering)."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.insert(
        1 if ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pStyle") is not None else 0,
        parse_xml(
            '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        ),
    )


def render_docx(addendum: Addendum, *, notes: bool = False) -> bytes:
    """The addendum as DOCX bytes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    w = addendum.labels
    doc = docx.Document()
    props = doc.core_properties
    props.author = "ghostproof"
    props.title = f"{addendum.heading} {addendum.subheading}"
    props.language = addendum.lang
    props.created = props.modified = _EPOCH
    props.last_modified_by = "ghostproof"
    props.revision = 1
    doc.styles["Normal"].font.size = Pt(11)
    num_id = _numbering_id(doc)

    doc.add_paragraph(addendum.heading, style="Title")
    doc.add_paragraph(addendum.subheading, style="Subtitle")
    for text, bold in (
        (w["between"], False),
        (f"{addendum.client} ({w['client_label']})", True),
        (w["and"], False),
        (f"{addendum.contractor} ({w['contractor_label']})", True),
    ):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = bold
    doc.add_paragraph(addendum.preamble)
    for section in addendum.sections:
        _numbered(doc.add_paragraph(section.title, style="Heading 1"), num_id)
        for i, paragraph in enumerate(section.paragraphs, 1):
            doc.add_paragraph(f"{section.number}.{i} {paragraph}")
        if notes and section.note:
            doc.add_paragraph(section.note, style="Quote")
    doc.add_paragraph(w["signatures"], style="Heading 2")
    table = doc.add_table(rows=4, cols=2)
    for col, (label, name) in enumerate(
        ((w["client_label"], addendum.client), (w["contractor_label"], addendum.contractor))
    ):
        cells = [table.cell(r, col) for r in range(4)]
        cells[0].paragraphs[0].add_run(f"{label}: {name}").bold = True
        cells[1].paragraphs[0].add_run(f"{w['place_date']}: ____________________")
        cells[2].paragraphs[0].add_run("\n\n______________________________")
        cells[3].paragraphs[0].add_run(w["signature"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
