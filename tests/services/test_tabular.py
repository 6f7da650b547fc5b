"""Uploaded tables: CSV as any spreadsheet writes it and XLSX, told apart by content, with their line numbers."""

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.tabular import TableError, read_table


def xlsx(*rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_comma_separated_file_gives_its_header_and_numbered_rows():
    table = read_table(b"nummer,omschrijving\n1,Notitie\n2,E-mail\n", "inventaris.csv")
    assert table.header == ("nummer", "omschrijving") and table.header_line == 1
    assert [(line, row["nummer"], row["omschrijving"]) for line, row in table.rows] == [
        (2, "1", "Notitie"),
        (3, "2", "E-mail"),
    ]


def test_a_semicolon_separated_file_as_dutch_excel_writes_it_is_read():
    table = read_table(b"nummer;omschrijving;gronden\r\n1;Notitie, concept;5.1.2e\r\n", "inventaris.csv")
    assert table.rows[0][1] == {"nummer": "1", "omschrijving": "Notitie, concept", "gronden": "5.1.2e", "": ""}


def test_semicolons_inside_a_comma_separated_file_stay_in_their_cell():
    table = read_table(b'nummer,gronden\n3,"5.1.2e; 5.2"\n', "inventaris.csv")
    assert table.rows[0][1]["gronden"] == "5.1.2e; 5.2"


def test_a_byte_order_mark_is_not_part_of_the_first_column_name():
    table = read_table("\ufeffnummer,omschrijving\n1,Brief\n".encode(), "inventaris.csv")
    assert table.header[0] == "nummer"


def test_a_row_spanning_lines_keeps_the_line_numbers_of_the_rows_after_it():
    table = read_table(b'nummer,omschrijving\n1,"twee\nregels"\n\n2,daarna\n', "inventaris.csv")
    assert [line for line, _ in table.rows] == [2, 5]


def test_cells_beyond_the_header_are_kept_under_an_empty_column_name():
    table = read_table(b"nummer\n1,extra\n", "inventaris.csv")
    assert table.rows[0][1][""] == "extra"


def test_an_xlsx_file_gives_iso_dates_and_whole_numbers_without_a_decimal():
    data = xlsx(["Nummer", "Datum", "Omschrijving"], [1.0, date(2020, 1, 14), "Notitie"], [], [2, datetime(2021, 3, 4)])
    table = read_table(data, "inventaris.xlsx")
    assert table.header == ("Nummer", "Datum", "Omschrijving")
    assert [(line, row["Nummer"], row["Datum"]) for line, row in table.rows] == [
        (2, "1", "2020-01-14"),
        (4, "2", "2021-03-04"),
    ]


def test_an_xlsx_file_is_recognised_by_its_content_whatever_its_name():
    assert read_table(xlsx(["nummer"], [7]), "inventaris.csv").rows[0][1]["nummer"] == "7"


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(TableError, match=r"geen Excel-werkmap \(\.xlsx\) en geen CSV-bestand"):
        read_table(buffer.getvalue(), "inventaris.xlsx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (text_pdf("Notitie", [["Tekst"]]), "is een PDF-bestand, geen tabel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), r"oude Excel-formaat \(\.xls\)"),
        ("nummer,omschrijving\n1,Café\n".encode("cp1252"), "geen CSV-bestand in UTF-8"),
        (b"\x00\x01\x02binary", "geen CSV- of XLSX-bestand"),
    ],
)
def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_with_what_to_do(data, message):
    with pytest.raises(TableError, match=message) as refused:
        read_table(data, "inventaris.csv")
    assert str(refused.value).startswith("inventaris.csv ") and "Sla het op als CSV (UTF-8)" in str(refused.value)


def test_an_empty_file_is_refused():
    with pytest.raises(TableError, match="is leeg"):
        read_table(b"\n\n", "inventaris.csv")
