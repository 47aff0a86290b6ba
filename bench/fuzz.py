"""Fuzzing: mutated PDFs, DOCX files and texts must each end like the CLI promises — read (exit 0) or refused with a
one-line error (exit 2) — never a bug (E199), within the time and memory bounds.

Hypothesis drives the mutations (which seed file, which mutations, where, with what bytes): bit flips, byte
overwrites with "interesting" values, truncation, deleted/duplicated/inserted chunks; for DOCX also XML mutations
inside a member (dropped or duplicated tags, DTD and entity text, huge numbers, odd Unicode), swapped and dropped
members and stored (uncompressed) re-zipping; for PDF also mutations inside an inflated content stream, written
back compressed. Each input is read and audited in-process (``load_document`` + ``audit_document``, what
``ghostproof audit`` runs) under a time limit; one process per format, two at a time.

Every input that ends in an unexpected exception or the time limit is saved under
``tests/data/fuzz_regressions/`` (``tests/test_fuzz_regressions.py`` runs them all through the CLI) and listed.

    .venv/bin/python bench/fuzz.py                  # 10,000 inputs per format
    .venv/bin/python bench/fuzz.py --inputs 500     # a quick run
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing
import random
import re
import resource
import signal
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REGRESSIONS = ROOT / "tests" / "data" / "fuzz_regressions"
SEEDS = {
    "pdf": sorted(SAMPLES.glob("*.pdf")),
    "docx": sorted(SAMPLES.glob("*.docx")),
    "txt": sorted(SAMPLES.glob("*.md")),
}
TIME_LIMIT_S = 10
INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"%", b"<", b">", b"&", b"9" * 12, b"-1", b"\n", b"\r", b"/"]


class Timeout(Exception):
    pass


@dataclass
class Stats:
    fmt: str
    inputs: int = 0
    ok: int = 0
    refused: int = 0
    bugs: int = 0
    timeouts: int = 0
    slowest_s: float = 0.0
    max_rss_mb: float = 0.0
    codes: dict[str, int] = field(default_factory=dict)
    saved: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------ mutations
def _bytes_mutation(data: bytes, draw: Any) -> bytes:
    from hypothesis import strategies as st

    d = draw  # a hypothesis DataObject
    kind = d.draw(st.sampled_from(["flip", "overwrite", "truncate", "delete", "duplicate", "insert"]))
    if not data:
        return data
    at = d.draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        out = bytearray(data)
        for _ in range(d.draw(st.integers(1, 64))):
            i = d.draw(st.integers(0, len(out) - 1))
            out[i] ^= 1 << d.draw(st.integers(0, 7))
        return bytes(out)
    if kind == "overwrite":
        value = d.draw(st.sampled_from(INTERESTING) | st.binary(min_size=1, max_size=16))
        return data[:at] + value + data[at + len(value) :]
    if kind == "truncate":
        return data[:at]
    size = d.draw(st.integers(1, 4096))
    if kind == "delete":
        return data[:at] + data[at + size :]
    if kind == "duplicate":
        times = d.draw(st.integers(1, 64))
        return data[:at] + data[at : at + size] * times + data[at:]
    return data[:at] + d.draw(st.binary(min_size=1, max_size=512)) + data[at:]


_TAG = re.compile(rb"<(/?)([A-Za-z:]+)[^<>]*?(/?)>")
XML_SNIPPETS = [
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b"&a;",
    b"<![CDATA[x]]>",
    b'<w:numPr><w:ilvl w:val="99999999"/><w:numId w:val="-1"/></w:numPr>',
    b'w:val="18446744073709551617"',
    "\u202e\ufeff\u0000\U0001f600".encode("utf-8", "surrogatepass"),
    b"<w:p><w:r><w:t>" + b"x" * 5000 + b"</w:t></w:r></w:p>",
    b"<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
    b'<w:ins w:id="1" w:author="a">',
    b'<w:footnoteReference w:id="999"/>',
]


def _xml_mutation(xml: bytes, d: Any) -> bytes:
    from hypothesis import strategies as st

    tags = list(_TAG.finditer(xml))
    kind = d.draw(st.sampled_from(["drop_tag", "dup_tag", "snippet", "bytes"]))
    if kind == "bytes" or not tags:
        return _bytes_mutation(xml, d)
    m = tags[d.draw(st.integers(0, len(tags) - 1))]
    if kind == "drop_tag":
        return xml[: m.start()] + xml[m.end() :]
    if kind == "dup_tag":
        return xml[: m.end()] + m.group(0) * d.draw(st.integers(1, 20)) + xml[m.end() :]
    return xml[: m.end()] + d.draw(st.sampled_from(XML_SNIPPETS)) + xml[m.end() :]


def _docx_mutation(data: bytes, d: Any) -> bytes:
    from hypothesis import strategies as st

    kind = d.draw(st.sampled_from(["member_xml", "member_xml", "swap", "drop", "stored", "bytes"]))
    if kind == "bytes":
        return _bytes_mutation(data, d)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = {i.filename: zf.read(i) for i in zf.infolist()}
    except Exception:
        return _bytes_mutation(data, d)
    names = sorted(members)
    if kind == "swap" and len(names) > 1:
        a, b = d.draw(st.permutations(names))[:2]
        members[a], members[b] = members[b], members[a]
    elif kind == "drop" and names:
        members.pop(d.draw(st.sampled_from(names)))
    elif kind == "member_xml":
        xml_names = [n for n in names if n.endswith((".xml", ".rels"))] or names
        weights = [n for n in xml_names if n == "word/document.xml"] * 4 + xml_names
        name = d.draw(st.sampled_from(weights))
        members[name] = _xml_mutation(members[name], d)
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if kind == "stored" else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


_PDF_STREAM = re.compile(rb"stream\r?\n")


def _pdf_mutation(data: bytes, d: Any) -> bytes:
    from hypothesis import strategies as st

    kind = d.draw(st.sampled_from(["stream", "stream", "bytes"]))
    starts = [m.end() for m in _PDF_STREAM.finditer(data)]
    if kind == "bytes" or not starts:
        return _bytes_mutation(data, d)
    start = d.draw(st.sampled_from(starts))
    end = data.find(b"endstream", start)
    if end < 0:
        return _bytes_mutation(data, d)
    try:
        inflated = zlib.decompress(data[start:end].rstrip(b"\r\n"))
    except zlib.error:
        return _bytes_mutation(data, d)
    body = zlib.compress(_bytes_mutation(inflated, d))
    out = data[:start] + body + b"\n" + data[end:]
    # keep /Length true where it is a plain number just before the stream, as a real writer would
    head_start = data.rfind(b"obj", 0, start)
    head = out[head_start:start]
    fixed = re.sub(rb"/Length \d+", b"/Length %d" % len(body), head, count=1)
    return out[:head_start] + fixed + out[head_start + len(head) :]


def _txt_mutation(data: bytes, d: Any) -> bytes:
    from hypothesis import strategies as st

    kind = d.draw(st.sampled_from(["encode", "unicode", "bytes", "bytes"]))
    if kind == "encode":
        text = data.decode("utf-8", "replace")
        encoding = d.draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig"]))
        return text.encode(encoding, "replace")
    if kind == "unicode":
        text = data.decode("utf-8", "replace")
        at = d.draw(st.integers(0, len(text)))
        insert = d.draw(st.text(min_size=1, max_size=200))
        return (text[:at] + insert + text[at:]).encode("utf-8", "surrogatepass")
    return _bytes_mutation(data, d)


MUTATORS = {"pdf": _pdf_mutation, "docx": _docx_mutation, "txt": _txt_mutation}


# ------------------------------------------------------------------------------------------------ one input
def _on_alarm(signum: int, frame: object) -> None:
    raise Timeout


def _read(path: Path) -> str:
    """'0', a code such as 'E120', 'E199' (a bug) or 'timeout'."""
    from ghostproof.detect import audit_document
    from ghostproof.errors import GhostproofError
    from ghostproof.ingest import load_document

    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT_S)
    try:
        audit_document(load_document(path))
        return "0"
    except GhostproofError as err:
        return err.code
    except Timeout:
        return "timeout"
    except Exception:
        return "E199"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _save(fmt: str, data: bytes, outcome: str) -> str:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    suffix = {"pdf": ".pdf", "docx": ".docx", "txt": ".md"}[fmt]
    name = f"{fmt}-{outcome}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    (REGRESSIONS / name).write_bytes(data)
    return name


def fuzz(fmt: str, inputs: int, seed: int) -> Stats:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    signal.signal(signal.SIGALRM, _on_alarm)
    stats = Stats(fmt)
    seeds = [p.read_bytes() for p in SEEDS[fmt]]
    suffix = {"pdf": ".pdf", "docx": ".docx", "txt": ".md"}[fmt]
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"

        @hypothesis_seed(seed)
        @settings(
            max_examples=inputs,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def run_one(d: st.DataObject) -> None:
            data = seeds[d.draw(st.integers(0, len(seeds) - 1))]
            for _ in range(d.draw(st.integers(1, 3))):
                data = MUTATORS[fmt](data, d)
            if not data:
                data = bytes([rng.randrange(256)])
            path.write_bytes(data)
            t0 = time.perf_counter()
            outcome = _read(path)
            elapsed = time.perf_counter() - t0
            stats.inputs += 1
            stats.slowest_s = max(stats.slowest_s, elapsed)
            stats.codes[outcome] = stats.codes.get(outcome, 0) + 1
            if outcome == "0":
                stats.ok += 1
            elif outcome == "E199":
                stats.bugs += 1
                stats.saved.append(_save(fmt, data, "bug"))
            elif outcome == "timeout":
                stats.timeouts += 1
                stats.saved.append(_save(fmt, data, "timeout"))
            else:
                stats.refused += 1

        run_one()
    stats.max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return stats


def _worker(args: tuple[str, int, int]) -> dict[str, object]:
    return asdict(fuzz(*args))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per format")
    parser.add_argument("--formats", default="pdf,docx,txt")
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(min(2, len(formats))) as pool:
        results = pool.map(_worker, [(f, args.inputs, args.seed) for f in formats])
    header = ("format", "inputs", "exit 0", "exit 2", "E199", "timeout", "slowest s", "RSS MB")
    print(f"{header[0]:7} " + " ".join(f"{h:>{max(7, len(h))}}" for h in header[1:]))
    for r in results:
        print(
            f"{r['fmt']:7} {r['inputs']:7} {r['ok']:7} {r['refused']:7} {r['bugs']:7} {r['timeouts']:7} "
            f"{r['slowest_s']:9.2f} {r['max_rss_mb']:7.0f}"
        )
    for r in results:
        print(f"{r['fmt']} codes: {json.dumps(dict(sorted(r['codes'].items())))}")
        for name in r["saved"]:
            print(f"  saved {REGRESSIONS.relative_to(ROOT) / str(name)}")
    print(f"time: {time.monotonic() - started:.0f} s")
    return 0 if all(r["bugs"] == 0 and r["timeouts"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
