"""What every audit report shows, computed once: the renderers (text, Markdown, HTML) only lay it out.

An :class:`AuditResult` is data for machines; :func:`document_view` turns it into words for people, in English or
German: family names, status words, the key facts ("review 10 business days", "€95/h on termination"), the
location, why a gap matters and the explained problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import AuditResult, Evidence, Finding, Source
from ..model import Lang
from ..words import Words as CatalogueWords

ReportLang = Lang
REPORT_LANGS: tuple[ReportLang, ...] = ("en", "de")

#: the families a contract must have unless ``--require`` says otherwise
DEFAULT_REQUIRED: tuple[str, ...] = ("deemed_acceptance", "hourly_conversion", "termination", "payment_terms")

SYMBOL = {"present": "✔", "weak": "!", "missing": "✘", "not_needed": "–"}

#: the command that writes clause language for the gaps (an addendum to the contract)
FIX_COMMAND = "ghostproof addendum {file}"

#: characters of surrounding text shown around a piece of evidence
CONTEXT_CHARS = 240


class Words(CatalogueWords):
    """The report's words (``[report]`` of the catalogue) in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, "report")


@dataclass(frozen=True)
class EvidenceView:
    text: str
    where: str
    before: str = ""
    after: str = ""
    cues: tuple[str, ...] = ()
    rule: str = ""
    #: where the passage starts in the document text (None for an addendum's passage)
    start: int | None = None


@dataclass(frozen=True)
class SourceView:
    """The words some stated facts were read from: "notice period" ← "thirty (30) days' prior written notice"."""

    facts: str
    text: str
    where: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """One clause family of one contract, in words."""

    clause: str
    name: str
    status: str
    status_label: str
    symbol: str
    required: bool
    facts: tuple[str, ...]
    where: str
    why: str | None
    problems: tuple[tuple[str, str], ...]
    evidence: tuple[EvidenceView, ...]
    #: where each stated fact was read, one entry per passage of words
    sources: tuple[SourceView, ...] = ()
    #: what the rules could not settle, in words ("notice period")
    uncertain: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentView:
    source: str
    name: str
    language: str
    source_type: str
    pages: int | None
    rows: tuple[Row, ...]
    words: Words
    required: tuple[str, ...]
    missing_required: tuple[str, ...]
    weak_required: tuple[str, ...]
    heading: str = ""
    verdict: str = ""
    short_verdict: str = ""
    #: for a contract with gaps: a short label and the command that writes the addendum closing them
    fix: str | None = None
    fix_command: str | None = None
    disclaimer: str = field(default="")
    #: a warning when the text does not look like a contract at all ("" when it does)
    not_contract: str = ""
    #: what the contract is, where it changes the grading ("Contract type: Dienstvertrag — it calls itself …")
    circumstances: tuple[str, ...] = ()

    @property
    def gaps(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.status not in ("present", "not_needed"))


#: a scanned page read with less mean word confidence than this: its quoted passages are named for checking
LOW_OCR_CONFIDENCE = 85.0


def ocr_lines(result: AuditResult, w: Words) -> tuple[str, ...]:
    """For a scan: that the findings rest on recognised text, and the findings quoted from pages read with low
    confidence."""
    if not result.ocr:
        return ()
    pages = ", ".join(str(p.page) for p in result.ocr)
    mean = sum(p.confidence for p in result.ocr) / len(result.ocr)
    out = [w("ocr.read", pages=pages, confidence=f"{mean:.0f}")]
    low = {p.page: p.confidence for p in result.ocr if p.confidence < LOW_OCR_CONFIDENCE}
    for f in result.findings:
        weak_pages = sorted({ev.page for ev in f.evidence if ev.page in low})
        if weak_pages:
            where = ", ".join(f"{p} ({low[p]:.0f})" for p in weak_pages if p is not None)
            out.append(w("ocr.low", name=w(f"family.{f.clause}"), pages=where))
    return tuple(out)


def circumstance_lines(result: AuditResult, w: Words) -> tuple[str, ...]:
    """The contract's type and its client's type in words, each with the words it was read from; for a scan, what
    OCR means for the findings."""
    out = list(ocr_lines(result, w))
    for key, fact in (("contract_type", result.contract_type), ("client_type", result.client_type)):
        if fact is None:
            continue
        words = "; ".join(f"„{e.text}“" if w.lang == "de" else f'"{e.text}"' for e in fact.evidence[:4])
        why = w(f"circumstance.{fact.how}", words=words)
        out.append(w(f"circumstance.{key}", value=w(f"circumstance.{fact.value}"), why=why))
    if result.part_of is not None:  # an amendment, an addendum, a statement of work: its gaps may be filled elsewhere
        named = result.part_of.agreement
        quoted = "" if named is None else (f"„{named.text}“" if w.lang == "de" else f'"{named.text}"')
        out.append(w("circumstance.part_of_named", name=quoted) if named else w("circumstance.part_of"))
    return tuple(out)


def _facts(finding: Finding, w: Words) -> tuple[str, ...]:
    """The key facts of a finding in the report's words ("review 10 business days"): the family's own reading."""
    if finding.status == "missing":
        # (a clause the contract excludes in words: "silence … shall not be deemed approval")
        return tuple(w(f"fact.excluded.{p.code}") for p in finding.problems if w.has(f"fact.excluded.{p.code}"))
    from ..families import family

    clause = family(finding.clause)
    return tuple(clause.facts(clause.read(finding.attributes), finding.status, w))


def _sources(finding: Finding, w: Words) -> tuple[SourceView, ...]:
    """The stated facts grouped by the words they were read from, in text order."""
    grouped: dict[tuple[int, int], list[str]] = {}
    found: dict[tuple[int, int], Source] = {}
    for name, source in finding.attribute_evidence.items():
        key = (source.start, source.end)
        grouped.setdefault(key, []).append(w(f"attribute.{name}"))
        found[key] = source
    return tuple(
        SourceView(", ".join(grouped[key]), found[key].text, w.location(found[key].page, found[key].section), *key)
        for key in sorted(grouped)
    )


def where(evidence: Evidence, w: Words) -> str:
    source = Path(evidence.source).name if evidence.source else None
    return w.location(evidence.page, evidence.section, source=source)


def _context(text: str | None, start: int, end: int) -> tuple[str, str]:
    if text is None or not 0 <= start <= end <= len(text):
        return "", ""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + CONTEXT_CHARS < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return before, after


def _problem_message(code: str, fallback: str, w: Words) -> str:
    try:
        return w(f"problem.{code}")
    except KeyError:
        return fallback


def document_view(
    result: AuditResult,
    *,
    lang: ReportLang | None = None,
    required: Sequence[str] = DEFAULT_REQUIRED,
    text: str | None = None,
) -> DocumentView:
    """Words for one audited contract; ``text`` (the document text) adds context around the evidence."""
    w = Words(lang or result.language)
    required_set = set(required)
    rows: list[Row] = []
    for f in result.findings:
        if not f.applies:
            status = "not_needed"
            rows.append(
                Row(
                    clause=f.clause,
                    name=w(f"family.{f.clause}"),
                    status=status,
                    status_label=w(f"status.{status}"),
                    symbol=SYMBOL[status],
                    required=False,
                    facts=(w("not_needed.fact"),),
                    where="",
                    why=w(f"not_needed.{f.clause}"),
                    problems=(),
                    evidence=(),
                )
            )
            continue
        evidence = tuple(
            EvidenceView(
                ev.text,
                where(ev, w),
                *_context(None if ev.source else text, ev.start, ev.end),
                cues=tuple(ev.cues),
                rule=ev.rule,
                start=None if ev.source else ev.start,
            )
            for ev in f.evidence
        )
        rows.append(
            Row(
                clause=f.clause,
                name=w(f"family.{f.clause}"),
                status=f.status,
                status_label=w(f"status.{f.status}"),
                symbol=SYMBOL[f.status],
                required=f.clause in required_set,
                facts=_facts(f, w),
                where=evidence[0].where if evidence else "",
                why=w(f"why.{f.clause}") if f.status != "present" else None,
                problems=tuple((p.code, _problem_message(p.code, p.message, w)) for p in f.problems),
                evidence=evidence,
                sources=_sources(f, w) if f.status != "missing" else (),
                uncertain=tuple(w(f"attribute.{a}") for a in f.uncertain),
            )
        )
    missing = tuple(r.clause for r in rows if r.required and r.status == "missing")
    weak = tuple(r.clause for r in rows if r.required and r.status == "weak")
    n_required = sum(r.required for r in rows)
    one = {True: "_one", False: ""}
    parts = [w(f"verdict.missing{one[len(missing) == 1]}", missing=len(missing), n=n_required)] if missing else []
    parts += [w(f"verdict.weak{one[len(weak) == 1]}", weak=len(weak), n=n_required)] if weak else []
    verdict = "; ".join(parts) + "." if parts else w("verdict.ok", n=n_required)
    short_parts = [w(f"verdict.short_missing{one[len(missing) == 1]}", n=len(missing))] if missing else []
    short_parts += [w("verdict.short_weak", n=len(weak))] if weak else []
    short = ", ".join(short_parts) if short_parts else w("verdict.short_ok")
    pages = "" if not result.pages else (w("page_one") if result.pages == 1 else w("pages", n=result.pages))
    name = Path(result.source).name
    gaps = any(r.status not in ("present", "not_needed") for r in rows)
    return DocumentView(
        source=result.source,
        name=name,
        language=w(f"language.{result.language}"),
        source_type=result.source_type.upper(),
        pages=result.pages,
        rows=tuple(rows),
        words=w,
        required=tuple(r.clause for r in rows if r.required),
        missing_required=missing,
        weak_required=weak,
        heading=w(
            "verdict.document",
            name=name,
            language=w(f"language.{result.language}"),
            pages=pages,
            source_type=result.source_type.upper(),
        ),
        verdict=verdict,
        short_verdict=short,
        fix=w("fix") if gaps else None,
        fix_command=FIX_COMMAND.format(file=_quote(result.source)) if gaps else None,
        disclaimer=w("disclaimer"),
        not_contract="" if result.looks_like_contract else w("not_contract", name=name),
        circumstances=circumstance_lines(result, w),
    )


def _quote(path: str) -> str:
    import shlex

    return shlex.quote(path)


def report_lang(results: Iterable[AuditResult], requested: str | None) -> ReportLang:
    """The language of a report: as requested, else German when every contract is German, else English."""
    if requested in REPORT_LANGS:
        return "de" if requested == "de" else "en"
    langs = {r.language for r in results}
    return "de" if langs == {"de"} else "en"
