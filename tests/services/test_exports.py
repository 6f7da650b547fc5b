"""The exports re-read with csv and openpyxl and compared field by field with what the record holds."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.weighing_case import consulted_after_the_terms, letter_posted, weigh_all
from zienswijze.db import Case, Document, StoredFile
from zienswijze.db.session import new_session
from zienswijze.domain.cases import Assessment
from zienswijze.services import decision, exports
from zienswijze.services.context import Actor
from zienswijze.services.documents import register_document
from zienswijze.services.errors import Invalid

# Made known Friday 26 July 2024: held documents follow on Saturday 10 August 2024.
ANNOUNCED = date(2024, 7, 26)


@pytest.fixture
def decided(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        register_document(
            session,
            Actor.system("test", case.organisation_id),
            case_id=case.id,
            number=3,
            title="Nieuwsbericht",
            document_date=date(2019, 12, 17),
            assessment="reeds openbaar",
            ground_codes=[],
            link="https://www.cbs.nl/nieuws",
            pdf=None,
            file_name=None,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            max_bytes=10_000_000,
        )
    weigh_all(app, consulted, "niet gehonoreerd")
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        decision.record_decision(
            session,
            Actor.user(case.organisation_id, 1),
            case_id=case.id,
            decided_on=ANNOUNCED,
            announced_on=ANNOUNCED,
            today=ANNOUNCED,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
        )
    letter_posted(app, consulted, ANNOUNCED)
    return consulted


def _build(app, decided, build, today=ANNOUNCED):
    with app.app_context(), new_session() as session:
        return build(session, session.get(Case, decided["case"]), today)


def test_the_inventory_csv_reads_back_field_by_field(app, decided):
    sheet = _build(app, decided, exports.inventory)
    data = exports.csv_bytes(sheet)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(exports.INVENTORY_COLUMNS)
    assert rows[1] == [
        "1",
        "",
        "Document van S1",
        "deels openbaar",
        "5.1.2e",
        "",
        "ja",
        "bezwaar niet gehonoreerd",
        "2024-08-10",
    ]
    assert rows[2] == [
        "2",
        "",
        "Document van S2",
        "deels openbaar",
        "5.1.2e",
        "",
        "ja",
        "geen zienswijze",
        "2024-08-10",  # S2 gave no view and may still object: held too (Woo art. 4.4 lid 5)
    ]
    assert rows[3] == [
        "3",
        "2019-12-17",
        "Nieuwsbericht",
        "reeds openbaar",
        "",
        "https://www.cbs.nl/nieuws",
        "nee",
        "",
        "",
    ]


def test_the_inventory_xlsx_has_a_header_row_filters_widths_and_the_same_rows(app, decided):
    sheet = _build(app, decided, exports.inventory)
    workbook = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(sheet, "Inventarislijst")))
    worksheet = workbook["Inventarislijst"]
    values = list(worksheet.iter_rows(values_only=True))
    assert values[0] == exports.INVENTORY_COLUMNS
    assert [tuple(_day(v) for v in row) for row in values[1:]] == [tuple(v or None for v in row) for row in sheet.rows]
    assert worksheet.auto_filter.ref == "A1:I4" and worksheet.freeze_panes == "A2"
    assert worksheet[1][0].font.bold
    assert worksheet.column_dimensions["C"].width >= len("Document van S1")


def test_the_productierapport_has_exactly_the_platform_columns_and_opgeschort_while_held(app, decided):
    workbook = openpyxl.load_workbook(
        io.BytesIO(exports.xlsx_bytes(_build(app, decided, exports.production_report), "Productierapport"))
    )
    rows = [[cell.value or "" for cell in row] for row in workbook.active.iter_rows()]
    assert rows[0] == [
        "ID", "Matter", "Family ID", "Email Thread ID", "Document", "File type", "Datum", "Beoordeling",
        "Opgeschort", "Beoordelingsgrond", "Toelichting", "Publieke link", "Gerelateerd ID", "Zaaknummer",
    ]  # fmt: skip
    assert rows[1] == [
        1,
        "W-2024-1",
        "",
        "",
        "Document van S1",
        "pdf",
        "",
        "Deels openbaar",
        "yes",
        "5.1.2e",
        "",
        "",
        "",
        "W-2024-1",
    ]
    assert rows[2][7:9] == ["Deels openbaar", "yes"]
    assert rows[3][7:12] == ["Reeds openbaar", "no", "", "", "https://www.cbs.nl/nieuws"]
    later = _build(app, decided, exports.production_report, today=date(2024, 8, 10))
    assert later.rows[0][8] == "no"


def test_a_pending_provisional_measure_keeps_opgeschort_after_the_two_weeks(app, decided):
    with app.app_context(), new_session() as session:
        case = session.get(Case, decided["case"])
        decision.set_provisional_measure(
            session,
            Actor.user(case.organisation_id, 1),
            case_id=case.id,
            document_id=ids(app, "S2")["document"],
            pending=True,
        )
    later = _build(app, decided, exports.production_report, today=date(2024, 9, 1))
    assert [row[8] for row in later.rows] == ["no", "yes", "no"]


def _day(value):
    """A date cell as openpyxl reads it back, a datetime at midnight, as the date it holds."""
    return value.date() if isinstance(value, datetime) else value


def _worksheet(sheet: exports.Sheet):
    return openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(sheet, "Blad"))).active


def test_the_inventory_xlsx_has_numbers_as_numbers_and_dates_as_dutch_dates(app, decided):
    worksheet = _worksheet(_build(app, decided, exports.inventory))
    number, document_date, disclosure = worksheet["A4"], worksheet["B4"], worksheet["I2"]
    assert (number.data_type, number.value) == ("n", 3)
    assert document_date.is_date and document_date.value == datetime(2019, 12, 17)
    assert disclosure.is_date and disclosure.value == datetime(2024, 8, 10)
    assert document_date.number_format == disclosure.number_format == "dd-mm-yyyy"
    assert worksheet["B2"].value is None  # no date: an empty cell, not an empty text


@pytest.mark.parametrize("build", [exports.inventory, exports.production_report])
def test_sorting_the_xlsx_by_document_number_orders_numerically(app, decided, build):
    _add(app, decided, Document(number=11, title="Elf"), Document(number=10, title="Tien"))
    worksheet = _worksheet(_build(app, decided, build))
    assert sorted(cell.value for cell in worksheet["A"][1:]) == [1, 2, 3, 10, 11]


def test_the_productierapport_xlsx_has_the_original_of_a_duplicate_as_a_number(app, decided):
    _add(app, decided, Document(number=4, title="Kopie", assessment=Assessment.DUBBEL, duplicate_of_number=1))
    worksheet = _worksheet(_build(app, decided, exports.production_report))
    assert worksheet["M5"].value == 1 and worksheet["M5"].data_type == "n" and worksheet["M2"].value is None


def test_a_formula_in_a_title_is_never_run_by_a_spreadsheet(app, decided):
    with app.app_context(), new_session() as session:
        document = session.exec(select(Document).where(Document.number == 3)).one()
        document.title = '=HYPERLINK("http://evil")'
        session.commit()
    sheet = _build(app, decided, exports.inventory)
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(sheet).decode("utf-8-sig")), delimiter=";"))
    assert rows[3][2].startswith("'=")


def _add(app, decided, *documents: Document) -> None:
    with app.app_context(), new_session() as session:
        for document in documents:
            document.case_id = decided["case"]
            session.add(document)
        session.commit()


def test_a_duplicate_has_the_platforms_ground_dubbel_and_points_to_its_original(app, decided):
    _add(app, decided, Document(number=4, title="Kopie", assessment=Assessment.DUBBEL, duplicate_of_number=1))
    row = _build(app, decided, exports.production_report).text_rows[-1]
    assert list(row) == [
        "4", "W-2024-1", "", "", "Kopie", "", "", "Niet openbaar", "no", "dubbel", "Dubbel document", "", "1",
        "W-2024-1",
    ]  # fmt: skip


def test_a_document_outside_the_scope_is_left_out(app, decided):
    _add(app, decided, Document(number=4, title="Ander onderwerp", assessment=Assessment.BUITEN_SCOPE))
    numbers = [row[0] for row in _build(app, decided, exports.production_report).rows]
    assert numbers == [1, 2, 3]


def test_the_file_type_follows_the_stored_file_and_else_the_file_name(app, decided):
    _add(
        app,
        decided,
        Document(number=4, title="Mail", file_name="bericht.eml"),
        Document(number=5, title="Begroting", file_name="begroting.xlsx"),
        Document(number=6, title="Notulen", file_name="notulen.docx"),
        Document(number=7, title="Zonder bestand"),
    )
    rows = _build(app, decided, exports.production_report).rows
    assert [row[5] for row in rows] == ["pdf", "pdf", "", "email", "spreadsheet", "doc", ""]


def test_the_stored_files_content_type_goes_before_its_name(app, decided):
    with app.app_context(), new_session() as session:
        document = session.exec(select(Document).where(Document.number == 1)).one()
        stored = session.get(StoredFile, document.file_sha256)
        stored.content_type = "message/rfc822"
        session.commit()
    assert _build(app, decided, exports.production_report).rows[0][5] == "email"


def _refusal(app, decided, reference: str) -> dict[str, str]:
    """The messages per field when the productierapport is asked for a case with this reference."""
    with app.app_context(), new_session() as session:
        session.get(Case, decided["case"]).reference = reference
        session.commit()
    with pytest.raises(Invalid) as refused:
        _build(app, decided, exports.production_report)
    return refused.value.errors


def test_a_reference_the_platform_refuses_as_matter_and_zaaknummer_is_refused_before_export(app, decided):
    errors = _refusal(app, decided, "W/2024/1")
    assert set(errors) == {"matter", "case_number"} and "Matter" in errors["matter"]


def test_a_reference_with_a_space_is_a_valid_zaaknummer_but_not_a_matter(app, decided):
    assert set(_refusal(app, decided, "W 2024 1")) == {"matter"}


def test_a_control_character_in_a_text_is_left_out_of_the_workbook_instead_of_failing():
    data = exports.xlsx_bytes(exports.Sheet(("Titel",), [("Notitie\x01 over\x1b het dashboard",)]), "Inventarislijst")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "Notitie over het dashboard"
