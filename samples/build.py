#!/usr/bin/env python3
"""Build the bundled sample contracts: ``samples/<name>.md`` -> ``<name>.docx`` -> ``<name>.pdf``.

Run from the repository root::

    .venv/bin/python samples/build.py                 # all six samples
    .venv/bin/python samples/build.py --only NAME     # one sample (repeatable)
    .venv/bin/python samples/build.py --docx-only     # skip LibreOffice
    .venv/bin/python samples/build.py --check         # only verify the committed files

The Markdown files are the source of truth. This script turns each into a DOCX with python-docx
(real heading styles, list paragraphs, Word tables; YAML front matter left out) and then into a PDF
with LibreOffice (``soffice --headless --convert-to pdf``, run with a throw-away user profile).

Per-sample features (see ``SAMPLES``):

* ``numbering``: section and paragraph numbers become Word automatic numbering (numbering.xml +
  ``w:numPr``); the literal "§ 4" / "(2)" / "4.2" is removed from the DOCX text. The script checks that
  the Markdown numbers are exactly what Word will display.
* ``changes``: tracked changes (``w:ins`` / ``w:del`` with author and date). The Markdown holds the text
  with insertions accepted and deletions removed; each change is given as ``(fragment, marked)`` where
  ``fragment`` occurs exactly once in the Markdown and ``marked`` is the same text with ``{+inserted+}``
  and ``{-deleted-}`` marks.
* ``columns``: the number of text columns.

The running header and footer come from the front matter (``running_header``, ``running_footer``);
``{PAGE}`` / ``{NUMPAGES}`` in them become Word fields.

The output is reproducible: the DOCX has fixed zip timestamps and document properties, and the PDF's
creation date, document id and checksum are replaced by fixed values (same length, so the PDF's offsets
stay valid). With the same LibreOffice version and fonts, a rebuild gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ghostproof.findings import FAMILIES as GHOSTPROOF_FAMILIES

HERE = Path(__file__).resolve().parent

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_ZIP_TIME = (2026, 3, 1, 0, 0, 0)
FIXED_DOC_TIME = dt.datetime(2026, 3, 1, 0, 0, 0)
FAMILIES = GHOSTPROOF_FAMILIES  # the nine clause family ids every sample's front matter must list


# --------------------------------------------------------------------------------------------------
# Sample configuration
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One tracked change: ``fragment`` (Markdown text) shown as ``marked`` ({+ins+} / {-del-})."""

    fragment: str
    marked: str
    author: str
    date: str  # ISO 8601, e.g. 2026-02-24T09:30:00Z


@dataclass(frozen=True)
class Sample:
    name: str
    #: None, or the lvlText of level 1 under a "§ %1" level 0: "(%2)" or "%1.%2"
    numbering: str | None = None
    changes: tuple[Change, ...] = ()
    columns: int = 1
    font_size: float = 11.0
    track_revisions: bool = False


REVIEWER = "Dr. Paul Roth"
SAMPLES: dict[str, Sample] = {
    s.name: s
    for s in (
        Sample("en-webdesign-hardened"),
        Sample("en-software-bare"),
        Sample("en-consulting-mixed", columns=2, font_size=10.0),
        Sample(
            "de-webdesign-mixed",
            numbering="(%2)",
            track_revisions=True,
            changes=(
                Change(
                    "innerhalb von 14 Tagen nach Rechnungsdatum",
                    "innerhalb von {-30-}{+14+} Tagen nach Rechnungsdatum",
                    REVIEWER,
                    "2026-02-24T09:30:00Z",
                ),
                Change(
                    "nicht verweigern. Für in sich abgeschlossene Teilleistungen, insbesondere den "
                    "Gestaltungsentwurf, kann der Auftragnehmer Teilabnahmen verlangen; Absatz 2 gilt "
                    "entsprechend.",
                    "nicht verweigern.{+ Für in sich abgeschlossene Teilleistungen, insbesondere den "
                    "Gestaltungsentwurf, kann der Auftragnehmer Teilabnahmen verlangen; Absatz 2 gilt "
                    "entsprechend.+}",
                    "Lukas Hartmann",
                    "2026-02-26T16:05:00Z",
                ),
                Change(
                    "ohne Einhaltung einer Kündigungsfrist kündigen (§ 648a BGB).",
                    "ohne Einhaltung einer Kündigungsfrist kündigen (§ 648a BGB).{- Darüber hinaus kann "
                    "jede Partei den Vertrag jederzeit mit einer Frist von zwei Wochen ordentlich "
                    "kündigen; der Auftragnehmer erhält in diesem Fall die Vergütung für die bis dahin "
                    "erbrachten Leistungen.-}",
                    REVIEWER,
                    "2026-02-24T09:41:00Z",
                ),
            ),
        ),
        Sample(
            "de-softwareentwicklung-hardened",
            numbering="%1.%2",
            font_size=10.5,
        ),
        Sample("de-beratung-bare"),
    )
}


# --------------------------------------------------------------------------------------------------
# Markdown (the small subset the samples use)
# --------------------------------------------------------------------------------------------------


class BuildError(Exception):
    pass


def _scalar(value: str) -> Any:
    value = value.strip()
    if value == "[]":
        return []
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace('\\"', '"') if value[0] == '"' else inner.replace("''", "'")
    return value


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-delimited front matter from the body.

    Understands the subset the samples use: ``key: value``, one level of nested mappings and lists of
    scalars (``- "text"``), two-space indentation. Returns ``({}, text)`` without front matter.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r\n") == "---":
            break
    else:
        raise BuildError("front matter: no closing '---'")
    data: dict[str, Any] = {}
    current: str | None = None
    for raw in lines[1:end]:
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key, sep, value = line.partition(":")
            if not sep:
                raise BuildError(f"front matter: cannot read {line!r}")
            key = key.strip()
            if value.strip():
                data[key] = _scalar(value)
                current = None
            else:
                data[key] = None
                current = key
            continue
        if current is None:
            raise BuildError(f"front matter: indented line without a parent key: {line!r}")
        item = line.strip()
        if item.startswith("- "):
            if data[current] is None:
                data[current] = []
            if not isinstance(data[current], list):
                raise BuildError(f"front matter: mixed list and mapping under {current!r}")
            data[current].append(_scalar(item[2:]))
        else:
            key, sep, value = item.partition(":")
            if not sep:
                raise BuildError(f"front matter: cannot read {line!r}")
            if data[current] is None:
                data[current] = {}
            if not isinstance(data[current], dict):
                raise BuildError(f"front matter: mixed list and mapping under {current!r}")
            data[current][key.strip()] = _scalar(value)
    return data, "".join(lines[end + 1 :])


@dataclass
class MdBlock:
    kind: str  # title | heading | para | bullet | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


_TABLE_SEP = re.compile(r"^\|\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|$")


def parse_markdown(body: str) -> list[MdBlock]:
    blocks: list[MdBlock] = []
    para: list[str] = []
    table: list[list[str]] | None = None

    def flush_para() -> None:
        if para:
            blocks.append(MdBlock("para", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table() -> None:
        nonlocal table
        if table is not None:
            blocks.append(MdBlock("table", rows=table))
            table = None

    for lineno, raw in enumerate(body.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            flush_para()
            flush_table()
            continue
        if line.startswith("|"):
            flush_para()
            if table is None:
                table = []
            if _TABLE_SEP.match(line.replace(" ", "")):
                continue
            if not line.endswith("|"):
                raise BuildError(f"line {lineno}: table row must end with '|'")
            table.append([c.strip() for c in line[1:-1].split("|")])
            continue
        flush_table()
        if line.startswith("# "):
            flush_para()
            blocks.append(MdBlock("title", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(MdBlock("heading", line[3:].strip()))
        elif line.startswith("#"):
            raise BuildError(f"line {lineno}: only '#' and '##' headings are used in samples")
        elif line.startswith("- "):
            flush_para()
            blocks.append(MdBlock("bullet", line[2:].strip()))
        elif re.match(r"^\s*([*+]|\d+\.)\s", line) and not para:
            raise BuildError(f"line {lineno}: use '- ' for list items")
        else:
            para.append(line)
    flush_para()
    flush_table()
    if sum(b.kind == "title" for b in blocks) != 1:
        raise BuildError("exactly one '# Title' is required")
    return blocks


def markdown_words(md_text: str) -> list[str]:
    """Words of a sample's Markdown (front matter and table separator rows left out)."""
    _, body = parse_front_matter(md_text)
    parts: list[str] = []
    for b in parse_markdown(body):
        if b.kind == "table":
            parts.extend(" ".join(r) for r in b.rows)
        else:
            parts.append(b.text)
    return words("\n".join(parts))


def words(text: str) -> list[str]:
    return re.findall(r"§|\w+", text.replace("\ufffe", "").replace("\xad", ""))


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# --------------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------------

_H_PARA = re.compile(r"^§ (\d+) (.+)$")
_SUB = {"(%2)": re.compile(r"^\((\d+)\) (.+)$", re.S), "%1.%2": re.compile(r"^(\d+)\.(\d+) (.+)$", re.S)}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _setup_styles(doc: Any, lang: str, size: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles_el = doc.styles.element
    # No theme fonts anywhere: LibreOffice and Word then agree on the fonts.
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for lang_el in styles_el.iter(qn("w:lang")):
        lang_el.set(qn("w:val"), "de-DE" if lang == "de" else "en-US")

    def fonts(style: Any, name: str) -> None:
        style.font.name = name
        rfonts = style.element.rPr.rFonts
        rfonts.set(qn("w:eastAsia"), name)
        rfonts.set(qn("w:cs"), name)

    normal = doc.styles["Normal"]
    fonts(normal, "Liberation Serif")
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for sname, psize, before, after in (("Heading 1", 16, 0, 12), ("Heading 2", 12, 12, 4)):
        st = doc.styles[sname]
        fonts(st, "Liberation Sans")
        st.font.size = Pt(psize)
        st.font.bold = True
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before = Pt(before)
        st.paragraph_format.space_after = Pt(after)
        if sname == "Heading 1":
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for sname in ("Header", "Footer"):
        st = doc.styles[sname]
        fonts(st, "Liberation Sans")
        st.font.size = Pt(8.5)


def _add_numbering(doc: Any, sub_format: str) -> int:
    """Add a two-level "§ %1" / sub_format list to numbering.xml; return its numId."""
    from docx.oxml import parse_xml

    numbering = doc.part.numbering_part.element
    abstract_id, num_id = 90, 90
    indent = 567 if sub_format == "(%2)" else 680
    xml = (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        '<w:nsid w:val="6A7C0F01"/><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/>'
        '<w:lvlText w:val="§ %1"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
        "</w:lvl>"
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="1"/>'
        f'<w:lvlText w:val="{sub_format}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
        f'<w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    abstract = parse_xml(xml)
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    numbering.append(parse_xml(num))
    return num_id


def _style_num_id(doc: Any, style_name: str) -> int:
    num_pr = doc.styles[style_name].element.pPr.numPr
    if num_pr is None or num_pr.numId is None:
        raise BuildError(f"the template's {style_name!r} style has no numbering")
    return int(num_pr.numId.val)


def _set_numpr(paragraph: Any, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


class _Revisions:
    def __init__(self, changes: tuple[Change, ...]) -> None:
        self.changes = changes
        self.used = [0] * len(changes)
        self.next_id = 100

    def check(self, full_text: str) -> None:
        for c in self.changes:
            plain = re.sub(r"\{\+(.*?)\+\}", r"\1", c.marked, flags=re.S)
            plain = re.sub(r"\{-(.*?)-\}", "", plain, flags=re.S)
            if plain != c.fragment:
                raise BuildError(f"tracked change: marked text does not reduce to the fragment: {c.fragment!r}")
            n = full_text.count(c.fragment)
            if n != 1:
                raise BuildError(f"tracked change: fragment occurs {n} times in the Markdown: {c.fragment!r}")

    def segments(self, text: str) -> list[tuple[str, str, Change | None]]:
        """Split ``text`` into (kind, text, change) with kind in "", "ins", "del"."""
        hits = []
        for i, c in enumerate(self.changes):
            pos = text.find(c.fragment)
            if pos >= 0:
                hits.append((pos, i, c))
                self.used[i] += 1
        hits.sort()
        out: list[tuple[str, str, Change | None]] = []
        cursor = 0
        for pos, _, c in hits:
            if pos < cursor:
                raise BuildError(f"tracked changes overlap: {c.fragment!r}")
            if pos > cursor:
                out.append(("", text[cursor:pos], None))
            for m in re.finditer(r"\{\+(.*?)\+\}|\{-(.*?)-\}|((?:(?!\{\+|\{-).)+)", c.marked, flags=re.S):
                if m.group(1) is not None:
                    out.append(("ins", m.group(1), c))
                elif m.group(2) is not None:
                    out.append(("del", m.group(2), c))
                else:
                    out.append(("", m.group(3), None))
            cursor = pos + len(c.fragment)
        if cursor < len(text):
            out.append(("", text[cursor:], None))
        return out

    def add_runs(self, paragraph: Any, text: str) -> None:
        for kind, seg, change in self.segments(text):
            if not kind:
                paragraph.add_run(seg)
                continue
            assert change is not None
            wrapper = _el(f"w:{kind}", id=str(self.next_id), author=change.author, date=change.date)
            self.next_id += 1
            run = _el("w:r")
            t = _el("w:delText" if kind == "del" else "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = seg
            run.append(t)
            wrapper.append(run)
            paragraph._p.append(wrapper)


def _add_field_text(paragraph: Any, text: str) -> None:
    """Add ``text`` to ``paragraph``; ``{PAGE}`` and ``{NUMPAGES}`` become Word fields."""
    for part in re.split(r"(\{PAGE\}|\{NUMPAGES\})", text):
        if part in ("{PAGE}", "{NUMPAGES}"):
            instr = part[1:-1]
            r1 = _el("w:r")
            r1.append(_el("w:fldChar", fldCharType="begin"))
            r2 = _el("w:r")
            it = _el("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = f" {instr} "
            r2.append(it)
            r3 = _el("w:r")
            r3.append(_el("w:fldChar", fldCharType="separate"))
            r4 = _el("w:r")
            t = _el("w:t")
            t.text = "1"
            r4.append(t)
            r5 = _el("w:r")
            r5.append(_el("w:fldChar", fldCharType="end"))
            for r in (r1, r2, r3, r4, r5):
                paragraph._p.append(r)
        elif part:
            paragraph.add_run(part)


def _setup_section(doc: Any, sample: Sample, lang: str, header: str | None, footer: str | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Inches, Mm

    section = doc.sections[0]
    if lang == "de":
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
    else:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    section.header_distance = section.footer_distance = Cm(1.25)
    cols = section._sectPr.find(qn("w:cols"))
    if sample.columns > 1:
        cols.set(qn("w:num"), str(sample.columns))
        cols.set(qn("w:space"), "567")
    if header:
        p = section.header.paragraphs[0]
        p.text = ""
        _add_field_text(p, header)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if footer:
        p = section.footer.paragraphs[0]
        p.text = ""
        _add_field_text(p, footer)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _drop_thumbnail(doc: Any) -> None:
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[rid]


def _normalize_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build_docx(sample: Sample, md_path: Path, docx_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    meta, body = parse_front_matter(md_path.read_text(encoding="utf-8"))
    lang = meta.get("lang")
    if lang not in ("en", "de"):
        raise BuildError(f"{md_path.name}: front matter needs lang: en|de")
    blocks = parse_markdown(body)

    doc = docx.Document()
    _drop_thumbnail(doc)
    _setup_styles(doc, lang, sample.font_size)
    _setup_section(doc, sample, lang, meta.get("running_header"), meta.get("running_footer"))
    num_id = _add_numbering(doc, sample.numbering) if sample.numbering else None
    bullet_num_id = _style_num_id(doc, "List Bullet")
    revisions = _Revisions(sample.changes)
    revisions.check("\n".join(b.text for b in blocks if b.kind != "table"))
    if sample.track_revisions:
        settings = doc.settings.element
        anchor = settings.find(qn("w:defaultTabStop"))
        # Show the document as "final" (no markup) so that the PDF shows the text of the Markdown;
        # the revisions stay in the DOCX.
        anchor.addprevious(_el("w:revisionView", markup="0", insDel="0", formatting="0"))
        anchor.addprevious(_el("w:trackRevisions"))

    title = next(b.text for b in blocks if b.kind == "title")
    cp = doc.core_properties
    cp.title = title
    cp.subject = "Fictional sample contract written for ghostproof"
    cp.author = "ghostproof samples"
    cp.last_modified_by = "ghostproof samples"
    cp.comments = "Fictional contract, generated by samples/build.py from " + md_path.name
    cp.keywords = "ghostproof, sample, " + str(meta.get("kind", ""))
    cp.language = "de-DE" if lang == "de" else "en-US"
    cp.category = ""
    cp.created = FIXED_DOC_TIME
    cp.modified = FIXED_DOC_TIME
    cp.revision = 1

    section_no = 0
    sub_no = 0
    after_table = False
    for b in blocks:
        if after_table and b.kind != "table":
            # Space between a table and the next block, without an empty spacer paragraph.
            after_table = False
            space_next = True
        else:
            space_next = False
        if b.kind == "title":
            doc.add_paragraph(b.text, style="Heading 1")
        elif b.kind == "heading":
            p = doc.add_paragraph(style="Heading 2")
            m = _H_PARA.match(b.text) if num_id is not None else None
            if m:
                section_no += 1
                sub_no = 0
                if int(m.group(1)) != section_no:
                    raise BuildError(f"{md_path.name}: heading {b.text!r}: Word would number it § {section_no}")
                _set_numpr(p, num_id, 0)
                revisions.add_runs(p, m.group(2))
            else:
                if num_id is not None and re.match(r"^§\s*\d", b.text):
                    raise BuildError(f"{md_path.name}: cannot read numbered heading {b.text!r}")
                revisions.add_runs(p, b.text)
        elif b.kind == "para":
            p = doc.add_paragraph(style="Normal")
            m = _SUB[sample.numbering].match(b.text) if num_id is not None and sample.numbering else None
            if m:
                sub_no += 1
                got = m.groups()[:-1]
                want = (str(sub_no),) if sample.numbering == "(%2)" else (str(section_no), str(sub_no))
                if got != want:
                    raise BuildError(
                        f"{md_path.name}: paragraph {b.text[:40]!r}: Word would number it "
                        + sample.numbering.replace("%1", str(section_no)).replace("%2", str(sub_no))
                    )
                _set_numpr(p, num_id, 1)
                revisions.add_runs(p, m.groups()[-1])
            else:
                revisions.add_runs(p, b.text)
        elif b.kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            # The style carries the bullet numbering already; say it on the paragraph too, as Word does.
            _set_numpr(p, bullet_num_id, 0)
            if num_id is not None:
                indent = 567 if sample.numbering == "(%2)" else 680
                p.paragraph_format.left_indent = Twips(indent + 360)
                p.paragraph_format.first_line_indent = Twips(-360)
            revisions.add_runs(p, b.text)
        elif b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            table = doc.add_table(rows=len(b.rows), cols=ncols)
            table.style = doc.styles["Table Grid"]
            for i, row in enumerate(b.rows):
                for j in range(ncols):
                    cell = table.cell(i, j)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(row[j] if j < len(row) else "")
                    run.bold = i == 0
            # Mark the first row as a header row (repeats on a new page).
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            tr_pr.append(_el("w:tblHeader"))
            after_table = True
            continue
        else:  # pragma: no cover
            raise BuildError(f"unknown block {b.kind}")
        if space_next:
            doc.paragraphs[-1].paragraph_format.space_before = Pt(8)
    unused = [c.fragment for c, n in zip(revisions.changes, revisions.used, strict=True) if n != 1]
    if unused:
        raise BuildError(f"{md_path.name}: tracked changes not placed exactly once: {unused}")

    buf = io.BytesIO()
    doc.save(buf)
    docx_path.write_bytes(_normalize_zip(buf.getvalue()))


# --------------------------------------------------------------------------------------------------
# PDF via LibreOffice
# --------------------------------------------------------------------------------------------------


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise BuildError(
        "LibreOffice is needed to make the PDFs but 'soffice' is not on PATH.\n"
        "Install it (Debian/Ubuntu: apt-get install libreoffice-writer) or run with --docx-only."
    )


def build_pdfs(docx_paths: list[Path], out_dir: Path) -> None:
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="ghostproof-soffice-") as tmp:
        tmp_path = Path(tmp)
        profile = (tmp_path / "profile").as_uri()
        outdir = tmp_path / "out"
        outdir.mkdir()
        env = dict(os.environ)
        env["HOME"] = tmp  # keep LibreOffice away from the real home directory
        env["TZ"] = "UTC"
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *[str(p) for p in docx_paths],
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
        except subprocess.TimeoutExpired as exc:
            raise BuildError("LibreOffice did not finish within 300 s") from exc
        for p in docx_paths:
            pdf = outdir / (p.stem + ".pdf")
            if not pdf.exists():
                raise BuildError(
                    f"LibreOffice did not produce {pdf.name} (exit {proc.returncode}).\n"
                    f"stdout: {proc.stdout.strip()}\nstderr: {proc.stderr.strip()}"
                )
            target = out_dir / pdf.name
            target.write_bytes(_stabilize_pdf(pdf.read_bytes(), p.read_bytes()))


def _stabilize_pdf(data: bytes, docx_bytes: bytes) -> bytes:
    """Replace LibreOffice's creation date, document id and checksum by fixed values of the same length.

    Same length keeps the cross-reference offsets valid; the id is derived from the DOCX, so the same
    DOCX gives the same PDF bytes.
    """
    digest = hashlib.md5(docx_bytes).hexdigest().upper().encode()
    stamp = FIXED_DOC_TIME.strftime("%Y%m%d%H%M%S").encode()
    data = re.sub(rb"(/CreationDate\(D:)\d{14}", lambda m: m.group(1) + stamp, data)
    data = re.sub(
        rb"(/ID\s*\[\s*<)[0-9A-Fa-f]{32}(>\s*<)[0-9A-Fa-f]{32}>",
        lambda m: m.group(1) + digest + m.group(2) + digest + b">",
        data,
    )
    data = re.sub(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}", lambda m: m.group(1) + digest, data)
    return data


# --------------------------------------------------------------------------------------------------
# Checks (independent of ghostproof's own readers)
# --------------------------------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    """Body text of a DOCX in reading order: numbering rebuilt, insertions kept, deletions left out."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(_w("body"))
        numbering = etree.fromstring(z.read("word/numbering.xml")) if "word/numbering.xml" in z.namelist() else None
    formats: dict[str, dict[int, tuple[str, str, int]]] = {}
    if numbering is not None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.iter(_w("abstractNum")):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iter(_w("lvl")):
                fmt = lvl.find(_w("numFmt"))
                txt = lvl.find(_w("lvlText"))
                start = lvl.find(_w("start"))
                lv[int(lvl.get(_w("ilvl")))] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    txt.get(_w("val")) if txt is not None else "",
                    int(start.get(_w("val"))) if start is not None else 1,
                )
            abstract[an.get(_w("abstractNumId"))] = lv
        for num in numbering.iter(_w("num")):
            formats[num.get(_w("numId"))] = abstract.get(num.find(_w("abstractNumId")).get(_w("val")), {})
    counters: dict[str, list[int]] = {}

    def para_text(p: Any) -> str:
        parts = []
        for t in p.iter(_w("t")):
            if any(a.tag == _w("del") for a in t.iterancestors()):
                continue
            parts.append(t.text or "")
        text = "".join(parts)
        num_pr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None and num_pr.find(_w("numId")) is not None:
            num_id = num_pr.find(_w("numId")).get(_w("val"))
            ilvl_el = num_pr.find(_w("ilvl"))
            ilvl = int(ilvl_el.get(_w("val"))) if ilvl_el is not None else 0
            levels = formats.get(num_id, {})
            if ilvl in levels and levels[ilvl][0] != "bullet":
                c = counters.setdefault(num_id, [levels.get(i, ("", "", 1))[2] - 1 for i in range(9)])
                c[ilvl] += 1
                for deeper in range(ilvl + 1, 9):
                    c[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
                label = re.sub(r"%(\d)", lambda m: str(c[int(m.group(1)) - 1]), levels[ilvl][1])
                text = f"{label} {text}"
        return text

    out = []
    for child in body:
        if child.tag == _w("p"):
            out.append(para_text(child))
        elif child.tag == _w("tbl"):
            for p in child.iter(_w("p")):
                out.append(para_text(p))
    return "\n".join(out)


def pdf_info(path: Path) -> tuple[int, str, list[tuple[float, float, float, float, float]]]:
    """(pages, text, rects of page 1 as (left, right, page_width, bottom, top))."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        rects: list[tuple[float, float, float, float, float]] = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            if i == 0:
                width = page.get_width()
                for r in range(tp.count_rects()):
                    left, bottom, right, top = tp.get_rect(r)
                    rects.append((left, right, width, bottom, top))
        return len(pdf), "\n".join(texts), rects
    finally:
        pdf.close()


def looks_two_column(rects: list[tuple[float, float, float, float, float]]) -> bool:
    """Text on page 1 sits in two bands left and right of the middle, with a gutter between them."""
    if not rects:
        return False
    width = rects[0][2]
    mid = width / 2
    left = [r for r in rects if r[1] < mid - 5]
    right = [r for r in rects if r[0] > mid + 5]
    spanning = [r for r in rects if r[0] < mid - 5 and r[1] > mid + 5]
    return len(left) >= 10 and len(right) >= 10 and len(spanning) <= 3


def check(names: list[str], *, pdf: bool = True) -> list[str]:
    problems: list[str] = []
    for name in names:
        sample = SAMPLES[name]
        md = (HERE / f"{name}.md").read_text(encoding="utf-8")
        meta, _ = parse_front_matter(md)
        expect = meta.get("expect") or {}
        if sorted(expect) != sorted(FAMILIES) or any(v not in ("present", "weak", "missing") for v in expect.values()):
            problems.append(f"{name}: front matter 'expect' must map all nine families to present|weak|missing")
        md_words = markdown_words(md)
        docx_path = HERE / f"{name}.docx"
        sim = similarity(md_words, words(docx_text(docx_path)))
        line = f"{name:34s} docx~md {sim:.4f}"
        if sim < 0.98:
            problems.append(f"{name}: DOCX text differs from the Markdown (similarity {sim:.4f})")
        pdf_path = HERE / f"{name}.pdf"
        if pdf and pdf_path.exists():
            pages, text, rects = pdf_info(pdf_path)
            psim = similarity(md_words, words(text))
            two = looks_two_column(rects)
            line += f"  pdf~md {psim:.4f}  pages {pages}  two-column {'yes' if two else 'no'}"
            if len(text.strip()) < 500:
                problems.append(f"{name}: PDF has (almost) no text")
            if psim < 0.9:
                problems.append(f"{name}: PDF text differs from the Markdown (similarity {psim:.4f})")
            if sample.columns == 2 and not two:
                problems.append(f"{name}: PDF page 1 does not look two-column")
            if sample.columns == 2 and pages < 3:
                problems.append(f"{name}: PDF has {pages} pages, want at least 3")
        elif pdf:
            problems.append(f"{name}: {pdf_path.name} is missing")
        print(line)
    return problems


# --------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=sorted(SAMPLES), metavar="NAME", help="build only NAME")
    ap.add_argument("--docx-only", action="store_true", help="do not run LibreOffice")
    ap.add_argument("--check", action="store_true", help="do not build; verify the existing files")
    args = ap.parse_args(argv)
    names = args.only or list(SAMPLES)
    try:
        if not args.check:
            if not args.docx_only:
                find_soffice()  # fail before writing anything
            for name in names:
                build_docx(SAMPLES[name], HERE / f"{name}.md", HERE / f"{name}.docx")
                print(f"wrote {name}.docx")
            if not args.docx_only:
                build_pdfs([HERE / f"{n}.docx" for n in names], HERE)
                for name in names:
                    print(f"wrote {name}.pdf")
        problems = check(names, pdf=not args.docx_only)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
