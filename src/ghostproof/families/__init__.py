"""The nine clause families: one module each (see :mod:`.base` for what a module holds), listed here in their
fixed order. Everything else iterates :data:`REGISTRY`; adding a tenth family is one module, its data files and
its clause TOML, and a line here."""

from __future__ import annotations

from typing import Any

from ..findings import FAMILIES, FamilyId
from . import (
    client_cooperation,
    deemed_acceptance,
    dormancy,
    hourly_conversion,
    ip_on_payment,
    kill_fee,
    late_payment,
    payment_terms,
    termination,
)
from .base import Attributes, ClauseFamily, Meaning, MeaningContext, Verdict

REGISTRY: dict[FamilyId, ClauseFamily[Any]] = {
    m.FAMILY.id: m.FAMILY
    for m in (
        deemed_acceptance,
        hourly_conversion,
        termination,
        payment_terms,
        late_payment,
        kill_fee,
        client_cooperation,
        dormancy,
        ip_on_payment,
    )
}
assert tuple(REGISTRY) == FAMILIES, "the registry lists the families in the order of ghostproof.findings.FAMILIES"


def family(fid: str) -> ClauseFamily[Any]:
    for known, clause in REGISTRY.items():
        if known == fid:
            return clause
    raise KeyError(fid)


__all__ = ["REGISTRY", "Attributes", "ClauseFamily", "Meaning", "MeaningContext", "Verdict", "family"]
