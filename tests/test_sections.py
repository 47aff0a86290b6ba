"""Section labels and heading recognition (table-driven)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ghostproof.ingest.sections import looks_like_heading, split_label
from ghostproof.ingest.textutil import join_lines, squash

LABELS = [
    ("7.2 The Client shall pay.", "7.2", "The Client shall pay."),
    ("7.2. The Client shall pay.", "7.2", "The Client shall pay."),
    ("4. Acceptance", "4.", "Acceptance"),
    ("4) Acceptance", "4.", "Acceptance"),
    ("§ 4 Abnahme", "§ 4", "Abnahme"),
    ("§4 Abnahme", "§ 4", "Abnahme"),
    ("§ 4a Abnahme", "§ 4a", "Abnahme"),
    ("§ 12.3 Haftung", "§ 12.3", "Haftung"),
    ("Article 5 Term", "Art. 5", "Term"),
    ("ARTICLE V. TERM", "Art. V", "TERM"),
    ("Section 3.1: Fees", "3.1", "Fees"),
    ("Ziffer 2.4 Vergütung", "2.4", "Vergütung"),
    ("IV. Kündigung", "IV.", "Kündigung"),
    ("The Client shall pay.", None, "The Client shall pay."),
    ("2026 was a good year.", None, "2026 was a good year."),
    ("30 days after delivery", None, "30 days after delivery"),
    ("1.5% per month", None, "1.5% per month"),
    ("(1) Der Kunde zahlt.", None, "(1) Der Kunde zahlt."),
]


@pytest.mark.parametrize(("text", "label", "rest"), LABELS)
def test_split_label(text: str, label: str | None, rest: str) -> None:
    assert split_label(text) == (label, rest)


def test_bare_number_only_in_headings() -> None:
    assert split_label("4 Payment", heading=True) == ("4.", "Payment")
    assert split_label("4 Payment") == (None, "4 Payment")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. Acceptance", True),
        ("§ 7 Kündigung", True),
        ("TERMINATION", True),
        ("4.1 The Client shall review the deliverables within ten days.", False),
        ("The Client shall pay all invoices", False),
        ("Page 3 of 10", False),
        ("", False),
    ],
)
def test_looks_like_heading(text: str, expected: bool) -> None:
    assert looks_like_heading(text) is expected


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=2, max_size=12).filter(
    lambda w: w not in {"und", "oder", "bzw", "sowie", "and", "or", "nor", "to"}
)


@given(st.lists(words, min_size=1, max_size=30), st.data())
def test_join_lines_keeps_words_when_wrapping_anywhere(ws: list[str], data: st.DataObject) -> None:
    """Wrapping a sentence at word boundaries and re-joining gives the sentence back."""
    sentence = " ".join(ws)
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(ws) - 1)), max_size=len(ws))))
    lines, last = [], 0
    for c in [*cuts, len(ws)]:
        if c > last:
            lines.append(" ".join(ws[last:c]))
            last = c
    assert join_lines(lines) == sentence


@given(words, words)
def test_join_lines_repairs_line_end_hyphenation(left: str, right: str) -> None:
    assert join_lines([f"see {left}-", f"{right} now"]) == f"see {left}{right} now"


@given(st.text(max_size=200))
def test_squash_is_idempotent(text: str) -> None:
    once = squash(text)
    assert squash(once) == once
    assert "\n" not in once and "  " not in once


# a heading in capitals on a line of its own, the text on the next line (no blank line between): its own block
CAPS_LINES = [
    (["PAYMENT TERMS", "All invoices are payable within 30 days."], ["heading", "paragraph"]),
    (
        ["CANCELLATION AND KILL FEE", "Either party may terminate.", "(a) The Client pays."],
        ["heading", "paragraph", "paragraph"],
    ),
    # a paragraph in capitals wrapped over lines, or a word in capitals inside a sentence, is no heading
    (["THE SOFTWARE IS PROVIDED", "AS IS WITHOUT WARRANTY OF ANY KIND", "OF ANY SORT."], ["paragraph"]),
    (["The Client shall pay the", "INVOICED AMOUNT", "within 30 days."], ["paragraph"]),
    # a numbered line starts a block anyway, a heading followed by a blank line is read as before
    (["5. TERMINATION", "Either party may terminate."], ["paragraph"]),
    (["TERMINATION", "", "Either party may terminate."], ["heading", "paragraph"]),
]


@pytest.mark.parametrize(("lines", "kinds"), CAPS_LINES)
def test_caps_heading_lines_in_plain_text(lines: list[str], kinds: list[str]) -> None:
    from ghostproof.ingest.text import parse_lines

    assert [b.kind for b in parse_lines(lines, markdown=False)] == kinds
