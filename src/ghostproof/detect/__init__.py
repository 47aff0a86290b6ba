"""Detection: a :class:`~ghostproof.model.Document` -> one :class:`~ghostproof.findings.Finding` per family."""

from __future__ import annotations

import bisect
import os
from typing import Any

from ..findings import AuditResult, Evidence, Finding, PartOf, ScannedPage, Source
from ..model import Document
from ..quantities.numbers import words_and_figures_differ
from .gcpause import gc_paused
from .rules import FamilyRules, RuleSet, load_rules
from .structure import contract_signals, part_of
from .units import Unit, add_context, build_units, section_key

__all__ = ["audit", "audit_document", "detect", "regrade", "with_addenda"]

MAX_EVIDENCE = 3


def _evidence(unit: Unit, family: str, document: Document) -> Evidence:
    cues = unit.cues.get(family, {})
    block = unit.block
    return Evidence(
        text=unit.text(document),
        start=unit.start,
        end=unit.end,
        page=block.page,
        section=block.section,
        heading=block.heading,
        rule=next(iter(cues.values()), ""),
        cues=sorted(set(cues) | unit.synthetic_of(_used_synthetic(family, document.lang))),
    )


def _attribute_sources(
    attributes: dict[str, Any],
    spans: dict[str, tuple[int, int]],
    family: FamilyRules,
    cited: list[Unit],
    document: Document,
) -> dict[str, Source]:
    """For every attribute that is not null, the words it was read from: the span its family's verdict names; for a
    flag, the words of its cue in the cited passages; else the first cited passage."""
    out: dict[str, Source] = {}
    for name, value in attributes.items():
        if value is None:
            continue
        span = spans.get(name)
        cue = family.flags.get(name)
        if span is None and cue:
            span = next(((s, e) for u in cited for s, e, label, _ in u.hits if label == f"{family.id}/{cue}"), None)
        if span is None and cited:
            span = (cited[0].start, cited[0].end)
        if span is not None:
            out[name] = _source(span, document)
    return out


def _source(span: tuple[int, int], document: Document) -> Source:
    start, end = span
    starts = [b.start for b in document.blocks]
    i = max(0, bisect.bisect_right(starts, start) - 1)
    block = document.blocks[i] if document.blocks else None
    return Source(
        text=document.text[start:end],
        start=start,
        end=end,
        page=block.page if block else None,
        section=block.section if block else None,
    )


def _used_synthetic(family: str, lang: str) -> set[str]:
    fam = load_rules(lang).families[family]
    return {c for req in fam.require for c in req if c.startswith("@")}


def _section_sources(cited: list[Unit], section_cues: frozenset[str], fid: str, units: list[Unit]) -> list[Unit]:
    """Units elsewhere in the cited units' sections that supplied a section cue the cited units lack themselves
    (read as context: "11.2 Fees … not yet invoiced are not payable" makes the termination in 11.1 unpaid)."""
    if not section_cues:
        return []
    own = set().union(*(u.cues.get(fid, {}).keys() for u in cited))
    borrowed = set().union(*(u.context.get(fid, set()) for u in cited)) & section_cues
    wanted = borrowed - own
    keys = {section_key(u.block.section) for u in cited} - {None}
    out: list[Unit] = []
    for unit in units:
        if not wanted:
            break
        if unit in cited or section_key(unit.block.section) not in keys or unit.block.kind == "heading":
            continue
        found = wanted & set(unit.cues.get(fid, {}))
        if found:
            out.append(unit)
            wanted -= found
    return out


def detect(document: Document, analysis: Any = None) -> list[Finding]:
    """Run the rules over a document; always returns nine findings, in the fixed family order. ``analysis``: the
    document already read by the pipeline (:class:`.pipeline.Analysis`), else it is read here."""
    from .pipeline import Analysis

    rules = load_rules(document.lang)
    analysis = analysis or Analysis(document)  # the hits and sentences, spaCy run piece by piece
    with gc_paused():  # the units and their cues are many small objects, none garbage until detection ends
        return _findings(document, analysis, rules)


def _findings(document: Document, analysis: Any, rules: RuleSet) -> list[Finding]:
    units = build_units(document, analysis)
    add_context(units, {f.id: f.section_cues for f in rules.families.values()})
    from ..families import REGISTRY
    from ..families.base import Verdict

    findings: list[Finding] = []
    for fid, clause in REGISTRY.items():
        family = rules.families[fid]
        qualifying = [
            u
            for u in units
            if u.block.kind != "heading" and fid in u.cues and family.qualifies(u.cues_and_context(fid), u.synthetic_of)
        ]
        if qualifying:
            qualifying.sort(key=lambda u: -len(u.all_cues(fid)))
            verdict = clause.verdict(family, qualifying, document)
        else:
            cued = [u for u in units if u.block.kind != "heading" and fid in u.cues]
            other = clause.without_clause(family, cued, document)
            verdict = other or Verdict(clause.attributes(), [], found=False)
            qualifying = verdict.evidence or []
        if not verdict.found:
            # (a missing clause may still cite the passage that excludes it, with its problem: "silence … shall not
            # be deemed approval")
            findings.append(
                Finding(
                    clause=fid,
                    status="missing",
                    attributes=clause.empty(),
                    problems=verdict.problems,
                    evidence=[_evidence(u, fid, document) for u in (verdict.evidence or [])[:1]]
                    if verdict.problems
                    else [],
                )
            )
            continue
        cited = (verdict.evidence or qualifying)[:MAX_EVIDENCE]
        sources = _section_sources(cited, family.section_cues, fid, units)
        if sources:  # the words a section cue came from are cited too (e.g. "fees ... are not payable")
            cited = cited[: max(1, MAX_EVIDENCE - len(sources))] + sources[: MAX_EVIDENCE - 1]
        attributes = verdict.attributes.model_dump()
        unsettled = set(verdict.uncertain)
        for name, (start, end) in verdict.sources.items():
            if attributes.get(name) is not None and words_and_figures_differ(document.text[start:end]):
                # "payable within thirty (45) days": which one governs is the contract's (or a court's) to say
                attributes[name] = None
                unsettled.add(name)
        findings.append(
            Finding(
                clause=fid,
                status="weak" if verdict.problems else "present",
                evidence=[_evidence(u, fid, document) for u in cited],
                attributes=attributes,
                problems=verdict.problems,
                attribute_evidence=_attribute_sources(attributes, verdict.sources, family, cited, document),
                uncertain=sorted(a for a in unsettled if attributes.get(a) is None),
            )
        )
    return findings


def audit(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    lang: str | None = None,
    max_size: int | None = None,
    max_chars: int | None = None,
) -> AuditResult:
    """Read a contract file and detect the protective clauses in it."""
    from ..ingest import DEFAULT_MAX_CHARS, DEFAULT_MAX_SIZE, load_document

    document = load_document(
        path,
        password=password,
        lang=lang,  # type: ignore[arg-type]
        max_size=max_size or DEFAULT_MAX_SIZE,
        max_chars=max_chars or DEFAULT_MAX_CHARS,
    )
    return audit_document(document)


def _looks_like_contract(document: Document) -> bool:
    """In the language the text is in (a wrong --lang must not make a contract look like something else)."""
    langs = dict.fromkeys([document.lang, document.detected_lang])
    return any(contract_signals(document.text, lang).looks_like_contract for lang in langs)


def audit_document(document: Document, analysis: Any = None) -> AuditResult:
    """The audit of a document (``analysis``: its hits, when already read, e.g. with the checklist's), its clauses
    graded for what the contract is (its type, its client: :mod:`.circumstances`)."""
    from .circumstances import read_circumstances

    contract_type, client_type = read_circumstances(document)
    result = AuditResult(
        source=document.source,
        source_type=document.source_type,
        language=document.lang,
        pages=document.pages,
        looks_like_contract=_looks_like_contract(document),
        findings=detect(document, analysis),
        contract_type=contract_type,
        client_type=client_type,
        part_of=_part_of(document),
        ocr=_scanned_pages(document),
    )
    return regrade(result)


def _part_of(document: Document) -> PartOf | None:
    """Whether the text is part of another agreement, and the words that name it (:func:`.structure.part_of`)."""
    span = part_of(document.text, document.lang)
    if span is None:
        return None
    return PartOf(agreement=_source(span, document) if span != (0, 0) else None)


def _scanned_pages(document: Document) -> list[ScannedPage]:
    pages: dict[int, float] = {}
    for b in document.blocks:
        if b.ocr and b.page is not None and b.confidence is not None:
            pages[b.page] = b.confidence
    return [ScannedPage(page=p, confidence=c) for p, c in sorted(pages.items())]


def regrade(result: AuditResult, *, contract_type: str | None = None, client_type: str | None = None) -> AuditResult:
    """``result`` graded again, for the contract type and client type given (a case file's word), else for those
    read from the contract."""
    from .circumstances import grade

    kind = contract_type or (result.contract_type.value if result.contract_type else None)
    client = client_type or (result.client_type.value if result.client_type else None)
    return grade(result, contract_type=kind, client_type=client)


def with_addenda(contract: AuditResult, addenda: list[AuditResult]) -> AuditResult:
    """The contract as amended by its addenda, in order: for each clause family, the latest document that has the
    clause (present or weak) decides — an addendum replaces what it covers, as its precedence clause says."""
    findings = list(contract.findings)
    for addendum in addenda:
        for i, finding in enumerate(findings):
            newer = addendum.finding(finding.clause)
            if newer.status != "missing":
                evidence = [ev.model_copy(update={"source": addendum.source}) for ev in newer.evidence]
                findings[i] = newer.model_copy(update={"evidence": evidence})
    return regrade(contract.model_copy(update={"findings": findings}))  # an addendum is graded as the contract
