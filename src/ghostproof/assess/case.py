"""The case file: the facts of a live ghosting situation (TOML), validated field by field.

Every mistake is reported with the field's name and what is wrong with it, all at once, so a user fixes the file in
one go. Paths are relative to the case file.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..dates import normal_region
from ..errors import E_CASE, GhostproofError
from ..limits import MAX_CASE_BYTES

Stage = Literal["not_started", "in_progress", "delivered", "final_invoice_sent"]
Goal = Literal["get_paid", "close_cleanly", "keep_relationship"]
Jurisdiction = Literal["DE", "AT", "CH", "UK", "US", "other"]
STAGES: tuple[str, ...] = ("not_started", "in_progress", "delivered", "final_invoice_sent")
GOALS: tuple[str, ...] = ("get_paid", "close_cleanly", "keep_relationship")
JURISDICTIONS: tuple[str, ...] = ("DE", "AT", "CH", "UK", "US", "other")


#: bounds that keep every figure a case can produce printable and every date computable
MAX_AMOUNT = 1_000_000_000
MAX_HOURS = 100_000
MAX_RATE = 1_000_000
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
DATE_FIELDS = ("delivered_on", "invoice_date", "last_contact", "last_message", "today")
#: at most this many problems are listed; the rest are counted
MAX_PROBLEMS = 20


class Case(BaseModel):
    """A ghosting situation. Amounts are in ``currency``; dates are ISO (2026-11-02) or TOML dates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contract: str = Field(description="path of the contract file (relative to the case file)")
    your_name: str = Field(min_length=1, description="your name, as you sign your messages")
    client: str = Field(min_length=1, description="the client's name (company)")
    client_contact: str | None = Field(default=None, description="the person you write to")
    client_email: str | None = Field(default=None, description="their e-mail address")
    language: Literal["en", "de"] | None = Field(default=None, description="en or de (default: the contract's)")
    jurisdiction: Jurisdiction = Field(description="law of the contract: DE, AT, CH, UK, US or other")
    client_type: Literal["business", "consumer"] = Field(default="business", description="business or consumer")
    stage: Stage = Field(description="not_started, in_progress, delivered or final_invoice_sent")
    percent_complete: int = Field(ge=0, le=100, description="how much of the work is done, 0-100")
    fee_model: Literal["flat", "hourly", "retainer"] = Field(description="flat, hourly or retainer")
    currency: Literal["EUR", "USD", "GBP", "CHF"] = Field(description="EUR, USD, GBP or CHF")
    agreed: Decimal = Field(
        ge=0, le=MAX_AMOUNT, description="the fee agreed (flat fee; monthly retainer; hourly estimate)"
    )
    invoiced: Decimal = Field(ge=0, le=MAX_AMOUNT, description="the amount invoiced so far")
    paid: Decimal = Field(ge=0, le=MAX_AMOUNT, description="the amount paid so far")
    hours_invested: Decimal = Field(ge=0, le=MAX_HOURS, description="the hours you have put in")
    hourly_rate: Decimal | None = Field(default=None, gt=0, le=MAX_RATE, description="your hourly rate")
    delivered_on: date | None = Field(default=None, description="date of delivery (needed once delivered)")
    invoice_date: date | None = Field(
        default=None, description="date of the last (or final) invoice (needed once the final invoice is sent)"
    )
    last_contact: date = Field(description="date of the last contact with the client")
    last_message: date | None = Field(
        default=None, description="date of your own last message to the client (a dormancy clause may count from it)"
    )
    revenue_share: Decimal = Field(ge=0, le=100, description="the client's share of your revenue, in percent")
    goal: Goal = Field(description="get_paid, close_cleanly or keep_relationship")
    today: date | None = Field(default=None, description="default: today; set it for reproducible reports")
    contract_type: Literal["werkvertrag", "dienstvertrag", "mixed"] | None = Field(
        default=None,
        description="German law: what the contract owes — werkvertrag (a result: website, logo, software), "
        "dienstvertrag (services: consulting, support, retainer) or mixed (default: read from the contract)",
    )
    missing_cooperation: str | None = Field(
        default=None,
        description="what the client has not supplied, as the deadline notice names it "
        "(e.g. 'the texts and photos for the home page')",
    )
    region: str | None = Field(
        default=None,
        description="where deadlines are counted, for public holidays: DE-SN, AT-9, CH-ZH, GB-ENG, US-NY … "
        "(default: the region the contract names, else the country of the jurisdiction)",
    )
    base_rate: Decimal | None = Field(
        default=None, ge=-5, le=20, description="central bank base rate in percent, for statutory interest"
    )

    @field_validator(*DATE_FIELDS)
    @classmethod
    def _sane_date(cls, value: date | None) -> date | None:
        if value is not None and not EARLIEST <= value <= LATEST:
            raise ValueError(f"must be a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
        return value

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str | None) -> str | None:
        return None if value is None else normal_region(value)

    @field_validator("contract")
    @classmethod
    def _contract_file(cls, value: str) -> str:
        if Path(value).suffix.lower() not in (".pdf", ".docx", ".txt", ".md", ".markdown"):
            raise ValueError("must name the contract file (.pdf, .docx, .txt or .md)")
        return value

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
        for name in ("delivered_on", "invoice_date", "last_contact", "last_message"):
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


#: pydantic's error types in the words of a case file
_SAYS = {
    "decimal_parsing": "must be a number, e.g. 4000 or 4000.50",
    "decimal_type": "must be a number, e.g. 4000 or 4000.50",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "date_parsing": "must be a date, e.g. 2026-11-02",
    "date_from_datetime_parsing": "must be a date, e.g. 2026-11-02",
    "date_type": "must be a date, e.g. 2026-11-02",
    "string_type": "must be text in quotes",
    "string_too_short": "must not be empty",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
    "missing": "missing (required)",
    "finite_number": "must be a finite number",
    "extra_forbidden": "not a case field (check the spelling)",
}


def _number(value: object) -> str:
    """A bound as a reader writes it: 1,000,000,000 (whole numbers grouped), else as it is."""
    if isinstance(value, int | float | Decimal) and value == int(value):
        return f"{int(value):,}"
    return str(value)


def describe(err: Mapping[str, Any]) -> str:
    """One pydantic error of a case field in plain words ("must be a date, e.g. 2026-11-02")."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "literal_error" and "expected" in ctx:
        return f"must be {ctx['expected']}"
    if kind in _SAYS:
        bounds = {k: v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")}
        return _SAYS[kind].format(**{k: _number(v) for k, v in bounds.items()})
    return str(err.get("msg", "invalid")).removeprefix("Value error, ")


def _messages(exc: ValidationError) -> list[str]:
    out: list[str] = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "case"
        if err["type"] == "value_error" and not field.strip("case"):
            out.extend(part.strip() for part in str(err["ctx"]["error"]).split(";"))
            continue
        out.append(f"{field}: {describe(err)}")
    return out


def validate_case(
    data: Mapping[str, Any],
    where: str | os.PathLike[str] | None,
    problems: Sequence[str] = (),
    hint: str = "fix the fields below (ghostproof assess -h lists them all)",
) -> Case:
    """``data`` checked as a case (a case file's, or a form's); GhostproofError (E180) listing every wrong field, one
    per line, with ``problems`` found before (amounts a reader could misread)."""
    try:
        case = Case.model_validate(data)
        if problems:
            raise ValueError
    except (ValidationError, ValueError) as exc:
        found = [*problems, *(_messages(exc) if isinstance(exc, ValidationError) else [])]
        shown = found[:MAX_PROBLEMS]
        if len(found) > MAX_PROBLEMS:
            shown.append(f"… and {len(found) - MAX_PROBLEMS} more")
        n = len(found)
        raise GhostproofError(
            E_CASE,
            f"{n} problem{'s' if n != 1 else ''} in the case" + (" file" if where is not None else ""),
            path=None if where is None else Path(where),
            hint=hint,
            details=tuple(shown),
        ) from None
    return case


def load_case(path: str | os.PathLike[str]) -> tuple[Case, Path]:
    """Read and check a case file; returns the case and the contract's resolved path.

    Raises :class:`GhostproofError` (E180) listing every field that is wrong, one per line."""
    p = Path(path)
    _check_case_path(p)
    _not_a_contract(p)
    try:
        data: dict[str, Any] = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GhostproofError(E_CASE, "no such case file", path=p, hint="check the path") from None
    except UnicodeDecodeError:
        raise GhostproofError(E_CASE, "the case file is not UTF-8 text", path=p, hint="save it as UTF-8") from None
    except OSError as exc:
        raise GhostproofError(E_CASE, f"cannot read the case file ({exc.strerror})", path=p) from None
    except tomllib.TOMLDecodeError as exc:
        raise GhostproofError(E_CASE, f"not valid TOML: {exc}", path=p, hint="see samples/case-*.toml") from None
    except RecursionError:
        raise GhostproofError(
            E_CASE, "not a case file: its values are nested too deeply", path=p, hint="see samples/case-*.toml"
        ) from None
    case = validate_case(data, p, _ambiguous_amounts(p.read_text(encoding="utf-8")))
    contract = Path(case.contract)
    if not contract.is_absolute():
        contract = p.parent / contract
    return case, contract


#: endings of contract files (a case file is TOML)
_CONTRACT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".md", ".markdown")
#: how contract files start: PDF, ZIP (DOCX, ODT), OLE (DOC), RTF
_CONTRACT_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")


#: an amount written with a thousands separator: "4.000" or 4.000 is four in TOML, four thousand to a German reader
_GROUPED = re.compile(
    r"^\s*(agreed|invoiced|paid|hourly_rate|hours_invested)\s*=\s*\"?(\d{1,3}(?:[.,]\d{3})+)\"?\s*(?:#.*)?$",
    re.MULTILINE,
)


def _plain(grouped: str) -> str:
    """ "4.000" read as TOML and most programs read it: 4; "1,500": 1.5; "1.250.000": not a number at all."""
    try:
        return str(Decimal(grouped.replace(",", ".")).normalize())
    except ArithmeticError:
        return "nothing"


def _ambiguous_amounts(text: str) -> list[str]:
    return [
        f"{m.group(1)}: {m.group(2)} could mean {_plain(m.group(2))} or {m.group(2).replace('.', '').replace(',', '')}"
        "; write the number without thousands separators (a point only before cents: 4000.50)"
        for m in _GROUPED.finditer(text)
    ]


def _check_case_path(p: Path) -> None:
    """A case file is a small regular file: anything else is refused before it is read (a FIFO would hang)."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise GhostproofError(E_CASE, "no such case file", path=p, hint="check the path") from None
    except OSError as exc:
        raise GhostproofError(E_CASE, f"cannot read the case file ({exc.strerror})", path=p) from None
    if stat.S_ISDIR(st.st_mode):
        raise GhostproofError(E_CASE, "this is a folder, not a case file", path=p, hint="name the .toml file")
    if not stat.S_ISREG(st.st_mode):
        raise GhostproofError(E_CASE, "not a regular file", path=p, hint="name a saved .toml file")
    if st.st_size > MAX_CASE_BYTES:
        raise GhostproofError(
            E_CASE,
            f"the file is {st.st_size:,} bytes; a case file is a few dozen lines (at most {MAX_CASE_BYTES:,} bytes)",
            path=p,
            hint="name the case file (TOML), e.g. samples/case-en-delivered.toml",
        )


def _not_a_contract(p: Path) -> None:
    """A contract given where a case file belongs is the commonest mistake: say so and how to build the case."""
    try:
        with p.open("rb") as fh:
            head = fh.read(MAX_CASE_BYTES + 1)
    except OSError:
        return  # load_case reports what is wrong with the path
    looks_binary = head.startswith(_CONTRACT_MAGIC)
    if not (looks_binary or p.suffix.lower() in _CONTRACT_SUFFIXES) and len(head) <= MAX_CASE_BYTES:
        return
    if not looks_binary and len(head) <= MAX_CASE_BYTES:
        try:
            tomllib.loads(head.decode("utf-8"))
            return  # a TOML file with a contract's ending: read it as a case
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            pass
    raise GhostproofError(
        E_CASE,
        "this looks like a contract, not a case file (assess reads the facts of the situation from a TOML case file)",
        path=p,
        hint="let ghostproof ask the questions and save the case: "
        f"ghostproof assess {shlex.quote(str(p))} --interactive "
        "(or write a case file: see ghostproof assess -h and samples/case-en-delivered.toml)",
    )
