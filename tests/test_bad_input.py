"""Every kind of bad input: one line naming the file and the cause, exit 2, no traceback, no hang,
bounded memory, input unchanged. Runs the real command in a subprocess."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import hostile
import pytest

from ghostproof import errors as E

MAX_RSS_MB = 300


def _digest(path: Path) -> tuple[str, float] | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


def assert_one_line_error(run: hostile.Run, code: str, name: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"ghostproof: error[{code}]: "), lines[0]
    assert name in lines[0]
    assert " — " in lines[0] or code in (E.E_NOT_FOUND,), "every error says what to do"


@pytest.mark.parametrize("case", hostile.CASES, ids=[c.name for c in hostile.CASES])
def test_bad_input_gives_one_line_error(case: hostile.Case, tmp_path: Path) -> None:
    if case.needs == "base_pdf" and not hostile.BASE_PDF.exists():
        pytest.fail("samples/ PDF missing: run samples/build.py")
    path = tmp_path / case.filename
    if case.build is not None:
        case.build(path)
    before = _digest(path)
    run = hostile.run_cli(["extract", str(path), *case.args], timeout=case.timeout)
    assert_one_line_error(run, case.code, case.filename if case.code != E.E_BAD_OPTION else case.args[0])
    assert _digest(path) == before, "the input file must not change"
    assert run.max_rss_mb < MAX_RSS_MB


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = hostile.external_entity_docx(tmp_path / "xxe.docx", str(secret))
    run = hostile.run_cli(["extract", str(path), "--format", "json"])
    assert "TOP-SECRET-CONTENT" not in run.stdout + run.stderr
    assert run.returncode == 2


def test_encrypted_pdf_opens_with_the_right_password(tmp_path: Path) -> None:
    path = hostile.encrypted_pdf(tmp_path / "locked.pdf")
    run = hostile.run_cli(["extract", str(path), "--password", hostile.PASSWORD, "-q"])
    assert run.returncode == 0, run.stderr
    assert "Agreement" in run.stdout


def test_unreadable_file(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gp-unreadable-"))
    try:
        folder.chmod(0o755)
        path = folder / "private.txt"
        path.write_text("This Agreement is private.")
        path.chmod(0o000)
        as_root = os.geteuid() == 0
        if as_root and shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        run = hostile.run_cli(["extract", str(path)], drop_root=as_root)
        assert_one_line_error(run, E.E_UNREADABLE, "private.txt")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = hostile.run_cli(["extract", str(fifo)], timeout=10)
    assert_one_line_error(run, E.E_NOT_REGULAR, "pipe.txt")
