"""The spaCy pipeline: ``spacy.blank(lang)`` + sentencizer + the ``ghostproof`` rule component.

The component fills ``doc.spans["ghostproof"]`` with one span per rule hit: ``span.label_`` is
``"<family>/<cue>"`` and ``span.id_`` the pattern id. It runs in two stages so detection stays close to
tokenizer speed: a case-insensitive PhraseMatcher over the whole text, then the token Matcher only on the
sentences that contain a phrase hit (with lemmas looked up for just those tokens).

spaCy is imported here and only here; nothing in ``ingest`` imports this module.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .detect.rules import RuleSet, load_rules

SPAN_KEY = "ghostproof"
MAX_LENGTH = 5_000_000


class Lemmas:
    """Lookup lemmas from spacy-lookups-data, loaded on first use, applied lower-cased (the table is
    case-sensitive)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._table: Any = None

    def _load(self) -> Any:
        if self._table is None:
            from spacy.lookups import load_lookups

            self._table = load_lookups(self.lang, ["lemma_lookup"]).get_table("lemma_lookup")
        return self._table

    def apply(self, tokens: Iterable[Any]) -> None:
        table = self._load()
        for tok in tokens:
            if tok.lemma == 0:
                text = tok.text
                lemma = table.get(text) or table.get(tok.lower_) or tok.lower_
                tok.lemma_ = lemma.lower()


class GhostproofMatcher:
    """The rule component (registered as ``ghostproof``)."""

    def __init__(self, nlp: Language, lang: str) -> None:
        self.rules: RuleSet = load_rules(lang)
        self.phrase = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_label: dict[tuple[str, str], list[Doc]] = {}
        for p in self.rules.phrases:
            by_label.setdefault((p.label, p.id), []).append(nlp.make_doc(str(p.pattern)))
        for (label, pid), docs in by_label.items():
            self.phrase.add(f"{label}|{pid}", docs)
        self.tokens = Matcher(nlp.vocab, validate=True)
        for p in self.rules.tokens:
            self.tokens.add(f"{p.label}|{p.id}", [p.pattern])  # type: ignore[list-item]
        self.uses_lemmas = any("LEMMA" in tok for p in self.rules.tokens for tok in p.pattern)  # type: ignore[operator]
        self.lemmas = Lemmas(lang)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans: list[Span] = []
        hit_tokens: list[int] = []
        for match_id, start, end in self.phrase(doc):
            label, pid = strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, span_id=pid))
            hit_tokens.append(start)
        if self.tokens and hit_tokens:
            # token patterns look at each sentence with a phrase hit and at its neighbours
            sents = list(doc.sents)
            starts = [s.start for s in sents]
            chosen: set[int] = set()
            for tok in hit_tokens:
                i = bisect.bisect_right(starts, tok) - 1
                chosen.update(j for j in (i - 1, i, i + 1) if 0 <= j < len(sents))
            for i in sorted(chosen):
                sent = sents[i]
                if self.uses_lemmas:
                    self.lemmas.apply(sent)
                for match_id, start, end in self.tokens(sent):  # positions are relative to the sentence
                    label, pid = strings[match_id].split("|", 1)
                    spans.append(Span(doc, sent.start + start, sent.start + end, label=label, span_id=pid))
        spans.sort(key=lambda s: (s.start, s.end))
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("ghostproof", default_config={"lang": None})
def make_ghostproof(nlp: Language, name: str, lang: str | None) -> GhostproofMatcher:
    return GhostproofMatcher(nlp, lang or nlp.lang)


@cache
def pipeline(lang: str) -> Language:
    """The ghostproof pipeline for ``en`` or ``de`` (built once per process)."""
    nlp = spacy.blank(lang)
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ghostproof", config={"lang": lang})
    return nlp
