"""What detection produces: one :class:`Finding` per clause family, with evidence that points into the file.

These pydantic models are the stable contract between detection and every renderer; the audit JSON
(``ghostproof.audit/1``) is their serialisation.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

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
AUDIT_SCHEMA = "ghostproof.audit/1"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


class Problem(_Model):
    code: str = Field(description="stable code, e.g. DA_NO_PERIOD")
    message: str = Field(description="plain explanation of why the clause will not protect the user")


class Finding(_Model):
    clause: FamilyId
    status: Status
    evidence: list[Evidence] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    problems: list[Problem] = Field(default_factory=list)


class AuditResult(_Model):
    schema_: str = Field(default=AUDIT_SCHEMA, alias="schema")
    source: str
    source_type: str
    language: Literal["en", "de"]
    pages: int | None = None
    findings: list[Finding]

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def finding(self, clause: str) -> Finding:
        for f in self.findings:
            if f.clause == clause:
                return f
        raise KeyError(clause)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")
