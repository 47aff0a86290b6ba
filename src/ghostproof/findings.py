"""What detection produces: one :class:`Finding` per clause family, with evidence that points into the file.

These pydantic models are the stable contract between detection and every renderer; the audit JSON
(``ghostproof.audit/2``) is their serialisation. Version 2 added, per finding, the words each stated fact was read
from (``attribute_evidence``) and the facts the rules could not settle (``uncertain``); see the README's
"Audit JSON" section for the migration from version 1.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field

FamilyId = Literal[
    "deemed_acceptance",
    "hourly_conversion",
    "termination",
    "payment_terms",
    "late_payment",
    "kill_fee",
    "client_cooperation",
    "dormancy",
    "ip_on_payment",
]
FAMILIES: tuple[FamilyId, ...] = get_args(FamilyId)
Status = Literal["present", "weak", "missing"]
AUDIT_SCHEMA: Literal["ghostproof.audit/2"] = "ghostproof.audit/2"


#: an attribute value: a number of days, a rate, a flag, a party ("client"), or null when the clause does not say
AttributeValue = bool | int | float | str | None


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


class Evidence(_Model):
    """The passage that decided a finding, located in the user's file."""

    text: str = Field(description="the clause text (a sentence or a numbered paragraph)")
    start: int = Field(description="character offset into the document text (ghostproof extract)")
    end: int
    page: int | None = Field(description="1-based page (PDF); null where the format has no pages")
    section: str | None = Field(description='section label such as "7.2" or "§ 4(2)"')
    heading: str | None = None
    rule: str = Field(description="id of the pattern that fired first in this passage")
    cues: list[str] = Field(default_factory=list, description="the cues found in this passage")
    source: str | None = Field(
        default=None, description="the file the passage is in when it is not the contract itself (an addendum)"
    )


class Source(_Model):
    """The words one stated fact was read from ("thirty (30) days' prior written notice" for notice_days = 30)."""

    text: str = Field(description="the words, as in the document text")
    start: int = Field(description="character offset into the document text (ghostproof extract)")
    end: int
    page: int | None = Field(description="1-based page (PDF); null where the format has no pages")
    section: str | None = Field(description='section label such as "7.2" or "§ 4(2)"')


class Problem(_Model):
    code: str = Field(pattern=r"^[A-Z]{2}_[A-Z_]+$", description="stable code, e.g. DA_NO_PERIOD")
    message: str = Field(description="plain explanation of why the clause will not protect the user")


class Finding(_Model):
    """The verdict on one clause family: present, weak (there, but with a problem) or missing."""

    clause: FamilyId = Field(description="the clause family (stable id)")
    status: Status = Field(description="present; weak (found, but it will not fully protect you); missing")
    evidence: list[Evidence] = Field(default_factory=list, description="the passages that decided it, best first")
    attributes: dict[str, AttributeValue] = Field(
        default_factory=dict,
        description="what the clause says, per family (e.g. review_days, rate, notice_days); every key of the "
        "family is always present, null when the clause does not say",
    )
    problems: list[Problem] = Field(default_factory=list, description="why a weak clause will not protect you")
    attribute_evidence: dict[str, Source] = Field(
        default_factory=dict,
        description="for every attribute that is not null, the words it was read from",
    )
    uncertain: list[str] = Field(
        default_factory=list,
        description="attributes the contract seems to state but the rules could not settle; they are null, and "
        "the passage should be read",
    )
    applies: bool = Field(
        default=True,
        description="false: the clause does not fit this contract (a German Dienstvertrag owes services, which "
        "are never accepted, so it needs no deemed acceptance); such a clause is not required",
    )


class Circumstance(_Model):
    """What the contract is, as a whole, where that changes how its clauses are graded: German law treats a
    Dienstvertrag and a Werkvertrag, a consumer and a business differently."""

    value: str = Field(description="contract type: werkvertrag, dienstvertrag or mixed; client: business or consumer")
    how: Literal["name", "words", "legal_form", "statement"] = Field(
        description="name: the contract names its type; words: words that point to one; legal_form: the client's "
        "name carries one (an entity is never a consumer); statement: the contract says so"
    )
    evidence: list[Source] = Field(description="the words it was read from")


class PartOf(_Model):
    """The text is part of another agreement: its title says it is an amendment, an addendum, a statement of work or
    an order under it."""

    agreement: Source | None = Field(
        default=None, description="the words that name the other agreement; null where the text names none"
    )


class ScannedPage(_Model):
    """A page of the contract read by OCR (it had no text layer)."""

    page: int = Field(description="1-based page number")
    confidence: float = Field(description="Tesseract's mean word confidence on the page, 0-100")


class AuditResult(_Model):
    """One audited contract: ``ghostproof audit --format json`` (schema ``ghostproof.audit/2``)."""

    schema_: Literal["ghostproof.audit/2"] = Field(default=AUDIT_SCHEMA, alias="schema")
    source: str = Field(description="the file as it was named on the command line")
    source_type: Literal["pdf", "docx", "txt", "md", "image"] = Field(
        description="the format read (by content); image: a PNG, JPEG or TIFF scan read by OCR"
    )
    language: Literal["en", "de"] = Field(description="the contract's language (detected or --lang)")
    pages: int | None = Field(default=None, description="number of pages (PDF); null for other formats")
    looks_like_contract: bool = Field(
        default=True,
        description="false when the text has almost none of a contract's vocabulary, parties and obligations: "
        "it is probably not a contract, and the findings mean little",
    )
    findings: list[Finding] = Field(description="exactly nine, one per clause family, in the fixed order")
    contract_type: Circumstance | None = Field(
        default=None,
        description="German contracts: what the contract owes in German law's terms (a result or services); null "
        "when unknown or not read",
    )
    client_type: Circumstance | None = Field(
        default=None, description="whether the client is a business or a consumer; null when the contract does not say"
    )
    part_of: PartOf | None = Field(
        default=None,
        description="set when the text is part of another agreement (an amendment, an addendum, a statement of work "
        "…): the clauses it lacks may be in that agreement; null otherwise",
    )
    ocr: list[ScannedPage] = Field(
        default_factory=list,
        description="pages read by OCR from a scan, with their confidence: findings on them rest on recognised text",
    )

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        json_schema_serialization_defaults_required=True,
        title="ghostproof.audit/2",
    )

    def finding(self, clause: str) -> Finding:
        for f in self.findings:
            if f.clause == clause:
                return f
        raise KeyError(clause)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


class AuditError(_Model):
    code: str = Field(pattern=r"^E\d{3}$", description="the stable error code, e.g. E120 (see the README)")
    message: str = Field(description="the one-line error as printed on stderr")


class AuditFailure(_Model):
    """A file of a batch that could not be read: it stands in the JSON array (and JSON Lines) in its place."""

    schema_: Literal["ghostproof.audit/2"] = Field(default=AUDIT_SCHEMA, alias="schema")
    source: str = Field(description="the file as it was named on the command line")
    error: AuditError

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, json_schema_serialization_defaults_required=True
    )

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


SCHEMA_FILE = "ghostproof.audit-2.schema.json"


def audit_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``ghostproof.audit/2``, generated from the models (published as a file): an audited
    contract (:class:`AuditResult`), or in a batch a file that could not be read (:class:`AuditFailure`). Each
    finding's ``attributes`` are described by its family's typed model (one schema per family, chosen by
    ``clause``)."""
    from pydantic import TypeAdapter, create_model

    from .families import REGISTRY

    make: Any = create_model  # built from the registry at run time: the types are values here
    typed: list[Any] = [
        make(
            "".join(part.title() for part in fid.split("_")) + "Finding",
            __base__=Finding,
            __doc__=Finding.__doc__,
            clause=(Literal[fid], Field(description="the clause family (stable id)")),
            attributes=(
                clause.attributes,
                Field(description="what the clause says; every key always present, null when it does not say"),
            ),
        )
        for fid, clause in REGISTRY.items()
    ]
    one_of: Any = Annotated[Union[tuple(typed)], Field(discriminator="clause")]  # noqa: UP007
    result: Any = make(
        "AuditResult",
        __base__=AuditResult,
        __doc__=AuditResult.__doc__,
        findings=(list[one_of], Field(description="exactly nine, one per clause family, in the fixed order")),
    )
    adapter: Any = TypeAdapter(result | AuditFailure)
    schema: dict[str, Any] = adapter.json_schema(by_alias=True, mode="serialization")
    findings = schema["$defs"]["AuditResult"]["properties"]["findings"]
    findings["minItems"] = findings["maxItems"] = len(FAMILIES)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/ghostproof/ghostproof/schemas/" + SCHEMA_FILE,
        "title": "ghostproof.audit/2",
        **schema,
    }


def has_wording(finding: Finding) -> bool:
    """The contract has wording on the family's matter that a suggestion stands beside: a weak clause, or one the
    contract excludes (missing, with the problem and the passage that excludes it: "silence … shall not be deemed
    approval")."""
    return bool(finding.evidence) and (finding.status == "weak" or bool(finding.problems))
