"""OCR for PDF pages without a text layer (a signed scan): render the page with pypdfium2, read it with Tesseract
(``pytesseract``), and turn its lines into the same :class:`~.lines.Seg` runs a text layer gives — so columns,
running headers and footers, and paragraphs are found by the same code for both (:mod:`.columns`,
:mod:`.furniture`, :mod:`.paragraphs`).

Measured on this project's sample pages (2 cores, word-sequence similarity against the text layer): a clean render
reads equally well at 150-400 dpi (0.994). A scan (tests/scans.py: 200 dpi, JPEG, skew, salt-and-pepper noise)
reads at 0.84-0.97 as it is and at 0.98-0.99 after a 3x3 median filter, which is applied; 300 dpi read the first
page at 0.982 against 0.978 at 200 dpi, and is used, at 2-5 s a page. Tesseract's OpenMP threads make it about 6x
slower when the machine is busy (13 s a page), so it runs with one thread (``OMP_THREAD_LIMIT=1``); pages of a
batch run in parallel processes instead.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import E_OCR_MISSING, GhostproofError
from .lines import Seg

#: the resolution pages are rendered at for OCR
OCR_DPI = 300
#: the most pixels a page is rendered with (a page of 2 m × 2 m at 300 dpi would be 550 M pixels): larger pages
#: are rendered at a lower resolution so that memory stays bounded (~30 MB for a grey page)
MAX_PIXELS = 30_000_000
#: languages for the first page, when nothing says which the contract is in
BOTH = "eng+deu"
LANGS = {"en": "eng", "de": "deu"}
#: how to install Tesseract, one line per platform
INSTALL = (
    "Debian/Ubuntu: sudo apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-osd",
    "Fedora: sudo dnf install tesseract tesseract-langpack-eng tesseract-langpack-deu tesseract-osd",
    "macOS: brew install tesseract tesseract-lang",
    "Windows: winget install UB-Mannheim.TesseractOCR (and add it to PATH)",
)


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: its runs of text (PDF points, y upwards), its height, and the mean word confidence
    (0-100) of the words it read."""

    segs: list[Seg]
    height: float
    confidence: float
    words: int


def tesseract_ready(langs: Sequence[str] = ("eng", "deu")) -> str | None:
    """None when Tesseract and the languages are installed, else what is missing (a short phrase)."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed"
    try:
        import pytesseract

        have = set(pytesseract.get_languages(config=""))
    except Exception:  # a broken installation: say it as missing
        return "Tesseract does not run"
    missing = [lang for lang in langs if lang not in have]
    return f"Tesseract has no {'/'.join(missing)} language data" if missing else None


def missing_error(path: object, why: str) -> GhostproofError:
    return GhostproofError(
        E_OCR_MISSING,
        f"the PDF has pages without a text layer (a scan) and {why} to read them",
        path=str(path),
        hint="install it (below), or run with --no-ocr to read only the pages that have text",
        details=INSTALL,
    )


def _render(page: Any) -> tuple[Any, float]:
    """The page as a grey image, and the scale it was rendered at (pixels per point)."""
    width, height = page.get_size()
    scale = OCR_DPI / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / max(width * height, 1.0)) ** 0.5
    from PIL import ImageFilter

    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil().filter(ImageFilter.MedianFilter(3)), scale  # scanner noise off, letters kept
    finally:
        bitmap.close()


_ROTATE = re.compile(r"Rotate:\s*(\d+)")


def _upright(image: Any) -> Any:
    """The image turned upright, as Tesseract's orientation detection (OSD) says; unchanged when it cannot tell."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=20")
    except pytesseract.TesseractError:  # too little text to tell: leave it
        return image
    m = _ROTATE.search(osd)
    angle = int(m.group(1)) if m else 0
    return image.rotate(-angle, expand=True) if angle in (90, 180, 270) else image


def _even_sizes(segs: list[Seg]) -> None:
    """Word boxes differ with ascenders and descenders, so OCR sizes scatter where a text layer's are one: lines
    within a quarter of the page's usual size get that size (a heading set larger keeps its own)."""
    if not segs:
        return
    usual = sorted(s.size for s in segs)[len(segs) // 2]
    for s in segs:
        s.size = round(usual if abs(s.size - usual) <= 0.25 * usual else s.size, 1)


def ocr_page(page: Any, lang: str = BOTH) -> OcrPage:
    """Read one PDF page by OCR (``lang`` in Tesseract's names, e.g. "eng", "deu", "eng+deu")."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image, scale = _render(page)
    image = _upright(image)
    data = pytesseract.image_to_data(image, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT)
    height_pt = image.height / scale
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][i]) >= 0:
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    segs: list[Seg] = []
    confidences: list[float] = []
    for words in lines.values():
        left = min(data["left"][i] for i in words)
        right = max(data["left"][i] + data["width"][i] for i in words)
        top = min(data["top"][i] for i in words)
        bottom = max(data["top"][i] + data["height"][i] for i in words)
        # the baseline: where most words end (a word with a descender ends lower)
        base = sorted(data["top"][i] + data["height"][i] for i in words)[len(words) // 2]
        x_height = sorted(data["height"][i] for i in words)[len(words) // 2]  # the median word's height
        text = " ".join(data["text"][i].strip() for i in words)
        confidences += [float(data["conf"][i]) for i in words]
        segs.append(
            Seg(
                text=text,
                x0=left / scale,
                x1=right / scale,
                bottom=height_pt - bottom / scale,
                top=height_pt - top / scale,
                base=height_pt - base / scale,
                size=x_height / scale / 0.75,  # a word's box is about 3/4 of the font size
                bold=False,
            )
        )
    _even_sizes(segs)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrPage(segs, height_pt, round(mean, 1), len(confidences))
