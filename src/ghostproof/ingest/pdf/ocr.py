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


#: what Tesseract reads a list bullet (•) as, when it stands alone at the start of a line: a line's first word is
#: never one of these in English or German text, so it is read as the bullet it was (and the list item found as
#: for a text layer); measured on the samples' scans: ®, ¢, e, «, ©
BULLET_MISREADS = frozenset({"®", "¢", "©", "«", "»", "°", "e", "o", "¤", "@", "*", "+", "•", "·", "eo", "oe"})


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


#: the width a page is shrunk to for measuring its skew (0.2 s a page; the angle is the same as at full size)
SKEW_WIDTH = 1000
#: a page skewed less than this is read as it is (Tesseract follows a slight slant; turning blurs a little)
SKEW_MIN_DEGREES = 1.0


def _straight(image: Any) -> Any:
    """The image turned straight when it was scanned crooked: the skew is measured by the ``deskew`` library (a
    Hough transform of the text's edges, on a copy 1,000 pixels wide) and undone with Pillow. Measured on the
    consulting sample turned by 6°: 0.75 word similarity as it is; up to 4° Tesseract reads a page as well as a
    straight one."""
    import numpy as np
    from deskew import determine_skew
    from PIL import Image

    small = image.resize((SKEW_WIDTH, max(1, round(image.height * SKEW_WIDTH / image.width))))
    angle = determine_skew(np.asarray(small))
    if angle is None or abs(angle) < SKEW_MIN_DEGREES:
        return image
    return image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)


def _even_sizes(segs: list[Seg]) -> None:
    """Word boxes differ with ascenders and descenders, so OCR sizes scatter where a text layer's are one: lines
    within a quarter of the page's usual size get that size (a heading set larger keeps its own)."""
    if not segs:
        return
    usual = sorted(s.size for s in segs)[len(segs) // 2]
    for s in segs:
        s.size = round(usual if abs(s.size - usual) <= 0.25 * usual else s.size, 1)


#: a page read with a mean word confidence below this is read again turned round (see :func:`ocr_page`); clean
#: scans read at 85-95, noisy ones at 75-85
RETRY_BELOW = 65.0


def _words(image: Any, lang: str) -> dict[str, list[Any]]:
    import pytesseract

    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT
    )
    return data


def _mean_confidence(data: dict[str, list[Any]]) -> float:
    scores = [float(c) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip() and float(c) >= 0]
    return sum(scores) / len(scores) if scores else 0.0


def ocr_page(page: Any, lang: str = BOTH) -> OcrPage:
    """Read one PDF page by OCR (``lang`` in Tesseract's names, e.g. "eng", "deu", "eng+deu")."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image, scale = _render(page)
    image = _upright(_straight(image))
    data = _words(image, lang)
    if _mean_confidence(data) < RETRY_BELOW:
        # Tesseract's orientation detection is unsure on some pages (an upside-down page read as upright, at 2-5
        # confidence): an upside-down page reads as nonsense at a low word confidence (40 against 90), so the page
        # turned round is read too and the better reading kept
        turned = image.rotate(180)
        again = _words(turned, lang)
        if _mean_confidence(again) > _mean_confidence(data):
            image, data = turned, again
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
        first = data["text"][words[0]].strip()
        bullet = len(words) > 1 and first in BULLET_MISREADS and data["width"][words[0]] <= 2 * x_height
        text = " ".join(["•"] * bullet + [data["text"][i].strip() for i in words[bullet:]])
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
