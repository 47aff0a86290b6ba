"""Writing results: atomically, never over an existing file without ``force``, never over the input, never
replacing anything that is not a regular file.

- A regular file is written to a temporary file in the same folder (``.NAME.ghostproof-PID.tmp``) and renamed over
  the target; a file that is replaced keeps its permissions, a new one gets the umask's. A read-only file is not
  replaced. A temporary file left by a ghostproof that was killed is removed on the next write to the same name.
- A character device (``/dev/null``, a terminal) or a FIFO with a reader is opened and written to, as a shell
  redirection would; a FIFO nobody reads is an error, never a hang. Sockets and block devices are refused.
- A symbolic link is followed to an existing target (whose rules then apply); the link itself is never replaced. A
  link to nothing is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import E_OUTPUT_EXISTS, E_OUTPUT_WRITE, GhostproofError

_TMP_SUFFIX = ".tmp"


def _tmp_prefix(target: Path) -> str:
    return f".{target.name}.ghostproof-{os.getpid()}-"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_output(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    inputs: tuple[str | os.PathLike[str], ...] = (),
) -> None:
    """Refuse an output early (before any work) when writing it would fail or is not allowed."""
    _resolve(Path(path), force, inputs)


def _resolve(
    target: Path, force: bool, inputs: tuple[str | os.PathLike[str], ...]
) -> tuple[Path, os.stat_result | None]:
    """The path to write (a symlink's target) and its stat (None when it does not exist yet)."""
    try:
        link = target.lstat()
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise GhostproofError(E_OUTPUT_WRITE, f"cannot use the output path ({exc.strerror})", path=target) from None
    if link is not None and stat.S_ISLNK(link.st_mode):
        try:
            real = target.resolve(strict=True)
        except (OSError, RuntimeError):
            raise GhostproofError(
                E_OUTPUT_WRITE,
                "the output is a symbolic link to nothing",
                path=target,
                hint="remove the link or choose another -o/--output name",
            ) from None
        return _resolve(real, force, inputs)
    for src in inputs:
        with contextlib.suppress(OSError):
            if link is not None and target.samefile(src):
                raise GhostproofError(
                    E_OUTPUT_EXISTS,
                    "the output would overwrite the input file",
                    path=target,
                    hint="choose another -o/--output name",
                )
    if link is None:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise GhostproofError(
                E_OUTPUT_WRITE,
                "the folder for the output does not exist",
                path=target,
                hint=f"create it first (mkdir -p {folder}) or choose another -o/--output name",
            )
        return target, None
    mode = link.st_mode
    if stat.S_ISDIR(mode):
        raise GhostproofError(E_OUTPUT_WRITE, "the output path is a folder", path=target, hint="name a file")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return target, link  # written to like a shell redirection: nothing is replaced
    if not stat.S_ISREG(mode):
        raise GhostproofError(
            E_OUTPUT_WRITE,
            "the output path is not a regular file (a socket or block device)",
            path=target,
            hint="name a file",
        )
    if not force:
        raise GhostproofError(
            E_OUTPUT_EXISTS, "the output file already exists", path=target, hint="pass --force to overwrite it"
        )
    if not mode & 0o222:
        raise GhostproofError(
            E_OUTPUT_WRITE,
            "the output file is read-only; ghostproof does not replace it",
            path=target,
            hint="make it writable (chmod u+w) or choose another name",
        )
    return target, link


def write_output(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    force: bool = False,
    inputs: tuple[str | os.PathLike[str], ...] = (),
) -> Path:
    """Write ``data`` to ``path`` (see the module's rules); returns the path written."""
    target, existing = _resolve(Path(path), force, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_stream(target, existing, payload)
        return target
    _remove_stale_temporaries(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(target), suffix=_TMP_SUFFIX, dir=folder)
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
        mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:  # also Ctrl-C / SIGTERM while writing: leave nothing behind
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise GhostproofError(E_OUTPUT_WRITE, f"cannot write the file ({exc.strerror})", path=target) from None
        raise
    return target


def _write_stream(target: Path, existing: os.stat_result, payload: bytes) -> None:
    """A device or FIFO: open and write, as ``> target`` would. A FIFO without a reader is an error, not a hang."""
    flags = os.O_WRONLY
    if stat.S_ISFIFO(existing.st_mode):
        flags |= os.O_NONBLOCK
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise GhostproofError(
                E_OUTPUT_WRITE, "nothing reads from this pipe", path=target, hint="start the reader first"
            ) from None
        raise GhostproofError(E_OUTPUT_WRITE, f"cannot open it for writing ({exc.strerror})", path=target) from None
    try:
        if flags & os.O_NONBLOCK:
            os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise GhostproofError(E_OUTPUT_WRITE, f"cannot write to it ({exc.strerror})", path=target) from None
    finally:
        os.close(fd)


_STALE = re.compile(r"^\.(?P<name>.+)\.ghostproof-(?P<pid>\d+)-[^/]*\.tmp$")


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of ours for this name whose process is gone (killed while writing)."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        candidates = list(folder.glob(f".{glob_escape(target.name)}.ghostproof-*{_TMP_SUFFIX}"))
    except OSError:
        return
    for candidate in candidates:
        m = _STALE.match(candidate.name)
        if not m or m.group("name") != target.name or _alive(int(m.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            if candidate.is_file() and not candidate.is_symlink():
                candidate.unlink()


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True
