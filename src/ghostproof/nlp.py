"""The spaCy pipeline: ``spacy.blank(lang)`` + sentencizer + the ``ghostproof`` rule component.

The component fills ``doc.spans["ghostproof"]`` with one span per rule hit: ``span.label_`` is
``"<family>/<cue>"`` and ``span.id_`` the pattern id. It runs in two stages so detection stays close to
tokenizer speed: a case-insensitive PhraseMatcher over the whole text, then the token Matcher only on the
sentences that contain a phrase hit (with lemmas looked up for just those tokens).

spaCy is imported here and only here; nothing in ``ingest`` imports this module.
"""

from __future__ import annotations

import bisect
from functools import cache
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .detect.rules import RuleSet, load_rules
from .detect.units import HITS_KEY, SENTS_KEY

SPAN_KEY = "ghostproof"
MAX_LENGTH = 5_000_000
#: token patterns look this many tokens to each side of a phrase hit (within its sentence)
WINDOW = 30


class Lemmas:
    """Lookup lemmas from spacy-lookups-data for just the tokens a ``LEMMA`` pattern could match.

    The table is loaded on first use. Only surface forms whose lemma occurs in some pattern (and those lemmas
    themselves) get ``token.lemma_`` set; that keeps lemmatisation off the hot path.
    """

    def __init__(self, lang: str, wanted: set[str]) -> None:
        self.lang = lang
        self.wanted = {w.lower() for w in wanted}
        self._table: Any = None
        self._keys: Any = None

    def _load(self, strings: Any) -> tuple[Any, Any]:
        if self._table is None:
            from spacy.lookups import load_lookups

            table = load_lookups(self.lang, ["lemma_lookup"]).get_table("lemma_lookup")
            keys = {key for key, lemma in table.items() if lemma.lower() in self.wanted}
            keys.update(strings.add(w) for w in self.wanted)
            self._table = table
            self._keys = numpy.fromiter(keys, dtype=numpy.uint64, count=len(keys))
        return self._table, self._keys

    def apply(self, doc: Doc, lower: Any, lo: int, hi: int) -> None:
        """Set lemmas in ``doc[lo:hi]`` where they matter; ``lower`` is ``doc.to_array("LOWER")``."""
        table, keys = self._load(doc.vocab.strings)
        for i in numpy.flatnonzero(numpy.isin(lower[lo:hi], keys)):
            tok = doc[lo + int(i)]
            if tok.lemma == 0:
                tok.lemma_ = (table.get(tok.lower) or tok.lower_).lower()


class _Sentences:
    """Sentence bounds of a token, from the doc's sentence starts (one array, binary search)."""

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        self.starts = numpy.flatnonzero(doc.to_array("SENT_START") == 1) if self.n else numpy.zeros(0, dtype=int)
        if not len(self.starts) or self.starts[0] != 0:
            self.starts = numpy.concatenate(([0], self.starts))

    def around(self, toks: list[int], k: int) -> list[tuple[int, int]]:
        """Per token of ``toks``: from the start of the sentence ``k`` before its sentence to the end of the one
        ``k`` after."""
        i = numpy.searchsorted(self.starts, numpy.asarray(toks, dtype=numpy.int64), side="right") - 1
        lo = self.starts[numpy.maximum(i - k, 0)]
        j = i + k + 1
        count = len(self.starts)
        hi = numpy.where(j < count, self.starts[numpy.minimum(j, count - 1)], self.n)
        return list(zip(lo.tolist(), hi.tolist(), strict=True))

    def bounds(self, toks: list[int]) -> list[tuple[int, int]]:
        """The sentence of each token of ``toks``, as (start, end)."""
        return self.around(toks, 0)


class FastSentencizer:
    """spaCy's rule-based ``Sentencizer`` rule, vectorised with numpy (registered as ``ghostproof_sentencizer``).

    A sentence starts at the first non-punctuation token after a sentence-final character (the default
    ``Sentencizer.default_punct_chars``), and -- for the block structure of ``ghostproof extract`` text -- at the
    first token after a line break. spaCy's own component builds a Python object per token and costs about as
    much as tokenising; this one costs a few array operations per document.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.pipeline import Sentencizer

        self.punct = numpy.fromiter(
            (nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars), dtype=numpy.uint64
        )

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START

        arr = doc.to_array([ORTH, IS_PUNCT, IS_SPACE])
        final = numpy.isin(arr[:, 0], self.punct)
        punct = arr[:, 1].astype(bool) | final
        space = arr[:, 2].astype(bool)
        newline = numpy.zeros(n, dtype=bool)
        for i in numpy.flatnonzero(space):  # few: the separators between blocks
            newline[i] = "\n" in doc[int(i)].text
        trigger = final | newline
        # index of the last non-punctuation token before i
        # as in spaCy's rule a space token after a full stop starts the next sentence; a line break is a trigger
        content = ~punct & ~newline
        idx = numpy.where(content, numpy.arange(n), -1)
        last_content = numpy.maximum.accumulate(idx)
        prev_content = numpy.concatenate(([-1], last_content[:-1]))
        seen = numpy.concatenate(([0], numpy.cumsum(trigger)))  # triggers in tokens [0, i)
        after = seen[numpy.arange(n)] - seen[prev_content + 1]
        start = content & (after > 0)
        start[0] = True
        sent_start = numpy.where(start, 1, -1).astype(numpy.int32)
        doc.from_array([SENT_START], sent_start.reshape(-1, 1).astype(numpy.uint64))  # type: ignore[arg-type]
        return doc


class GhostproofMatcher:
    """The rule component (registered as ``ghostproof``)."""

    def __init__(self, nlp: Language, lang: str, make_spans: bool = True) -> None:
        self.rules: RuleSet = load_rules(lang)
        #: fill doc.spans["ghostproof"] (detection itself only needs the plain hit tuples)
        self.make_spans = make_spans
        # phrases of a family's context_cues are context only: they are looked for only in sentences where the
        # family has another hit, and they open no token-matcher windows (they are common words)
        self.phrase = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.context = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_label: dict[tuple[str, str, bool], list[Doc]] = {}
        for p in self.rules.phrases:
            quiet = p.cue in self.rules.families[p.family].context_cues
            by_label.setdefault((p.label, p.id, quiet), []).append(nlp.make_doc(str(p.pattern)))
        for (label, pid, quiet), docs in by_label.items():
            (self.context if quiet else self.phrase).add(f"{label}|{pid}", docs)
        # token patterns per family, each with its gates: the LOWER values one required token of the pattern must
        # take, so a window that has no token from some gate cannot hold a match of that pattern and the pattern
        # is not run there. The patterns that can match in a window run in one Matcher (cached per such set).
        self.tokens: dict[str, list[tuple[str, list[dict[str, Any]], list[frozenset[int]]]]] = {}
        self.lemma_families: set[str] = set()
        self.vocab = nlp.vocab
        for p in self.rules.tokens:
            pattern: list[dict[str, Any]] = p.pattern  # type: ignore[assignment]
            gates = sorted(_gates(pattern, nlp.vocab.strings), key=len)
            self.tokens.setdefault(p.family, []).append((f"{p.label}|{p.id}", pattern, gates))
            if any("LEMMA" in tok for tok in pattern):
                self.lemma_families.add(p.family)
        self._matchers: dict[tuple[str, ...], Matcher] = {}
        self.lemmas = Lemmas(lang, _pattern_lemmas(self.rules))
        self._keys: dict[int, tuple[str, str, str]] = {}

    def _key(self, strings: Any, match_id: int) -> tuple[str, str, str]:
        """(label, rule id, family) of a match id, cached."""
        key = self._keys.get(match_id)
        if key is None:
            label, pid = strings[match_id].split("|", 1)
            key = self._keys[match_id] = (label, pid, label.split("/", 1)[0])
        return key

    def _matcher(self, family: str, keys: tuple[str, ...]) -> Matcher:
        """A token Matcher with just the family's patterns named in ``keys`` (built once per such set)."""
        matcher = self._matchers.get(keys)
        if matcher is None:
            wanted = set(keys)
            matcher = self._matchers[keys] = Matcher(self.vocab, validate=True)
            for key, pattern, _ in self.tokens[family]:
                if key in wanted:
                    matcher.add(key, [pattern])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found: list[tuple[int, int, str, str]] = []  # (start token, end token, label, rule id)
        hits: dict[str, list[int]] = {}
        for match_id, start, end in self.phrase(doc):
            label, pid, family = self._key(strings, match_id)
            found.append((start, end, label, pid))
            hits.setdefault(family, []).append(start)
        sentences = _Sentences(doc)
        if hits:
            found.extend(self._context_hits(doc, hits, sentences))
        if hits and self.tokens:
            lower = doc.to_array("LOWER")
            for family, starts in hits.items():
                patterns = self.tokens.get(family)
                if patterns is None:
                    continue
                for lo, hi in self._windows(doc, starts, sentences):
                    present = set(lower[lo:hi].tolist())
                    keys = tuple(key for key, _, gates in patterns if all(not g.isdisjoint(present) for g in gates))
                    if not keys:
                        continue
                    if family in self.lemma_families:
                        self.lemmas.apply(doc, lower, lo, hi)
                    for match_id, start, end in self._matcher(family, keys)(doc[lo:hi]):  # window-relative
                        label, pid, _ = self._key(strings, match_id)
                        found.append((lo + start, lo + end, label, pid))
        found.sort()
        if self.make_spans:
            doc.spans[SPAN_KEY] = [Span(doc, s, e, label=label, span_id=pid) for s, e, label, pid in found]
        if len(doc):
            # the same hits with character offsets, and the sentences, for detection (cheaper than Span objects)
            idx = doc.to_array("IDX")
            ends = idx + doc.to_array("LENGTH")
            doc.user_data[HITS_KEY] = [(int(idx[s]), int(ends[e - 1]), label, pid) for s, e, label, pid in found]
            starts = [int(idx[i]) for i in sentences.starts]
            doc.user_data[SENTS_KEY] = list(zip(starts, [*starts[1:], int(ends[-1])], strict=True))
        return doc

    def _context_hits(
        self, doc: Doc, hits: dict[str, list[int]], sentences: _Sentences
    ) -> list[tuple[int, int, str, str]]:
        """Context-cue phrases near the family's other hits: in the same sentence, or up to the family's
        ``context_sentences`` away (a clause often spreads its details over a few sentences)."""
        out: list[tuple[int, int, str, str]] = []
        strings = doc.vocab.strings
        regions: dict[str, list[tuple[int, int]]] = {}  # per family: merged, in order
        for family, starts in hits.items():
            merged = regions[family] = []
            for lo, hi in sentences.around(sorted(starts), self.rules.families[family].context_sentences):
                if merged and lo <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
                else:
                    merged.append((lo, hi))
        # the PhraseMatcher runs once over the union of all families' regions; a match counts for its family
        # when it lies inside one of that family's regions (the same matches as one run per region)
        union: list[tuple[int, int]] = []
        for lo, hi in sorted(r for merged in regions.values() for r in merged):
            if union and lo <= union[-1][1]:
                union[-1] = (union[-1][0], max(union[-1][1], hi))
            else:
                union.append((lo, hi))
        region_starts = {family: [lo for lo, _ in merged] for family, merged in regions.items()}
        for lo, hi in union:
            for match_id, start, end in self.context(doc[lo:hi]):  # PhraseMatcher: doc-relative positions
                label, pid, fam = self._key(strings, match_id)
                own = regions.get(fam)
                if own is None:
                    continue
                i = bisect.bisect_right(region_starts[fam], start) - 1
                if i >= 0 and end <= own[i][1]:
                    out.append((start, end, label, pid))
        return out

    @staticmethod
    def _windows(doc: Doc, starts: list[int], sent_of: _Sentences) -> list[tuple[int, int]]:
        """Token windows around the hits, clipped to their sentence and merged where they overlap."""
        out: list[tuple[int, int]] = []
        toks = sorted(starts)
        for tok, (s_lo, s_hi) in zip(toks, sent_of.bounds(toks), strict=True):
            lo, hi = max(s_lo, tok - WINDOW), min(s_hi, tok + WINDOW)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out


def _gates(pattern: list[dict[str, Any]], strings: Any) -> list[frozenset[int]]:
    """For each token a match of ``pattern`` must contain (no ``OP`` or ``"+"``) that fixes ``LOWER`` to a value
    or an ``IN`` list: the hashes of those values. Every match has a token from each of these sets."""
    out: list[frozenset[int]] = []
    for tok in pattern:
        if tok.get("OP") not in (None, "+"):
            continue
        spec = tok.get("LOWER")
        if isinstance(spec, str):
            out.append(frozenset([strings.add(spec)]))
        elif isinstance(spec, dict) and isinstance(spec.get("IN"), list):
            values = spec["IN"]
            if values and all(isinstance(v, str) for v in values):
                out.append(frozenset(strings.add(v) for v in values))
    return out


def _pattern_lemmas(rules: RuleSet) -> set[str]:
    out: set[str] = set()
    for p in rules.tokens:
        for tok in p.pattern:
            spec = tok.get("LEMMA") if isinstance(tok, dict) else None
            if isinstance(spec, str):
                out.add(spec)
            elif isinstance(spec, dict):
                for key in ("IN", "NOT_IN"):
                    out.update(v for v in spec.get(key, []) if isinstance(v, str))
    return out


@Language.factory("ghostproof_sentencizer", default_config={})
def make_sentencizer(nlp: Language, name: str) -> FastSentencizer:
    return FastSentencizer(nlp)


@Language.factory("ghostproof", default_config={"lang": None, "spans": True})
def make_ghostproof(nlp: Language, name: str, lang: str | None, spans: bool) -> GhostproofMatcher:
    return GhostproofMatcher(nlp, lang or str(nlp.lang), make_spans=spans)


@cache
def pipeline(lang: str) -> Language:
    """The ghostproof pipeline for ``en`` or ``de`` (built once per process)."""
    nlp = spacy.blank(lang)
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("ghostproof_sentencizer")
    nlp.add_pipe("ghostproof", config={"lang": lang, "spans": False})
    return nlp
