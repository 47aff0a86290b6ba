"""``--require`` values: comma-separated ids (repeatable), ``all`` or ``none``; shared by audit and checklist."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import E_BAD_OPTION, GhostproofError


def parse_selection(
    values: Sequence[str] | None, known: Sequence[str], default: Sequence[str], what: str
) -> tuple[str, ...]:
    """The ids chosen, in the order of ``known``; nothing given: ``default``. ``what`` names an id in errors
    ("clause", "checklist item")."""
    if not values:
        return tuple(default)
    wanted = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if wanted == ["all"]:
        return tuple(known)
    if wanted == ["none"]:
        return ()
    unknown = [v for v in wanted if v not in known]
    if unknown or not wanted:
        raise GhostproofError(
            E_BAD_OPTION,
            f"--require: unknown {what} {', '.join(unknown) or '(empty)'}",
            hint="use any of " + ", ".join(known) + " (comma-separated), or all / none",
        )
    return tuple(k for k in known if k in wanted)
