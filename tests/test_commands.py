"""Every command as a library function (``ghostproof.commands``): typed options in, an outcome out, the person
reached only through the console's callbacks — so a web page or a script drives them without a terminal, and the
CLI (``ghostproof.cli``) is a thin layer that only parses, calls and prints."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest

from ghostproof.assess.interview import interview
from ghostproof.clauses.library import load_library, parse_assignments
from ghostproof.commands import Console
from ghostproof.commands.addendum import AddendumOptions, addendum_format, run_addendum
from ghostproof.commands.assess import AssessOptions, run_assess
from ghostproof.commands.audit import AuditOptions, failing, run_audit
from ghostproof.commands.checklist import ChecklistOptions, run_checklist
from ghostproof.commands.extract import ExtractOptions, run_extract
from ghostproof.commands.review import ReviewOptions, run_review
from ghostproof.errors import GhostproofError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLI = ROOT / "src" / "ghostproof" / "cli"


class Recorder:
    """A console that records what a command says and answers its questions from a script."""

    def __init__(self, answers: list[str] | None = None, confirms: list[bool] | None = None) -> None:
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.told: list[str] = []
        self.asked: list[tuple[str, str | None]] = []
        self.advanced: list[tuple[str, str | None]] = []
        self.closed = 0
        self._answers = answers
        self._confirms = confirms

    def ask(self, question: str, default: str | None) -> str:
        assert self._answers is not None
        self.asked.append((question, default))
        return self._answers.pop(0)

    def confirm(self, question: str) -> bool:
        assert self._confirms is not None
        self.asked.append((question, None))
        return self._confirms.pop(0)

    def progress(self, total: int) -> Recorder:
        self.total = total
        return self

    def advance(self, path: str, error: str | None) -> None:
        self.advanced.append((Path(path).name, error))

    def close(self) -> None:
        self.closed += 1

    def console(self, *, terminal: bool = False) -> Console:
        return Console(
            note=self.notes.append,
            warn=self.warnings.append,
            tell=self.told.append,
            ask=self.ask if self._answers is not None else None,
            confirm=self.confirm if self._confirms is not None else None,
            progress=self.progress,
            terminal=terminal,
        )


def test_audit_returns_the_report_and_the_fail_on_code() -> None:
    r = Recorder()
    options = AuditOptions([str(SAMPLES / "en-software-bare.md")], format="json", fail_on="missing")
    outcome = run_audit(options, r.console())
    data = json.loads(outcome.stdout or "")
    assert Path(data["source"]).name == "en-software-bare.md"
    assert outcome.exit_code == 1  # the bare sample lacks required clauses
    assert len(r.notes) == 1 and r.notes[0].startswith(f"ghostproof: --fail-on missing: {data['source']}: ")
    hardened = run_audit(
        AuditOptions([str(SAMPLES / "en-webdesign-hardened.md")], format="json", fail_on="missing"),
        Recorder().console(),
    )
    assert hardened.exit_code == 0


def test_audit_batch_reports_progress_and_failures_through_the_console(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text((SAMPLES / "en-software-bare.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    r = Recorder()
    outcome = run_audit(AuditOptions([str(tmp_path)], format="jsonl"), r.console())
    assert outcome.exit_code == 2  # one input could not be read
    assert sorted(name for name, _ in r.advanced) == ["a.md", "broken.pdf"] and r.closed == 1
    assert [e is not None for name, e in sorted(r.advanced)] == [False, True]
    assert r.warnings == ["ghostproof: 1 of 2 inputs could not be read (see above)"]
    assert len((outcome.stdout or "").splitlines()) == 2  # the report still lists both


def test_audit_writes_a_file_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    r = Recorder()
    outcome = run_audit(AuditOptions([str(SAMPLES / "de-beratung-bare.md")], output=target), r.console())
    assert outcome.stdout is None and outcome.written == [target]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert r.notes == [f"ghostproof: wrote {target}"]
    with pytest.raises(GhostproofError, match="exists"):  # never overwritten without force
        run_audit(AuditOptions([str(SAMPLES / "de-beratung-bare.md")], output=target), r.console())


def test_html_to_a_terminal_is_refused_before_any_work() -> None:
    options = AuditOptions([str(SAMPLES / "en-software-bare.md")], format="html")
    with pytest.raises(GhostproofError, match="meant for a browser"):
        run_audit(options, Recorder().console(terminal=True))
    assert run_audit(options, Recorder().console()).stdout  # piped: fine


def test_failing_names_each_contract_once() -> None:
    r = Recorder()
    outcome = run_audit(AuditOptions([str(SAMPLES / "en-software-bare.md")], format="json"), r.console())
    from ghostproof.findings import AuditResult

    result = AuditResult.model_validate(json.loads(outcome.stdout or ""))
    lines = failing([result], ("termination", "payment_terms"), "weak")
    missing = failing([result], ("termination", "payment_terms"), "missing")
    assert len(lines) == 1 and lines[0].startswith(f"{result.source}: ")
    assert len(missing) <= len(lines)


def test_extract_says_what_it_read() -> None:
    r = Recorder()
    outcome = run_extract(ExtractOptions(SAMPLES / "en-software-bare.pdf"), r.console())
    assert "Harbor Lane" in (outcome.stdout or "")
    assert len(r.notes) == 1 and r.notes[0].startswith("ghostproof: en-software-bare.pdf: pdf, ")


def test_addendum_asks_for_values_only_the_user_knows(tmp_path: Path) -> None:
    contract = SAMPLES / "en-software-bare.md"
    target = tmp_path / "addendum.md"
    nobody = Recorder()
    with pytest.raises(GhostproofError, match="--set hourly_rate="):
        run_addendum(AddendumOptions(contract, output=target), nobody.console())
    assert not target.exists()
    r = Recorder(answers=["ninety", "95"])  # a bad answer is asked again
    outcome = run_addendum(AddendumOptions(contract, output=target), r.console())
    assert [q for q, _ in r.asked] == [r.asked[0][0]] * 2 and r.asked[0][0].endswith("(hourly_rate)")
    assert len(r.told) == 1 and r.told[0].startswith("  ")  # why "ninety" was refused
    assert outcome.written == [target] and "95" in target.read_text(encoding="utf-8")


def test_addendum_names_the_engagement_file_not_set(tmp_path: Path) -> None:
    config = tmp_path / "engagement.toml"
    config.write_text("[params]\nreview_days = 2\n", encoding="utf-8")
    with pytest.raises(GhostproofError) as caught:
        run_addendum(AddendumOptions(SAMPLES / "en-software-bare.md", config=config), Recorder().console())
    assert caught.value.message == "[params] review_days: must be at least 5"
    assert str(config) in caught.value.line() and "--set" not in caught.value.line()


def test_parse_assignments_speaks_of_its_source() -> None:
    library = load_library()
    for source in ("--set", "[params]"):
        with pytest.raises(GhostproofError) as caught:
            parse_assignments(library, ["nope=1"], source=source)
        assert caught.value.message == f"{source} nope: no such parameter"


def test_one_variant_check_for_addendum_and_review(tmp_path: Path) -> None:
    library = load_library()
    assert library.check_variant("firm") == "firm"
    for run, options in (
        (run_addendum, AddendumOptions(SAMPLES / "en-software-bare.md", variant="gentle", assign=("hourly_rate=9",))),
        (run_review, ReviewOptions(SAMPLES / "en-software-bare.docx", variant="gentle", output=tmp_path / "r.docx")),
    ):
        with pytest.raises(GhostproofError, match="--variant gentle: unknown") as caught:
            run(options, Recorder().console())  # type: ignore[operator]
        assert caught.value.hint == "use balanced or firm"


def test_addendum_format_from_the_name() -> None:
    assert addendum_format(None, Path("a.md")) == "markdown"
    assert addendum_format(None, Path("a.docx")) == "docx"
    assert addendum_format(None, None) == "docx"
    assert addendum_format("markdown", Path("a.docx")) == "markdown"


def test_review_lists_its_comments(tmp_path: Path) -> None:
    r = Recorder()
    target = tmp_path / "copy.docx"
    outcome = run_review(
        ReviewOptions(SAMPLES / "en-software-bare.docx", output=target, assign=("hourly_rate=95",), listing=True),
        r.console(),
    )
    assert outcome.written == [target] and target.read_bytes()[:2] == b"PK"
    assert "copy.docx" in (outcome.stdout or "") and r.notes[0].startswith(f"ghostproof: wrote {target}: ")


def test_checklist_asks_through_confirm() -> None:
    contract = SAMPLES / "de-softwareentwicklung-hardened.md"
    with pytest.raises(GhostproofError, match="needs a terminal"):
        run_checklist(ChecklistOptions(contract, interactive=True), Recorder().console())
    r = Recorder(confirms=[True, False, False, False, False, False, False, False, False, False])
    outcome = run_checklist(ChecklistOptions(contract, interactive=True, format="json"), r.console())
    items = {i["id"]: i for i in json.loads(outcome.stdout or "")["items"]}
    first = r.asked[0][0]
    confirmed = [i for i in items.values() if i["source"] == "answer" and i["status"] == "confirmed"]
    assert len(confirmed) == 1 and first.endswith("?")
    assert "offene" in r.told[0]  # the dialogue in the contract's language


def test_checklist_without_a_contract_lists_every_item_open() -> None:
    r = Recorder()
    outcome = run_checklist(ChecklistOptions(None, format="json"), r.console())
    data = json.loads(outcome.stdout or "")
    assert all(i["status"] == "open" for i in data["items"])
    assert outcome.exit_code == 1 and r.notes[-1].startswith("ghostproof: required checklist items open: ")


def test_assess_template_and_case(tmp_path: Path) -> None:
    template = run_assess(AssessOptions(None, template="de"), Recorder().console())
    assert 'currency = "EUR"' in (template.stdout or "")
    with pytest.raises(GhostproofError, match="CASE is missing"):
        run_assess(AssessOptions(None), Recorder().console())
    plan = run_assess(AssessOptions(SAMPLES / "case-en-delivered.toml", format="json"), Recorder().console())
    assert json.loads(plan.stdout or "")["schema"] == "ghostproof.assessment/1"


def test_interview_asks_again_until_an_answer_fits(tmp_path: Path) -> None:
    answers = [
        "Tomasz Berg", "Harbor Lane Logistics, Inc.", "", "US", "", "business", "in_progress", "50", "flat", "USD",
        "9000", "0", "0", "40", "", "", "", "2026-11-02", "150", "20", "close_cleanly", "",
    ]  # fmt: skip
    asked: list[tuple[str, str | None]] = []
    told: list[str] = []

    def ask(question: str, default: str | None) -> str:
        asked.append((question, default))
        return answers.pop(0)

    case = interview(SAMPLES / "en-software-bare.md", "en", ask, told.append, today=date(2026, 12, 1))
    assert case.revenue_share == 20 and case.hourly_rate is None and case.client_contact is None
    assert len(told) == 1 and "100" in told[0]  # 150 % refused, asked again
    defaults = dict(asked)
    assert "2026-12-01" in defaults.values() and "USD" in defaults.values()


def test_cli_modules_only_parse_call_and_print() -> None:
    """The CLI imports the library only through ghostproof.commands (plus errors, parsing helpers and the case
    model's help text): no audit, report or clause logic lives in it."""
    allowed = {
        "ghostproof.commands",
        "ghostproof.errors",
        "ghostproof.ingest",  # parse_size / parse_count for --max-size and --max-chars
        "ghostproof.assess.casefile",  # fields_help for `assess --help`
        "ghostproof.model",
        "ghostproof",  # __version__
    }
    for path in CLI.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                target = ".".join(["ghostproof", *([] if node.level == 2 else ["cli"]), *filter(None, [node.module])])
                if target.startswith("ghostproof.cli"):
                    continue
                assert any(target == a or target.startswith(a + ".") for a in allowed), (path.name, target)
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name
