"""Tick the checklist: items that are clause families from the audit, the others from the checklist patterns,
the rest from the user's answers. Returns a :class:`Checklist`; nothing here prints or asks."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..detect.units import section_key
from ..errors import E_BAD_OPTION, GhostproofError
from ..findings import AuditResult, Evidence, Finding
from ..model import Document, Lang
from ..quantities import find_money, find_percents
from ..words import Words
from .items import ItemDef, ItemSet, load_items
from .patterns import Hit

Status = Literal["covered", "open", "confirmed"]
Source = Literal["audit", "answer", "none"]
CHECKLIST_SCHEMA = "ghostproof.checklist/1"


@dataclass(frozen=True)
class ItemEvidence:
    """The passage an item rests on, located in the contract."""

    text: str
    page: int | None
    section: str | None
    start: int
    end: int
    #: the pattern (or the audit rule) that fired
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "page": self.page, "section": self.section, "rule": self.rule}


@dataclass(frozen=True)
class ItemResult:
    id: str
    required: bool
    status: Status
    #: where the status comes from: the contract (audit), the user's answer, or nothing (no contract, not checkable)
    source: Source
    evidence: ItemEvidence | None = None
    #: why an open item is open, in the report's language (None: simply not found / not checkable)
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "required": self.required,
            "status": self.status,
            "source": self.source,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Checklist:
    """One checklist run: ``ghostproof checklist --format json`` (schema ``ghostproof.checklist/1``)."""

    #: the contract as named on the command line; None when none was given
    source: str | None
    source_type: str | None
    #: the contract's language (None without a contract)
    language: Lang | None
    pages: int | None
    #: the language of the report's words and reasons
    report_language: Lang
    items: tuple[ItemResult, ...]

    @property
    def open_required(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.required and i.status == "open")

    @property
    def open_items(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.status == "open")

    @property
    def exit_code(self) -> int:
        """0 when every required item is covered or confirmed, else 1."""
        return 1 if self.open_required else 0

    def item(self, item_id: str) -> ItemResult:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": CHECKLIST_SCHEMA,
            "source": self.source,
            "source_type": self.source_type,
            "language": self.language,
            "pages": self.pages,
            "report_language": self.report_language,
            "required": [i.id for i in self.items if i.required],
            "open_required": [i.id for i in self.open_required],
            "items": [i.to_dict() for i in self.items],
        }


def parse_require(values: Sequence[str] | None, items: ItemSet | None = None) -> tuple[str, ...]:
    """``--require``: comma-separated item ids, ``all`` or ``none``; nothing given: the items marked required."""
    from ..selection import parse_selection

    items = items or load_items()
    return parse_selection(values, items.ids, items.default_required, "checklist item")


def read_answers(path: Path, items: ItemSet | None = None) -> dict[str, bool]:
    """An answers file (TOML): ``item_id = true`` / ``false`` per line, e.g. ``written_contract = true``."""
    items = items or load_items()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GhostproofError(E_BAD_OPTION, "the answers file does not exist", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GhostproofError(E_BAD_OPTION, f"cannot read the answers file ({exc})", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise GhostproofError(E_BAD_OPTION, f"not valid TOML ({exc})", path=path) from None
    unknown = [k for k in data if k not in items.ids]
    if unknown:
        raise GhostproofError(
            E_BAD_OPTION,
            f"unknown checklist item {', '.join(unknown)}",
            path=path,
            hint="use any of " + ", ".join(items.ids),
        )
    bad = [k for k, v in data.items() if not isinstance(v, bool)]
    if bad:
        raise GhostproofError(
            E_BAD_OPTION, f"{', '.join(bad)}: an answer must be true or false", path=path, hint="e.g. deposit = true"
        )
    return {k: bool(v) for k, v in data.items()}


def blank_checklist(
    *, required: Sequence[str] | None = None, report_language: Lang = "en", items: ItemSet | None = None
) -> Checklist:
    """The checklist without a contract: every item open, nothing known."""
    items = items or load_items()
    req = set(items.default_required if required is None else required)
    reason = Words(report_language, "checklist")("no_contract_reason")
    return Checklist(
        source=None,
        source_type=None,
        language=None,
        pages=None,
        report_language=report_language,
        items=tuple(ItemResult(i.id, i.id in req, "open", "none", reason=reason) for i in items.items),
    )


def check_document(
    document: Document,
    *,
    audit: AuditResult | None = None,
    required: Sequence[str] | None = None,
    report_language: Lang | None = None,
    items: ItemSet | None = None,
) -> Checklist:
    """Tick what the contract covers: clause families from the audit (run here unless given), the rest with the
    checklist patterns of the contract's language."""
    from ..detect import audit_document
    from ..detect.pipeline import Analysis
    from .patterns import hits as checklist_hits

    items = items or load_items()
    analysis = Analysis(document, checklist=True)  # one pass: the families' hits and the checklist's
    result = audit if audit is not None else audit_document(document, analysis)
    lang: Lang = report_language or document.lang
    hits = checklist_hits(analysis)
    req = set(items.default_required if required is None else required)
    out = []
    for i in items.items:
        applies = i.family is None or result.finding(i.family).applies
        item = _evaluate(i, i.id in req and applies, result, hits, document, items, lang)
        if not applies and item.status == "open":
            # a German Dienstvertrag accepts nothing (the audit's "not needed"): not required, and it says why
            item = replace(item, reason=Words(lang, "checklist")("not_applicable"))
        out.append(item)
    return Checklist(
        source=document.source,
        source_type=document.source_type,
        language=document.lang,
        pages=document.pages,
        report_language=lang,
        items=tuple(out),
    )


def _evaluate(
    item: ItemDef,
    required: bool,
    result: AuditResult,
    hits: list[Hit],
    document: Document,
    items: ItemSet,
    lang: Lang,
) -> ItemResult:
    if item.detect == "ask":
        hint = _hint(item, hits, document, lang)
        if hint is not None:
            return ItemResult(item.id, required, "open", "none", hint[0], hint[1])
        return ItemResult(item.id, required, "open", "none", reason=Words(lang, "checklist")("not_checkable"))
    finding = result.finding(item.family) if item.family else None
    if item.detect == "patterns":
        found = _from_patterns(item, hits, document, lang)
        if found is not None:
            evidence, reason = found
            if reason is None or finding is None or not _family_covers(item, finding):
                return ItemResult(item.id, required, "covered" if reason is None else "open", "audit", evidence, reason)
    if finding is not None:
        if finding.status == "present" and _family_covers(item, finding):
            return ItemResult(item.id, required, "covered", "audit", _family_evidence(item, finding))
        if finding.status != "missing":
            return ItemResult(
                item.id, required, "open", "audit", _family_evidence(item, finding), _reason(item, finding, lang)
            )
    hint = _hint(item, hits, document, lang)
    if hint is not None:
        return ItemResult(item.id, required, "open", "audit", hint[0], hint[1])
    return ItemResult(item.id, required, "open", "audit")


def _family_covers(item: ItemDef, finding: Finding) -> bool:
    return finding.status == "present" and all(finding.attributes.get(k) == v for k, v in item.when.items())


def _reason(item: ItemDef, finding: Finding, lang: Lang) -> str | None:
    """Why a weak (or present but not sufficient) family leaves the item open, in the report's language."""
    from ..report.view import Words

    w = Words(lang)
    messages = []
    for p in finding.problems:
        try:
            messages.append(w(f"problem.{p.code}"))
        except KeyError:
            messages.append(p.message)
    if not messages and not all(finding.attributes.get(k) == v for k, v in item.when.items()):
        messages.append(item.word(lang, "unmet"))
    return " ".join(messages) or None


def _family_evidence(item: ItemDef, finding: Finding) -> ItemEvidence | None:
    if not finding.evidence:
        return None
    chosen: Evidence = finding.evidence[0]
    if item.evidence_cue:
        chosen = next((e for e in finding.evidence if item.evidence_cue in e.cues), chosen)
    return ItemEvidence(chosen.text, chosen.page, chosen.section, chosen.start, chosen.end, chosen.rule)


def _sentence_evidence(hit: Hit, document: Document) -> ItemEvidence:
    """The sentence of a hit within its block; for a table cell, the whole table row (a cell alone says little)."""
    block = document.block_at(hit.start)
    start, end = hit.sent_start, hit.sent_end
    if block is not None and block.kind == "table_cell":
        row = [b for b in document.blocks if b.table == block.table and b.row == block.row and b.kind == "table_cell"]
        start, end = row[0].start, row[-1].end
    elif block is not None:  # a sentence never reaches beyond its block
        start, end = max(start, block.start), min(end, block.end)
        if not any(c.isalpha() for c in document.text[block.start : start]):
            start = block.start  # keep the paragraph's number: "(2) Die Vergütung ..."
    return ItemEvidence(
        " ".join(document.text[start:end].split()),
        block.page if block else None,
        block.section if block else None,
        start,
        end,
        hit.rule,
    )


def _overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _live_hits(item: ItemDef, hits: list[Hit]) -> list[Hit]:
    """The item's own hits that no veto hit of the item overlaps (negation, near-misses)."""
    vetoes = [h for h in hits if h.item == item.id and h.cue in item.veto]
    return [h for h in hits if h.item == item.id and h.cue is None and not any(_overlaps(h, v) for v in vetoes)]


def _ranked(found: list[Hit], document: Document) -> list[Hit]:
    """Best evidence first: the sentence with the most of the item's hits, then one that states an amount or a
    percentage, then document order."""
    lang = document.lang
    per_sentence: dict[int, int] = {}
    for h in found:
        per_sentence[h.sent_start] = per_sentence.get(h.sent_start, 0) + 1

    def quantified(h: Hit) -> bool:
        text = _sentence_evidence(h, document).text
        return bool(find_money(text, lang) or find_percents(text, lang))

    return sorted(found, key=lambda h: (-per_sentence[h.sent_start], not quantified(h), h.start))


def _scope(hit: Hit, document: Document) -> tuple[str, object]:
    """The numbered section of a hit (or its block when it has none): where a ``needs`` cue may be."""
    block = document.block_at(hit.start)
    if block is None:
        return ("offset", hit.start)
    key = section_key(block.section)
    return ("section", key) if key else ("block", block.start)


def _from_patterns(
    item: ItemDef, hits: list[Hit], document: Document, lang: Lang
) -> tuple[ItemEvidence, str | None] | None:
    live = _ranked(_live_hits(item, hits), document)
    if not live:
        return None
    for cue in item.needs:
        scopes = {_scope(h, document) for h in hits if h.item == item.id and h.cue == cue}
        satisfied = [h for h in live if _scope(h, document) in scopes]
        if not satisfied:
            return _sentence_evidence(live[0], document), item.word(lang, f"needs_{cue}")
        live = satisfied
    return _sentence_evidence(live[0], document), None


def _hint(item: ItemDef, hits: list[Hit], document: Document, lang: Lang) -> tuple[ItemEvidence, str] | None:
    for cue in item.hints:
        found = [h for h in hits if h.item == item.id and h.cue == cue]
        if found:  # the last one: the signature block, the notices clause near the end
            return _sentence_evidence(found[-1], document), item.word(lang, f"hint_{cue}")
    return None


def apply_answers(checklist: Checklist, answers: Mapping[str, bool], *, items: ItemSet | None = None) -> Checklist:
    """Answers tick open items ("confirmed by you"); a "no" keeps an item open with that as the reason. Items the
    contract covers are left as they are."""
    items = items or load_items()
    no = Words(checklist.report_language, "checklist")("answered_no")
    out = []
    for r in checklist.items:
        answer = answers.get(r.id)
        if r.status != "open" or answer is None:
            out.append(r)
        elif answer:
            out.append(replace(r, status="confirmed", source="answer", evidence=None, reason=None))
        else:
            out.append(replace(r, source="answer", reason=no))
    return replace(checklist, items=tuple(out))
