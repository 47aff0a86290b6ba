"""The HTML report in a real browser (headless Chromium): the page loads, the CSP lets our script run, the
summary and the highlighted evidence are in the DOM, the status filter works, hostile markup stays text; a
screenshot is kept as a test artefact.

Skipped when no ``chromium`` is on PATH (.ci/run installs Debian's). The screenshot goes to
``$GHOSTPROOF_ARTIFACTS`` or ``test-artifacts/`` in the repo (ignored by git).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from html_page import HOSTILE_CLAUSE, ROOT, SAMPLES, Page, report_for, write_hostile_contract

from ghostproof.findings import FAMILIES
from ghostproof.report.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium on PATH (.ci/run installs it)")

TIMEOUT = 60
CONSULTING_DA = "Deliverables are deemed accepted upon delivery to the Client."


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("GHOSTPROOF_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """End what is left of the browser we started (it runs in its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium with a throwaway profile and home; its stdout. Never waits more than TIMEOUT."""
    assert CHROMIUM is not None
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(args)}")
    finally:
        _kill_group(proc)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    return out.decode("utf-8")


def write_report(tmp_path: Path, sources: list[Path], name: str) -> Path:
    page = tmp_path / name
    page.write_text(render_html(report_for(sources)), encoding="utf-8")
    return page


def test_browser_dom_summary_evidence_and_filter(tmp_path: Path) -> None:
    page_path = write_report(tmp_path, [SAMPLES / "en-consulting-mixed.pdf"], "report.html")
    dom = Page.parse(chromium(tmp_path, "--dump-dom", page_path.as_uri() + "#show=weak,missing"))
    # the summary table, a row per family
    summary = dom.by_id("summary")
    assert "Deemed acceptance" in summary.text and "Payment terms" in summary.text
    assert len([tr for tr in dom.find("tr") if tr.attrs.get("data-clause")]) == len(FAMILIES)
    # the clause that decided deemed acceptance, highlighted
    marks = dom.find("mark", class_="evidence")
    assert any(CONSULTING_DA in m.text for m in marks)
    # the script ran (so the CSP hash matches): filter bar shown, the URL's choice applied to the cards
    assert dom.find("body")[0].attrs["data-show"] == "weak missing"
    assert "hidden" not in dom.by_id("filter").attrs
    cards = dom.find("article", class_="finding")
    assert len(cards) == len(FAMILIES)
    for card in cards:
        assert ("hidden" in card.attrs) == (card.attrs["data-status"] == "present"), card.attrs["data-clause"]


def test_browser_keeps_hostile_markup_as_text(tmp_path: Path) -> None:
    page_path = write_report(tmp_path, [write_hostile_contract(tmp_path)], "hostile.html")
    dom = Page.parse(chromium(tmp_path, "--dump-dom", page_path.as_uri()))
    assert len(dom.find("script")) == 1
    assert not dom.find("img")
    assert HOSTILE_CLAUSE in [m.text for m in dom.find("mark", class_="evidence")]
    assert dom.find("body")[0].attrs["data-show"] == "present weak missing"


def test_browser_screenshot(tmp_path: Path) -> None:
    page_path = write_report(tmp_path, [SAMPLES / "en-consulting-mixed.pdf"], "report.html")
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars", page_path.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000
    keep = artifacts_dir()
    shutil.copy(shot, keep / "report-en-consulting-mixed.png")
    shutil.copy(page_path, keep / "report-en-consulting-mixed.html")
    print(f"screenshot: {keep / 'report-en-consulting-mixed.png'}")
