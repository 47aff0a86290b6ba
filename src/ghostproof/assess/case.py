"""The case file: the facts of a live ghosting situation (TOML), validated field by field.

Every mistake is reported with the field's name and what is wrong with it, all at once, so a user fixes the file in
one go. Paths are relative to the case file.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import GhostproofError

E_CASE = "E180"

Stage = Literal["not_started", "in_progress", "delivered", "final_invoice_sent"]
Goal = Literal["get_paid", "close_cleanly", "keep_relationship"]
Jurisdiction = Literal["DE", "AT", "CH", "UK", "US", "other"]
STAGES: tuple[str, ...] = ("not_started", "in_progress", "delivered", "final_invoice_sent")
GOALS: tuple[str, ...] = ("get_paid", "close_cleanly", "keep_relationship")
JURISDICTIONS: tuple[str, ...] = ("DE", "AT", "CH", "UK", "US", "other")


class Case(BaseModel):
    """A ghosting situation. Amounts are in ``currency``; dates are ISO (2026-11-02) or TOML dates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contract: str = Field(description="path of the contract (relative to the case file)")
    your_name: str = Field(min_length=1, description="your name, as you sign your messages")
    client: str = Field(min_length=1, description="the client's name (company)")
    client_contact: str | None = Field(default=None, description="the person you write to")
    client_email: str | None = None
    language: Literal["en", "de"] | None = Field(default=None, description="default: the contract's language")
    jurisdiction: Jurisdiction = Field(description="DE, AT, CH, UK, US or other")
    client_type: Literal["business", "consumer"] = "business"
    stage: Stage
    percent_complete: int = Field(ge=0, le=100)
    fee_model: Literal["flat", "hourly", "retainer"]
    currency: Literal["EUR", "USD", "GBP", "CHF"]
    agreed: Decimal = Field(ge=0, description="the fee agreed (flat fee; monthly retainer; hourly estimate)")
    invoiced: Decimal = Field(ge=0)
    paid: Decimal = Field(ge=0)
    hours_invested: Decimal = Field(ge=0)
    hourly_rate: Decimal | None = Field(default=None, gt=0)
    delivered_on: date | None = None
    invoice_date: date | None = Field(default=None, description="date of the last (or final) invoice")
    last_contact: date
    revenue_share: Decimal = Field(ge=0, le=100, description="the client's share of your revenue, in percent")
    goal: Goal
    today: date | None = Field(default=None, description="default: today; set it for reproducible reports")
    base_rate: Decimal | None = Field(
        default=None, ge=-5, le=20, description="central bank base rate in percent, for statutory interest"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        problems = []
        if self.paid > self.invoiced:
            problems.append("paid: more than invoiced")
        if self.stage in ("delivered", "final_invoice_sent") and self.delivered_on is None:
            problems.append(f"delivered_on: needed when stage is {self.stage}")
        if self.stage == "final_invoice_sent" and self.invoice_date is None:
            problems.append("invoice_date: needed when stage is final_invoice_sent")
        if self.stage == "not_started" and self.hours_invested > 0 and self.percent_complete > 0:
            problems.append("stage: not_started, but percent_complete and hours_invested say work was done")
        today = self.today or date.today()
        for name in ("delivered_on", "invoice_date", "last_contact"):
            value = getattr(self, name)
            if value is not None and value > today:
                problems.append(f"{name}: {value.isoformat()} is after today ({today.isoformat()})")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def on(self) -> date:
        return self.today or date.today()

    @property
    def outstanding(self) -> Decimal:
        return self.invoiced - self.paid


def check_field(name: str, raw: object) -> object:
    """One field's value checked on its own (type and bounds), for questions asked one at a time."""
    from pydantic import TypeAdapter

    info = Case.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        from typing import Annotated

        annotation = Annotated.__class_getitem__((annotation, *info.metadata))  # type: ignore[attr-defined]
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    return adapter.validate_python(raw)


def _messages(exc: ValidationError) -> list[str]:
    out: list[str] = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "case"
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "missing (required)"
        elif err["type"] == "extra_forbidden":
            msg = "not a case field (check the spelling)"
        elif err["type"] == "literal_error":
            msg = f"must be {err['ctx']['expected']}" if "ctx" in err else msg
        elif err["type"] == "value_error" and not field.strip("case"):
            out.extend(part.strip() for part in str(err["ctx"]["error"]).split(";"))
            continue
        out.append(f"{field}: {msg}")
    return out


def load_case(path: str | os.PathLike[str]) -> tuple[Case, Path]:
    """Read and check a case file; returns the case and the contract's resolved path.

    Raises :class:`GhostproofError` (E180) listing every field that is wrong, one per line."""
    p = Path(path)
    try:
        data: dict[str, Any] = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GhostproofError(E_CASE, "no such case file", path=p, hint="check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GhostproofError(E_CASE, f"cannot read the case file ({exc})", path=p) from None
    except tomllib.TOMLDecodeError as exc:
        raise GhostproofError(E_CASE, f"not valid TOML: {exc}", path=p, hint="see samples/case-*.toml") from None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = _messages(exc)
        raise GhostproofError(
            E_CASE,
            f"{len(problems)} problem(s) in the case file:\n  " + "\n  ".join(problems),
            path=p,
            hint="fix these fields (see samples/case-*.toml for an example)",
        ) from None
    contract = Path(case.contract)
    if not contract.is_absolute():
        contract = p.parent / contract
    return case, contract


def dump_case(case: Case) -> str:
    """The case as TOML (for ``assess --interactive``), fields in their documented order."""
    lines = ["# ghostproof case file: the facts of a client who went silent (see samples/case-*.toml)"]
    for name, value in case.model_dump(exclude_none=True).items():
        lines.append(f"{name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
