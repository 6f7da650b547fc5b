"""The files a handler imports for a case of a given size: inventory, proposed redactions, real PDFs.

Every document has two pages with a text layer; each proposed redaction is a passage on its page, so
the import finds every passage and warns about none, as with a well-made redaction proposal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from zienswijze.demo.pdfs import text_pdf

INVENTORY_COLUMNS = ["nummer", "datum", "omschrijving", "beoordeling", "gronden", "bestand"]
REDACTION_COLUMNS = ["document", "pagina", "passage", "grond", "toelichting"]
FIRST_DAY = date(2019, 1, 2)


@dataclass(frozen=True)
class CaseFiles:
    inventory: Path
    redactions: Path
    documents: Path


def passages(number: int, count: int) -> list[tuple[int, str]]:
    """``count`` (page, passage) pairs of document ``number``, alternating between its two pages."""
    return [(1 + index % 2, f"P. Persoon-{number}-{index}") for index in range(count)]


def write_case_files(folder: Path, *, documents: int, redactions: int) -> CaseFiles:
    """The inventory, the redactions spread evenly over the documents, and one PDF per document."""
    pdf_folder = folder / "pdf"
    pdf_folder.mkdir(parents=True)
    inventory, proposals = io.StringIO(), io.StringIO()
    rows = csv.writer(inventory, lineterminator="\n")
    rows.writerow(INVENTORY_COLUMNS)
    marks = csv.writer(proposals, lineterminator="\n")
    marks.writerow(REDACTION_COLUMNS)
    for number in range(1, documents + 1):
        count = redactions // documents + (1 if number <= redactions % documents else 0)
        found = passages(number, count)
        name = f"document-{number:05d}.pdf"
        day = FIRST_DAY + timedelta(days=number % 900)
        rows.writerow(
            [number, day.isoformat(), f"E-mail {number} over het dashboard", "deels openbaar", "5.1.2e", name]
        )
        for page, passage in found:
            marks.writerow([number, page, passage, "5.1.2e", "Naam van een medewerker."])
        pages = [[f"Document {number}, pagina {page}."] + [p for on, p in found if on == page] for page in (1, 2)]
        (pdf_folder / name).write_bytes(text_pdf(f"Document {number}", pages))
    files = CaseFiles(folder / "inventaris.csv", folder / "lakvoorstel.csv", pdf_folder)
    files.inventory.write_text(inventory.getvalue(), encoding="utf-8")
    files.redactions.write_text(proposals.getvalue(), encoding="utf-8")
    return files
