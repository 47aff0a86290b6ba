"""Load on a running ``ghostproof serve``: N concurrent clients uploading a 10-page PDF for a while, on loopback.

    .venv/bin/python bench/serve_load.py [--clients 4] [--seconds 60] [--cli-runs 3]

Starts ``ghostproof serve --no-browser --port 0`` (its workers are forked after the pipelines were built), then:
1. warm latency: 10 requests one after another (``POST /api/audit``, the JSON API with the start's token);
2. load: ``--clients`` threads (at most 16) upload the same file back to back for ``--seconds``: p50/p95 latency,
   requests/s, errors (any status but 200, any exception), peak RSS of the server and its workers together
   (sampled from /proc every 0.2 s);
3. the CLI: ``ghostproof audit FILE --format json`` run ``--cli-runs`` times, one after another (a cold process each
   time, as a person runs it), median wall time.
Prints the ratio warm p50 / CLI median. Goal: under 0.10, with zero errors.

The file: the first 10 pages of a 12-page CUAD contract (``shared/data/cuad/pdf``, the iBio development
agreement), cut with pypdf; without the shared data, pages of the bundled sample PDFs. Exit code 1 when a request
failed or the goal is missed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.10
CUAD_PDF = "IbioInc_20200313_8-K_EX-10.1_12052678_EX-10.1_Development Agreement.pdf"


def shared_dir() -> Path:
    return Path(os.environ.get("GHOSTPROOF_SHARED") or ROOT.parent / "shared")


def ten_pages(target: Path) -> str:
    """A 10-page contract PDF at ``target``; where it came from."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    source = shared_dir() / "data" / "cuad" / "pdf" / CUAD_PDF
    if source.is_file():
        for page in PdfReader(source).pages[:10]:
            writer.add_page(page)
        what = f"first 10 pages of {CUAD_PDF}"
    else:
        samples = ["en-consulting-mixed.pdf", "en-software-bare.pdf", "en-webdesign-hardened.pdf"]
        pages = [p for name in samples for p in PdfReader(ROOT / "samples" / name).pages]
        for page in pages[:10]:
            writer.add_page(page)
        what = "10 pages of the bundled sample PDFs"
    with target.open("wb") as out:
        writer.write(out)
    return what


def start() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ghostproof", "serve", "--no-browser", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if m := re.search(r"serving on (http://\S+)", line):
            return proc, m.group(1)
    raise SystemExit("ghostproof serve did not start")


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, KiB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0  # type: ignore[union-attr]
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo += [int(c) for c in children]
        except (OSError, AttributeError):
            continue
    return total


class Client:
    """One keep-alive connection posting the file to /api/audit."""

    def __init__(self, url: str, body: bytes) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.token = dict(p.split("=", 1) for p in parts.query.split("&"))["token"]
        boundary = uuid.uuid4().hex
        self.body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + body
            + f"\r\n--{boundary}--\r\n".encode()
        )
        self.headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Host": f"127.0.0.1:{self.port}",
        }
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)

    def post(self) -> tuple[float, bool]:
        started = time.perf_counter()
        try:
            self.conn.request("POST", "/api/audit", body=self.body, headers=self.headers)
            response = self.conn.getresponse()
            data = response.read()
            ok = response.status == 200 and b'"ghostproof.audit/2"' in data
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
            ok = False
        return time.perf_counter() - started, ok


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--cli-runs", type=int, default=3)
    args = ap.parse_args()
    clients = max(1, min(16, args.clients))
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"ghostproof-serve-load-{os.getpid()}.pdf"
    what = ten_pages(work)
    body = work.read_bytes()
    print(f"file: {what} ({len(body) // 1024} KiB); {clients} clients for {args.seconds:g} s; {os.cpu_count()} cores")

    proc, url = start()
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, rss_kib(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        one = Client(url, body)
        one.post()  # the first request of a connection is not timed
        warm = [one.post() for _ in range(10)]
        if not all(ok for _, ok in warm):
            print("warm requests failed")
            return 1
        warm_p50 = statistics.median(t for t, _ in warm)
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        deadline = time.perf_counter() + args.seconds

        def run() -> None:
            nonlocal errors
            c = Client(url, body)
            while time.perf_counter() < deadline:
                t, ok = c.post()
                with lock:
                    latencies.append(t)
                    errors += not ok

        threads = [threading.Thread(target=run) for _ in range(clients)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
    finally:
        stop.set()
        sampler.join()
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)

    cli = []
    for _ in range(max(1, args.cli_runs)):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ghostproof", "audit", str(work), "--format", "json"],
            check=True,
            capture_output=True,
        )
        cli.append(time.perf_counter() - started)
    work.unlink(missing_ok=True)
    cli_median = statistics.median(cli)
    ratio = warm_p50 / cli_median
    print(f"warm, one at a time: p50 {warm_p50 * 1000:.0f} ms (10 requests)")
    print(
        f"under load: {len(latencies)} requests in {elapsed:.1f} s = {len(latencies) / elapsed:.2f} req/s; "
        f"p50 {pct(latencies, 0.5) * 1000:.0f} ms, p95 {pct(latencies, 0.95) * 1000:.0f} ms; errors {errors}; "
        f"peak RSS (server + workers) {peak / 1024:.0f} MiB"
    )
    print(f"CLI `ghostproof audit` of the same file: median {cli_median * 1000:.0f} ms over {len(cli)} runs")
    print(f"warm p50 / CLI median = {ratio:.3f} (goal < {GOAL})")
    return 0 if errors == 0 and ratio < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
