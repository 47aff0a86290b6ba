"""Writing results: atomically, never over an existing file without ``force``, never over the input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import E_OUTPUT_EXISTS, E_OUTPUT_WRITE, GhostproofError


def write_output(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    force: bool = False,
    inputs: tuple[str | os.PathLike[str], ...] = (),
) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename."""
    target = Path(path)
    for src in inputs:
        try:
            if target.exists() and target.samefile(src):
                raise GhostproofError(
                    E_OUTPUT_EXISTS,
                    "the output would overwrite the input file",
                    path=target,
                    hint="choose another -o/--output name",
                )
        except OSError:
            pass
    if target.exists() and not force:
        raise GhostproofError(
            E_OUTPUT_EXISTS,
            "the output file already exists",
            path=target,
            hint="pass --force to overwrite it",
        )
    if target.is_dir():
        raise GhostproofError(E_OUTPUT_WRITE, "the output path is a folder", path=target, hint="name a file")
    folder = target.parent if str(target.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise GhostproofError(
            E_OUTPUT_WRITE,
            f"cannot write into the folder ({exc.strerror})",
            path=target,
            hint="check that the folder exists and is writable",
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GhostproofError(E_OUTPUT_WRITE, f"cannot write the file ({exc.strerror})", path=target) from None
    return target
