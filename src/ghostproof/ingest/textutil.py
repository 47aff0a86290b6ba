"""Character-level clean-up shared by every reader: ligatures, soft hyphens, spaces, line joining."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SPACES = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\t": " ",
}
_DROP = {
    "\u00ad": "",  # soft hyphen
    "\ufffe": "",  # pdfium's soft-hyphen marker
    "\x02": "",  # pdfium's soft-hyphen marker (bounded text)
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
}
_TABLE = str.maketrans({**_LIGATURES, **_SPACES, **_DROP})
_WS = re.compile(r"[ \f\v]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

#: words after a line-final hyphen that mean the hyphen is a German/English suspension hyphen ("Vertrags- und")
_KEEP_HYPHEN_BEFORE = frozenset({"und", "oder", "bzw", "bzw.", "sowie", "and", "or", "nor", "to"})
_HYPHENS = ("-", "\u2010", "\u2011")


#: a line that is only a page number: "6", "- 6 -", "Page 6", "Page -8-", "6 of 20", "Seite 6 von 9", "S. 3" (the PDF
#: reader's page furniture and the plain-text page join both use it)
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|seite|p\.|s\.)\s*)?(?:[-–—]\s*)?\d{1,4}(?:\s*(?:of|von|/|sur|de)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_DIGIT_RUN = re.compile(r"\d+")
_NON_KEY = re.compile(r"[\s\W_]+")


def running_key(text: str) -> str:
    """Comparison key of a header or footer line: lower case, letters and digits only, every number as "0" (the
    same footer on every page, its page number aside)."""
    return _DIGIT_RUN.sub("0", _NON_KEY.sub("", text.lower()))


def normalize_chars(text: str) -> str:
    """NFC, ligatures expanded, soft hyphens and zero-width characters dropped, odd spaces made plain."""
    text = unicodedata.normalize("NFC", text.translate(_TABLE))
    return _CONTROL.sub("", text)


def squash(text: str) -> str:
    """``normalize_chars`` plus runs of spaces collapsed and the ends stripped (single-line text)."""
    return _WS.sub(" ", normalize_chars(text).replace("\r", " ").replace("\n", " ")).strip()


def join_lines(lines: Sequence[str], vocabulary: set[str] | None = None) -> str:
    """Join the lines of one paragraph into one line, repairing words hyphenated at a line end.

    ``vocabulary`` (lower-case words of the whole document) decides doubtful cases: a hyphenated compound that
    the document also writes with a hyphen ("e-mail", "time-and-materials") keeps it.
    """
    out = ""
    for raw in lines:
        line = squash(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith(_HYPHENS) and len(out) >= 2 and out[-2].isalpha() and line[:1].isalpha():
            head = out[:-1]
            first = line.split(" ", 1)[0]
            first_word = first.rstrip(".,;:)")
            if first_word.lower() in _KEEP_HYPHEN_BEFORE:  # "Vertrags- und Zahlungsbedingungen"
                out = f"{out} {line}"
                continue
            if line[:1].isupper():  # "Software-" + "Entwicklung": a real hyphen in a compound
                out = f"{out}{line}"
                continue
            left = re.split(r"[\s(\"'„“]", head)[-1]
            hyphenated = f"{left}-{first_word}".lower()
            joined = f"{left}{first_word}".lower()
            if vocabulary is not None and hyphenated in vocabulary and joined not in vocabulary:
                out = f"{out}{line}"
            else:
                out = f"{head}{line}"
        else:
            out = f"{out} {line}"
    return out


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    """Lower-case words (hyphenated compounds kept whole) of a document, for :func:`join_lines`."""
    vocab: set[str] = set()
    for text in texts:
        vocab.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))
    return vocab
