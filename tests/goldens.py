"""Golden audit reports: every format of ``ghostproof audit`` on fixed inputs, compared byte for byte.

Regenerate after a deliberate change of the reports (then read the diff before committing):

    make goldens          # = .venv/bin/python tests/goldens.py

It also rewrites the published JSON Schema (src/ghostproof/schemas/) from the pydantic models and the README's
example output.

Each case runs the real command line in-process from a fixed working folder, so paths in the output are
relative and the files are the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "audit"
SAMPLES = ROOT / "samples"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json", "jsonl": "jsonl"}

#: a file in the batch folder that cannot be read: a PDF cut off after its header
BROKEN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    exit_code: int

    def path(self, fmt: str) -> Path:
        return GOLDEN / f"{self.name}.{SUFFIX[fmt]}"


CASES = (
    # single contracts: an English two-column PDF with gaps, a German DOCX with tracked changes, a bare Markdown
    Case("en-consulting-mixed.pdf", ("samples/en-consulting-mixed.pdf",), 0),
    Case("de-webdesign-mixed.docx", ("samples/de-webdesign-mixed.docx",), 0),
    Case("en-software-bare.md", ("samples/en-software-bare.md", "--require", "all"), 0),
    # a folder holding three contracts and a broken file: reported, skipped, exit 2 at the end
    Case("batch", ("batch",), 2),
)
FORMATS = tuple(SUFFIX)


@contextmanager
def workdir() -> Iterator[Path]:
    """A folder with ``samples/`` (the bundled samples) and ``batch/`` (three samples and a broken PDF)."""
    with tempfile.TemporaryDirectory(prefix="ghostproof-golden-") as tmp:
        base = Path(tmp)
        (base / "samples").symlink_to(SAMPLES, target_is_directory=True)
        batch = base / "batch"
        (batch / "clients").mkdir(parents=True)
        shutil.copy(SAMPLES / "en-webdesign-hardened.pdf", batch / "en-webdesign-hardened.pdf")
        shutil.copy(SAMPLES / "de-beratung-bare.docx", batch / "clients" / "de-beratung-bare.docx")
        shutil.copy(SAMPLES / "en-consulting-mixed.md", batch / "clients" / "en-consulting-mixed.md")
        (batch / "clients" / "broken.pdf").write_bytes(BROKEN_PDF)
        (batch / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a contract: skipped by the folder scan
        old = Path.cwd()
        os.chdir(base)
        try:
            yield base
        finally:
            os.chdir(old)


def run(case: Case, fmt: str) -> tuple[int, str, str]:
    """Run ``ghostproof audit`` for a case in the current folder; (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from ghostproof.cli import app

    result = CliRunner().invoke(app, ["audit", *case.args, "--format", fmt])
    return result.exit_code, result.stdout, result.stderr


SCHEMA = ROOT / "src" / "ghostproof" / "schemas"


def schema_text() -> str:
    """The published JSON Schema of ``ghostproof.audit/2``, as generated from the models."""
    import json

    from ghostproof.findings import audit_json_schema

    return json.dumps(audit_json_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    from ghostproof.findings import SCHEMA_FILE

    (SCHEMA / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    print(f"wrote {(SCHEMA / SCHEMA_FILE).relative_to(ROOT)}")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    with workdir():
        for case in CASES:
            for fmt in FORMATS:
                code, out, err = run(case, fmt)
                if code != case.exit_code:
                    sys.stderr.write(f"{case.name} {fmt}: exit {code}, expected {case.exit_code}\n{err}")
                    return 1
                case.path(fmt).write_text(out, encoding="utf-8")
                print(f"wrote {case.path(fmt).relative_to(ROOT)}")
    write_assess_goldens()
    update_readme()
    return 0


ASSESS = ROOT / "tests" / "golden" / "assess"
#: the sample cases: English delivered (get paid), German in progress (close cleanly), English final invoice sent
#: (keep the relationship)
ASSESS_CASES = ("case-en-delivered", "case-de-in-progress", "case-en-final-invoice")
ASSESS_FORMATS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def run_assess(case: str, fmt: str, tmp: Path | None = None) -> tuple[int, str, str]:
    """``ghostproof assess samples/CASE.toml -f FMT`` from the repo root; docx is written to ``tmp`` and read
    back as text."""
    from typer.testing import CliRunner

    from ghostproof.cli import app

    old = Path.cwd()
    os.chdir(ROOT)
    try:
        args = ["assess", f"samples/{case}.toml", "--format", fmt]
        if fmt == "docx":
            assert tmp is not None
            target = tmp / f"{case}.docx"
            result = CliRunner().invoke(app, [*args, "-o", str(target), "-q"])
            if result.exit_code:
                return result.exit_code, result.stdout, result.stderr
            from ghostproof.ingest import load_document

            return 0, load_document(target).text + "\n", result.stderr
        result = CliRunner().invoke(app, args)
        return result.exit_code, result.stdout, result.stderr
    finally:
        os.chdir(old)


def write_assess_goldens() -> None:
    ASSESS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for case in ASSESS_CASES:
            for fmt, suffix in [*ASSESS_FORMATS.items(), ("docx", "docx.txt")]:
                code, out, err = run_assess(case, fmt, Path(tmp))
                if code:
                    raise SystemExit(f"{case} {fmt}: exit {code}\n{err}")
                (ASSESS / f"{case}.{suffix}").write_text(out, encoding="utf-8")
                print(f"wrote {(ASSESS / f'{case}.{suffix}').relative_to(ROOT)}")


README_COMMAND = "$ ghostproof audit samples/en-consulting-mixed.pdf\n"


def update_readme() -> None:
    """Put the golden text report of the demo sample into the README's example block."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index(README_COMMAND) + len(README_COMMAND)
    end = text.index("\n```", start)
    golden = (GOLDEN / "en-consulting-mixed.pdf.txt").read_text(encoding="utf-8").rstrip("\n")
    readme.write_text(text[:start] + golden + text[end:], encoding="utf-8")
    print("updated README.md")


if __name__ == "__main__":
    sys.exit(main())
