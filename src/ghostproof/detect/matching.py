"""The rule engine: every pattern of a language, matched in two stages so that detection stays close to tokenizer
speed. A case-insensitive PhraseMatcher runs over the whole text; the token Matcher runs only in windows of
±30 tokens (within the sentence) around a phrase hit of the same group, and only the token patterns whose required
words occur in the window (lemmas are looked up for just those tokens). Phrases of a family's ``context_cues``
count only in sentences where the family has another hit. The checklist's patterns (label namespace
``checklist/``) run over the whole text, each match inside one sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..errors import E_RULES, GhostproofError
from .lemmas import Lemmas, pattern_lemmas
from .rules import Pattern, RuleSet
from .sentencizer import Sentences

#: token patterns look this many tokens to each side of a phrase hit (within its sentence)
WINDOW = 30
#: a window longer than this many tokens (hits close together in a sentence that never ends: a hostile paragraph of
#: 600,000 characters without a full stop) is read in pieces of this length that overlap by OVERLAP tokens: spaCy's
#: Matcher keeps a state open for every start of a pattern with an open repeat ("may … terminate") until a stop
#: word, so one window of the whole paragraph cost time in the square of its length (115 s for that paragraph)
MAX_SPAN = 400
#: any match of up to this many tokens lies wholly inside one of the pieces (matches in the overlap are kept once)
OVERLAP = 2 * WINDOW
#: a window whose set of runnable patterns has no Matcher yet uses a Matcher built for a superset of it with at most
#: this many more patterns: the patterns outside the set cannot match in the window (a gate has no word there), so
#: the matches are the same, and building a Matcher (spaCy compiles every pattern into it) cost more than the few
#: extra patterns cost to run (1,244 Matchers were built over 255 CUAD texts, 631 with this reuse)
SUPERSET_SLACK = 6


class FamilyMatcher:
    """The compiled patterns of the clause families of one language."""

    def __init__(self, nlp: Language, lang: str, rules: RuleSet) -> None:
        self.nlp = nlp
        self.lang = lang
        self.rules: RuleSet = rules
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
        self._gate_index = {family: _GateIndex(patterns) for family, patterns in self.tokens.items()}
        self._matchers: dict[tuple[str, ...], Matcher] = {}
        #: per family and number of keys, the Matchers built, with the keys each holds as bits (for reuse by a subset)
        self._built: dict[str, dict[int, list[tuple[int, Matcher]]]] = {}
        self._bit: dict[str, int] = {}
        self._validated: set[str] = set()
        self.lemmas = Lemmas(lang, pattern_lemmas(self.rules))
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
        """A token Matcher that holds the family's patterns named in ``keys``: one built for them (once per such
        set), or one built before for a few more (see SUPERSET_SLACK)."""
        matcher = self._matchers.get(keys)
        if matcher is not None:
            return matcher
        wanted = frozenset(keys)
        bit = self._bit
        mask = 0
        for key in keys:
            mask |= bit.setdefault(key, 1 << len(bit))
        built = self._built.setdefault(family, {})
        for size in range(len(keys), len(keys) + SUPERSET_SLACK + 1):  # the smallest such superset
            for held, other in built.get(size, ()):
                if not mask & ~held:
                    self._matchers[keys] = other
                    return other
        fresh = wanted - self._validated
        if fresh:  # each pattern is checked by spaCy's validator once, not in every set it is part of
            check = Matcher(self.vocab, validate=True)
            for key, pattern, _ in self.tokens[family]:
                if key in fresh:
                    check.add(key, [pattern])
            self._validated |= fresh
        matcher = self._matchers[keys] = Matcher(self.vocab, validate=False)
        for key, pattern, _ in self.tokens[family]:
            if key in wanted:
                matcher.add(key, [pattern])
        built.setdefault(len(keys), []).append((mask, matcher))
        return matcher

    def match(self, doc: Doc) -> tuple[list[tuple[int, int, str, str]], Sentences]:
        """Every rule hit in ``doc``, as (start token, end token, label, rule id) in order, and its sentences."""
        strings = doc.vocab.strings
        found: list[tuple[int, int, str, str]] = []  # (start token, end token, label, rule id)
        hits: dict[str, list[int]] = {}
        lower = doc.to_array("LOWER")
        for start, end, label, pid, family in self._phrase_hits(self.phrase(doc), strings, lower):
            found.append((start, end, label, pid))
            hits.setdefault(family, []).append(start)
        sentences = Sentences(doc)
        if hits:
            found.extend(self._context_hits(doc, lower, hits, sentences))
        if hits and self.tokens:
            for family, starts in hits.items():
                patterns = self.tokens.get(family)
                if patterns is None:
                    continue
                gate_index = self._gate_index[family]
                for lo, hi in self._windows(doc, starts, sentences):
                    keys = gate_index.keys(lower[lo:hi].tolist())
                    if not keys:
                        continue
                    if family in self.lemma_families:
                        self.lemmas.apply(doc, lower, lo, hi)
                    for match_id, start, end in self._matcher(family, keys)(doc[lo:hi]):  # window-relative
                        label, pid, _ = self._key(strings, match_id)
                        found.append((lo + start, lo + end, label, pid))
        # (a match in the overlap of two pieces of one long window is found twice: kept once)
        found = sorted(set(found))
        return found, sentences

    def _context_hits(
        self, doc: Doc, lower: Any, hits: dict[str, list[int]], sentences: Sentences
    ) -> list[tuple[int, int, str, str]]:
        """Context-cue phrases near the family's other hits: in the same sentence, or up to the family's
        ``context_sentences`` away (a clause often spreads its details over a few sentences), and in up to
        ``list_sentences`` of a list after a lead-in that ends with a colon."""
        out: list[tuple[int, int, str, str]] = []
        strings = doc.vocab.strings
        regions: dict[str, list[tuple[int, int]]] = {}  # per family: merged, in order
        for family, starts in hits.items():
            merged = regions[family] = []
            rules = self.rules.families[family]
            # hits of one sentence share their span: each distinct span once (in order)
            spans = list(dict.fromkeys(sentences.around(sorted(starts), rules.context_sentences)))
            if rules.list_sentences:
                spans = [sentences.list_after(doc, lo, hi, rules.list_sentences) for lo, hi in spans]
            for lo, hi in spans:
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
    def _windows(doc: Doc, starts: list[int], sent_of: Sentences) -> list[tuple[int, int]]:
        """Token windows around the hits, clipped to their sentence and merged where they overlap."""
        out: list[tuple[int, int]] = []
        toks = sorted(starts)
        for tok, (s_lo, s_hi) in zip(toks, sent_of.bounds(toks), strict=True):
            lo, hi = max(s_lo, tok - WINDOW), min(s_hi, tok + WINDOW)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return [piece for lo, hi in out for piece in _pieces(lo, hi)]


def _pieces(lo: int, hi: int) -> list[tuple[int, int]]:
    """``lo..hi`` as it is when at most MAX_SPAN tokens long, else in pieces of MAX_SPAN that overlap by OVERLAP."""
    if hi - lo <= MAX_SPAN:
        return [(lo, hi)]
    out = []
    start = lo
    while True:
        end = min(hi, start + MAX_SPAN)
        out.append((start, end))
        if end == hi:
            return out
        start = end - OVERLAP


class _GateIndex:
    """Which of a family's token patterns can match in a window: each gate (see :func:`_gates`) of each pattern is
    one bit; a word sets the bits of the gates it is in, and a pattern can match where every bit of its gates is
    set. The same answer as testing every gate against the window's words, in one pass over the window; the answer
    per set of bits is kept (windows of one document repeat them)."""

    #: answers kept per family at most (then forgotten all at once)
    CACHE = 4096

    def __init__(self, patterns: list[tuple[str, list[dict[str, Any]], list[frozenset[int]]]]) -> None:
        self.bits: dict[int, int] = {}
        self.needs: list[tuple[str, int]] = []
        self._answers: dict[int, tuple[str, ...]] = {}
        bit = 0
        for key, _, gates in patterns:
            need = 0
            for gate in gates:
                for word in gate:
                    self.bits[word] = self.bits.get(word, 0) | (1 << bit)
                need |= 1 << bit
                bit += 1
            self.needs.append((key, need))

    def keys(self, words: list[int]) -> tuple[str, ...]:
        """The keys of the patterns whose every gate has a word among ``words`` (LOWER hashes), in pattern order."""
        bits = self.bits
        have = 0
        for word in set(words):
            have |= bits.get(word, 0)
        answer = self._answers.get(have)
        if answer is None:
            if len(self._answers) >= self.CACHE:
                self._answers.clear()
            answer = self._answers[have] = tuple(key for key, need in self.needs if need & have == need)
        return answer


def _gates(pattern: list[dict[str, Any]], strings: Any) -> list[frozenset[int]]:
    """For each token a match of ``pattern`` must contain (no ``OP`` or ``"+"``) that fixes ``LOWER`` or ``ORTH``
    to a value or an ``IN`` list: the hashes of those values' lower case (a token's ``LOWER`` is its ``ORTH``
    lower-cased). Every match has a token from each of these sets."""
    out: list[frozenset[int]] = []
    for tok in pattern:
        if tok.get("OP") not in (None, "+"):
            continue
        for attr in ("LOWER", "ORTH"):
            spec = tok.get(attr)
            if isinstance(spec, str):
                out.append(frozenset([strings.add(spec.lower())]))
            elif isinstance(spec, dict) and isinstance(spec.get("IN"), list):
                values = spec["IN"]
                if values and all(isinstance(v, str) for v in values):
                    out.append(frozenset(strings.add(v.lower()) for v in values))
    return out


class ChecklistMatcher:
    """The compiled checklist patterns of one language: a PhraseMatcher and a validated Matcher over the whole
    text; a match counts only inside one sentence."""

    def __init__(self, nlp: Language, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.by_key: dict[str, Pattern] = {}
        for p in patterns:
            key = f"{p.label}|{p.id}"
            self.by_key[key] = p
            if isinstance(p.pattern, str):
                self.phrases.add(key, [nlp.make_doc(p.pattern)])
            else:
                try:
                    self.tokens.add(key, [p.pattern])
                except Exception as exc:  # spaCy's MatchPatternError / ValueError name the bad key
                    first = " ".join(str(exc).split())[:300]
                    raise GhostproofError(
                        E_RULES, f"invalid token pattern: {first}", path=p.source, hint="fix the pattern file"
                    ) from None

    def match(self, doc: Doc, sentences: Sentences, idx: Any, ends: Any) -> list[tuple[int, int, str, str, int, int]]:
        """(start, end, label, rule id, sentence start, sentence end) per match, character offsets, in order."""
        strings = doc.vocab.strings
        starts = sentences.starts.tolist()
        out: set[tuple[int, int, str, str, int, int]] = set()
        for match_id, start, end in [*self.phrases(doc), *self.tokens(doc)]:
            s = bisect.bisect_right(starts, start) - 1
            if bisect.bisect_right(starts, end - 1) - 1 != s:
                continue  # a match must stay inside one sentence
            p = self.by_key[strings[match_id]]
            last = starts[s + 1] - 1 if s + 1 < len(starts) else len(doc) - 1
            out.add((int(idx[start]), int(ends[end - 1]), p.label, p.id, int(idx[starts[s]]), int(ends[last])))
        return sorted(out)
