"""``flask --app app import-inventory CASE_REF FILE [--redactions FILE] [--documents DIR] [--organisation NAME]``."""

import csv
import json
from datetime import date

import pytest
from sqlmodel import func, select

from zienswijze.db import Case, Document, ProposedRedaction
from zienswijze.db.session import new_session
from zienswijze.demo.loader import DEMO_DATA
from zienswijze.demo.pdfs import text_pdf
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.context import Actor
from zienswijze.services.imports import import_stakeholders

REFERENCE = "A-2024-136"


def make_case(app, organisation: str) -> None:
    with app.app_context(), new_session() as session:
        body = ensure_organisation(session, organisation)
        session.flush()
        case = Case(organisation_id=body.id, reference=REFERENCE, subject="Dashboard", received=date(2024, 4, 8))
        session.add(case)
        session.commit()
        import_stakeholders(
            session,
            Actor.system("test", body.id),
            case_id=case.id,
            table=("belanghebbenden.csv", (DEMO_DATA / "belanghebbenden.csv").read_bytes()),
        )


@pytest.fixture
def demo_pdfs(tmp_path):
    """The demo documents as PDFs named by their number, beside a note that is not a PDF."""
    folder = tmp_path / "pdf"
    folder.mkdir()
    texts = json.loads((DEMO_DATA / "documenten.json").read_text(encoding="utf-8"))
    with (DEMO_DATA / "inventaris.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            (folder / f"document-{int(row['nummer']):03d}.pdf").write_bytes(text_pdf("stuk", texts[row["nummer"]]))
    (folder / "lees mij.txt").write_text("Stukken voor het Woo-verzoek.")
    return folder


def counts(app) -> tuple[int, int]:
    with app.app_context(), new_session() as session:
        documents = session.exec(select(func.count()).select_from(Document)).one()
        return documents, session.exec(select(func.count()).select_from(ProposedRedaction)).one()


def test_the_demo_inventory_imports_with_its_redactions_and_pdfs(app, runner, demo_pdfs):
    make_case(app, "Gemeente A")
    result = runner.invoke(
        args=[
            "import-inventory",
            REFERENCE,
            str(DEMO_DATA / "inventaris.csv"),
            "--redactions",
            str(DEMO_DATA / "lakvoorstel.csv"),
            "--documents",
            str(demo_pdfs),
        ]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"imported into {REFERENCE}: 43 documents, 43 PDFs, 123 proposed redactions, 12 stakeholder concerns"
    ]
    assert counts(app) == (43, 123)


def test_a_bad_file_exits_1_listing_every_error_and_imports_nothing(app, runner, tmp_path):
    make_case(app, "Gemeente A")
    bad = tmp_path / "inventaris.csv"
    bad.write_text("nummer;omschrijving;beoordeling\n1;Memo;geheim\n1;;openbaar\n", encoding="utf-8")
    result = runner.invoke(args=["import-inventory", REFERENCE, str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "inventaris.csv, regel 2, kolom beoordeling: 'geheim' is geen beoordeling; kies openbaar, deels openbaar, "
        "niet openbaar, reeds openbaar, buiten scope of dubbel.",
        "inventaris.csv, regel 3, kolom nummer: Nummer 1 staat ook op regel 2.",
        "inventaris.csv, regel 3, kolom omschrijving: Vul een omschrijving in.",
        "nothing was imported: 3 errors",
    ]
    assert counts(app) == (0, 0)


def test_a_reference_used_by_two_organisations_needs_the_organisation(app, runner, tmp_path):
    make_case(app, "Gemeente A")
    make_case(app, "Gemeente B")
    inventory = tmp_path / "inventaris.csv"
    inventory.write_text("nummer,omschrijving,beoordeling\n1,Memo,openbaar\n", encoding="utf-8")
    ambiguous = runner.invoke(args=["import-inventory", REFERENCE, str(inventory)])
    chosen = runner.invoke(args=["import-inventory", REFERENCE, str(inventory), "--organisation", "Gemeente B"])
    assert ambiguous.exit_code == 1 and "several organisations (Gemeente A, Gemeente B)" in ambiguous.output
    assert chosen.exit_code == 0 and "1 documents" in chosen.output


def test_an_unknown_reference_is_explained(app, runner, tmp_path):
    inventory = tmp_path / "inventaris.csv"
    inventory.write_text("nummer,omschrijving,beoordeling\n1,Memo,openbaar\n", encoding="utf-8")
    result = runner.invoke(args=["import-inventory", "ONBEKEND-1", str(inventory)])
    assert result.exit_code == 1 and "there is no case ONBEKEND-1" in result.output
