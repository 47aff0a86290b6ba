"""The rule engine's gates (which token patterns run in a window) change only how much work is done, never the hits:
the same hits as running every token pattern of the family in every window, on the corpus texts in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ghostproof.detect import matching
from ghostproof.detect.pipeline import pipeline

CORPUS = Path(__file__).parent / "corpus"


def _texts(lang: str) -> list[str]:
    rows = []
    for name in (f"{lang}.jsonl", f"regress_{lang}.jsonl", f"heldout_{lang}.jsonl"):
        rows += [json.loads(line)["text"] for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line]
    return rows


def _matcher(lang: str) -> matching.FamilyMatcher:
    component: Any = pipeline(lang).get_pipe("ghostproof")
    found: matching.FamilyMatcher = component.matcher
    return found


def test_orth_tokens_gate_too() -> None:
    """A token fixed by ORTH ("[", "I") gates its pattern by its lower case, as LOWER does."""
    strings = pipeline("en").vocab.strings
    gates = matching._gates(
        [{"ORTH": "["}, {"ORTH": {"IN": ["*", "X"]}, "OP": "+"}, {"LOWER": "days", "OP": "?"}, {"ORTH": "I"}],
        strings,
    )
    assert gates == [frozenset([strings["["]]), frozenset([strings["*"], strings["x"]]), frozenset([strings["i"]])]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_gate_index_answers_as_every_gate_tested(lang: str) -> None:
    """For windows of real texts, the patterns the index lets run are exactly those whose every gate has a word in
    the window (tested gate by gate)."""
    fm = _matcher(lang)
    nlp = pipeline(lang)
    tried = 0
    for text in _texts(lang)[:120]:
        doc = nlp.make_doc(text)
        lower = doc.to_array("LOWER").tolist()
        for lo in range(0, max(len(lower) - 10, 1), 17):
            words = lower[lo : lo + 60]
            present = set(words)
            for family, patterns in fm.tokens.items():
                naive = tuple(k for k, _, gates in patterns if all(not g.isdisjoint(present) for g in gates))
                assert matching._GateIndex(patterns).keys(words) == naive
                assert fm._gate_index[family].keys(words) == naive  # the cached one too
                tried += 1
    assert tried > 500


@pytest.mark.parametrize("lang", ["en", "de"])
def test_gated_hits_are_the_hits_of_all_patterns(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fm = _matcher(lang)
    nlp = pipeline(lang)
    docs = [nlp.make_doc(t) for t in _texts(lang)]
    for doc in docs:
        nlp.get_pipe("ghostproof_sentencizer")(doc)
    gated = [fm.match(doc)[0] for doc in docs]
    monkeypatch.setattr(matching._GateIndex, "keys", lambda self, words: tuple(k for k, _ in self.needs))
    everything = [fm.match(doc)[0] for doc in docs]
    assert gated == everything
    assert sum(len(h) for h in gated) > 1000


@pytest.mark.parametrize("lang", ["en", "de"])
def test_long_windows_read_in_pieces_give_the_same_hits(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence that never ends (clauses joined without a full stop) makes one long window; read in overlapping
    pieces it gives the hits one window gives (a 600,000-character hostile paragraph took 115 s in one window)."""
    fm = _matcher(lang)
    nlp = pipeline(lang)
    sep = " und " if lang == "de" else " and "
    flat = [" ".join(t.replace(".", ",").replace(";", ",").split()) for t in _texts(lang)[:240]]
    texts = [sep.join(flat[i : i + 24]) for i in range(0, 240, 24)]
    docs = [nlp.make_doc(t) for t in texts]
    for doc in docs:
        nlp.get_pipe("ghostproof_sentencizer")(doc)
    split = []
    real_pieces = matching._pieces
    monkeypatch.setattr(matching, "_pieces", lambda lo, hi: split.append(hi - lo) or real_pieces(lo, hi))
    pieces = [fm.match(doc)[0] for doc in docs]
    assert sum(1 for n in split if n > matching.MAX_SPAN) >= 5  # the long windows this test is about
    monkeypatch.setattr(matching, "MAX_SPAN", 10**9)
    whole = [fm.match(doc)[0] for doc in docs]
    assert pieces == whole
    assert sum(len(h) for h in pieces) > 200


@pytest.mark.parametrize("lang", ["en", "de"])
def test_matchers_reused_for_fewer_patterns_give_the_same_hits(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A window whose patterns have no Matcher of their own runs one built for a few more patterns: the extra
    patterns cannot match there (a gate has no word in the window), so the hits are those of a Matcher per set."""
    from ghostproof.detect.rules import load_rules

    nlp = pipeline(lang)
    docs = [nlp.make_doc(t) for t in _texts(lang)]
    for doc in docs:
        nlp.get_pipe("ghostproof_sentencizer")(doc)
    reusing = matching.FamilyMatcher(nlp, lang, load_rules(lang))
    shared = [reusing.match(doc)[0] for doc in docs]
    monkeypatch.setattr(matching, "SUPERSET_SLACK", 0)
    exact = matching.FamilyMatcher(nlp, lang, load_rules(lang))
    own = [exact.match(doc)[0] for doc in docs]
    assert shared == own
    assert sum(len(h) for h in shared) > 1000
    built = sum(len(ms) for sizes in reusing._built.values() for ms in sizes.values())
    assert built < len(reusing._matchers)  # some windows did run a Matcher built for a superset of their patterns
    assert sum(len(ms) for sizes in exact._built.values() for ms in sizes.values()) == len(exact._matchers)
