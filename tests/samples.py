"""The bundled samples, their metadata (front matter of the Markdown version) and their generator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from scripts import load_script

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _load_build() -> ModuleType:
    return load_script("samples/build.py", "ghostproof_samples_build")


build = _load_build()
NAMES: list[str] = list(build.SAMPLES)
FAMILIES: tuple[str, ...] = tuple(build.FAMILIES)
FORMATS = ("md", "docx", "pdf")


@dataclass(frozen=True)
class Sample:
    name: str
    meta: dict[str, Any]

    def path(self, fmt: str) -> Path:
        return SAMPLES / f"{self.name}.{fmt}"


def load(name: str) -> Sample:
    meta, _ = build.parse_front_matter((SAMPLES / f"{name}.md").read_text(encoding="utf-8"))
    return Sample(name, meta)
