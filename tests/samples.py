"""The bundled samples, their metadata (front matter of the Markdown version) and their generator."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ghostproof_samples_build", SAMPLES / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


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
