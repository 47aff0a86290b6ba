"""`ghostproof assess`: golden reports for three cases in every format, the date arithmetic (property tests), the
case file's validation, and the plan's dates and messages."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import goldens
import pytest
from hypothesis import given
from hypothesis import strategies as st
from terminal import run_in_terminal
from typer.testing import CliRunner

from ghostproof.assess import Assessment, assess_case
from ghostproof.assess.case import Case, load_case
from ghostproof.assess.casefile import dump_case
from ghostproof.assess.render import render_text
from ghostproof.cli import app
from ghostproof.dates import WEEKENDS, add_months
from ghostproof.detect import audit

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
runner = CliRunner()

# -- golden reports -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [*goldens.ASSESS_FORMATS, "docx"])
@pytest.mark.parametrize("case", goldens.ASSESS_CASES)
def test_golden_assessment(case: str, fmt: str) -> None:
    suffix = goldens.ASSESS_FORMATS.get(fmt, "docx.txt")
    with tempfile.TemporaryDirectory() as tmp:
        code, out, err = goldens.run_assess(case, fmt, Path(tmp))
    assert code == 0, err
    expected = (goldens.ASSESS / f"{case}.{suffix}").read_text(encoding="utf-8")
    assert out == expected, f"{case}.{suffix} differs; if the change is deliberate run `make goldens`"


# -- date arithmetic ------------------------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.integers(min_value=0, max_value=400))
def test_business_days_round_trip(start: date, n: int) -> None:
    end = WEEKENDS.add(start, n, "business")
    assert WEEKENDS.business_days_between(start, end) == n
    assert n == 0 or WEEKENDS.is_business_day(end)
    assert end >= start
    # n business days take at least n and at most n + 2 * (n // 5 + 1) calendar days
    assert n <= (end - start).days <= n + 2 * (n // 5 + 1)


@given(days, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_business_days_add_up(start: date, a: int, b: int) -> None:
    assert WEEKENDS.add(WEEKENDS.add(start, a, "business"), b, "business") == WEEKENDS.add(
        start, a + b, "business"
    ) or (not WEEKENDS.is_business_day(start) and a == 0)


@given(days)
def test_next_business_day(day: date) -> None:
    nxt = WEEKENDS.next_business_day(day)
    assert WEEKENDS.is_business_day(nxt) and 0 <= (nxt - day).days <= 2
    assert WEEKENDS.next_business_day(nxt) == nxt
    assert all(not WEEKENDS.is_business_day(day + timedelta(days=i)) for i in range((nxt - day).days))


@given(days, days)
def test_business_days_between_counts_weekdays(a: date, b: date) -> None:
    expected = sum(1 for i in range(1, (b - a).days + 1) if WEEKENDS.is_business_day(a + timedelta(days=i)))
    assert WEEKENDS.business_days_between(a, b) == expected


@given(days, st.integers(min_value=0, max_value=90))
def test_add_days_calendar_and_business(start: date, n: int) -> None:
    assert WEEKENDS.add(start, n, "calendar") == start + timedelta(days=n)
    assert WEEKENDS.add(start, n, "business") >= WEEKENDS.add(start, n, "calendar")  # never earlier


def test_known_dates() -> None:
    # Friday 2026-11-27 + 5 business days = Friday 2026-12-04; + 10 more = Friday 2026-12-18
    assert WEEKENDS.add(date(2026, 11, 27), 5, "business") == date(2026, 12, 4)
    assert WEEKENDS.add(date(2026, 12, 4), 10, "business") == date(2026, 12, 18)
    # delivered Monday 2 Nov 2026, 10 business days -> Monday 16 Nov 2026
    assert WEEKENDS.add(date(2026, 11, 2), 10, "business") == date(2026, 11, 16)
    assert WEEKENDS.next_business_day(date(2026, 11, 28)) == date(2026, 11, 30)  # Saturday -> Monday
    with pytest.raises(ValueError):
        WEEKENDS.add(date(2026, 1, 1), -1, "business")


# -- the plan -------------------------------------------------------------------------------------------------------


def _case(tmp_path: Path, **changes: object) -> Path:
    case, _ = load_case(SAMPLES / "case-en-delivered.toml")
    data = case.model_dump()
    data["contract"] = str(SAMPLES / "en-webdesign-hardened.pdf")
    data.update(changes)
    path = tmp_path / "case.toml"
    path.write_text(dump_case(Case.model_validate(data)), encoding="utf-8")
    return path


def _assess_text(tmp_path: Path, text: str, *, name: str = "contract.md", **changes: object) -> Assessment:
    """The assessment of the sample case (with ``changes`` to its fields) with ``text`` as its contract (a Markdown
    file in ``tmp_path``)."""
    contract = tmp_path / name
    contract.write_text(text, encoding="utf-8")
    return assess_case(_case(tmp_path, contract=str(contract), **changes))


def test_plan_dates_skip_weekends(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path, today=date(2026, 11, 28)))  # a Saturday
    assert a.dates["checkin"] == "2026-11-30"  # Monday
    assert a.dates["notice"] == "2026-12-07"
    assert a.dates["closing"] == "2026-12-21"
    steps = {s.key: s.day for s in a.timeline}
    assert all(WEEKENDS.is_business_day(steps[k]) for k in ("checkin", "notice", "closing"))


def test_a_check_in_today_is_not_called_the_next_business_day(tmp_path: Path) -> None:
    """New user: every plan said "the next business day from today" for a check-in dated today."""
    monday = assess_case(_case(tmp_path, today=date(2026, 11, 30)))
    saturday = assess_case(_case(tmp_path, today=date(2026, 11, 28)))
    on_monday, on_saturday = (next(s.rule for s in a.timeline if s.key == "checkin") for a in (monday, saturday))
    assert on_monday.startswith("today, a business day") and "next business day" not in on_monday
    assert on_saturday.startswith("the next business day from today")


def test_plan_uses_the_contract_dates(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path))
    da = next(p for p in a.positions if p.clause == "deemed_acceptance")
    # the contract counts business days without the public holidays of Oregon: Veterans Day (Wed 11 Nov 2026) is
    # inside the review period and skipped, so the tenth business day after 2 Nov is 17 Nov, not 16 Nov
    assert (
        "accepted on 17 November 2026 (10 business days after 2 November 2026: Monday to Friday, "
        "public holidays in Oregon (US-OR) excluded)"
    ) in da.meaning
    assert da.where == "p. 1, section 4.1" and da.quote and "deemed accepted" in da.quote
    pt = next(p for p in a.positions if p.clause == "payment_terms")
    assert "was due on 19 October 2026" in pt.meaning
    hc = next(p for p in a.positions if p.clause == "hourly_conversion")
    assert "$85 per hour: 82 h = $6,970" in hc.meaning
    # the contract's 14 days' notice fits inside the standard two weeks after the deadline notice
    assert a.dates["closing"] == "2026-12-18"


def test_long_notice_period_moves_the_closing_date(tmp_path: Path) -> None:
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 1. Termination\n\n1.1 Either party may terminate this Agreement for convenience at any "
        "time by giving sixty (60) days' written notice. Work performed up to the termination date will be paid.\n",
    )
    assert a.dates["notice"] == "2026-12-04"
    assert a.dates["closing"] == "2027-02-02"  # 4 Dec + 60 days = 2 Feb 2027, a Tuesday


def test_a_month_end_notice_gives_its_earliest_end_and_an_unread_due_date_is_not_called_missing(tmp_path: Path) -> None:
    """New user: "one (1) month's notice to the end of a calendar month" was 30 days and the plan closed on a date
    the contract does not give; "within thirty (30) days after the event that triggers it" was told "The clause sets
    no clear due date". Round 8 (a German Beratervertrag, „zwei Monaten zum Monatsende"): the plan closed on 22 June
    where the contract ends no earlier than 31 August; it now closes no earlier than the month's end the period runs
    into."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 3. Payment\n\n3.2 Each payment shall be made within thirty (30) days after the event "
        "that triggers it; the advance is due within ten (10) days of signature.\n\n## 12. Termination\n\n12.1 "
        "Either party may terminate this Agreement on one (1) month's written notice to the end of a calendar month. "
        "Work performed up to the termination date will be paid.\n",
    )
    te = next(p for p in a.positions if p.clause == "termination")
    assert "30 days" not in te.meaning and "would end the contract on" not in te.meaning  # (it said: on 4 December)
    # the deadline notice on 4 December 2026 + one month = 4 January 2027: no earlier than 31 January (a Sunday)
    assert "(1 month's notice), to the end of a month." in te.meaning
    assert "ends the contract no earlier than 31 January 2027" in te.meaning
    assert a.dates["closing"] == "2027-02-01"
    closing = next(s for s in a.timeline if s.key == "closing")
    assert "no earlier than the contract's end by notice, 31 January 2027" in closing.rule
    pt = next(p for p in a.positions if p.clause == "payment_terms")
    assert "sets no clear due date" not in pt.meaning and "could not read the due date" in pt.meaning


def test_a_clause_that_only_pauses_the_project_is_not_cited_for_closing_it(tmp_path: Path) -> None:
    """New user, a game-art agreement: the deadline notice said "I will close the project on that date … as our
    agreement provides (section 7.1)", where 7.1 only puts the project on hold (and bills the work done while it
    is)."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 7. Inactive projects\n\n7.1 If Studio does not respond to any communication from Vendor "
        "for forty-five (45) consecutive days, Vendor may place the project on hold by written notice. While on "
        "hold, Vendor may invoice all work completed to date at USD 85 per hour.\n",
    )
    notice = next(m for m in a.messages if m.key == "notice")
    assert "as our agreement provides" not in notice.body
    b = _assess_text(
        tmp_path,
        "# Agreement\n\n## 7. Inactive projects\n\n7.1 If the Client does not respond for thirty (30) days, the "
        "Designer may close the project and invoice the work done.\n",
        name="closes.md",
    )
    assert "as our agreement provides (section 7.1)" in next(m for m in b.messages if m.key == "notice").body


def test_the_clients_right_without_cause_is_not_yours(tmp_path: Path) -> None:
    """New user, a planner's terms for a couple: "You can cancel your booking at any time" (the couple) and "We may
    end this contract … if you have not paid" were read as "You can end the contract by written notice"."""
    a = _assess_text(
        tmp_path,
        "# Booking terms\n\n## 7. If you cancel\n\n7.1 You can cancel your booking at any time by telling us in "
        "writing. Work done up to then is paid.\n\n## 8. If we cancel\n\n8.1 We may end this contract by "
        "writing to you if you have not paid an instalment within fourteen (14) days of our written reminder.\n",
    )
    te = next(p for p in a.positions if p.clause == "termination")
    assert te.meaning.startswith("The client may terminate without cause; you may end the contract only for")
    assert "You can end the contract" not in te.meaning


def test_a_contract_that_renews_unless_ended_can_be_ended_at_its_terms_end(tmp_path: Path) -> None:
    """New user, an agency retainer that renews for three months unless a party gives a month's notice to the end of
    the term, and may otherwise be ended for cause only: the audit said "nur aus wichtigem Grund" and the plan "the
    contract allows termination only for good cause", hiding the exit without a reason at the term's end."""
    a = _assess_text(
        tmp_path,
        "# Agenturvertrag\n\n## § 2 Laufzeit\n\n(1) Der Vertrag hat eine Mindestlaufzeit von sechs (6) Monaten.\n\n"
        "(2) Der Vertrag verlängert sich jeweils um weitere drei (3) Monate, wenn er nicht von einer Partei mit einer "
        "Frist von einem (1) Monat zum Ende der Mindestlaufzeit oder des jeweiligen Verlängerungszeitraums gekündigt "
        "wird.\n\n(3) Das Recht zur außerordentlichen Kündigung aus wichtigem Grund (§ 314 BGB) bleibt unberührt.\n",
    )
    te = next(p for p in a.positions if p.clause == "termination")
    assert te.meaning.startswith("Der Vertrag verlängert sich, wenn er nicht zum Ende der laufenden Laufzeit gekündigt")
    assert "zu diesem Termin können Sie ohne Grund kündigen" in te.meaning


def test_interest_that_starts_later_than_the_due_date_is_counted_from_then(tmp_path: Path) -> None:
    """New user, round 6 (a landscape architect's agreement): "Amounts unpaid sixty (60) days after the invoice date
    shall bear interest at 1.5 % per month" was counted from the due date (day 30): $66.58 where $22.19 is owed."""
    contract = tmp_path / "agreement.md"
    contract.write_text(
        "# Agreement\n\n## 3. Payment\n\n3.4 Payments are due and payable thirty (30) days from the date of the "
        "invoice. Amounts unpaid sixty (60) days after the invoice date shall bear interest at the rate of one and "
        "one-half percent (1.5%) per month.\n",
        encoding="utf-8",
    )
    a = assess_case(
        _case(
            tmp_path,
            contract=str(contract),
            invoice_date=date(2026, 9, 13),  # today (the sample's) is 27 November: 75 days later
            invoiced=Decimal(3000),
            paid=Decimal(0),
        )
    )
    late = next(p for p in a.positions if p.clause == "late_payment")
    # 1.5 % a month = 18 % a year on USD 3,000 from 12 November (day 60) to 27 November: 15 days
    assert "$22.19" in late.meaning, late.meaning


def test_the_check_in_names_an_open_invoice_and_greets_a_company_without_a_name(tmp_path: Path) -> None:
    """New user, round 6: four cases with an overdue invoice got a check-in that said only "just wanted to check that
    everything is all right", and "Hi Fenwick Garden Supplies Ltd," where the case names no contact person."""
    a = assess_case(
        _case(
            tmp_path,
            client="Fenwick Garden Supplies Ltd",
            client_contact=None,
            invoice_date=date(2026, 10, 5),
            invoiced=Decimal(4000),
            paid=Decimal(1000),
        )
    )
    checkin = next(m for m in a.messages if m.key == "checkin")
    assert checkin.body.startswith("Hello,\n")
    assert "my invoice of 5 October 2026 ($3,000) is still open" in checkin.body
    named = assess_case(_case(tmp_path, client_contact="Dana", paid=Decimal(4000)))
    body = next(m for m in named.messages if m.key == "checkin").body
    assert body.startswith("Hi Dana,\n") and "still open" not in body


def test_the_notice_invoices_only_what_is_not_yet_invoiced(tmp_path: Path) -> None:
    """New user, round 6 (an IT freelancer, 7.600 € invoiced in April and unpaid): the deadline notice announced
    "die Schlussrechnung für die bis dahin geleistete Arbeit (7.600 €)" — a second invoice for invoiced work. The
    final invoice is for the work not yet invoiced; the open invoice stays due."""
    both = assess_case(_case(tmp_path, invoiced=Decimal(4000), paid=Decimal(1000)))
    notice = next(m for m in both.messages if m.key == "notice").body
    # 6,400 agreed, all done: 2,400 not yet invoiced; 3,000 of the invoice of 5 October unpaid
    assert "send the final invoice for the work done so far ($2,400)" in notice
    assert "My invoice of 5 October 2026 ($3,000) remains due." in notice
    all_invoiced = assess_case(_case(tmp_path, agreed=Decimal(4000), invoiced=Decimal(4000), paid=Decimal(1000)))
    for key in ("notice", "closing"):
        body = next(m for m in all_invoiced.messages if m.key == key).body
        assert "final invoice" not in body and "My invoice of 5 October 2026 ($3,000) remains due." in body


def test_the_notice_about_an_open_invoice_names_what_is_unpaid_of_it(tmp_path: Path) -> None:
    """New user, round 7 (a retainer, $8,500 of the invoice of 1 June unpaid, $2,500 of work not invoiced): the deadline
    notice said "My invoice of 1 June 2026 ($11,000) is still open" — the unpaid part plus the work not invoiced."""
    a = assess_case(
        _case(
            tmp_path,
            stage="final_invoice_sent",
            agreed=Decimal(6400),
            invoiced=Decimal(4000),
            paid=Decimal(1000),
            invoice_date=date(2026, 10, 5),
        )
    )
    notice = next(m for m in a.messages if m.key == "notice").body
    assert "My invoice of 5 October 2026 ($3,000) is still open" in notice, notice


def test_work_that_counts_as_accepted_is_invoiced_now(tmp_path: Path) -> None:
    """New user, round 6 (a copywriter's delivered work, deemed accepted on 23 March): the plan ended the contract
    with 30 days' notice and sent "the final invoice" on 20 May. Work that counts as accepted can be invoiced now."""
    a = assess_case(_case(tmp_path))  # the sample: delivered 2 November, 5 business days' review, $2,400 unbilled
    said = " ".join(a.summary)
    assert (
        "If you asked for acceptance in writing with the delivery and the client has not rejected the work, it counts "
        "as accepted since 17 November 2026 (p. 1, section 4.1): you can invoice the rest of the fee ($2,400) now"
    ) in said
    none_left = assess_case(_case(tmp_path, invoiced=Decimal(6400), paid=Decimal(6400)))
    assert "you can invoice the rest" not in " ".join(none_left.summary)


def test_a_dienstvertrag_needs_no_acceptance_clause_in_the_plan_either(tmp_path: Path) -> None:
    """New user, round 6 (an IT freelancer's Dienstvertrag): the audit said "Abnahmefiktion – entfällt", the plan
    "✘ Abnahmefiktion: Nicht im Vertrag"."""
    case, _ = load_case(SAMPLES / "case-de-in-progress.toml")
    data = case.model_dump()
    data["contract"] = str(SAMPLES / "de-beratung-bare.pdf")
    data["contract_type"] = "dienstvertrag"
    path = tmp_path / "case.toml"
    path.write_text(dump_case(Case.model_validate(data)), encoding="utf-8")
    a = assess_case(path)
    da = next(p for p in a.positions if p.clause == "deemed_acceptance")
    assert da.status == "not_needed" and da.meaning.startswith("Entfällt: Ein Dienstvertrag schuldet Dienste")
    assert "– Abnahmefiktion: Entfällt" in render_text(a)


def test_a_term_counted_from_receipt_is_not_dated_from_the_invoice(tmp_path: Path) -> None:
    """New user: "within thirty (30) days after receipt" was "due 30 days after the invoice date"."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 8. Payment\n\n8.2 The Client shall pay each invoice within thirty (30) days after "
        "receipt.\n",
    )
    pt = next(p for p in a.positions if p.clause == "payment_terms")
    assert "after the invoice date" not in pt.meaning and "after the client receives them" in pt.meaning
    assert "later if it arrived later" in pt.meaning


def test_notice_in_months_is_counted_in_calendar_months(tmp_path: Path) -> None:
    """New user (round 7, H19): "one (1) month's written notice" was 30 days, which ends the contract a day early
    after a 31-day month; a month runs to the same day of the next month (§ 188 Abs. 2 BGB; the corresponding-date
    rule in English law)."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 7. Ending the agreement\n\n7.2 Either party may end this agreement for any reason by "
        "giving not less than two (2) months' written notice to the other. Work performed up to the end date is "
        "paid.\n",
    )
    te = next(p for p in a.positions if p.clause == "termination")
    # the deadline notice on Friday 4 December 2026: two months later is Thursday 4 February 2027 (60 days: 2 Feb)
    assert a.dates["notice"] == "2026-12-04"
    assert "(2 months' notice)" in te.meaning and "would end the contract on 4 February 2027" in te.meaning
    assert a.dates["closing"] == "2027-02-04"
    closing = next(s for s in a.timeline if s.key == "closing")
    assert "plus 2 months' notice" in closing.rule
    finding = audit(tmp_path / "contract.md").finding("termination")
    assert finding.attributes["notice_days"] == 60 and finding.attributes["notice_months"] == 2
    assert finding.attribute_evidence["notice_months"].text == "two (2) months"


def test_a_bank_business_day_counts_the_bank_holidays_in_the_plan(tmp_path: Path) -> None:
    """New user (round 7, H18): a contract whose Business Day excludes "a day on which national banks in Texas are
    closed" gave 19 October 2026 for ten business days after 5 October; Columbus Day (12 October) is a bank holiday:
    20 October. The same where the case file names the region the contract suggested."""
    text = (
        '# Agreement\n\n## 1. Definitions\n\n1.3 "Business Day" means Monday through Friday, other than a day on '
        "which national banks in Texas are closed.\n\n## 4. Acceptance\n\n4.2 Customer will complete acceptance "
        "testing within ten (10) Business Days after delivery. If Customer does not give Vendor written notice of a "
        "defect within that period, the deliverable is deemed accepted.\n\n## 9. Law\n\n9.1 This Agreement is "
        "governed by the laws of the State of Texas.\n"
    )
    for region in (None, "US-TX"):
        extra = {"region": region} if region else {}
        a = _assess_text(tmp_path, text, delivered_on=date(2026, 10, 5), **extra)
        da = next(p for p in a.positions if p.clause == "deemed_acceptance")
        assert "accepted on 20 October 2026" in da.meaning, da.meaning
        assert "US bank holidays" in da.meaning
        row = dict(a.facts)["Public holidays"]
        assert row.startswith("US bank holidays") and "national banks in Texas" in row


def test_a_notice_in_months_to_a_months_end_is_shown_in_months() -> None:
    """New user, round 8 (a German Beratervertrag): „mit einer Frist von zwei Monaten zum Monatsende" was shown as
    „Frist 60 Tage zum Monats- oder Quartalsende"."""
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text
    from ghostproof.report import build_report, render

    result = audit_document(
        document_from_text(
            "§ 4 Laufzeit und Kündigung\n\n(2) Jede Partei kann den Vertrag mit einer Frist von zwei Monaten zum "
            "Monatsende ordentlich kündigen.",
            lang="de",
        )
    )
    te = result.finding("termination")
    assert te.attributes["notice_months"] == 2 and te.attributes["notice_to_period_end"] is True
    shown = " ".join(render(build_report([result]), "text", width=240).split())
    assert "Frist 2 Monate zum Monatsende" in shown and "60 Tage" not in shown and "Quartal" not in shown


def test_a_notice_to_a_quarters_end_ends_the_contract_at_the_quarters_end(tmp_path: Path) -> None:
    """A notice "to the end of a calendar quarter" was shown as "to the end of a month or quarter" and the plan took
    the month's end (4 December + 2 months = 4 February: 28 February); the contract ends no earlier than the end of
    the calendar quarter, 31 March 2027. The same words in German: „zum Quartalsende"."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 12. Termination\n\n12.1 Either party may terminate this Agreement on two (2) months' "
        "written notice to the end of a calendar quarter. Work performed up to the termination date will be paid.\n",
    )
    te = next(p for p in a.positions if p.clause == "termination")
    assert "(2 months' notice), to the end of a calendar quarter." in te.meaning
    assert "no earlier than 31 March 2027 (the end of the calendar quarter" in te.meaning
    assert a.dates["closing"] == "2027-03-31"
    from ghostproof.detect import audit_document
    from ghostproof.ingest import document_from_text
    from ghostproof.report import build_report, render

    result = audit_document(
        document_from_text(
            "§ 9 Kündigung\n\n(1) Der Vertrag kann mit einer Frist von drei Monaten zum Quartalsende gekündigt werden.",
            lang="de",
        )
    )
    assert result.finding("termination").attributes["notice_period_end"] == "quarter"
    shown = " ".join(render(build_report([result]), "text", width=240).split())
    assert "Frist 3 Monate zum Quartalsende" in shown


def test_a_day_rate_for_work_done_is_named_not_called_missing(tmp_path: Path) -> None:
    """New user, round 8 (a UK copywriter): "work done … charged at my day rate of £380, up to the fixed fee" was
    told "the clause states no rate; use your usual rate"."""
    a = _assess_text(
        tmp_path,
        "# Terms\n\n## 6. Ending the contract\n\n6.1 Either of us may end this contract by giving one month's notice "
        "in writing. If the contract ends early, the work done up to then is charged at my day rate of £380, up to "
        "the fixed fee.\n",
        hourly_rate=None,  # (no hourly rate of your own)
    )
    hc = next(p for p in a.positions if p.clause == "hourly_conversion")
    assert "day rate of £380 a day" in hc.meaning and "states no rate" not in hc.meaning


def test_a_kill_fee_sum_names_the_base_it_is_counted_on(tmp_path: Path) -> None:
    """New user, round 8: "10 % of the fee not yet invoiced: about $0" where $2,400 was not yet invoiced (the sum
    also took off the work done); the base the sum is counted on is named, and the clause's own base decides."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 8. Cancellation\n\n8.1 If the Client cancels the project, the Client pays a "
        "cancellation fee of 10 % of the project fee.\n",
        stage="in_progress",
        percent_complete=50,
    )
    kf = next(p for p in a.positions if p.clause == "kill_fee")
    assert "of the fee not yet invoiced: about" not in kf.meaning
    assert "Counted on the part of the fee neither invoiced nor earned by the work done ($" in kf.meaning
    assert "the clause's own base (the whole fee, the rest of it) decides" in kf.meaning


def test_months_end_on_the_same_day_or_the_months_last() -> None:
    assert add_months(date(2026, 7, 8), 1) == date(2026, 8, 8)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 31), 3) == date(2026, 11, 30)


def test_notice_in_business_days_is_counted_in_business_days(tmp_path: Path) -> None:
    """New user: "fifteen (15) Business Days' written notice" was "15 days' notice", counted in calendar days, and
    the Client's own notice period moved the Developer's closing date."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 13. Termination\n\n13.1 Either party may terminate this Contract for convenience by "
        "giving the other fifteen (15) Business Days' written notice. Work performed up to the termination date will "
        "be paid.\n",
    )
    te = next(p for p in a.positions if p.clause == "termination")
    # the deadline notice on Friday 4 December 2026: fifteen business days later, Christmas Day skipped, is Monday 28
    # December; calendar days gave 19 December
    assert "(15 business days' notice)" in te.meaning and "would end the contract on 28 December 2026" in te.meaning
    assert a.dates["closing"] >= "2026-12-28"
    b = _assess_text(
        tmp_path,
        "# Agreement\n\n## 13. Termination\n\n13.1 The Client may terminate this Contract for convenience by "
        "giving the Developer sixty (60) Business Days' written notice.\n\n13.3 The Developer may terminate this "
        "Contract if the Client fails to pay any invoice within thirty (30) days after its due date.\n",
        name="client.md",
    )
    assert b.dates["closing"] < "2027-01-15"  # the Client's sixty business days are not the Developer's


def test_a_day_rate_is_not_priced_per_hour(tmp_path: Path) -> None:
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 9. Hourly billing if the project stops\n\n9.1 If this Agreement ends before the final "
        "installment falls due, the Designer bills all work performed up to that date at USD 600 per day instead of "
        "the Project Fee.\n",
    )
    hc = next(p for p in a.positions if p.clause == "hourly_conversion")
    assert "600" not in hc.meaning  # 82 hours at $600 would be $49,200: the case's own $85/h is used instead
    assert "$85 per hour: 82 h = $6,970" in hc.meaning


def test_messages_are_calm_and_filled(tmp_path: Path) -> None:
    a = assess_case(_case(tmp_path))
    checkin, notice, closing = a.messages
    assert checkin.body.startswith("Hi Priya,") and checkin.body.rstrip().endswith("Mara Lindqvist")
    for word in ("invoice", "$", "deadline", "legal", "contract"):
        assert word not in checkin.body  # the check-in only asks whether the client is all right
    assert "18 December 2026" in notice.body and "($2,400)" in notice.body
    assert "4 December 2026" in closing.body
    for m in a.messages:
        assert "{{" not in m.body and "}}" not in m.body
        assert len(m.body.split()) < 110


def test_statutory_fallback_german_interest_with_base_rate(tmp_path: Path) -> None:
    a = assess_case(
        _case(
            tmp_path,
            contract=str(SAMPLES / "de-beratung-bare.pdf"),
            language="de",
            jurisdiction="DE",
            contract_type="werkvertrag",  # the sample is a Beratungsvertrag: as a Werkvertrag it gets §§ 640, 643
            currency="EUR",
            base_rate=Decimal("1.27"),
            invoiced=Decimal(4000),
            paid=Decimal(0),
        )
    )
    law = dict(a.law)
    assert "§ 640 Abs. 2 BGB" in law["Abnahmefiktion"]
    # § 645 Abs. 1 Satz 2 BGB: the part of the fee for the work done, for a contract ended under § 643 (issue 15)
    assert "§ 643 BGB" in law["Kündigung"] and "§ 645 Abs. 1 Satz 2 BGB" in law["Kündigung"]
    late = law["Zahlungsverzug"]
    assert "§ 288 BGB" in late and "9 Prozentpunkten" in late and "1,27 % → 10,27 %" in late
    assert "§ 288 Abs. 5 BGB" in late


def test_uk_and_other_jurisdictions(tmp_path: Path) -> None:
    uk = assess_case(_case(tmp_path, jurisdiction="UK", base_rate=Decimal(4), invoiced=Decimal(6400)))
    assert any("Late Payment of Commercial Debts (Interest) Act 1998" in t and "12 % a year" in t for _, t in uk.law)
    other = assess_case(_case(tmp_path, jurisdiction="CH"))
    assert any("no summary of the statutory rules" in t for _, t in other.law)


def test_lessons_name_the_addendum_command() -> None:
    a = assess_case(SAMPLES / "case-en-final-invoice.toml")
    assert a.lessons_command is not None and "ghostproof addendum" in a.lessons_command
    assert "Hourly conversion" in a.lessons


# -- the case file --------------------------------------------------------------------------------------------------


def test_bad_case_file_names_every_field(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    path.write_text(
        'contract = "x.pdf"\nyour_name = "A"\nclient = "B"\njurisdiction = "FR"\nstage = "paused"\n'
        'percent_complete = 140\nfee_model = "flat"\ncurrency = "EUR"\nagreed = -5\ninvoiced = 10\npaid = 0\n'
        'hours_invested = 1\nlast_contact = 2026-11-01\nrevenue_share = 10\ngoal = "get_paid"\ncolour = 1\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2
    for field in ("jurisdiction:", "stage:", "percent_complete:", "agreed:", "colour:"):
        assert field in result.stderr, field
    assert "Traceback" not in result.stderr


def test_inconsistent_case_is_explained(tmp_path: Path) -> None:
    path = _case(tmp_path)
    text = path.read_text(encoding="utf-8").replace("paid = 4000", "paid = 9000")
    text = text.replace("last_contact = 2026-11-03", "last_contact = 2026-12-30")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2
    assert "paid: more than invoiced" in result.stderr
    assert "last_contact: 2026-12-30 is after today (2026-11-27)" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [("not toml [", "not valid TOML"), (None, "no such case file")],
)
def test_unreadable_case_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "case.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2 and message in result.stderr


def test_case_file_round_trips() -> None:
    case, _ = load_case(SAMPLES / "case-de-in-progress.toml")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.toml"
        path.write_text(dump_case(case), encoding="utf-8")
        again, _ = load_case(path)
    assert again == case


def test_docx_and_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    args = ["assess", str(SAMPLES / "case-de-in-progress.toml"), "-f", "docx", "-o", str(target)]
    assert runner.invoke(app, args).exit_code == 0
    assert target.read_bytes()[:2] == b"PK"
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "error[E191]" in again.stderr


def test_json_has_schema_and_iso_dates() -> None:
    data = json.loads(runner.invoke(app, ["assess", str(SAMPLES / "case-en-delivered.toml"), "-f", "json"]).stdout)
    assert data["schema"] == "ghostproof.assessment/1"
    assert [s["day"] for s in data["timeline"]][-1] == "2026-12-18"
    assert [m["key"] for m in data["messages"]] == ["checkin", "notice", "closing"]


def test_interactive_needs_a_terminal() -> None:
    result = runner.invoke(app, ["assess", str(SAMPLES / "en-software-bare.md"), "--interactive"])
    assert result.exit_code == 2 and "needs a terminal" in result.stderr


def test_interactive_asks_and_saves_the_case(tmp_path: Path) -> None:
    save = tmp_path / "case.toml"
    answers = [
        "Tomasz Berg", "Harbor Lane Logistics, Inc.", "Ana", "US", "us-or", "business", "in_progress", "50", "flat",
        "USD", "9000", "0", "0", "40", "90", "", "", "2026-11-02", "150", "20", "close_cleanly", "",
    ]  # fmt: skip
    code, text = run_in_terminal(
        ["assess", str(SAMPLES / "en-software-bare.md"), "--interactive", "--save", str(save), "-f", "json",
         "-o", str(tmp_path / "plan.json")],
        cwd=tmp_path,
        answers=answers,
        timeout=120,
    )  # fmt: skip
    assert code == 0, text
    assert "must be at most 100" in text  # revenue share 150 was asked again
    case, _ = load_case(save)
    assert case.client == "Harbor Lane Logistics, Inc." and case.revenue_share == 20 and case.hourly_rate == 90
    assert case.region == "US-OR"  # the holiday region, written as the tool writes it
    assert json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["schema"] == "ghostproof.assessment/1"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('region = "DE-XX"', "region: 'DE-XX': DE has no region 'XX'"),
        ('region = "Saxony"', "region: 'Saxony': the country must be one of"),
        ("region = 7", "region: must be text in quotes"),
        ('region = "DE-' + "S" * 5000 + '"', "region:"),
        ('contract_type = "werk"', "contract_type: must be 'werkvertrag', 'dienstvertrag' or 'mixed'"),
        ("last_message = 2099-01-01", "last_message: 2099-01-01 is after today"),
        ('last_message = "soon"', "last_message: must be a date"),
        ("missing_cooperation = 3", "missing_cooperation: must be text in quotes"),
    ],
)
def test_new_case_fields_refuse_bad_values_in_one_line_each(tmp_path: Path, line: str, says: str) -> None:
    """Issue 15's case fields are untrusted input like the others: a clear line per field, exit 2, no traceback."""
    path = _case(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr) < 2000


@pytest.mark.parametrize("case", ["case-en-delivered.toml", "case-de-in-progress.toml"])
def test_the_plan_as_a_calendar_file(case: str, tmp_path: Path) -> None:
    """`assess --format ics` (or `-o plan.ics`): one all-day event per dated step, with its rule; the same plan gives
    the same file (stable UIDs: importing it again updates the events)."""
    from icalendar import Calendar

    plan = assess_case(SAMPLES / case)
    out = runner.invoke(app, ["assess", str(SAMPLES / case), "--format", "ics"])
    assert out.exit_code == 0, out.stderr
    calendar = Calendar.from_ical(out.stdout)
    events = list(calendar.walk("VEVENT"))
    assert [(e.decoded("dtstart"), str(e.get("summary"))) for e in events] == [(s.day, s.text) for s in plan.timeline]
    for event, step in zip(events, plan.timeline, strict=True):
        assert event.decoded("dtend") == step.day + timedelta(days=1)  # all day
        assert step.rule in str(event.get("description"))
    assert len({str(e.get("uid")) for e in events}) == len(events)
    assert runner.invoke(app, ["assess", str(SAMPLES / case), "--format", "ics"]).stdout == out.stdout
    target = tmp_path / "plan.ics"
    written = runner.invoke(app, ["assess", str(SAMPLES / case), "-o", str(target)])
    assert written.exit_code == 0 and target.read_text(encoding="utf-8") == out.stdout


def test_a_notice_goes_as_a_letter_where_the_contract_rules_e_mail_out(tmp_path: Path) -> None:
    """New user, round 7 (a German Werkvertrag: "Kündigungen bedürfen der Schriftform; eine E-Mail genügt nicht"): the
    deadline notice that ends the contract was drafted as a message, with no word that an e-mail would not do."""
    text = (SAMPLES / "en-webdesign-hardened.md").read_text(encoding="utf-8")
    ruled_out = _assess_text(
        tmp_path, text + "\n\n14. Notices of termination must be given by signed letter; e-mail is not sufficient.\n"
    )
    step = next(s for s in ruled_out.timeline if s.key == "notice")
    assert "Send it as a signed letter too" in step.text
    assert "e-mail is not sufficient" in step.text
    plain = _assess_text(tmp_path, text)
    assert "signed letter" not in next(s for s in plain.timeline if s.key == "notice").text


def test_a_rate_for_business_clients_only_is_not_shown_for_a_consumer(tmp_path: Path) -> None:
    """New user, round 7 (German UX design terms for consumers too): the plan showed "Verspätete Zahlungen sind mit 9
    Prozentpunkten über dem Basiszinssatz zu verzinsen" for a consumer, where the clause gives that rate against
    businesses only ("Gegenüber Unternehmern gilt: …")."""
    contract = tmp_path / "terms.md"
    contract.write_text(
        "# Design Terms\n\n1. Payment. Invoices are payable within 14 days.\n\n2. Late payment. On business bookings "
        "we reserve the right to claim interest on late payments at 8% over the Bank of England base rate.\n",
        encoding="utf-8",
    )
    for client_type, shown in (("consumer", False), ("business", True)):
        a = assess_case(
            _case(tmp_path, contract=str(contract), client_type=client_type, invoiced=Decimal(4000), paid=Decimal(0))
        )
        late = next(p for p in a.positions if p.clause == "late_payment")
        assert ("for business clients only" not in late.meaning) is shown, late.meaning


def test_a_clause_the_contract_excludes_is_not_called_merely_absent(tmp_path: Path) -> None:
    """New user, round 8 (a US agency retainer): "Client's silence or failure to respond shall not be deemed approval
    of any material" was "✘ Deemed acceptance: Not in the contract"; the plan says the contract excludes it and
    quotes the words."""
    a = _assess_text(
        tmp_path,
        "# Agreement\n\n## 5. Approvals\n\n5.1 Agency will submit campaign materials to Client for written approval. "
        "Client's silence or failure to respond shall not be deemed approval of any material.\n",
    )
    da = next(p for p in a.positions if p.clause == "deemed_acceptance")
    assert da.status == "missing" and da.meaning.startswith("The contract excludes it")
    assert da.quote is not None and "shall not be deemed approval" in da.quote
