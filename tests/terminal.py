"""Run the ghostproof command on a pseudo-terminal, as a user at a keyboard would: see its prompts, type answers."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def run_in_terminal(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    answers: Sequence[str] = (),
    prompt_end: bytes = b":",
    timeout: float = 240,
) -> tuple[int, str]:
    """``python -m ghostproof ARGS`` with stdin, stdout and stderr on one terminal. Each time the output since the
    last answer ends with ``prompt_end`` (a prompt waiting), the next of ``answers`` is typed with Enter.
    Returns the exit code and everything the terminal showed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is its stdin, stdout and stderr
        if cwd is not None:
            os.chdir(cwd)
        os.environ["COLUMNS"] = "100"
        os.execv(sys.executable, [sys.executable, "-m", "ghostproof", *args])
    screen, since_answer = b"", 0
    pending = list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.3)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal: it has ended
                break
            if not chunk:
                break
            screen += chunk
        if pending and screen[since_answer:].rstrip().endswith(prompt_end):
            os.write(fd, pending.pop(0).encode() + b"\r")
            since_answer = len(screen)
    if time.monotonic() >= deadline:  # still waiting (for an answer the test did not give): never hang the suite
        os.kill(pid, signal.SIGKILL)
        screen += b"\n[killed after the timeout]"
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")
