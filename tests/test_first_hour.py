"""What a new user stumbled over in the first hour (issue 11), one regression test each: output formats inferred
from the file name, usage mistakes as one line in our words, German labels in `clauses show`, whole file names in a
batch summary, a contract given to `assess`, the case fields in `assess --help`, every error code in the README."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ghostproof import errors
from ghostproof.assess.case import Case
from ghostproof.cli import app, main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_PDF = SAMPLES / "en-webdesign-hardened.pdf"
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _main(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the real console entry point (which turns typer's usage errors into our one-line errors)."""
    monkeypatch.setattr(sys, "argv", ["ghostproof", *argv])
    with pytest.raises(SystemExit) as exc:
        main()
    return int(exc.value.code or 0), capsys.readouterr().err


# -- output format from the file name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("report.html", "<!DOCTYPE html>"),
        ("report.md", "# "),
        ("report.json", '{\n  "schema": "ghostproof.audit/2"'),
        ("report.jsonl", '{"schema": "ghostproof.audit/2"'),
        ("report.txt", "en-software-bare.md: English"),
        ("report", "en-software-bare.md: English"),
    ],
)
def test_audit_writes_the_format_its_output_name_says(tmp_path: Path, name: str, starts: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-software-bare.md"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(starts)


def test_an_explicit_format_wins_over_the_name_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-software-bare.md"), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "ghostproof.audit/2"
    assert "writing json to report.html as --format says" in result.stderr


def test_checklist_assess_and_extract_follow_the_name_too(tmp_path: Path) -> None:
    contract = SAMPLES / "en-webdesign-hardened.pdf"
    out = tmp_path / "checklist.json"
    assert runner.invoke(app, ["checklist", str(contract), "-o", str(out)]).exit_code in (0, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "ghostproof.checklist/1"
    out = tmp_path / "plan.docx"
    assert runner.invoke(app, ["assess", str(SAMPLES / "case-en-delivered.toml"), "-o", str(out)]).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"  # a Word file, not text
    out = tmp_path / "blocks.json"
    assert runner.invoke(app, ["extract", str(contract), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["blocks"]
    out = tmp_path / "contract.md"  # extract's plain text may go into any text file
    assert runner.invoke(app, ["extract", str(contract), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("Website Design Agreement")


def test_an_ending_the_command_cannot_write_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "checklist.html"
    result = runner.invoke(app, ["checklist", str(SAMPLES / "en-webdesign-hardened.pdf"), "-o", str(out)])
    assert result.exit_code == 2
    assert "error[E190]: -o checklist.html: this command cannot write html" in result.stderr
    assert not out.exists()


def test_help_says_the_format_follows_the_output_name() -> None:
    for command in ("audit", "checklist", "assess", "extract"):
        text = " ".join(runner.invoke(app, [command, "-h"]).output.split())
        assert "default: from the -o file's ending" in text, command


# -- usage mistakes: one line, in our words -------------------------------------------------------------------------

LEAKS = ("Value error", "Input should", "Usage:", "Traceback", "Try '", "Invalid value for")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["audit", "x.pdf", "-f", "xml"], "ghostproof audit: --format 'xml' is unknown — use one of text, markdown"),
        (["audit", "x.pdf", "--jobs", "two"], "ghostproof audit: --jobs 'two' must be a whole number"),
        (["audit", "x.pdf", "--fail-on", "never"], "--fail-on 'never' is unknown — use one of missing, weak"),
        (["audit", "x.pdf", "--lang", "fr"], "--lang 'fr' is unknown — use one of en, de"),
        (["audit", "x.pdf", "--bogus"], "ghostproof audit: unknown option --bogus"),
        (["audit"], "ghostproof audit: CONTRACT is missing"),
        (["audit", "x.pdf", "-f"], "ghostproof audit: -f needs a value"),
        (["review", "x.docx", "--no-insert=yes"], "ghostproof review: --no-insert takes no value"),
        (["clauses", "show", "termination", "--lang", "fr"], "ghostproof clauses show: --lang 'fr' is unknown"),
        (["extract"], "ghostproof extract: CONTRACT is missing"),
        (["audti", "x.pdf"], "unknown command 'audti'"),
        (["extract", "a.md", "b.md"], "ghostproof extract: one argument too many: b.md"),
        (["checklist", "--report-lang", "it"], "--report-lang 'it' is unknown — use one of en, de"),
    ],
)
def test_a_usage_mistake_is_one_line_in_our_words(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, err = _main(argv, capsys, monkeypatch)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ghostproof: error[E190]: ") and says in lines[0], lines[0]
    assert not any(leak in err for leak in LEAKS), err


def test_a_case_file_mistake_is_in_our_words(tmp_path: Path) -> None:
    text = (SAMPLES / "case-en-delivered.toml").read_text(encoding="utf-8")
    text = text.replace("paid = 4000", 'paid = "lots"').replace("delivered_on = 2026-11-02", 'delivered_on = "soon"')
    text = text.replace("revenue_share = 30 ", "revenue_share = 300 ")
    case = tmp_path / "case.toml"
    case.write_text(text, encoding="utf-8")
    shutil.copy(SAMPLES / "en-webdesign-hardened.pdf", tmp_path)
    result = runner.invoke(app, ["assess", str(case)])
    assert result.exit_code == 2
    assert "paid: must be a number, e.g. 4000 or 4000.50" in result.stderr
    assert "delivered_on: must be a date, e.g. 2026-11-02" in result.stderr
    assert "revenue_share: must be at most 100" in result.stderr
    assert not any(leak in result.stderr for leak in LEAKS)


# -- clauses show in German ------------------------------------------------------------------------------------------


def test_clauses_show_in_german_speaks_german() -> None:
    out = runner.invoke(app, ["clauses", "show", "dormancy", "--lang", "de"]).stdout
    assert "Warum diese Formulierung:" in out and "Parameter:" in out
    assert "[ganze Zahl, mindestens 5, höchstens 30]" in out
    assert "ghostproof informiert; es ist keine Rechtsberatung." in out
    for english in ("Why this wording", "Parameters:", "jurisdiction", "not legal advice", "[int"):
        assert english not in out, english


def test_a_clause_without_parameters_has_no_empty_parameter_heading() -> None:
    out = runner.invoke(app, ["clauses", "show", "late_payment", "--lang", "de"]).stdout
    assert "Parameter:" not in out
    out = runner.invoke(app, ["clauses", "show", "dormancy"]).stdout
    assert "Parameters:\n  silence_days = 10" in out


def test_clauses_list_in_german() -> None:
    out = runner.invoke(app, ["clauses", "list", "--lang", "de"]).stdout
    assert "Varianten: balanced, firm" in out and "Parameter jeder Klausel:" in out
    assert "variants:" not in out


# -- a batch summary in a file keeps file names whole ----------------------------------------------------------------


def test_batch_summary_never_wraps_a_file_name_when_not_on_a_terminal(tmp_path: Path) -> None:
    long_name = "a-very-long-contract-name-for-the-acme-corporation-consulting-services-2026.md"
    shutil.copy(SAMPLES / "en-consulting-mixed.md", tmp_path / long_name)
    shutil.copy(SAMPLES / "de-beratung-bare.md", tmp_path / "short.md")
    result = runner.invoke(app, ["audit", str(tmp_path), "-q"])
    assert result.exit_code == 0
    summary = result.stdout[result.stdout.index("Summary") :]
    rows = [line for line in summary.splitlines() if line.startswith(str(tmp_path))]
    assert len(rows) == 2 and any(long_name in row and "1 missing, 2 weak" in row for row in rows)


# -- assess given a contract -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["en-consulting-mixed.docx", "en-consulting-mixed.pdf", "en-software-bare.md"])
def test_assess_given_a_contract_says_how_to_build_a_case(name: str, tmp_path: Path) -> None:
    contract = shutil.copy(SAMPLES / name, tmp_path / name)
    result = runner.invoke(app, ["assess", str(contract)])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "codec" not in line
    assert "error[E180]" in line and "looks like a contract, not a case file" in line
    assert f"ghostproof assess {contract} --interactive" in line


def test_a_toml_case_file_with_a_text_ending_is_still_read(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "en-webdesign-hardened.pdf", tmp_path)
    case = tmp_path / "case.txt"
    case.write_text((SAMPLES / "case-en-delivered.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert runner.invoke(app, ["assess", str(case)]).exit_code == 0


def test_every_case_field_is_documented_in_the_help_and_the_readme() -> None:
    help_text = runner.invoke(app, ["assess", "-h"]).output
    section = README[README.index("### `ghostproof assess") : README.index("### `ghostproof extract")]
    for name, field in Case.model_fields.items():
        assert re.search(rf"^\s+{name}\s+\S", help_text, re.MULTILINE), name
        assert f"| `{name}` |" in section, name
        if field.is_required():
            assert f"| `{name}` | yes |" in section, name


# -- error codes -------------------------------------------------------------------------------------------------------


def test_every_error_code_is_in_the_readme_table_and_defined_in_one_place() -> None:
    codes = {v for k, v in vars(errors).items() if k.startswith("E_") and isinstance(v, str)}
    table = README[README.index("| code | cause |") : README.index("## Samples")]
    documented = set(re.findall(r"^\| (E\d{3}) \|", table, re.MULTILINE))
    assert documented == codes
    # no module invents a code of its own
    for path in (ROOT / "src" / "ghostproof").rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"'\[]E\d{3}[\"'\]]", text), path


# -- found by a new user trying the installed wheel --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_case_template_is_a_valid_case_once_the_contract_is_there(tmp_path: Path, lang: str) -> None:
    result = runner.invoke(app, ["assess", "--template", "--lang", lang])
    assert result.exit_code == 0
    case = tmp_path / "case.toml"
    case.write_text(result.stdout, encoding="utf-8")
    contract = "vertrag.pdf" if lang == "de" else "contract.pdf"
    assert f'contract = "{contract}"' in result.stdout
    shutil.copy(
        SAMPLES / ("de-webdesign-mixed.pdf" if lang == "de" else "en-webdesign-hardened.pdf"), tmp_path / contract
    )
    assessed = runner.invoke(app, ["assess", str(case)])
    assert assessed.exit_code == 0, assessed.stderr
    for name in Case.model_fields:  # every field is in the template, explained
        assert re.search(rf"^(# )?{name} = ", result.stdout, re.MULTILINE), name
    # every optional field's example is valid too: a user who removes the "# " gets a case that loads
    case.write_text(re.sub(r"^# (\w+ = )", r"\1", result.stdout, flags=re.MULTILINE), encoding="utf-8")
    everything = runner.invoke(app, ["assess", str(case)])
    assert everything.exit_code == 0, everything.stderr


def test_assess_without_a_case_points_to_the_template() -> None:
    result = runner.invoke(app, ["assess"])
    assert result.exit_code == 2 and "ghostproof assess --template > case.toml" in result.stderr


@pytest.mark.parametrize("written", ['paid = "4.000"', "paid = 4.000", 'paid = "4,000"'])
def test_an_amount_with_a_thousands_separator_is_refused_not_misread(tmp_path: Path, written: str) -> None:
    text = (SAMPLES / "case-en-delivered.toml").read_text(encoding="utf-8").replace("paid = 4000", written)
    case = tmp_path / "case.toml"
    case.write_text(text, encoding="utf-8")
    shutil.copy(SAMPLES / "en-webdesign-hardened.pdf", tmp_path)
    result = runner.invoke(app, ["assess", str(case)])
    assert result.exit_code == 2
    assert "paid: 4" in result.stderr and "or 4000; write the number without thousands separators" in result.stderr


def test_a_wrong_lang_does_not_make_a_contract_look_like_something_else() -> None:
    result = runner.invoke(app, ["audit", str(SAMPLES / "en-consulting-mixed.pdf"), "--lang", "de", "-f", "json"])
    assert json.loads(result.stdout)["looks_like_contract"] is True
    assert "does not look like a contract" not in result.stderr


def test_assess_refuses_to_write_text_into_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = runner.invoke(app, ["assess", str(SAMPLES / "case-en-delivered.toml"), "-o", str(out)])
    assert result.exit_code == 2 and "cannot write pdf" in result.stderr and not out.exists()


def test_help_lists_commands_whole_and_addendum_says_where_it_writes() -> None:
    top = runner.invoke(app, ["-h"]).output
    commands = top[top.index("Commands:") :].splitlines()[1:]
    assert len(commands) == 9 and not any(line.endswith("...") for line in commands)
    text = " ".join(runner.invoke(app, ["addendum", "-h"]).output.split())
    assert "default: CONTRACT- addendum.docx in the current folder" in text  # click breaks after the hyphen
    assert "instead of stdout" not in text
    assert "<str>" not in runner.invoke(app, ["audit", "-h"]).output


def test_max_size_in_bytes_says_bytes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE_PDF), "--max-size", "10"])
    assert result.exit_code == 2 and "over the 10 bytes limit" in result.stderr
