"""A review copy of a Word contract: the audit's findings as comments on the evidence, the suggested clauses as
tracked insertions — the original file is only read, the copy is returned as bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..addendum import families_to_close
from ..addendum.agreement import AgreementFacts, agreement_facts
from ..addendum.compose import owes_services
from ..clauses.library import Library
from ..clauses.render import render_clause
from ..detect.rules import load_rules
from ..errors import E_BAD_OPTION, E_CONVERT_FIRST, E_DOCX_DAMAGED, GhostproofError
from ..findings import FAMILIES, AuditResult, Evidence, Finding
from ..ingest import DEFAULT_READING, Reading
from ..model import Document
from ..report.view import DEFAULT_REQUIRED, document_view
from ..words import Words
from .comments import add_comment, finding_text, summary_text
from .insertions import Revision, insert_groups, used_ids
from .package import merge
from .place import Group, Places, families_in_order
from .runs import Runs
from .trace import Locator, trace_blocks

DEFAULT_AUTHOR = "ghostproof"


@dataclass(frozen=True)
class Contract:
    """A Word contract, read and audited."""

    path: Path
    document: Document
    result: AuditResult


@dataclass(frozen=True)
class ReviewedCopy:
    """The review copy (``data``, a .docx) and what was put in it."""

    data: bytes
    #: comments added: one per family in ``commented``, and the summary at the start
    comments: int
    #: families with a comment on their evidence
    commented: tuple[str, ...]
    #: families whose suggested clause was inserted, in document order of their place
    inserted: tuple[str, ...]
    #: families whose evidence could not be marked in the text (named in the summary comment instead)
    unplaced: tuple[str, ...]
    date: str


def parse_date(value: str | None) -> datetime:
    """``--date`` (ISO 8601; a date without a zone is UTC), or now in UTC, to the second."""
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise GhostproofError(
            E_BAD_OPTION, f"--date {value!r}: not an ISO 8601 date", hint="e.g. --date 2026-03-01T09:00:00Z"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).replace(microsecond=0)


def read_contract(path: str | Path, reading: Reading = DEFAULT_READING) -> Contract:
    """Read and audit a Word contract; any other format is refused with a pointer to the HTML report."""
    from ..detect import audit_document
    from ..ingest.sniff import sniff

    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        head = b""  # load_document says what is wrong with the path
    if head:
        _need_docx(p, sniff(p, head))
    document = reading.load(p)
    _need_docx(p, document.source_type)
    return Contract(p, document, audit_document(document))


def _need_docx(path: Path, kind: str) -> None:
    if kind != "docx":
        what = {"pdf": "a PDF", "txt": "a text file", "md": "a Markdown file"}.get(kind, kind)
        raise GhostproofError(
            E_CONVERT_FIRST,
            f"a review copy needs the contract as a Word .docx file; this is {what}",
            path=path,
            hint=f"see every finding with its evidence: ghostproof audit {path.name} --format html -o report.html",
        )


def review_families(
    contract: Contract, *, insert: bool = True, values: Mapping[str, object] | None = None
) -> list[str]:
    """The families a review copy suggests wording for: every missing or weak one (none with ``insert=False``; no
    acceptance clause for a German Dienstvertrag)."""
    if not insert:
        return []
    services = owes_services(contract.document.text, contract.result.language, values or {})
    return families_to_close(contract.result, services=services)


def _open_docx(path: Path) -> Any:
    import docx

    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds (KeyError, ValueError …) for what it cannot open
        raise GhostproofError(
            E_DOCX_DAMAGED, f"python-docx cannot open it for a review copy ({type(exc).__name__}: {exc})", path=path
        ) from None


def review_copy(
    contract: Contract,
    library: Library,
    *,
    values: Mapping[str, object] | None = None,
    variant: str = "balanced",
    author: str = DEFAULT_AUTHOR,
    date: datetime | None = None,
    insert: bool = True,
    required: Sequence[str] = DEFAULT_REQUIRED,
) -> ReviewedCopy:
    """The review copy: a comment on the evidence of every present or weak finding, one at the start summarising
    the gaps, and (with ``insert``) each missing or weak family's clause as a tracked insertion."""
    when = date or parse_date(None)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    result, lang = contract.result, contract.result.language
    w = Words(lang, "review")
    view = document_view(result, lang=lang, required=required)
    locator = Locator(contract.document, trace_blocks(contract.path))
    doc = _open_docx(contract.path)
    body = doc.element.body
    if body is None:
        raise GhostproofError(E_DOCX_DAMAGED, "the document has no body python-docx can edit", path=contract.path)
    runs = Runs(body, locator.by_ordinal)
    places = Places(locator)

    groups, inserted_where, summary_where = _plan(contract, library, places, values or {}, variant, insert, w)
    unplaced: list[str] = []
    commented: list[str] = []
    extra_comments = 0
    rows = {r.clause: r for r in view.rows}
    for finding in result.findings:
        if finding.status == "missing":
            continue
        row = rows[finding.clause]
        suggestion = inserted_where.get(finding.clause)
        if suggestion is None and not insert:
            suggestion = w("see_library", clause=finding.clause, lang=lang)
        anchor = _anchor(finding, locator, runs)
        if anchor is None:
            unplaced.append(f"{row.name} ({row.where})" if row.where else row.name)
            continue
        add_comment(doc, anchor, finding_text(row, lang, suggestion), author=author, date=when)
        commented.append(finding.clause)
        if finding.status == "weak" and finding.clause in inserted_where:
            # the other wording the weak verdict rests on ("fees … not yet invoiced are not payable") gets its own
            # comment: the suggestion contradicts it too
            for evidence in _conflicting(finding, lang)[1:]:
                other = runs.anchor(locator.spans(evidence.start, evidence.end))
                if other is not None:
                    text = f"{row.name}: {row.status_label}\n{suggestion}"
                    add_comment(doc, other, text, author=author, date=when)
                    extra_comments += 1
    first = _first_anchor(locator, runs)
    summary = summary_text(view, lang, inserted=summary_where, insert=insert, unplaced=unplaced)
    if first is not None:
        add_comment(doc, first, summary, author=author, date=when)
    comments = len(commented) + extra_comments + (first is not None)
    revision = Revision(author, stamp, used_ids(doc.element) + 1)
    list(insert_groups(groups, runs, body, revision))
    data = _save(doc, contract.path)
    inserted = tuple(p.clause for g in groups for p in g.paragraphs if p.clause)
    return ReviewedCopy(data, comments, tuple(commented), inserted, tuple(unplaced), stamp)


def _plan(
    contract: Contract,
    library: Library,
    places: Places,
    values: Mapping[str, object],
    variant: str,
    insert: bool,
    w: Words,
) -> tuple[list[Group], dict[str, str], str | None]:
    """The insertions, the comment line naming each weak family's suggestion, the summary's line."""
    result, lang = contract.result, contract.result.language
    weak, missing = families_in_order(result, review_families(contract, insert=insert, values=values))
    rendered = {f: render_clause(library, f, lang=lang, variant=variant, values=values) for f in weak + missing}
    roles = _roles(library, lang, agreement_facts(contract.document))
    groups: list[Group] = []
    where: dict[str, str] = {}
    # a suggestion for a weak clause stands beside wording that stays in the contract: it prevails over it but keeps
    # what that wording gives the contractor beyond it; where the wording itself is the risk (the clause's
    # ``replaces``: a flat fee too high to hold) it replaces it
    prevails = {
        f: library.framing(
            "replaces" if _replaces(library, result.finding(f)) else "prevails",
            lang,
            where=_evidence_sections(result.finding(f), lang, w),
        )
        for f in weak
    }
    # the suggestions count business days (Arbeitstage): the copy says once what they are — in the new section, or
    # (when every suggestion goes next to weak wording) after the first suggestion that counts them
    word = library.framing("addendum.business_days_word", lang).lower()
    counting = [f for f in weak + missing if word in rendered[f].text.lower()]
    business_days = library.framing("business_days", lang) if counting else None
    defined = False  # the definition has been placed
    for fid in weak:
        own = f"{rendered[fid].text} {prevails[fid]}"
        with_definition = business_days is not None and not missing and not defined and fid in counting
        if with_definition:
            own = f"{own} {business_days}"
        text = in_contract_terms(library, own, lang, roles)
        group = places.weak(fid, text, result.finding(fid).evidence[0].start)
        if group is None:
            missing.append(fid)
            continue
        defined = defined or with_definition
        groups.append(group)
        place = w("place_after", where=_section(group.where, w) or w("this_section"))
        where[fid] = w("conflict", place=place)
    missing.sort(key=FAMILIES.index)
    summary = None
    if missing:
        titled: list[tuple[str | None, str, str]] = []
        if roles and lang == "de":
            titled.append((None, "", _definition(library, lang, roles, "section")))
        for f in missing:
            own = f"{rendered[f].text} {prevails[f]}" if f in prevails else rendered[f].text
            text = in_contract_terms(library, own, lang, roles, defined=True)
            titled.append((f, w("clause_title", title=rendered[f].title), text))
        if business_days is not None and not defined:  # after the clauses that count them
            titled.append((None, "", in_contract_terms(library, business_days, lang, roles, defined=True)))
        final = places.final(w("section_title"), titled)
        if final is not None:
            groups.append(final)
            label = _section(final.where, w)
            at = w("where_end", where=label) if label else w("where_document")
            summary = w("inserted_section", title=w("section_title"), where=at)
            for fid in missing:
                if fid in prevails:  # weak, but its section had no place for the suggestion
                    where[fid] = w("conflict", place=w("place_section", title=w("section_title")))
                where.setdefault(fid, summary)
    return groups, where, summary


def _replaces(library: Library, finding: Finding) -> bool:
    """The suggestion replaces the weak wording (one of its problems is the wording's own risk)."""
    return bool(library.clause(finding.clause).replaces & {p.code for p in finding.problems})


def _conflicting(finding: Finding, lang: str) -> list[Evidence]:
    """The wording a suggestion for a weak finding replaces: its first passage, and the passages that supplied a
    cue from elsewhere in the section (detect cites them after the others)."""
    own = [e for e in finding.evidence if e.source is None]
    if not own:
        return []
    section_cues = load_rules(lang).families[finding.clause].section_cues
    return [own[0], *(e for e in own[1:] if section_cues & set(e.cues))]


def _evidence_sections(finding: Finding, lang: str, w: Words) -> str:
    """The sections the weak wording is in ("section 11.1 and section 11.2", "§ 4(2)"), or "the section above"."""
    labels = list(dict.fromkeys(_section(e.section, w) for e in _conflicting(finding, lang)))
    named = [label for label in labels if label]
    if not named:
        return w("above")
    return f" {w('and')} ".join(named)


def _section(label: str | None, w: Words) -> str | None:
    """A section label in words: "§ 4(3)" stays, "20.5" becomes "section 20.5" / "Ziffer 20.5"."""
    if not label:
        return None
    return label if label.startswith(("§", "Art")) else w("section", label=label.rstrip("."))


_ROLE_WORD = re.compile(r"^[A-ZÄÖÜ][\w-]*$")


def _roles(library: Library, lang: str, facts: AgreementFacts) -> list[tuple[str, str]]:
    """(the library's name, the contract's name) for each party the contract names differently."""
    ours = (library.framing("roles.contractor", lang), library.framing("roles.client", lang))
    return [
        (name, party.role)
        for name, party in zip(ours, (facts.contractor, facts.client), strict=True)
        if party is not None and party.role and party.role != name and _ROLE_WORD.match(party.role)
    ]


def in_contract_terms(
    library: Library, text: str, lang: str, roles: list[tuple[str, str]], *, defined: bool = False
) -> str:
    """A library clause in the contract's names for the parties: English "the Contractor" becomes "the Consultant"
    where the contract says so; German keeps its words (articles and endings would change) and, unless the new
    section already ``defined`` them, says which party each one means."""
    if lang == "en":
        for ours, theirs in roles:
            text = re.sub(rf"\b{ours}\b", theirs, text)
        return text
    if roles and not defined:
        text += " " + _definition(library, lang, roles, "one")
    return text


def _definition(library: Library, lang: str, roles: list[tuple[str, str]], scope: str) -> str:
    pairs = [library.framing("roles.pair", lang, ours=ours, theirs=theirs) for ours, theirs in roles]
    joiner = library.frame_table("roles", lang)["joiner"]
    return library.framing(f"roles.{scope}", lang, pairs=joiner.join(pairs))


def _anchor(finding: Finding, locator: Locator, runs: Runs) -> Any:
    for evidence in finding.evidence:
        if evidence.source is None:
            anchor = runs.anchor(locator.spans(evidence.start, evidence.end))
            if anchor is not None:
                return anchor
    return None


def _first_anchor(locator: Locator, runs: Runs) -> Any:
    for block in locator.document.blocks:
        anchor = runs.anchor(locator.spans(block.start, block.end))
        if anchor is not None:
            return anchor
    return None


def _save(doc: Any, original: Path) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    main = doc.part
    replaced = [str(main.partname), str(main.partname.rels_uri)]
    replaced += [str(rel.target_part.partname) for rel in main.rels.values() if rel.reltype.endswith("/comments")]
    return merge(original, buffer.getvalue(), replaced)


__all__ = [
    "DEFAULT_AUTHOR",
    "Contract",
    "ReviewedCopy",
    "parse_date",
    "read_contract",
    "review_copy",
    "review_families",
]
