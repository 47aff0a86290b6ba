"""``ghostproof addendum``: audit a contract and write an addendum that closes its gaps with library clauses."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import E_BAD_OPTION, GhostproofError
from .compose import Addendum, Overrides, compose, families_to_close, missing_parameters

__all__ = [
    "Addendum",
    "Engagement",
    "Overrides",
    "compose",
    "families_to_close",
    "load_engagement",
    "missing_parameters",
]


@dataclass(frozen=True)
class Engagement:
    """An engagement file (``--config engagement.toml``): clause parameters and facts about the agreement."""

    params: Mapping[str, object] = field(default_factory=dict)
    agreement: Overrides = field(default_factory=Overrides)
    variant: str | None = None
    include_all: bool | None = None


_AGREEMENT_KEYS = ("title", "date", "client", "contractor")


def load_engagement(path: str | os.PathLike[str]) -> Engagement:
    """Read an engagement TOML file; every mistake is one clear error naming the key."""
    p = Path(path)

    def bad(message: str) -> GhostproofError:
        return GhostproofError(E_BAD_OPTION, message, path=p, hint="see `ghostproof addendum --help` for the format")

    try:
        data: dict[str, Any] = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GhostproofError(E_BAD_OPTION, "no such engagement file", path=p, hint="check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise bad(f"cannot read the engagement file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise bad(f"not valid TOML: {exc}") from None
    unknown = set(data) - {"params", "agreement", "variant", "all"}
    if unknown:
        raise bad(f"unknown key {', '.join(sorted(unknown))} (known: params, agreement, variant, all)")
    params = data.get("params", {})
    agreement = data.get("agreement", {})
    if not isinstance(params, dict) or not isinstance(agreement, dict):
        raise bad("[params] and [agreement] must be tables")
    extra = set(agreement) - set(_AGREEMENT_KEYS)
    if extra:
        raise bad(f"[agreement]: unknown key {', '.join(sorted(extra))} (known: {', '.join(_AGREEMENT_KEYS)})")
    for key, value in agreement.items():
        if not isinstance(value, str) or not value.strip():
            raise bad(f"[agreement] {key} must be a non-empty string")
    variant = data.get("variant")
    if variant is not None and not isinstance(variant, str):
        raise bad("variant must be a string")
    include_all = data.get("all")
    if include_all is not None and not isinstance(include_all, bool):
        raise bad("all must be true or false")
    return Engagement(
        params={k: str(v) if not isinstance(v, str) else v for k, v in params.items()},
        agreement=Overrides(**{k: v.strip() for k, v in agreement.items()}),
        variant=variant,
        include_all=include_all,
    )
