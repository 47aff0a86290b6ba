"""Start and stop a real `ghostproof serve` for tests (its own process group, the link read from its stderr)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time


def start_server(*args: str) -> tuple[subprocess.Popen[str], str, list[str]]:
    """``ghostproof serve --no-browser *args``: the process, the link it printed, the lines before it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ghostproof", "serve", "--no-browser", *args],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    said: list[str] = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        said.append(line)
        if m := re.search(r"serving on (http://\S+)", line):
            return proc, m.group(1), said
        if not line and proc.poll() is not None:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("ghostproof serve did not print its link: " + "".join(said))


def stop_server(proc: subprocess.Popen[str]) -> str:
    """Ctrl-C, as a person would; what it printed after the link."""
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return proc.stderr.read() if proc.stderr else ""
