"""What every clause family module provides, and the helpers their verdicts share.

A family is one module under :mod:`ghostproof.families` with one :class:`ClauseFamily` subclass:

- :attr:`~ClauseFamily.attributes`: a pydantic model of what the clause says (every field ``None`` when the
  contract does not say); it is exported in the audit's JSON Schema;
- :meth:`~ClauseFamily.verdict`: from the qualifying units (passages whose cues make a clause) to attributes,
  problems and the passages to cite;
- :attr:`~ClauseFamily.problems`: its stable problem codes (their words are in the catalogue, ``report.problem``);
- :meth:`~ClauseFamily.facts`: how its attributes read in a report ("review 10 business days");
- :meth:`~ClauseFamily.meaning`: what it means in an assessment of a client who went silent, with a date if any;
- :attr:`~ClauseFamily.law`: the jurisdictions whose statutory fallback the assessment explains for it.

Its patterns (``models/patterns/<lang>/<id>.jsonl``), rules (``models/families.toml``), lexicon
(``models/lexicon/<lang>.toml``), words (``models/words/<lang>.toml``) and clause (``clauses/<id>.toml``) are data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from ..findings import FamilyId, Problem
from ..model import Document
from ..quantities import Duration, find_durations
from ..words import Words

if TYPE_CHECKING:
    from ..assess.case import Case
    from ..assess.deadlines import Deadlines
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class Attributes(BaseModel):
    """What a clause says; a field is ``None`` where the contract does not say."""

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


@dataclass
class Verdict:
    attributes: Attributes
    problems: list[Problem]
    #: the units to cite, best first (defaults to the qualifying units)
    evidence: list[Unit] | None = None
    #: False when a closer look finds that none of the qualifying units really is the clause (status missing)
    found: bool = True
    #: attribute -> where in the document text its value was read (start, end); attributes without one are
    #: pointed to their cue or the first cited passage
    sources: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: attributes the contract seems to state but the rules could not settle (their value is None)
    uncertain: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MeaningContext:
    """What an assessment knows when it asks a family what its clause means for the case."""

    case: Case
    words: Words
    #: formatted amounts of the case ("agreed", "outstanding", "work_value" …)
    money: dict[str, str]
    #: the hourly rate (the contract's if it states one, else the case's) and the work done at it
    rate: Decimal | None
    work_value: Decimal | None
    #: the day of the deadline notice in the plan
    notice: date
    #: the contract's payment term in days, where it states one
    net_days: int | None = None
    #: counts periods on the case's calendar and moves deadlines as its law does (weekends only when None)
    deadlines: Deadlines | None = None
    #: the work done that is not invoiced yet (billed with the final invoice)
    unbilled: Decimal = Decimal(0)
    #: the assessment's law section speaks of this family: its meaning may point there ("see the law below")
    law_below: bool = False

    def see_law(self) -> str:
        """ " See the law below." where the law section has a line for this clause, else nothing."""
        return self.words("see_law") if self.law_below else ""

    def dates(self) -> Deadlines:
        if self.deadlines is not None:
            return self.deadlines
        from ..assess.deadlines import Deadlines
        from ..dates import WEEKENDS

        return Deadlines(WEEKENDS, self.case.jurisdiction, self.words)


#: (the sentence, and a dated step of the plan: (day, the step's key in the catalogue, the rule of the day) or None)
Meaning = tuple[str, tuple[date, str, str] | None]


A = TypeVar("A", bound=Attributes)


@dataclass(frozen=True)
class Circumstances:
    """What a contract is, as far as grading goes: German law (today: a German contract), whether it owes services
    (a Dienstvertrag), the client ("business", "consumer" or None: unknown, the stricter reading stands)."""

    german: bool
    services: bool
    client: str | None


class ClauseFamily(Generic[A]):
    """One clause family (see the module's docstring), generic in its attributes' model ``A``. Subclasses set the
    class attributes and the methods."""

    id: ClassVar[FamilyId]
    attributes: type[A]
    problems: ClassVar[tuple[str, ...]] = ()
    #: jurisdictions with a statutory fallback text (``assess.law.<J>.<id>`` in the catalogue)
    law: ClassVar[tuple[str, ...]] = ()
    #: the clause concerns a result (Abnahme): a contract that owes services (a German Dienstvertrag) has no use for it
    result_only: ClassVar[bool] = False
    #: the statutory fallback is explained whenever an invoice is unpaid, even where the contract has the clause
    law_when_unpaid: ClassVar[bool] = False
    #: the deadline notice of an assessment may rest on this clause (lower ranks are preferred); None: it may not
    notice_basis: ClassVar[int | None] = None

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        raise NotImplementedError

    def without_clause(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict | None:
        """When no passage qualifies as the clause: a verdict if the contract covers the need another way (e.g. it
        bills by time throughout), else None (missing). ``units``: every unit with one of the family's cues."""
        return None

    def facts(self, attrs: A, status: str, w: Words) -> list[str]:
        """The key facts of a present or weak finding, in the report's words (``w`` scoped to ``report``)."""
        raise NotImplementedError

    def meaning(self, attrs: A, ctx: MeaningContext) -> Meaning:
        raise NotImplementedError

    def law_text(self, jurisdiction: str, case: Case, w: Words) -> str:
        """The statutory fallback for this family under ``jurisdiction`` (one of :attr:`law`), in the assessment's
        words (``w`` scoped to ``assess``)."""
        return w(f"law.{jurisdiction}.{self.id}")

    def law_beside_clause(self, jurisdiction: str, case: Case, w: Words) -> str:
        """What to say before the statutory text where the contract has its own clause and the law is shown beside
        it (:attr:`law_when_unpaid`); default: nothing."""
        return ""

    def services_law_text(self, jurisdiction: str, case: Case, w: Words) -> str | None:
        """The statutory fallback when the contract owes services, not a result (a German Dienstvertrag); None
        when the law has none for this family (no Abnahme in a Dienstvertrag). Default: the same as for a result."""
        return self.law_text(jurisdiction, case, w)

    def graded_for(self, attrs: A, problems: list[Problem], who: Circumstances) -> list[Problem]:
        """A found clause's problems once what the contract is (``who``) is known: German law grades some clauses
        by the client (business or consumer) and the contract type. ``problems`` are the detector's, without
        those this method adds, so grading twice gives the same. Default: unchanged."""
        return problems

    def can_end_a_silent_project(self, attrs: A) -> bool:
        """A present clause of a :attr:`notice_basis` family lets the contractor close a silent project on a date."""
        return True

    def read(self, attributes: dict[str, Any]) -> A:
        """A finding's attributes (as in the JSON) as this family's typed model."""
        return self.attributes.model_validate(attributes)

    def empty(self) -> dict[str, Any]:
        """Every attribute, ``None``: a missing finding's attributes."""
        return self.attributes().model_dump()


# -- helpers the verdicts share ---------------------------------------------------------------------------------


def problem(code: str) -> Problem:
    """A problem with its English message (the JSON's ``message``; reports show it in their own language)."""
    return Problem(code=code, message=Words("en", "report")(f"problem.{code}"))


def text_of(u: Unit, doc: Document) -> str:
    return u.text(doc)


def days(d: Duration) -> int | None:
    return d.days if d.unit != "hour" else None


def first_duration(text: str, lang: str, *, hours: bool = False) -> Duration | None:
    """The first period of days, weeks or months in ``text`` (with ``hours``: or of hours that make whole days,
    "72 hours" = 3 days)."""
    for d in find_durations(text, lang):
        if (d.unit in ("day", "week", "month") and days(d)) or (hours and d.unit == "hour" and period_days(d)):
            return d
    return None


def period_days(d: Duration) -> int | None:
    """Days of a duration (weeks x 7, months x 30); hours only as whole days ("48 hours" = 2), else None."""
    if d.unit == "hour":
        return int(d.value) // 24 if d.value >= 24 and d.value % 24 == 0 else None
    return days(d)


def periods(text: str, lang: str) -> list[Duration]:
    return [d for d in find_durations(text, lang) if d.unit in ("day", "week", "month", "hour")]


def number(amount: Decimal) -> float | int:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


#: money "per hour" or "per day" is a rate, not a fee
PER_TIME = ("hour", "day")


def flags(rules: FamilyRules, units: list[Unit]) -> dict[str, Any]:
    """The boolean attributes ``families.toml`` maps to cues: True where a cited unit has the cue."""
    out: dict[str, Any] = {}
    for attr, cue in rules.flags.items():
        out[attr] = True if any(cue in u.all_cues(rules.id) for u in units) else None
    return out


def section_key(label: str) -> str:
    """A section's number as a reference writes it: "§ 4" and "4." are "4"."""
    return label.replace("§", "").strip().rstrip(".")
