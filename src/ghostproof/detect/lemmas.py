"""Lookup lemmas from spacy-lookups-data, set only on the tokens a ``LEMMA`` token pattern could match."""

from __future__ import annotations

from typing import Any

import numpy
from spacy.tokens import Doc

from .gcpause import gc_paused
from .rules import RuleSet


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
            with gc_paused():
                full = _lemma_lookup(self.lang)
                # the only entries ever looked up: the forms of the wanted lemmas, and the lemmas themselves
                self._table = {k: v for k, v in full.items() if v.lower() in self.wanted or k in self.wanted}
                keys = {strings.add(k) for k in self._table} | {strings.add(w) for w in self.wanted}
            self._keys = numpy.sort(numpy.fromiter(keys, dtype=numpy.uint64, count=len(keys)))
        return self._table, self._keys

    def apply(self, doc: Doc, lower: Any, lo: int, hi: int) -> None:
        """Set lemmas in ``doc[lo:hi]`` where they matter; ``lower`` is ``doc.to_array("LOWER")``."""
        table, keys = self._load(doc.vocab.strings)
        for i in numpy.flatnonzero(in_sorted(lower[lo:hi], keys)):
            tok = doc[lo + int(i)]
            if tok.lemma == 0:
                tok.lemma_ = (table.get(tok.lower_) or tok.lower_).lower()


def in_sorted(values: Any, keys: Any) -> Any:
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


def pattern_lemmas(rules: RuleSet) -> set[str]:
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
