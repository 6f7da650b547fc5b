"""Bulk import of an inventory with its redactions and PDFs, and of stakeholders: all rows or none."""

import csv
import io
import json
from datetime import date

import openpyxl
import pytest
from sqlmodel import Session, func, select

from tests.helpers import statements_run
from zienswijze.db import AuditEvent, Case, Concern, Contact, Document, ProposedRedaction, Stakeholder, StoredFile
from zienswijze.demo.loader import DEMO_DATA
from zienswijze.demo.pdfs import text_pdf
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.context import Actor
from zienswijze.services.errors import NotFound
from zienswijze.services.imports import ImportRejected, import_stakeholders
from zienswijze.services.inventory_import import import_inventory

MAX_BYTES = 5 * 1024 * 1024
HEADER = "nummer,datum,omschrijving,beoordeling,gronden,link,belanghebbenden,dubbel_van\n"
MEMO = text_pdf("Memo", [["Van: T. Bos, senior onderzoeker.", "Bereikbaar op 06-80879513."], ["Bijlage."]])


def make_case(session: Session, organisation: str = "Gemeente A") -> Case:
    organisation = ensure_organisation(session, organisation)
    session.flush()
    case = Case(organisation_id=organisation.id, reference="A-2024-1", subject="Dashboard", received=date(2024, 4, 8))
    session.add(case)
    session.commit()
    return case


@pytest.fixture
def case(session):
    return make_case(session)


def stakeholders_table(body: str = "S1,Gemeente Voorbeeldstad,bestuursorgaan,woo@voorbeeldstad.example.org\n"):
    return ("belanghebbenden.csv", ("code,naam,soort,email\n" + body).encode())


def run_import(session, case, inventory, *, redactions=None, documents=None, tmp_path, name="inventaris.csv"):
    data = inventory if isinstance(inventory, bytes) else (HEADER + inventory).encode()
    return import_inventory(
        session,
        Actor.system("test", case.organisation_id),
        case_id=case.id,
        inventory=(name, data),
        redactions=("lakvoorstel.csv", redactions.encode()) if redactions else None,
        documents=documents or {},
        upload_dir=tmp_path,
        max_bytes=MAX_BYTES,
    )


def count(session, table, *where) -> int:
    return session.exec(select(func.count()).select_from(table).where(*where)).one()


def test_the_demo_inventory_imports_43_documents_with_their_pdfs_and_123_redactions(session, case, tmp_path):
    import_stakeholders(
        session,
        Actor.system("test", case.organisation_id),
        case_id=case.id,
        table=("belanghebbenden.csv", (DEMO_DATA / "belanghebbenden.csv").read_bytes()),
    )
    texts = json.loads((DEMO_DATA / "documenten.json").read_text(encoding="utf-8"))
    with (DEMO_DATA / "inventaris.csv").open(encoding="utf-8", newline="") as handle:
        pdfs = {
            f"{int(row['nummer']):03d} stuk.pdf": text_pdf("stuk", texts[row["nummer"]])
            for row in csv.DictReader(handle)
        }
    result = run_import(
        session,
        case,
        (DEMO_DATA / "inventaris.csv").read_bytes(),
        redactions=(DEMO_DATA / "lakvoorstel.csv").read_text(encoding="utf-8"),
        documents=pdfs,
        tmp_path=tmp_path,
    )
    assert (result.documents, result.files, result.redactions, result.concerns) == (43, 43, 123, 12)
    assert result.warnings == ()
    assert count(session, Document, Document.file_sha256.is_not(None)) == 43
    assert count(session, ProposedRedaction) == 123 and count(session, Concern) == 12


BAD_INVENTORY = (
    "1,2020-01-14,E-mail,deels openbaar,,,,\n"
    "1,14-1-2020,Notitie,openbaar,,,S9,\n"
    "x,31-02-2020,,geheim,5.1.9,,,\n"
    "4,,Nieuws,reeds openbaar,,ftp://example.org,,\n"
    "5,,Kopie,dubbel,,,,5\n"
    "6,,Goed,openbaar,,,,\n"
)


def test_a_bad_file_imports_nothing_and_reports_every_bad_row_with_its_line(session, case, tmp_path):
    with pytest.raises(ImportRejected) as rejected:
        run_import(
            session,
            case,
            BAD_INVENTORY,
            redactions="document,pagina,passage,grond\n6,1,Goed,5.1.2e\n9,0,,5.1.2x\n",
            documents={"notities.txt": b"geen pdf"},
            tmp_path=tmp_path,
        )
    assert [str(error) for error in rejected.value.issues] == [
        "inventaris.csv, regel 2, kolom gronden: Een document dat deels openbaar is, heeft ten minste één grond nodig.",
        "inventaris.csv, regel 3, kolom nummer: Nummer 1 staat ook op regel 2.",
        "inventaris.csv, regel 3, kolom belanghebbenden: Belanghebbende 'S9' bestaat niet in dit verzoek.",
        "inventaris.csv, regel 4, kolom nummer: 'x' is geen positief geheel getal.",
        "inventaris.csv, regel 4, kolom datum: '31-02-2020' is geen geldige datum; schrijf JJJJ-MM-DD of D-M-JJJJ.",
        "inventaris.csv, regel 4, kolom omschrijving: Vul een omschrijving in.",
        "inventaris.csv, regel 4, kolom beoordeling: 'geheim' is geen beoordeling; kies openbaar, deels openbaar, "
        "niet openbaar, reeds openbaar, buiten scope of dubbel.",
        "inventaris.csv, regel 4, kolom gronden: '5.1.9' staat niet in de lijst met weigeringsgronden.",
        "inventaris.csv, regel 5, kolom link: 'ftp://example.org' is geen geldige link; begin met http:// of https://.",
        "inventaris.csv, regel 6, kolom dubbel_van: Een document kan geen dubbel van zichzelf zijn.",
        "notities.txt: Dit bestand is geen PDF.",
        "lakvoorstel.csv, regel 3, kolom document: Document 9 staat niet in de inventaris of in dit verzoek.",
        "lakvoorstel.csv, regel 3, kolom pagina: '0' is geen positief geheel getal.",
        "lakvoorstel.csv, regel 3, kolom passage: Vul de passage in.",
        "lakvoorstel.csv, regel 3, kolom grond: '5.1.2x' staat niet in de lijst met weigeringsgronden.",
    ]
    session.rollback()
    assert count(session, Document) == 0 and count(session, ProposedRedaction) == 0
    assert count(session, AuditEvent, AuditEvent.kind == "documents.imported") == 0


def test_an_xlsx_inventory_with_a_file_name_column_attaches_each_pdf_by_that_name(session, case, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nummer", "Datum", "Omschrijving", "Beoordeling", "Gronden", "Bestand"])
    workbook.active.append([1, date(2020, 1, 14), "Memo", "deels openbaar", "5.1.2.e", "memo def.pdf"])
    workbook.active.append([2, None, "Brief", "openbaar", None, "brief.pdf"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    letter = text_pdf("Brief", [["Geachte heer, mevrouw."]])
    result = run_import(
        session,
        case,
        buffer.getvalue(),
        documents={"Memo DEF.pdf": MEMO, "brief.pdf": letter},
        tmp_path=tmp_path,
        name="inventaris.xlsx",
    )
    assert (result.documents, result.files, result.warnings) == (2, 2, ())
    documents = {d.number: d for d in session.exec(select(Document))}
    assert documents[1].document_date == date(2020, 1, 14) and documents[1].ground_codes == ["5.1.2e"]
    assert (documents[1].file_name, session.get(StoredFile, documents[1].file_sha256).page_count) == ("Memo DEF.pdf", 2)
    assert documents[2].file_name == "brief.pdf"


def test_a_passage_not_on_its_page_is_imported_with_a_warning(session, case, tmp_path):
    result = run_import(
        session,
        case,
        "1,,Memo,deels openbaar,5.1.2e,,,\n",
        redactions="document,pagina,passage,grond\n1,1,T. Bos,5.1.2e\n1,2,06-80879513,5.1.2e\n",
        documents={"001.pdf": MEMO},
        tmp_path=tmp_path,
    )
    assert result.redactions == 2
    assert [str(warning) for warning in result.warnings] == [
        "lakvoorstel.csv, regel 3, kolom passage: "
        "De passage staat niet op pagina 2 van document 1; controleer de tekst."
    ]


def test_a_page_beyond_the_end_of_the_pdf_rejects_the_import(session, case, tmp_path):
    with pytest.raises(ImportRejected) as rejected:
        run_import(
            session,
            case,
            "1,,Memo,deels openbaar,5.1.2e,,,\n",
            redactions="document,pagina,passage,grond\n1,3,T. Bos,5.1.2e\n",
            documents={"001.pdf": MEMO},
            tmp_path=tmp_path,
        )
    assert [str(e) for e in rejected.value.issues] == [
        "lakvoorstel.csv, regel 2, kolom pagina: Document 1 heeft 2 pagina's."
    ]


def test_redactions_may_refer_to_a_document_already_in_the_case(session, case, tmp_path):
    run_import(session, case, "1,,Memo,deels openbaar,5.1.2e,,,\n", documents={"001.pdf": MEMO}, tmp_path=tmp_path)
    result = run_import(
        session,
        case,
        "2,,Brief,openbaar,,,,\n",
        redactions="document,pagina,passage,grond\n1,1,Kantoor Utrecht,5.1.2e\n",
        tmp_path=tmp_path,
    )
    assert result.redactions == 1 and "pagina 1 van document 1" in str(result.warnings[0])


def test_concerns_are_made_for_stakeholders_of_the_case(session, case, tmp_path):
    import_stakeholders(
        session, Actor.system("test", case.organisation_id), case_id=case.id, table=stakeholders_table()
    )
    result = run_import(session, case, "1,,Verslag,openbaar,,,S1,\n", tmp_path=tmp_path)
    pair = session.exec(select(Stakeholder.code, Document.number).select_from(Concern).join(Stakeholder).join(Document))
    assert result.concerns == 1 and pair.all() == [("S1", 1)]


def test_an_unknown_stakeholder_code_rejects_the_import(session, case, tmp_path):
    with pytest.raises(ImportRejected) as rejected:
        run_import(session, case, "1,,Verslag,openbaar,,,S1,\n", tmp_path=tmp_path)
    assert [str(e) for e in rejected.value.issues] == [
        "inventaris.csv, regel 2, kolom belanghebbenden: Belanghebbende 'S1' bestaat niet in dit verzoek."
    ]


def test_a_pdf_that_fits_no_document_is_skipped_with_a_warning(session, case, tmp_path):
    result = run_import(session, case, "1,,Memo,openbaar,,,,\n", documents={"scan.pdf": MEMO}, tmp_path=tmp_path)
    assert result.files == 0
    assert [str(w) for w in result.warnings] == [
        "scan.pdf: De naam staat niet in de inventaris en begint niet met een documentnummer. "
        "Het bestand is overgeslagen."
    ]


def test_two_pdfs_for_one_document_are_both_skipped_with_a_warning(session, case, tmp_path):
    pdfs = {"1-concept.pdf": MEMO, "1-definitief.pdf": MEMO, "2.pdf": MEMO}
    result = run_import(
        session, case, "1,,Memo,openbaar,,,,\n2,,Brief,openbaar,,,,\n", documents=pdfs, tmp_path=tmp_path
    )
    assert result.files == 1
    reason = "Meer bestanden horen bij document 1: 1-concept.pdf, 1-definitief.pdf. Het bestand is overgeslagen."
    assert sorted(str(w) for w in result.warnings) == [f"1-concept.pdf: {reason}", f"1-definitief.pdf: {reason}"]


def test_another_organisations_case_cannot_be_imported_into(session, case, tmp_path):
    other = ensure_organisation(session, "Gemeente B")
    session.commit()
    with pytest.raises(NotFound):
        import_inventory(
            session,
            Actor.system("test", other.id),
            case_id=case.id,
            inventory=("inventaris.csv", (HEADER + "1,,Memo,openbaar,,,,\n").encode()),
            redactions=None,
            documents={},
            upload_dir=tmp_path,
            max_bytes=MAX_BYTES,
        )
    assert count(session, Document) == 0


def test_the_import_records_one_audit_event_with_its_counts(session, case, tmp_path):
    run_import(session, case, "1,,Memo,openbaar,,,,\n2,,Brief,openbaar,,,,\n", tmp_path=tmp_path)
    event = session.exec(select(AuditEvent).where(AuditEvent.kind == "documents.imported")).one()
    assert (event.case_id, event.details["documents"], event.details["redactions"]) == (case.id, 2, 0)


def test_importing_stakeholders_adds_each_with_all_its_addresses(session, case):
    body = (
        "S1,Gemeente Voorbeeldstad,bestuursorgaan,woo@example.org; juridisch@example.org\n"
        "S2,J. Jansen,persoon,j@example.com\n"
    )
    result = import_stakeholders(
        session, Actor.system("test", case.organisation_id), case_id=case.id, table=stakeholders_table(body)
    )
    assert (result.stakeholders, result.contacts) == (2, 3)
    addresses = session.exec(select(Stakeholder.code, Contact.email).join(Contact).order_by(Contact.email)).all()
    assert addresses == [("S2", "j@example.com"), ("S1", "juridisch@example.org"), ("S1", "woo@example.org")]


def test_an_address_that_email_validator_refuses_rejects_the_stakeholder_import(session, case):
    with pytest.raises(ImportRejected) as rejected:
        import_stakeholders(
            session,
            Actor.system("test", case.organisation_id),
            case_id=case.id,
            table=stakeholders_table("S1,Bedrijf B.V.,bedrijf,info..bedrijf@example.com\n"),
        )
    assert [str(e) for e in rejected.value.issues] == [
        "belanghebbenden.csv, regel 2, kolom email: 'info..bedrijf@example.com' is geen geldig e-mailadres."
    ]
    assert count(session, Stakeholder) == 0


def test_a_stakeholder_code_already_in_the_case_rejects_the_stakeholder_import(session, case):
    import_stakeholders(
        session, Actor.system("test", case.organisation_id), case_id=case.id, table=stakeholders_table()
    )
    with pytest.raises(ImportRejected) as rejected:
        import_stakeholders(
            session, Actor.system("test", case.organisation_id), case_id=case.id, table=stakeholders_table()
        )
    assert [str(e) for e in rejected.value.issues] == [
        "belanghebbenden.csv, regel 2, kolom code: Belanghebbende S1 bestaat al in dit verzoek."
    ]


def test_an_import_reads_and_adds_its_stored_files_in_one_statement_each_however_many_pdfs(session, case, tmp_path):
    documents = {f"{n:03d}.pdf": text_pdf(f"Document {n}", [[f"Inhoud {n}."]]) for n in range(1, 31)}
    inventory = "".join(f"{n},2024-03-01,Document {n},Openbaar,,,,\n" for n in range(1, 31))
    with statements_run(session.get_bind()) as run:
        result = run_import(session, case, inventory, documents=documents, tmp_path=tmp_path)
    statements = [statement.split()[0] for statement, _ in run if "stored_files" in statement]
    assert result.files == 30
    assert sorted(statements) == ["INSERT", "SELECT"]
