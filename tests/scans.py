"""Scanned versions of text PDFs, as a signed copy comes back from a scanner: each page rendered to an image, turned
by a small skew (or a quarter turn), sprinkled with noise, JPEG-compressed, and put back into an image-only PDF.
Seeded: the same arguments give the same file. Used by the OCR tests and bench/ocr_fidelity.py.

    python tests/scans.py IN.pdf OUT.pdf [--pages 1,3] [--seed 0] [--skew 0.8] [--rotate 90] [--tilt 4]
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Sequence
from pathlib import Path


def make_scan(
    source: Path,
    target: Path,
    *,
    pages: Sequence[int] | None = None,
    seed: int = 0,
    dpi: int = 200,
    skew: float = 0.8,
    noise: float = 0.002,
    quality: int = 70,
    rotate: int = 0,
    tilt: float = 0.0,
    keep_text: Sequence[int] = (),
) -> Path:
    """``target``: the 1-based ``pages`` of ``source`` (default all) as scanned images; the pages in ``keep_text``
    are copied with their text layer instead (a mixed PDF: typed pages and a scanned signature page). ``tilt``
    turns every page by that many degrees more (a page fed crooked into the scanner), on top of the random skew."""
    import pypdfium2 as pdfium
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(source))
    numbers = list(pages or range(1, len(pdf) + 1))
    writer = PdfWriter()
    typed = PdfReader(source)
    for number in numbers:
        if number in keep_text:
            writer.add_page(typed.pages[number - 1])
            continue
        page = pdf[number - 1]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        angle = rng.uniform(-skew, skew) + rotate + tilt
        image = image.rotate(angle, expand=bool(rotate or tilt), fillcolor=255, resample=Image.Resampling.BILINEAR)
        pixels = image.load()
        assert pixels is not None
        for _ in range(int(image.width * image.height * noise)):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = 0 if rng.random() < 0.5 else 255
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        buffer.seek(0)
        one = io.BytesIO()
        Image.open(buffer).save(one, "PDF", resolution=dpi)
        one.seek(0)
        writer.add_page(PdfReader(one).pages[0])
    with target.open("wb") as out:
        writer.write(out)
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--pages", default="")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skew", type=float, default=0.8)
    ap.add_argument("--rotate", type=int, default=0)
    ap.add_argument("--tilt", type=float, default=0.0)
    args = ap.parse_args()
    pages = [int(p) for p in args.pages.split(",") if p.strip()] or None
    make_scan(args.source, args.target, pages=pages, seed=args.seed, skew=args.skew, rotate=args.rotate, tilt=args.tilt)


if __name__ == "__main__":
    main()
