"""`ghostproof audit`: golden reports in every format, batches with a broken file, exit codes, options."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import goldens
import jsonschema
import pytest
from terminal import run_in_terminal
from typer.testing import CliRunner

import ghostproof
from ghostproof.cli import app
from ghostproof.findings import SCHEMA_FILE, audit_json_schema

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
runner = CliRunner()


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with goldens.workdir() as base:
        yield base


# -- golden files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", goldens.FORMATS)
@pytest.mark.parametrize("case", goldens.CASES, ids=lambda c: c.name)
def test_golden(workdir: Path, case: goldens.Case, fmt: str) -> None:
    code, out, _err = goldens.run(case, fmt)
    assert code == case.exit_code
    expected = case.path(fmt).read_text(encoding="utf-8")
    assert out == expected, f"{case.path(fmt)} differs; if the change is deliberate run `make goldens`"


def test_published_schema_is_generated_from_the_models() -> None:
    published = (ROOT / "src" / "ghostproof" / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert published == goldens.schema_text(), "run `make goldens` to regenerate the schema"
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout) == audit_json_schema()


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".md")))
def test_real_output_validates_against_the_schema(path: Path) -> None:
    if path.name == "README.md":
        pytest.skip("not a contract")
    data = json.loads(runner.invoke(app, ["audit", str(path), "--format", "json"]).stdout)
    jsonschema.Draft202012Validator(audit_json_schema()).validate(data)


def test_schema_rejects_what_is_not_an_audit() -> None:
    data = ghostproof.audit(SAMPLES / "en-software-bare.md").to_dict()
    validator = jsonschema.Draft202012Validator(audit_json_schema())
    validator.validate(data)
    for broken in (
        {**data, "schema": "ghostproof.audit/1"},
        {**data, "findings": data["findings"][:8]},
        {**data, "findings": [{**data["findings"][0], "status": "absent"}, *data["findings"][1:]]},
        {**data, "extra": 1},
        # the attributes are typed per family
        {**data, "findings": [{**data["findings"][0], "attributes": {"review_days": "ten"}}, *data["findings"][1:]]},
        {**data, "findings": [{**data["findings"][0], "attributes": {"net_days": 30}}, *data["findings"][1:]]},
    ):
        assert not validator.is_valid(broken)


def test_python_api_gives_the_json_data() -> None:
    path = SAMPLES / "de-webdesign-mixed.docx"
    result = ghostproof.audit(path)
    assert isinstance(result, ghostproof.AuditResult)
    printed = json.loads(runner.invoke(app, ["audit", str(path), "-f", "json"]).stdout)
    assert printed == result.to_dict()


# -- batches ------------------------------------------------------------------------------------------------------


def test_folder_with_a_broken_file(workdir: Path) -> None:
    result = runner.invoke(app, ["audit", "batch", "--format", "jsonl"])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    sources = [json.loads(line)["source"] for line in lines]
    # recursive, sorted, the PNG skipped; the broken PDF reported, and listed after the others with its code
    assert sources == [
        "batch/en-webdesign-hardened.pdf",
        "batch/clients/de-beratung-bare.docx",
        "batch/clients/en-consulting-mixed.md",
        "batch/clients/broken.pdf",
    ]
    assert json.loads(lines[-1])["error"]["code"] == "E120" and "findings" not in json.loads(lines[-1])
    validator = jsonschema.Draft202012Validator(audit_json_schema())
    for line in lines:
        validator.validate(json.loads(line))
    err = result.stderr.splitlines()
    assert err[0].startswith("ghostproof: error[E120]: batch/clients/broken.pdf: ")
    assert err[-1] == "ghostproof: 1 of 4 inputs could not be read (see above)"


def test_summary_table_lists_every_contract_and_the_failure(workdir: Path) -> None:
    out = runner.invoke(app, ["audit", "batch"]).stdout
    summary = out[out.index("Summary — 3 contracts") :]
    rows = {line.split()[0]: line for line in summary.splitlines()[3:] if line.startswith("batch/")}
    assert rows["batch/en-webdesign-hardened.pdf"].split()[1:10] == ["✔"] * 9
    # a Dienstvertrag (a "Beratungsvertrag") needs no deemed acceptance: "–", not "✘"
    assert rows["batch/clients/de-beratung-bare.docx"].split()[1:10] == ["–"] + ["✘"] * 8
    assert "could not be read" in rows["batch/clients/broken.pdf"]


def test_globs_and_repeated_paths(workdir: Path) -> None:
    result = runner.invoke(app, ["audit", "batch/**/*.md", "batch/clients/*.md", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == ["batch/clients/en-consulting-mixed.md"]
    result = runner.invoke(app, ["audit", "batch/*.odt", "-f", "jsonl"])
    assert result.exit_code == 2
    assert "error[E101]: batch/*.odt: no file matches this pattern" in result.stderr


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# not a contract\n")
    result = runner.invoke(app, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert "error[E107]" in result.stderr and "no contract files in this folder" in result.stderr


def test_json_is_an_array_for_a_batch_and_an_object_for_one_file(workdir: Path) -> None:
    one = json.loads(runner.invoke(app, ["audit", "samples/en-software-bare.md", "-f", "json"]).stdout)
    assert isinstance(one, dict)
    many = json.loads(runner.invoke(app, ["audit", "batch/clients", "-f", "json"]).stdout)
    assert isinstance(many, list) and len(many) == 3  # two contracts and the broken PDF with its error
    assert [m.get("error", {}).get("code") for m in many] == [None, None, "E120"]


def _cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ghostproof", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_jobs_give_the_same_report_as_one_process(workdir: Path) -> None:
    serial = _cli("audit", "batch", "samples/de-webdesign-mixed.pdf", "-f", "jsonl", cwd=workdir)
    parallel = _cli("audit", "batch", "samples/de-webdesign-mixed.pdf", "-f", "jsonl", "--jobs", "2", cwd=workdir)
    assert serial.returncode == parallel.returncode == 2
    assert serial.stdout == parallel.stdout
    assert len(serial.stdout.splitlines()) == 5  # four contracts and the broken one
    assert "error[E120]: batch/clients/broken.pdf" in parallel.stderr


def test_progress_bar_on_a_terminal(workdir: Path) -> None:
    """On a terminal, stderr shows a progress bar while the batch runs; stdout gets the report."""
    out_file = workdir / "progress-report.md"
    out_file.unlink(missing_ok=True)
    code, screen = run_in_terminal(["audit", "batch", "-f", "markdown", "-o", str(out_file)], cwd=workdir)
    assert code == 2
    assert "ghostproof audit" in screen and "4/4" in screen  # the bar: "ghostproof audit ━━━ 2/4 …"
    assert "error[E120]" in screen
    assert out_file.read_text(encoding="utf-8").startswith("# ghostproof audit")


# -- exit codes and options -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "args", "code"),
    [
        ("en-software-bare.md", ["--fail-on", "missing"], 1),
        ("en-webdesign-hardened.md", ["--fail-on", "weak"], 0),
        ("en-consulting-mixed.md", ["--fail-on", "missing"], 1),  # hourly conversion is missing
        ("en-consulting-mixed.md", ["--fail-on", "missing", "--require", "payment_terms"], 0),
        ("en-consulting-mixed.md", ["--fail-on", "weak", "--require", "payment_terms,termination"], 1),
        (
            "en-consulting-mixed.md",
            ["--fail-on", "missing", "--require", "termination", "--require", "payment_terms"],
            0,
        ),
        ("en-webdesign-hardened.md", ["--fail-on", "missing", "--require", "all"], 0),
        ("en-software-bare.md", ["--fail-on", "missing", "--require", "none"], 0),
        ("en-software-bare.md", [], 0),
    ],
)
def test_fail_on_and_require(sample: str, args: list[str], code: int) -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES / sample), "-f", "json", *args])
    assert result.exit_code == code, result.stderr
    if code == 1:
        assert "--fail-on" in result.stderr
        assert json.loads(result.stdout)["schema"] == "ghostproof.audit/2"  # the report is still written


def test_fail_on_names_the_clauses() -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-consulting-mixed.md"), "--fail-on", "weak", "-f", "json"])
    assert result.exit_code == 1
    assert "hourly_conversion missing" in result.stderr and "termination weak" in result.stderr
    quiet = runner.invoke(app, ["audit", str(SAMPLES / "en-consulting-mixed.md"), "--fail-on", "weak", "-q"])
    assert quiet.exit_code == 1 and quiet.stderr == ""


def test_required_set_shapes_the_report() -> None:
    out = runner.invoke(app, ["audit", str(SAMPLES / "en-consulting-mixed.md"), "--require", "kill_fee"]).stdout
    assert "Kill fee *" in out and "Termination *" not in out
    assert "1 of 1 required clauses missing." in out


def test_unknown_required_family_is_a_clear_error() -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-software-bare.md"), "--require", "deemed_acceptence"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "error[E190]: --require: unknown clause deemed_acceptence" in lines[0]
    assert "deemed_acceptance" in lines[0]


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_bad_jobs(jobs: str) -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-software-bare.md"), "--jobs", jobs])
    assert result.exit_code == 2 and "error[E190]: --jobs must be 1 or more" in result.stderr


def test_output_file_is_atomic_and_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    src = SAMPLES / "en-software-bare.md"
    first = runner.invoke(app, ["audit", str(src), "-f", "markdown", "-o", str(target)])
    assert first.exit_code == 0 and first.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# ghostproof audit")
    assert f"wrote {target}" in first.stderr
    again = runner.invoke(app, ["audit", str(src), "-f", "markdown", "-o", str(target)])
    assert again.exit_code == 2 and "error[E191]" in again.stderr
    forced = runner.invoke(app, ["audit", str(src), "-f", "html", "-o", str(target), "--force", "-q"])
    assert forced.exit_code == 0 and forced.stderr == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary files left


def test_output_never_replaces_an_input(tmp_path: Path) -> None:
    contract = tmp_path / "contract.md"
    shutil.copy(SAMPLES / "en-software-bare.md", contract)
    before = contract.read_bytes()
    result = runner.invoke(app, ["audit", str(contract), "-o", str(contract), "--force"])
    assert result.exit_code == 2 and "would overwrite the input" in result.stderr
    assert contract.read_bytes() == before


def test_single_broken_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(goldens.BROKEN_PDF)
    result = runner.invoke(app, ["audit", str(broken)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "error[E120]" in result.stderr


def test_report_language_follows_the_contract_and_can_be_chosen() -> None:
    de = SAMPLES / "de-webdesign-mixed.md"
    assert "Abnahmefiktion" in runner.invoke(app, ["audit", str(de)]).stdout
    english = runner.invoke(app, ["audit", str(de), "--report-lang", "en"]).stdout
    assert "Deemed acceptance" in english and "Abnahmefiktion" not in english
    mixed = runner.invoke(app, ["audit", str(de), str(SAMPLES / "en-software-bare.md")]).stdout
    assert "Deemed acceptance" in mixed


def test_disclaimer_once_per_report(workdir: Path) -> None:
    for fmt in ("text", "markdown", "html"):
        out = runner.invoke(app, ["audit", "batch", "-f", fmt]).stdout
        assert out.count("it is not legal advice") == 1, fmt


def test_readme_shows_the_real_output() -> None:
    """The README's excerpt is the golden text report of the demo sample, so it cannot drift from the tool."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    golden = (goldens.GOLDEN / "en-consulting-mixed.pdf.txt").read_text(encoding="utf-8")
    assert goldens.README_COMMAND + golden.rstrip("\n") + "\n```" in readme


def test_empty_require_is_an_error() -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-software-bare.md"), "--require", ","])
    assert result.exit_code == 2 and "--require: unknown clause (empty)" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_fact_held_for_business_clients_only_is_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    """ "Gegenüber Unternehmern gilt: … Verzugszinsen … neun Prozentpunkte über dem Basiszinssatz" states business_only;
    the report had no name for it and every format failed with E199 (new user, round 7)."""
    contract = tmp_path / "vertrag.txt"
    contract.write_text(
        "Vertrag zwischen der Muster GmbH (nachfolgend „Kunde“) und Max Maier (nachfolgend „Auftragnehmer“).\n\n"
        "§ 1 Zahlung\n\n(1) Rechnungen sind innerhalb von 14 Tagen zu zahlen.\n\n"
        "(2) Gegenüber Unternehmern gilt: Bei Zahlungsverzug sind Verzugszinsen in Höhe von neun Prozentpunkten über "
        "dem Basiszinssatz zu zahlen.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["audit", str(contract), "--format", fmt, "--explain"]
        if fmt == "text"
        else ["audit", str(contract), "--format", fmt],
    )
    assert result.exit_code == 0, result.output
    assert "E199" not in result.output
    if fmt == "json":
        late = next(f for f in json.loads(result.stdout)["findings"] if f["clause"] == "late_payment")
        assert late["attributes"]["business_only"] is True


def test_a_file_named_as_another_kind_is_read_by_what_it_is_and_said_so(tmp_path: Path) -> None:
    """New user, round 7: a PDF named .txt, a Word file named .pdf were read without a word; the README lists a
    content/extension mismatch. A readable kind is read by its content, and a note says so."""
    pdf_as_txt = tmp_path / "contract.txt"
    shutil.copy(SAMPLES / "en-consulting-mixed.pdf", pdf_as_txt)
    result = runner.invoke(app, ["audit", str(pdf_as_txt), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f"{pdf_as_txt} is a PDF file despite its name; it was read as one" in result.stderr
    assert json.loads(result.stdout)["source_type"] == "pdf"
    plain = runner.invoke(app, ["audit", str(SAMPLES / "en-consulting-mixed.pdf"), "--format", "json"])
    assert "despite its name" not in plain.stderr
