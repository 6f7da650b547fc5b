"""Page images: cold renders against the cache, one at a time and sixteen in parallel, with peak memory.

Works on the file store as the stakeholder's page-image route does (``page_png``: the cache, else one
render at a time per process), without the HTTP server and the database in between. Peak memory is the
process's maximum resident size (``ru_maxrss``) after each phase: pdfium's pixels are native memory, so
tracemalloc would not see them. Run ``.venv/bin/python -m bench.page_images --help``; see bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fpdf import FPDF

from bench.support import elapsed_ms, peak_mb
from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.page_images import Mark, page_png
from zienswijze.files.pdfs import NotAPdf, inspect_pdf
from zienswijze.files.store import path_for

PARAGRAPH = (
    "Van: S. Visser, senior onderzoeker bij de afdeling Ruimte. Bereikbaar op 06-28773416. "
    "Betreft de planning van het dashboard, de afspraken met de leverancier en de kosten. " * 4
)
MARKS = [Mark("S. Visser", "5.1.2e"), Mark("06-28773416", "5.1.2e")]


def poster(width: int, height: int) -> bytes:
    """One page of that size in points with 60 lines of large text."""
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.add_page()
    pdf.set_font("Helvetica", size=48)
    for row in range(60):
        pdf.text(72, 120 + row * 52, f"Affiche, regel {row + 1}: S. Visser, 06-28773416")
    return bytes(pdf.output())


def store(upload_dir: Path, data: bytes) -> str:
    sha256 = hashlib.sha256(data).hexdigest()
    path_for(upload_dir, sha256).parent.mkdir(parents=True, exist_ok=True)
    path_for(upload_dir, sha256).write_bytes(data)
    return sha256


def timed(upload_dir: Path, sha256: str, page: int) -> float:
    return elapsed_ms(lambda: page_png(upload_dir, sha256, page, MARKS))


def summary(name: str, millis: list[float], wall: float | None = None) -> str:
    ordered = sorted(millis)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    line = f"{name:<34} n={len(millis):<4} p50 {statistics.median(ordered):8.1f} ms   p99 {p99:8.1f} ms"
    if wall is not None:
        line += f"   wall {wall:7.2f} s"
    return f"{line}   peak RSS {peak_mb():6.0f} MB"


def upload_check(data: bytes) -> float:
    def check() -> None:
        with contextlib.suppress(NotAPdf):
            inspect_pdf(data)

    return elapsed_ms(check)


def parallel(upload_dir: Path, sha256: str, pages: list[int], workers: int) -> tuple[list[float], float]:
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        millis = list(pool.map(lambda page: timed(upload_dir, sha256, page), pages))
    return millis, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=48, help="pages of the A4 document (default 48)")
    parser.add_argument("--parallel", type=int, default=16, help="parallel requests (default 16)")
    options = parser.parse_args()

    document = text_pdf("Verslag", [[f"Pagina {n}.", PARAGRAPH, PARAGRAPH] for n in range(options.pages)])
    print(f"baseline{'':<27}peak RSS {peak_mb():6.0f} MB")
    print(f"upload check, {options.pages} A4 pages:{'':<8}{upload_check(document):8.1f} ms")
    print(f"upload check, 14400 pt page:{'':<8}{upload_check(poster(14400, 14400)):8.1f} ms (refused)")
    with tempfile.TemporaryDirectory() as directory:
        upload_dir = Path(directory)
        sha256 = store(upload_dir, document)
        pages = list(range(1, options.pages + 1))
        print(summary("A4, cold, one at a time", [timed(upload_dir, sha256, page) for page in pages]))
        print(summary("A4, cached, one at a time", [timed(upload_dir, sha256, page) for page in pages]))
        largest = store(upload_dir, poster(2384, 3370))  # A0: the largest page the default limits accept
        print(summary("A0 (largest accepted), cold", [timed(upload_dir, largest, 1)]))
        print(summary("A0 (largest accepted), cached", [timed(upload_dir, largest, 1)]))

        fresh = store(upload_dir, text_pdf("Verslag 2", [[f"Blad {n}.", PARAGRAPH] for n in range(options.parallel)]))
        burst = list(range(1, options.parallel + 1))
        print(
            summary(f"A4, cold, {options.parallel} in parallel", *parallel(upload_dir, fresh, burst, options.parallel))
        )
        print(
            summary(
                f"A4, cached, {options.parallel} in parallel", *parallel(upload_dir, fresh, burst, options.parallel)
            )
        )

        sizes = [p.stat().st_size for p in (upload_dir / "pages").rglob("*.png")]
        print(f"cache: {len(sizes)} images, {sum(sizes) / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
