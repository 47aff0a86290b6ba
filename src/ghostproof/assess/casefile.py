"""Case files written for a person: the field list of ``assess --help``, the ``--template`` to fill in, and the
case the interview saves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .case import Case


def fields_help() -> str:
    """The case file's fields for ``assess --help``: required ones first, each with what it means (click keeps
    the lines of a paragraph that starts with ``\\b`` as they are)."""
    fields = Case.model_fields
    width = max(len(n) for n in fields) + 2

    def block(title: str, names: list[str]) -> str:
        return "\b\n" + title + "\n" + "\n".join(f"  {n:<{width}}{fields[n].description}" for n in names)

    return "\n\n".join(
        [
            "Case file fields (TOML; dates as YYYY-MM-DD, amounts in the currency; an example is "
            "samples/case-en-delivered.toml in the source repository):",
            block("Required:", [n for n, f in fields.items() if f.is_required()]),
            block("Optional:", [n for n, f in fields.items() if not f.is_required()]),
        ]
    )


#: example values of the template, per language where they differ
_EXAMPLES: dict[str, dict[str, str]] = {
    "en": {
        "contract": '"contract.pdf"',
        "your_name": '"Your Name"',
        "client": '"Client Inc."',
        "client_contact": '"Alex"',
        "client_email": '"alex@client.example"',
        "language": '"en"',
        "jurisdiction": '"US"',
        "client_type": '"business"',
        "stage": '"delivered"',
        "percent_complete": "100",
        "fee_model": '"flat"',
        "currency": '"USD"',
        "agreed": "6000",
        "invoiced": "3000",
        "paid": "3000",
        "hours_invested": "70",
        "hourly_rate": "85",
        "revenue_share": "20",
        "goal": '"get_paid"',
        "base_rate": "2.5",
        "region": '"US-NY"',
        "contract_type": '"werkvertrag"',
        "missing_cooperation": '"the texts and photos for the home page"',
    },
    "de": {
        "contract": '"vertrag.pdf"',
        "your_name": '"Ihr Name"',
        "client": '"Kunde GmbH"',
        "client_contact": '"Frau Beispiel"',
        "client_email": '"kontakt@kunde.example"',
        "language": '"de"',
        "jurisdiction": '"DE"',
        "currency": '"EUR"',
        "hourly_rate": "95",
        "base_rate": "1.27",
        "region": '"DE-SN"',
        "missing_cooperation": '"die Texte und Bilder für die Startseite"',
    },
}


def case_template(lang: str = "en") -> str:
    """A case file to fill in: every field with what it means; required ones set to examples, optional ones
    commented out. Dates are today's (and delivery a week ago)."""
    from datetime import timedelta

    today = date.today()
    examples = {**_EXAMPLES["en"], **(_EXAMPLES["de"] if lang == "de" else {})}
    examples |= {
        "delivered_on": (today - timedelta(days=7)).isoformat(),
        "invoice_date": (today - timedelta(days=30)).isoformat(),
        "last_contact": (today - timedelta(days=6)).isoformat(),
        "last_message": (today - timedelta(days=4)).isoformat(),
        "today": today.isoformat(),
    }
    lines = [
        "# A ghostproof case file: the facts of a client who went silent. Fill it in, then run:",
        "#   ghostproof assess THIS-FILE.toml",
        "# Required fields are set to examples: replace them. Optional ones start with # : remove it to use one.",
        "# Dates are YYYY-MM-DD; amounts are numbers in `currency` (4000 or 4000.50, no thousands separators).",
        "",
    ]
    for name, field in Case.model_fields.items():
        lines.append(f"# {field.description}")
        value = examples.get(name, '""')
        prefix = "" if field.is_required() or name == "delivered_on" else "# "
        lines.append(f"{prefix}{name} = {value}")
    return "\n".join(lines) + "\n"


def dump_case(case: Case) -> str:
    """The case as TOML (for ``assess --interactive``), fields in their documented order."""
    lines = ["# ghostproof case file: the facts of a client who went silent (see samples/case-*.toml)"]
    for name, value in case.model_dump(exclude_none=True).items():
        lines.append(f"{name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
