"""The bundled samples and their metadata (front matter of the Markdown version)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NAMES = [
    "en-webdesign-hardened",
    "en-software-bare",
    "en-consulting-mixed",
    "de-webdesign-mixed",
    "de-softwareentwicklung-hardened",
    "de-beratung-bare",
]
FORMATS = ("md", "docx", "pdf")
FAMILIES = (
    "deemed_acceptance",
    "hourly_conversion",
    "termination",
    "payment_terms",
    "late_payment",
    "kill_fee",
    "client_cooperation",
    "dormancy",
    "ip_on_payment",
)


@dataclass(frozen=True)
class Sample:
    name: str
    meta: dict[str, Any]

    def path(self, fmt: str) -> Path:
        return SAMPLES / f"{self.name}.{fmt}"


def load(name: str) -> Sample:
    text = (SAMPLES / f"{name}.md").read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{name}.md has no front matter"
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    return Sample(name, meta)
