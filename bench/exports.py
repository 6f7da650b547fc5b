"""Seconds and peak memory to write the inventory list of a big case (5,000 documents) as XLSX and CSV.

The sheet is built in memory from fixed rows shaped like the inventory's (a number, text, a date, a
link), so only the writers are measured. Run ``.venv/bin/python -m bench.exports --help``.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta

from zienswijze.services.exports import Sheet, csv_bytes, xlsx_bytes

COLUMNS = ("Document ID", "Document naam", "Datum", "Beoordeling", "Grond", "Opmerkingen", "Link")


def big_sheet(rows: int) -> Sheet:
    first = date(2024, 1, 1)
    return Sheet(
        COLUMNS,
        [
            (
                number,
                f"E-mail over het dashboard, deel {number}",
                first + timedelta(days=number % 365),
                "Deels openbaar",
                "5.1.2e",
                "Persoonsgegevens van medewerkers weggelakt",
                f"https://open.example.org/document/{number}",
            )
            for number in range(1, rows + 1)
        ],
    )


def measure(write: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    """p50 seconds, peak traced memory in MB of one run, and the size of the file."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        body = write()
        seconds.append(time.perf_counter() - started)
    tracemalloc.start()
    write()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(seconds), peak / 1e6, len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000, help="rows in the sheet (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per writer (default 3)")
    options = parser.parse_args()
    sheet = big_sheet(options.rows)
    print(f"{'writer':<8} {'p50 s':>8} {'peak MB':>8} {'file KB':>8}   ({options.rows} rows)")
    for name, write in (("xlsx", lambda: xlsx_bytes(sheet, "Inventarislijst")), ("csv", lambda: csv_bytes(sheet))):
        seconds, peak, size = measure(write, options.runs)
        print(f"{name:<8} {seconds:>8.2f} {peak:>8.1f} {size / 1000:>8.0f}")


if __name__ == "__main__":
    main()
