"""The command line: help, version, extract to stdout and to files, fast start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ghostproof.cli import app

runner = CliRunner()

MD = "# Services Agreement\n\n## 2. Payment\n\n2.1 Invoices are payable within 14 days.\n"


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    path = tmp_path / "contract.md"
    path.write_text(MD)
    return path


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_has_example(flag: str) -> None:
    result = runner.invoke(app, ["extract", flag])
    assert result.exit_code == 0
    assert "Example: ghostproof extract" in result.output


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "extract" in result.output
    assert "not legal advice" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("ghostproof 0.")


def test_extract_text(contract: Path) -> None:
    result = runner.invoke(app, ["extract", str(contract)])
    assert result.exit_code == 0
    assert result.stdout == "Services Agreement\n\n2. Payment\n\n2.1 Invoices are payable within 14 days.\n"


def test_extract_json_blocks_are_located(contract: Path) -> None:
    result = runner.invoke(app, ["extract", str(contract), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "ghostproof.document/1"
    assert data["source_type"] == "md"
    assert data["lang"] == "en"
    last = data["blocks"][-1]
    assert last == {
        "kind": "paragraph",
        "text": "2.1 Invoices are payable within 14 days.",
        "start": data["text"].index("2.1"),
        "end": len(data["text"]),
        "page": None,
        "section": "2.1",
        "heading": "Payment",
        "level": None,
        "table": None,
        "row": None,
        "col": None,
        "ocr": False,
        "confidence": None,
    }


def test_extract_lang_override(contract: Path) -> None:
    result = runner.invoke(app, ["extract", str(contract), "--format", "json", "--lang", "de"])
    data = json.loads(result.stdout)
    assert (data["lang"], data["detected_lang"]) == ("de", "en")


def test_bad_lang_is_a_usage_error(contract: Path) -> None:
    result = runner.invoke(app, ["extract", str(contract), "--lang", "fr"])
    assert result.exit_code == 2


def test_output_file_written_and_not_overwritten_without_force(contract: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert runner.invoke(app, ["extract", str(contract), "-o", str(out)]).exit_code == 0
    first = out.read_text()
    assert first.startswith("Services Agreement")
    out.write_text("keep me")
    result = runner.invoke(app, ["extract", str(contract), "-o", str(out)])
    assert result.exit_code == 2
    assert "E191" in result.stderr and "--force" in result.stderr
    assert out.read_text() == "keep me"
    assert runner.invoke(app, ["extract", str(contract), "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text() == first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "no temporary file left behind"


def test_output_never_overwrites_the_input(contract: Path) -> None:
    before = contract.read_bytes()
    result = runner.invoke(app, ["extract", str(contract), "-o", str(contract), "--force"])
    assert result.exit_code == 2
    assert "overwrite the input" in result.stderr
    assert contract.read_bytes() == before


def test_bad_max_size(contract: Path) -> None:
    result = runner.invoke(app, ["extract", str(contract), "--max-size", "lots"])
    assert result.exit_code == 2
    assert "E190" in result.stderr


def test_extract_does_not_import_spacy_or_pdfplumber(contract: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from ghostproof.cli import app\n"
        f"r = CliRunner().invoke(app, ['extract', {str(contract)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in ('spacy', 'pdfplumber', 'pdfminer', 'thinc') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_lists_the_main_job_first() -> None:
    out = runner.invoke(app, ["--help"]).output
    listed = [line.split()[0] for line in out[out.index("Commands:") :].splitlines()[1:] if line.startswith("  ")]
    assert listed[:5] == ["audit", "addendum", "review", "assess", "checklist"]
    assert {"extract", "schema", "clauses"} <= set(listed)
