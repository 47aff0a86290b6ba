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
#: token patterns look this many tokens to each side of a phrase hit (within its sentence)
WINDOW = 30


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
        # phrase hits of a family's context_cues are context only: they are kept in sentences where the family has
        # another hit, and they do not open token-matcher windows
        self.quiet = {p.label for p in self.rules.phrases if p.cue in self.rules.families[p.family].context_cues}
        # one token Matcher per family: it only looks at sentences where that family's phrases hit
        self.tokens: dict[str, Matcher] = {}
        self.lemma_families: set[str] = set()
        for p in self.rules.tokens:
            matcher = self.tokens.setdefault(p.family, Matcher(nlp.vocab, validate=True))
            matcher.add(f"{p.label}|{p.id}", [p.pattern])  # type: ignore[list-item]
            if any("LEMMA" in tok for tok in p.pattern):
                self.lemma_families.add(p.family)
        self.lemmas = Lemmas(lang)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans: list[Span] = []
        hits: dict[str, list[int]] = {}
        quiet: list[tuple[int, int, str, str]] = []
        for match_id, start, end in self.phrase(doc):
            label, pid = strings[match_id].split("|", 1)
            if label in self.quiet:
                quiet.append((start, end, label, pid))
                continue
            spans.append(Span(doc, start, end, label=label, span_id=pid))
            hits.setdefault(label.split("/", 1)[0], []).append(start)
        sent_of: dict[int, Span] = {}
        if quiet and hits:
            spans.extend(self._context(doc, quiet, hits, sent_of))
        if hits and self.tokens:
            lemmatized: set[int] = set()
            for family, starts in hits.items():
                matcher = self.tokens.get(family)
                if matcher is None:
                    continue
                for lo, hi in self._windows(doc, starts, sent_of):
                    window = doc[lo:hi]
                    if family in self.lemma_families:
                        for tok in window:
                            if tok.i not in lemmatized:
                                lemmatized.add(tok.i)
                                self.lemmas.apply((tok,))
                    for match_id, start, end in matcher(window):  # positions are relative to the window
                        label, pid = strings[match_id].split("|", 1)
                        spans.append(Span(doc, lo + start, lo + end, label=label, span_id=pid))
        spans.sort(key=lambda s: (s.start, s.end))
        doc.spans[SPAN_KEY] = spans
        return doc

    @staticmethod
    def _context(
        doc: Doc, quiet: list[tuple[int, int, str, str]], hits: dict[str, list[int]], sent_of: dict[int, Span]
    ) -> list[Span]:
        """The context-cue hits that lie in a sentence with another hit of their family."""
        anchored: dict[str, list[tuple[int, int]]] = {}
        for family in {label.split("/", 1)[0] for _, _, label, _ in quiet} & hits.keys():
            starts = hits[family]
            bounds = anchored.setdefault(family, [])
            for tok in starts:
                sent = sent_of.get(tok)
                if sent is None:
                    sent = sent_of[tok] = doc[tok].sent
                if not bounds or bounds[-1] != (sent.start, sent.end):
                    bounds.append((sent.start, sent.end))
        for bounds in anchored.values():
            bounds.sort()
        out: list[Span] = []
        for start, end, label, pid in quiet:
            sents = anchored.get(label.split("/", 1)[0])
            if sents:
                i = bisect.bisect_right(sents, (start, len(doc) + 1)) - 1
                if i >= 0 and sents[i][0] <= start < sents[i][1]:
                    out.append(Span(doc, start, end, label=label, span_id=pid))
        return out

    def _windows(self, doc: Doc, starts: list[int], sent_of: dict[int, Span]) -> list[tuple[int, int]]:
        """Token windows around the hits, clipped to their sentence and merged where they overlap."""
        out: list[tuple[int, int]] = []
        for tok in sorted(starts):
            sent = sent_of.get(tok)
            if sent is None:
                sent = sent_of[tok] = doc[tok].sent
            lo, hi = max(sent.start, tok - WINDOW), min(sent.end, tok + WINDOW)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out


@Language.factory("ghostproof", default_config={"lang": None})
def make_ghostproof(nlp: Language, name: str, lang: str | None) -> GhostproofMatcher:
    return GhostproofMatcher(nlp, lang or str(nlp.lang))


@cache
def pipeline(lang: str) -> Language:
    """The ghostproof pipeline for ``en`` or ``de`` (built once per process)."""
    nlp = spacy.blank(lang)
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ghostproof", config={"lang": lang})
    return nlp
