"""The spaCy pipeline: ``spacy.blank(lang)`` + sentencizer + the ``ghostproof`` rule component.

The component fills ``doc.spans["ghostproof"]`` with one span per rule hit: ``span.label_`` is
``"<family>/<cue>"`` and ``span.id_`` the pattern id. It runs in two stages so detection stays close to
tokenizer speed: a case-insensitive PhraseMatcher over the whole text, then the token Matcher only on the
sentences that contain a phrase hit (with lemmas looked up for just those tokens).

spaCy is imported here and only here; nothing in ``ingest`` imports this module.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .detect.rules import RuleSet, load_rules
from .detect.units import HITS_KEY, SENTS_KEY
from .limits import NLP_CHUNK_CHARS
from .model import Document

SPAN_KEY = "ghostproof"
#: no single piece given to spaCy is longer than NLP_CHUNK_CHARS (see :func:`chunks`); this is spaCy's own guard
MAX_LENGTH = NLP_CHUNK_CHARS * 2
#: token patterns look this many tokens to each side of a phrase hit (within its sentence)
WINDOW = 30


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the long-lived rule structures and tables.

    Building them makes no garbage, but the hundred thousand objects they take set off collections that each
    walk everything built so far: with the collector on, building the pipeline took about 0.15 s longer."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Lemmas:
    """Lookup lemmas from spacy-lookups-data for just the tokens a ``LEMMA`` pattern could match.

    The table is loaded on first use. Only surface forms whose lemma occurs in some pattern (and those lemmas
    themselves) get ``token.lemma_`` set; that keeps lemmatisation off the hot path.
    """

    def __init__(self, lang: str, wanted: set[str]) -> None:
        self.lang = lang
        self.wanted = {w.lower() for w in wanted}
        self._table: dict[str, str] | None = None
        self._keys: Any = None

    def _load(self, strings: Any) -> tuple[dict[str, str], Any]:
        if self._table is None:
            with _gc_paused():
                full = _lemma_lookup(self.lang)
                # the only entries ever looked up: the forms of the wanted lemmas, and the lemmas themselves
                self._table = {k: v for k, v in full.items() if v.lower() in self.wanted or k in self.wanted}
                keys = {strings.add(k) for k in self._table} | {strings.add(w) for w in self.wanted}
            self._keys = numpy.sort(numpy.fromiter(keys, dtype=numpy.uint64, count=len(keys)))
        return self._table, self._keys

    def apply(self, doc: Doc, lower: Any, lo: int, hi: int) -> None:
        """Set lemmas in ``doc[lo:hi]`` where they matter; ``lower`` is ``doc.to_array("LOWER")``."""
        table, keys = self._load(doc.vocab.strings)
        for i in numpy.flatnonzero(_in_sorted(lower[lo:hi], keys)):
            tok = doc[lo + int(i)]
            if tok.lemma == 0:
                tok.lemma_ = (table.get(tok.lower_) or tok.lower_).lower()


def _in_sorted(values: Any, keys: Any) -> Any:
    """``numpy.isin(values, keys)`` for sorted ``keys``: one binary search per value. (``numpy.isin`` sorts both
    sides each time, and its first call imports ``numpy.ma``: 10 ms of start-up.)"""
    if not len(keys):
        return numpy.zeros(len(values), dtype=bool)
    return keys[numpy.minimum(numpy.searchsorted(keys, values), len(keys) - 1)] == values


def _lemma_lookup(lang: str) -> dict[str, str]:
    """spacy-lookups-data's ``lemma_lookup`` table as a plain dict, read straight from its JSON file: spaCy's
    ``load_lookups`` also hashes every key into a ``Table`` (40k keys for English), which took 4x as long."""
    from spacy.lookups import load_lookups
    from spacy.util import load_language_data, registry

    files = registry.lookups.get(lang) if lang in registry.lookups else {}
    if "lemma_lookup" not in files:
        load_lookups(lang, ["lemma_lookup"])  # raises spaCy's error (E955: no such table, or no spacy-lookups-data)
    return dict(load_language_data(files["lemma_lookup"]))


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

        self.punct = numpy.sort(
            numpy.fromiter((nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars), dtype=numpy.uint64)
        )

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START

        arr = doc.to_array([ORTH, IS_PUNCT, IS_SPACE])
        final = _in_sorted(arr[:, 0], self.punct)
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
        # one matcher key per label, not per phrase (spaCy makes a lexeme for every key: for thousands of phrases
        # that was most of the start-up time); a match's rule id is looked up by its label and lowercased words
        strings = nlp.vocab.strings
        by_label: dict[str, list[tuple[int, ...]]] = {}
        #: (label hash, LOWER hashes of the phrase's tokens) -> rule ids (more than one where two phrases of a label
        #: tokenise to the same lowercased words, e.g. differ only in the case of a non-ASCII letter)
        self._phrase_ids: dict[tuple[int, tuple[int, ...]], list[str]] = {}
        for p in self.rules.phrases:
            words = tuple(tok.lower for tok in nlp.make_doc(str(p.pattern)))
            by_label.setdefault(p.label, []).append(words)
            self._phrase_ids.setdefault((strings.add(p.label), words), []).append(p.id)
        for label, phrases in by_label.items():
            family, cue = label.split("/", 1)
            quiet = cue in self.rules.families[family].context_cues
            # the phrases as tuples of LOWER hashes, as spaCy's own unpickling re-adds them: 4x faster than Docs
            (self.context if quiet else self.phrase).add(label, phrases)  # type: ignore[arg-type]
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
        """(label, rule id, family) of a token Matcher's match id, or (label, "", family) of a PhraseMatcher's;
        cached."""
        key = self._keys.get(match_id)
        if key is None:
            label, _, pid = strings[match_id].partition("|")
            key = self._keys[match_id] = (label, pid, label.split("/", 1)[0])
        return key

    def _phrase_hits(
        self, matches: list[tuple[int, int, int]], strings: Any, lower: Any
    ) -> Iterator[tuple[int, int, str, str, str]]:
        """(start, end, label, rule id, family) per PhraseMatcher match and rule id."""
        for match_id, start, end in matches:
            label, _, family = self._key(strings, match_id)
            for pid in self._phrase_ids[match_id, tuple(lower[start:end].tolist())]:
                yield start, end, label, pid, family

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
        lower = doc.to_array("LOWER")
        for start, end, label, pid, family in self._phrase_hits(self.phrase(doc), strings, lower):
            found.append((start, end, label, pid))
            hits.setdefault(family, []).append(start)
        sentences = _Sentences(doc)
        if hits:
            found.extend(self._context_hits(doc, lower, hits, sentences))
        if hits and self.tokens:
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
        self, doc: Doc, lower: Any, hits: dict[str, list[int]], sentences: _Sentences
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
            # PhraseMatcher: doc-relative positions
            for start, end, label, pid, fam in self._phrase_hits(self.context(doc[lo:hi]), strings, lower):
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
    with _gc_paused():
        return GhostproofMatcher(nlp, lang or str(nlp.lang), make_spans=spans)


@cache
def pipeline(lang: str) -> Language:
    """The ghostproof pipeline for ``en`` or ``de`` (built once per process)."""
    with _gc_paused():
        nlp = spacy.blank(lang)
        nlp.max_length = MAX_LENGTH
        nlp.add_pipe("ghostproof_sentencizer")
        nlp.add_pipe("ghostproof", config={"lang": lang, "spans": False})
    return nlp


def chunks(document: Document, size: int = NLP_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` pieces of the document's text of at most ``size`` characters, cut between blocks (a block
    boundary is always a sentence boundary, so nothing a rule can match is cut). A longer block is its own piece.

    Running spaCy piece by piece keeps memory bounded (one piece's Doc at a time) and the cost linear, whatever the
    document's length."""
    text = document.text
    if len(text) <= size:
        if text:
            yield 0, text
        return
    start = 0
    end = 0
    for block in document.blocks:
        if block.end - start > size and end > start:
            yield start, text[start:end]
            start = block.start
        end = block.end
    if end > start:
        yield start, text[start:end]


class Analysis:
    """The rule hits and sentences of a whole document, read piece by piece (what :mod:`.detect.units` reads
    from ``user_data``, with character offsets into the document's text)."""

    def __init__(self, document: Document) -> None:
        nlp = pipeline(document.lang)
        hits: list[tuple[int, int, str, str]] = []
        sents: list[tuple[int, int]] = []
        for offset, piece in chunks(document):
            doc = nlp(piece)
            hits.extend((s + offset, e + offset, label, pid) for s, e, label, pid in doc.user_data.get(HITS_KEY, []))
            sents.extend((s + offset, e + offset) for s, e in doc.user_data.get(SENTS_KEY, []))
        self.user_data: dict[str, Any] = {HITS_KEY: hits, SENTS_KEY: sents}
