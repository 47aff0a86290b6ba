"""Sentences: the ``ghostproof_sentencizer`` component (the one sentence splitter of the pipeline) and the
sentence bounds of tokens."""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .lemmas import in_sorted


class Sentences:
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

    def list_after(self, doc: Doc, lo: int, hi: int, k: int) -> tuple[int, int]:
        """``lo``..``hi`` reaching over the ``k`` sentences after it when its last sentence ends with a colon (a
        lead-in whose list follows: "… upon the occurrence of any of the following events:")."""
        end = hi - 1
        while end > lo and (doc[end].is_space or doc[end].text in ("(", "[", "•")):  # the next item's marker
            end -= 1
        if end < lo or doc[end].text != ":":
            return lo, hi
        j = int(numpy.searchsorted(self.starts, hi, side="left")) + k
        return lo, int(self.starts[j]) if j < len(self.starts) else self.n

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
        final = in_sorted(arr[:, 0], self.punct)
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


@Language.factory("ghostproof_sentencizer", default_config={})
def make_sentencizer(nlp: Language, name: str) -> FastSentencizer:
    return FastSentencizer(nlp)
