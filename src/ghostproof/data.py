"""Where ghostproof's data files come from. Every loader asks here; nothing else looks for files on its own.

Two kinds of data ship with ghostproof:

- the top-level folders of the repository, ``models/`` (detection and checklist rules, the word catalogue) and
  ``clauses/`` (the clause library). The wheel maps them into the package as ``ghostproof/_data/models`` and
  ``ghostproof/_data/clauses`` (``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml``); an
  editable install or a source checkout reads them from the repository itself;
- files that live inside the package (``schemas/*.json``), read with :func:`package_text`.

Both are read through :mod:`importlib.resources`, as spaCy reads its own data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from .errors import E_DATA, GhostproofError

DataDir = Literal["models", "clauses"]

#: a file each data folder must hold, so a half-copied folder is not taken for the real one
MARKERS: dict[DataDir, str] = {"models": "families.toml", "clauses": "_common.toml"}


@cache
def data_dir(name: DataDir) -> Path:
    """The folder ``models`` or ``clauses``: the copy inside the installed package, else the source checkout's.

    Raises :class:`GhostproofError` (E170) when neither exists: the installation is incomplete.
    """
    package = resources.files("ghostproof")
    installed = package / "_data" / name
    if installed.is_dir() and (installed / MARKERS[name]).is_file():
        return _as_path(installed)
    # an editable install or a checkout: src/ghostproof -> the repository root holds models/ and clauses/
    source = _as_path(package).parent.parent / name
    if (source / MARKERS[name]).is_file():
        return source
    raise GhostproofError(
        E_DATA,
        f"the data folder {name}/ ({MARKERS[name]}) is missing from the installation",
        hint="reinstall ghostproof from a wheel or sdist (pip install --force-reinstall ghostproof)",
    )


def package_text(*parts: str) -> str:
    """A text file that lives inside the package, e.g. ``package_text("schemas", "ghostproof.audit-2.schema.json")``."""
    node = resources.files("ghostproof")
    for part in parts:
        node = node / part
    try:
        return node.read_text(encoding="utf-8")
    except OSError as exc:
        raise GhostproofError(
            E_DATA,
            f"the data file {'/'.join(parts)} is missing from the installation ({exc.strerror or exc})",
            hint="reinstall ghostproof from a wheel or sdist (pip install --force-reinstall ghostproof)",
        ) from None


def _as_path(node: object) -> Path:
    """ghostproof reads its data from files on disk; a package inside a zip file is not supported."""
    if isinstance(node, Path):
        return node
    raise GhostproofError(
        E_DATA,
        "ghostproof is installed inside a zip archive; its data files must be on disk",
        hint="install it with pip or pipx, not as a zipped package",
    )


def read_model_toml(file: str, hint: str, root: Path | None = None) -> tuple[dict[str, Any], str]:
    """A rule file of ``models/`` as TOML and its path for messages; a file that cannot be read is an E_RULES error
    naming it, with ``hint`` (what to fix)."""
    import tomllib

    from .errors import E_RULES

    path = (root or data_dir("models")) / file
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), str(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GhostproofError(E_RULES, f"cannot read the rules ({exc})", path=str(path), hint=hint) from None


def expressions(entries: object, where: str, hint: str) -> list[str]:
    """``entries`` of a rule file checked as a non-empty list of regular expressions that compile; else an E_RULES
    error naming ``where`` (the file and key), with ``hint``."""
    import re

    from .errors import E_RULES

    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) and e for e in entries):
        raise GhostproofError(E_RULES, "must be a non-empty list of regular expressions", path=where, hint=hint)
    for e in entries:
        try:
            re.compile(e)
        except re.error as exc:
            raise GhostproofError(E_RULES, f"bad expression {e!r} ({exc})", path=where, hint=hint) from None
    return entries
