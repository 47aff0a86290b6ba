"""Helpers for the HTML report tests: audited samples (cached), a hostile contract, and a small DOM reader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import ghostproof
from ghostproof.detect import audit_document
from ghostproof.findings import AuditResult
from ghostproof.report import Failed, Report, build_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

#: a deemed-acceptance clause full of markup; detection must find it, the report must show it as text
HOSTILE_CLAUSE = (
    "2.1 The Client will review each deliverable within ten (10) business days after delivery "
    '<script>alert(1)</script> <img src=x onerror=alert(2)> and the "Client\'s" notes &amp; A&B. '
    "If the Client does not reject the deliverable in writing within that period, the deliverable is deemed accepted."
)
HOSTILE_CONTRACT = f"""Web Design Agreement

1. Services

1.1 The Designer will design the Client's website.

2. Acceptance

{HOSTILE_CLAUSE}

3. Payment

3.1 Invoices are payable within 30 days.
"""
#: a file name with markup and quotes in it (allowed on Linux)
HOSTILE_NAME = 'contract <b>"x"&.txt'


@cache
def audited(path: str) -> tuple[AuditResult, str]:
    doc = ghostproof.load_document(path)
    return audit_document(doc), doc.text


def report_for(paths: Sequence[str | Path], *, failed: Sequence[Failed] = (), lang: str | None = None) -> Report:
    """The report of ``paths`` with their texts, so evidence comes with its context."""
    pairs = [audited(str(p)) for p in paths]
    return build_report([r for r, _ in pairs], texts=[t for _, t in pairs], failed=failed, lang=lang)


def write_hostile_contract(folder: Path) -> Path:
    path = folder / HOSTILE_NAME
    path.write_text(HOSTILE_CONTRACT, encoding="utf-8")
    return path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


class Page(HTMLParser):
    """Every element of a page with its attributes and the text inside it (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    @classmethod
    def parse(cls, html: str) -> Page:
        page = cls()
        page.feed(html)
        page.close()
        return page

    _VOID = frozenset({"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "base", "col"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs))
        self.elements.append(el)
        if tag not in self._VOID:
            self._open.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for el in self._open:
            el.text += data

    def find(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Elements by tag and attribute values (``class_`` matches one of the classes)."""
        out = []
        for el in self.elements:
            if tag is not None and el.tag != tag:
                continue
            ok = True
            for name, value in attrs.items():
                if name == "class_":
                    ok = ok and el.has_class(value)
                else:
                    ok = ok and el.attrs.get(name.replace("_", "-")) == value
            if ok:
                out.append(el)
        return out

    def by_id(self, ident: str) -> Element:
        (el,) = [e for e in self.elements if e.attrs.get("id") == ident]
        return el
