"""Section labels at the start of a block: "7.2", "§ 4", "4.", "Article 5", "Ziffer 3.1", "IV."."""

from __future__ import annotations

import re

_PARA = re.compile(r"^§\s*(\d+[a-z]?(?:\.\d+)*)\.?(?=\s|$)")
_WORD = re.compile(
    r"^(?:Section|Sec\.|Clause|Ziffer|Ziff\.|Nr\.|Punkt)\s+(\d+(?:\.\d+)*[a-z]?)\.?(?=[\s:]|$)", re.IGNORECASE
)
_ARTICLE = re.compile(r"^(?:Article|Artikel|Art\.)\s+(\d+(?:\.\d+)*|[IVXLC]+)\.?(?=[\s:]|$)", re.IGNORECASE)
_MULTI = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)")
_SINGLE = re.compile(r"^(\d{1,3})[.)](?=\s|$)")
_ROMAN = re.compile(r"^([IVX]{1,5})\.(?=\s)")
_ABSATZ = re.compile(r"^\((\d{1,2})\)(?=\s)")
_BARE_NUMBER = re.compile(r"^(\d{1,2})\s+(?=[A-ZÄÖÜ])")


def split_label(text: str, *, heading: bool = False) -> tuple[str | None, str]:
    """Return ``(label, rest)`` for a block that starts with a section label, else ``(None, text)``.

    ``heading=True`` also accepts a bare number before a capitalised title ("4 Payment").
    """
    if m := _PARA.match(text):
        return f"§ {m.group(1)}", text[m.end() :].lstrip()
    if m := _ARTICLE.match(text):
        return f"Art. {m.group(1)}", text[m.end() :].lstrip(" :")
    if m := _WORD.match(text):
        return m.group(1), text[m.end() :].lstrip(" :")
    if m := _MULTI.match(text):
        return m.group(1), text[m.end() :].lstrip()
    if m := _SINGLE.match(text):
        return f"{m.group(1)}.", text[m.end() :].lstrip()
    if m := _ROMAN.match(text):
        return f"{m.group(1)}.", text[m.end() :].lstrip()
    if heading and (m := _BARE_NUMBER.match(text)):
        return f"{m.group(1)}.", text[m.end() :].lstrip()
    return None, text


def sub_label(text: str) -> str | None:
    """A German paragraph number "(2)" at the start of a block, else None."""
    m = _ABSATZ.match(text)
    return m.group(1) if m else None


_END_PUNCT = (".", ";", ",", ":")


def looks_like_heading(text: str) -> bool:
    """A short line that names a section: "4. Acceptance", "§ 7 Kündigung", "TERMINATION", "Payment terms"."""
    t = text.strip()
    if not t or len(t) > 90 or t.endswith(_END_PUNCT[1:]):
        return False
    label, rest = split_label(t, heading=True)
    words = rest.split()
    if label is not None:
        return 0 < len(words) <= 10 and not rest.endswith(".") and rest[:1].isupper()
    letters = [c for c in t if c.isalpha()]
    return len(words) <= 8 and len(letters) >= 4 and all(c.isupper() for c in letters)
