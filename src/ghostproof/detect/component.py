"""The ``ghostproof`` spaCy component: the rule engine of :mod:`.matching` as a pipeline component.

    nlp = spacy.blank("en")
    nlp.add_pipe("ghostproof_sentencizer")
    nlp.add_pipe("ghostproof")                         # config: lang, spans_key, spans, findings
    doc = nlp(text)
    doc.spans["ghostproof"]                            # one span per rule hit: label "<family>/<cue>", id the rule
    doc._.ghostproof                                   # the nine findings (ghostproof.findings.Finding)

Patterns are data, as for spaCy's ``SpanRuler``: the shipped ones are loaded when the component is made;
``add_patterns`` adds more, ``initialize(patterns=…)`` replaces them, ``to_disk``/``from_disk`` write and read them
as ``patterns.jsonl``. ghostproof's own pipeline (:mod:`.pipeline`) uses this component with spans and findings
off and reads the hits from ``doc.user_data`` (character offsets, cheaper than ``Span`` objects).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .gcpause import gc_paused
from .matching import ChecklistMatcher, FamilyMatcher
from .rules import Pattern, Row, family_patterns, load_rules, read_rows, with_patterns
from .units import HITS_KEY, SENTS_KEY

SPAN_KEY = "ghostproof"
CHECKLIST = "checklist"
#: set to True in ``doc.user_data`` before the component runs to have the checklist's patterns matched too
CHECKLIST_WANTED = "ghostproof_checklist_wanted"
#: where the checklist's matches go: (start, end, label, rule id, sentence start, sentence end)
CHECKLIST_KEY = "ghostproof_checklist_hits"

if not Doc.has_extension("ghostproof"):
    Doc.set_extension("ghostproof", default=None)


class GhostproofComponent:
    """The rule component (registered as ``ghostproof``)."""

    def __init__(
        self,
        nlp: Language,
        lang: str,
        *,
        make_spans: bool = True,
        spans_key: str = SPAN_KEY,
        findings: bool = True,
    ) -> None:
        self.nlp = nlp
        self.lang = lang
        #: fill doc.spans[spans_key] (detection itself only needs the plain hit tuples)
        self.make_spans = make_spans
        self.spans_key = spans_key
        #: put the nine findings on doc._.ghostproof (the Doc's text read as a document)
        self.findings = findings
        with gc_paused():
            self.matcher = FamilyMatcher(nlp, lang, load_rules(lang))
        self.checklist: ChecklistMatcher | None = None

    def __call__(self, doc: Doc) -> Doc:
        found, sentences = self.matcher.match(doc)
        if self.make_spans:
            doc.spans[self.spans_key] = [Span(doc, s, e, label=label, span_id=pid) for s, e, label, pid in found]
        if len(doc):
            # the same hits with character offsets, and the sentences, for detection
            idx = doc.to_array("IDX")
            ends = idx + doc.to_array("LENGTH")
            doc.user_data[HITS_KEY] = [(int(idx[s]), int(ends[e - 1]), label, pid) for s, e, label, pid in found]
            starts = [int(idx[i]) for i in sentences.starts]
            doc.user_data[SENTS_KEY] = list(zip(starts, [*starts[1:], int(ends[-1])], strict=True))
            if doc.user_data.get(CHECKLIST_WANTED):
                doc.user_data[CHECKLIST_KEY] = self._checklist().match(doc, sentences, idx, ends)
        if self.findings:
            doc._.ghostproof = _findings(doc.text, self.lang)
        return doc

    # -- patterns as data ------------------------------------------------------------------------------------
    @property
    def patterns(self) -> list[dict[str, Any]]:
        """Every pattern of the component, as the lines of a pattern file."""
        rules = self.matcher.rules
        mine = [*rules.phrases, *rules.tokens, *(self.checklist.patterns if self.checklist else [])]
        return [{"label": p.label, "id": p.id, "pattern": p.pattern} for p in mine]

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add patterns ({"label": "<family>/<cue>" or "checklist/<item>[/<cue>]", "id", "pattern"}) to the ones
        the component has; they are validated as the pattern files are (unknown family or cue, duplicates)."""
        self._set(_rows(patterns), replace=False)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """Called by ``nlp.initialize()``; ``patterns`` replace the component's patterns."""
        if patterns is not None:
            self._set(_rows(patterns), replace=True)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(p, ensure_ascii=False) for p in self.patterns]
        (folder / "patterns.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GhostproofComponent:
        file = Path(path) / "patterns.jsonl"
        self._set(read_rows(file.read_text(encoding="utf-8"), str(file)), replace=True)
        return self

    def _set(self, rows: list[Row], *, replace: bool) -> None:
        families = [r for r in rows if not r.label.startswith(CHECKLIST + "/")]
        checklist = [r for r in rows if r.label.startswith(CHECKLIST + "/")]
        if families or replace:
            rules = load_rules(self.lang)
            added = family_patterns(families, rules.families)
            base = self.matcher.rules if not replace else rules
            with gc_paused():
                self.matcher = FamilyMatcher(self.nlp, self.lang, with_patterns(base, added, replace=replace))
        if checklist or replace:
            from ..checklist.patterns import checklist_patterns

            added_checklist = checklist_patterns(checklist)
            kept = [] if replace or self.checklist is None else self.checklist.patterns
            self.checklist = ChecklistMatcher(self.nlp, [*kept, *added_checklist]) if kept or added_checklist else None

    def _checklist(self) -> ChecklistMatcher:
        """The checklist's patterns, loaded from the shipped file on first use."""
        if self.checklist is None:
            from ..checklist.patterns import load_patterns

            self.checklist = ChecklistMatcher(self.nlp, load_patterns(self.lang))
        return self.checklist


def _rows(patterns: Iterable[dict[str, Any]]) -> list[Row]:
    lines = "\n".join(json.dumps(p, ensure_ascii=False) for p in patterns)
    return read_rows(lines, "patterns") if lines else []


def _findings(text: str, lang: str) -> list[Any]:
    """The nine findings of ``text`` read as a document (by ghostproof's own pipeline)."""
    from ..ingest import document_from_text
    from . import detect

    if not text.strip():
        return []
    return detect(document_from_text(text, lang=lang))  # type: ignore[arg-type]


__all__ = ["CHECKLIST_KEY", "CHECKLIST_WANTED", "SPAN_KEY", "GhostproofComponent", "Pattern"]


@Language.factory(
    "ghostproof",
    assigns=["doc.spans", "doc._.ghostproof"],
    default_config={"lang": None, "spans": True, "spans_key": SPAN_KEY, "findings": True},
)
def make_ghostproof(
    nlp: Language, name: str, lang: str | None, spans: bool, spans_key: str, findings: bool
) -> GhostproofComponent:
    return GhostproofComponent(nlp, lang or str(nlp.lang), make_spans=spans, spans_key=spans_key, findings=findings)
