"""The document model: the only thing later pipeline stages read.

Every reader (PDF, DOCX, text/Markdown) turns a file into a list of :class:`RawBlock`; :func:`ghostproof.ingest.
assemble.assemble` turns those into one :class:`Document` with character offsets, inherited section labels and
headings, and the detected language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]
SourceType = Literal["pdf", "docx", "txt", "md", "image"]
Lang = Literal["en", "de"]

BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "paragraph", "list_item", "table_cell")
SCHEMA = "ghostproof.document/1"


@dataclass(slots=True)
class RawBlock:
    """What a reader produces: one block of text and what the format told us about it."""

    kind: BlockKind
    text: str
    page: int | None = None
    #: a section label the format gave explicitly (e.g. rebuilt Word numbering); otherwise parsed from the text
    label: str | None = None
    #: heading level (1 = top) where the format says so
    level: int | None = None
    #: table position for table cells
    table: int | None = None
    row: int | None = None
    col: int | None = None
    #: read by OCR from a scanned page, with the page's mean word confidence (0-100)
    ocr: bool = False
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A located block of the document's text: ``document.text[start:end] == block.text``."""

    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None
    #: the label of the innermost numbered section this block belongs to ("7.2", "§ 4", "4.")
    section: str | None
    #: the text of the nearest heading above (or of this block, when it is a heading)
    heading: str | None
    level: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    #: read by OCR from a scanned page, with the page's mean word confidence (0-100)
    ocr: bool = False
    confidence: float | None = None

    def location(self) -> str:
        """Human citation such as ``p. 3, § 7.2`` (empty when nothing is known)."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.section:
            label = self.section.rstrip(".")
            parts.append(label if label.startswith(("§", "Art")) else f"§ {label}")
        return ", ".join(parts)


@dataclass(slots=True)
class Document:
    source: str
    source_type: SourceType
    pages: int | None
    lang: Lang
    #: the language the text looks like, before any ``--lang`` override
    detected_lang: Lang
    text: str
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "source_type": self.source_type,
            "pages": self.pages,
            "lang": self.lang,
            "detected_lang": self.detected_lang,
            "warnings": list(self.warnings),
            "text": self.text,
            "blocks": [asdict(b) for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            source=data["source"],
            source_type=data["source_type"],
            pages=data["pages"],
            lang=data["lang"],
            detected_lang=data["detected_lang"],
            text=data["text"],
            blocks=[Block(**b) for b in data["blocks"]],
            warnings=list(data.get("warnings", [])),
        )

    def block_at(self, offset: int) -> Block | None:
        """The block containing character ``offset`` (binary search)."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset >= b.end:
                lo = mid + 1
            else:
                return b
        return None


@dataclass(slots=True)
class Extraction:
    """What a reader returns: blocks in reading order, the page count (PDF/DOCX where known), warnings."""

    blocks: list[RawBlock]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
