"""Lines -> blocks: where paragraphs break, headings and list items, and words hyphenated at a line end."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from ...model import BlockKind, RawBlock
from ..lang import detect_lang
from ..sections import looks_like_heading, split_label
from ..textutil import join_lines
from .lines import HEADING_CHARS, SOFT_END, Line

_TERMINAL = re.compile(r"[.;:!?][\"'”’»)\]]*$")
_NOT_AN_END = re.compile(
    r"\b(?:Abs|Nr|Art|Ziff|bzw|vgl|gem|ca|S|No|Sec|para|Mr|Ms|Dr|Prof|e\.g|i\.e|z\.B|u\.a|d\.h)\.$"
)
#: bullets, including the private-use code points of Symbol/Wingdings bullets that Word's PDFs carry
_BULLET = re.compile(r"^[•●▪◦‣∙·○■□➢►✓◆◇❖\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf0de\uf0e0]\s*|^[-–—*]\s+(?=\S)")
_ENUM = re.compile(r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})\))\s", re.IGNORECASE)
_VOCAB_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # as textutil.vocabulary_of
_LEFT_SPLIT = re.compile(r"[\s(\"'„“]")  # as textutil.join_lines
#: prefixes that keep their hyphen at a line break ("non-" + "exclusive")
_PREFIXES = frozenset({"non", "self", "cross", "quasi", "bi", "multi", "semi", "anti"})


def _percentile(values: Sequence[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(q * (len(s) - 1) + 0.5)))]


def _ends_sentence(text: str) -> bool:
    """The line ends with sentence punctuation, and not with an abbreviation ("Abs.", "No.", "e.g.")."""
    return bool(_TERMINAL.search(text)) and not _NOT_AN_END.search(text)


def _starts_item(text: str) -> bool:
    return bool(_BULLET.match(text) or _ENUM.match(text))


def _starts_label(text: str) -> bool:
    return split_label(text)[0] is not None or _starts_item(text)


class _Paragrapher:
    """Decides where paragraphs start, from the geometry of the lines and how they begin and end."""

    def __init__(self, lines: Sequence[Line], texts: Sequence[str]) -> None:
        self.lines = lines
        #: normalised text of each line
        self.texts = texts
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        ratios = [
            (a.base - b.base) / a.size
            for a, b in itertools.pairwise(lines)
            if a.page == b.page and a.region == b.region and 0 < a.base - b.base < 3 * a.size
        ]
        #: baseline-to-baseline distance inside a paragraph, in font sizes
        self.spacing = _percentile(ratios, 0.3) if len(ratios) >= 3 else 1.2
        #: the right edge of the text around each line (nearby lines in the same column that start where it
        #: starts): indented blocks and narrower columns get their own margin
        self.right: list[float] = []
        for i, line in enumerate(lines):
            right, em = line.x1, 1.5 * line.size
            for n in lines[max(0, i - 6) : i + 7]:
                if n.x1 > right and n.region == line.region and abs(n.x0 - line.x0) <= em:
                    right = n.x1
            self.right.append(right)

    def breaks(self, i: int) -> bool:
        """Does line ``i`` start a new paragraph?"""
        prev, cur = self.lines[i - 1], self.lines[i]
        prev_text, cur_text = self.texts[i - 1], self.texts[i]
        if _BULLET.match(cur_text):
            return True
        prev_ends = _ends_sentence(prev_text)
        if prev.page != cur.page or prev.region != cur.region or cur.turn:
            return not self._runs_on(i, prev_ends)
        if prev.text.endswith(SOFT_END):  # pdfium saw a word hyphenated at the line end
            return False
        em = max(prev.size, cur.size)
        step = prev.base - cur.base
        if step > 1.3 * self.spacing * em or step < -0.5 * em:
            return True
        if abs(prev.size - cur.size) > 0.2 * em:
            return True
        if prev.bold and not cur.bold and prev.x1 - prev.x0 < 0.7 * (self.right[i - 1] - prev.x0):
            return True  # a short bold line: a run-in heading
        if self._short(i) or (prev_ends and _starts_label(cur_text)):
            return True
        if not prev_ends:
            return False
        if cur.x0 < prev.x0 - 0.9 * em:  # outdented after a full stop: the next item of a hanging list
            return True
        # indented after a full stop: a first-line indent, unless prev opens a hanging item ("2.1 ...", "(a) ...")
        return cur.x0 > prev.x0 + 0.9 * em and not _starts_label(prev_text)

    def _runs_on(self, i: int, prev_ends: bool) -> bool:
        """At a page or column turn: does the sentence of line ``i - 1`` continue in line ``i``?"""
        prev_text, cur_text = self.texts[i - 1], self.texts[i]
        if prev_text.endswith("-"):
            return True
        if prev_ends or _starts_label(cur_text):
            return False
        if cur_text[:1].islower():
            return True
        if self._short(i):
            return False  # a heading or the last line of a paragraph
        return not cur_text[:1].isalpha() or prev_text[-1:].islower() or prev_text.endswith(",")

    def _short(self, i: int) -> bool:
        """Line ``i - 1`` stops well before the right margin although line ``i``'s first word would have fitted."""
        prev, cur = self.lines[i - 1], self.lines[i]
        prev_text, cur_text = self.texts[i - 1], self.texts[i]
        if prev_text.endswith("-"):
            return False
        room = self.right[i - 1] - prev.x1
        first = cur_text.split(" ", 1)[0]
        char_w = (cur.x1 - cur.x0) / max(len(cur_text), 1)
        return room > max((len(first) + 2) * char_w, 2 * cur.size)

    def kind(self, lines: Sequence[Line], text: str) -> BlockKind:
        if _BULLET.match(text) or _ENUM.match(text):
            return "list_item"
        if len(lines) <= 2 and len(text) <= HEADING_CHARS:
            label, rest = split_label(text)
            if looks_like_heading(text) or (label is not None and not rest):  # "Article 12" on its own line
                return "heading"
            bigger = all(line.size >= 1.15 * self.body for line in lines)
            bold = all(line.bold for line in lines)
            if (bigger or bold) and len(text.split()) <= 12 and not text.endswith((".", ";", ",", ":")):
                return "heading" if text[:1].isupper() or split_label(text, heading=True)[0] else "paragraph"
        return "paragraph"


def _line_text(line: Line) -> str:
    """Text of a line for ``join_lines`` (which normalises it): a soft hyphen pdfium marked at the end becomes
    "-", so that ``join_lines`` repairs the word."""
    t = line.text.strip()
    if t.endswith(SOFT_END):
        t = t[:-1].rstrip() + "-"
    return t


def _vocabulary(texts: Sequence[str]) -> set[str]:
    """The document's words for :func:`join_lines`, plus compounds broken at a line end that keep their hyphen.

    A word hyphenated at a line end whose joined form the document never uses, but whose second half is a word
    the document uses on its own elsewhere ("five-" + "percent", "pre-" + "existing"), is a compound: the
    hyphenated form goes into the vocabulary so ``join_lines`` keeps the hyphen (English only: German closes
    compounds). Word processors do not hyphenate by default, so a line-end hyphen is more often a compound's
    than a syllable break. "contrac-" + "tual" is joined as before.
    """
    text = "\n".join(texts)
    counts = Counter(_VOCAB_WORD.findall(text.lower()))
    # German writes compounds closed ("Kündigungsfrist"; a hyphen only before a capital, which join_lines keeps)
    english = detect_lang(text, limit=50_000) == "en"
    fragments: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []
    for a, b in itertools.pairwise(texts):
        if len(a) >= 2 and a.endswith("-") and a[-2].isalpha() and b[:1].islower():
            left = _LEFT_SPLIT.split(a[:-1])[-1].lower()
            right = b.split(" ", 1)[0].rstrip(".,;:)").lower()
            fragments[left] += 1
            if word := _VOCAB_WORD.match(right):
                fragments[word.group()] += 1
            pairs.append((left, right))
    vocab = set(counts)
    for left, right in pairs:
        word = _VOCAB_WORD.match(right)
        if word is None or f"{left}{word.group()}" in vocab:
            continue
        tail = word.group()
        # "tual", "ment", "stand" (only here): syllables; "existing", "percent" (used on their own): words
        if english and ((len(tail) >= 3 and counts[tail] > fragments[tail] and len(left) >= 2) or left in _PREFIXES):
            vocab.add(f"{left}-{right}")
    return vocab


def to_blocks(pages: list[list[Line]]) -> list[RawBlock]:
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    texts = [_line_text(line) for line in lines]
    para = _Paragrapher(lines, texts)
    vocab = _vocabulary(texts)
    groups: list[list[int]] = [[0]]
    for i in range(1, len(lines)):
        if para.breaks(i):
            groups.append([i])
        else:
            groups[-1].append(i)
    blocks: list[RawBlock] = []
    for group in groups:
        text = join_lines([texts[i] for i in group], vocab)
        if not text:
            continue
        kind = para.kind([lines[i] for i in group], text)
        if kind == "list_item" and (m := _BULLET.match(text)):
            text = text[m.end() :]
        blocks.append(RawBlock(kind=kind, text=text, page=lines[group[0]].page))
    return blocks
