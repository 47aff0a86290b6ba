"""ghostproof_sentencizer follows spaCy's rule-based Sentencizer exactly, plus a break after each line break."""

from __future__ import annotations

import pytest
import spacy

import ghostproof.detect.sentencizer  # noqa: F401  (registers the factory)
import samples as S


@pytest.mark.parametrize("lang", ["en", "de"])
def test_same_sentence_starts_as_spacys_sentencizer(lang: str) -> None:
    ours = spacy.blank(lang)
    ours.add_pipe("ghostproof_sentencizer")
    theirs = spacy.blank(lang)
    theirs.add_pipe("sentencizer")
    texts = [(S.SAMPLES / f"{name}.md").read_text(encoding="utf-8") for name in S.NAMES]
    texts += ['He said "Stop." Then he left!! Really?) Yes. (a) item; (b) item.', "", "No full stop"]
    for text in texts:
        flat = text.replace("\n", " ")
        assert [s.start for s in ours(flat).sents] == [s.start for s in theirs(flat).sents]


def test_a_line_break_starts_a_sentence() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ghostproof_sentencizer")
    doc = nlp("4. Acceptance\n\n4.1 The Client accepts. It pays")
    # "4." ends a sentence by spaCy's own rule; the line break then starts "4.1 ..."
    assert [s.text.strip() for s in doc.sents] == ["4.", "Acceptance", "4.1 The Client accepts.", "It pays"]
