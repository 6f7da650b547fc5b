"""Rules for imported inventory, redaction and stakeholder rows: every bad cell is named with its line."""

from datetime import date

import pytest

from zienswijze.domain.cases import Assessment, StakeholderKind
from zienswijze.domain.grounds import NATIONAL_CATALOGUE
from zienswijze.domain.inventory import (
    check_inventory,
    check_redactions,
    check_stakeholders,
    declared_numbers,
)
from zienswijze.domain.rows import RowError

KNOWN = {entry.code for entry in NATIONAL_CATALOGUE}
INVENTORY_HEADER = [
    "nummer",
    "datum",
    "omschrijving",
    "beoordeling",
    "gronden",
    "link",
    "belanghebbenden",
    "dubbel_van",
]
GOOD = {"nummer": "1", "omschrijving": "E-mail over het dashboard", "beoordeling": "openbaar"}


def table(header, *rows):
    """Rows as the tabular reader gives them: from line 2 on, keyed by the file's column names."""
    return header, [(line, {name: row.get(name, "") for name in header}) for line, row in enumerate(rows, start=2)]


def inventory(*rows, header=INVENTORY_HEADER, taken=(), stakeholders=("S1", "S2")):
    header, rows = table(header, *rows)
    return check_inventory(header, rows, known_grounds=KNOWN, taken_numbers=set(taken), stakeholder_codes=stakeholders)


def inventory_errors(*rows, **options) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.message) for e in inventory(*rows, **options).errors]


def test_a_valid_row_becomes_a_typed_record():
    checked = inventory(
        GOOD
        | {
            "datum": "2020-01-14",
            "beoordeling": "Deels openbaar",
            "gronden": "5.1.2.e; 5.2",
            "belanghebbenden": "S1;S2",
        }
    )
    assert checked.errors == ()
    (row,) = checked.records
    assert (row.line, row.number, row.document_date, row.assessment) == (
        2,
        1,
        date(2020, 1, 14),
        Assessment.DEELS_OPENBAAR,
    )
    assert (row.ground_codes, row.stakeholder_codes) == (("5.1.2e", "5.2"), ("S1", "S2"))


def test_column_names_match_regardless_of_case_and_surrounding_spaces():
    row = {" Nummer": "1", "OMSCHRIJVING ": "Notitie", "Beoordeling": "openbaar"}
    checked = inventory(row, header=list(row))
    assert checked.errors == () and checked.records[0].title == "Notitie"


def test_a_missing_column_is_named_with_the_expected_columns():
    errors = inventory_errors(header=["nummer", "datum"])
    assert errors == [
        (
            1,
            "",
            "Kolommen ontbreken: omschrijving, beoordeling; verwacht: nummer, omschrijving, beoordeling "
            "(en eventueel datum, gronden, link, belanghebbenden, dubbel_van, bestand).",
        )
    ]


def test_an_unknown_column_is_refused_with_the_expected_columns():
    ((line, column, message),) = inventory_errors(GOOD, header=[*INVENTORY_HEADER, "opmerking"])
    assert (line, column) == (1, "opmerking")
    assert message.startswith("Onbekende kolom 'opmerking'; verwacht: nummer, omschrijving, beoordeling")


def test_the_same_column_twice_is_refused():
    assert inventory_errors(header=[*INVENTORY_HEADER, "Nummer"]) == [
        (1, "Nummer", "De kolom 'Nummer' staat er twee keer in.")
    ]


@pytest.mark.parametrize("number", ["0", "-1", "1.5", "een"])
def test_a_number_must_be_a_positive_whole_number(number):
    assert inventory_errors(GOOD | {"nummer": number}) == [(2, "nummer", f"'{number}' is geen positief geheel getal.")]


def test_a_number_may_stand_only_once_in_the_file():
    assert inventory_errors(GOOD, GOOD) == [(3, "nummer", "Nummer 1 staat ook op regel 2.")]


def test_a_number_already_in_the_case_is_refused():
    assert inventory_errors(GOOD, taken={1}) == [(2, "nummer", "Document 1 bestaat al in dit verzoek.")]


def test_a_dutch_date_is_read_as_day_month_year():
    assert inventory(GOOD | {"datum": "4-10-2021"}).records[0].document_date == date(2021, 10, 4)


def test_a_date_may_be_left_empty():
    assert inventory(GOOD).records[0].document_date is None


@pytest.mark.parametrize("written", ["31-02-2020", "2020/01/14", "14 januari 2020"])
def test_a_date_that_is_not_a_real_iso_or_dutch_date_is_refused(written):
    assert inventory_errors(GOOD | {"datum": written}) == [
        (2, "datum", f"'{written}' is geen geldige datum; schrijf JJJJ-MM-DD of D-M-JJJJ.")
    ]


def test_a_description_is_required():
    assert inventory_errors(GOOD | {"omschrijving": " "}) == [(2, "omschrijving", "Vul een omschrijving in.")]


def test_an_unknown_assessment_lists_the_choices():
    assert inventory_errors(GOOD | {"beoordeling": "geheim"}) == [
        (
            2,
            "beoordeling",
            "'geheim' is geen beoordeling; kies openbaar, deels openbaar, niet openbaar, reeds openbaar, "
            "buiten scope of dubbel.",
        )
    ]


def test_an_unknown_ground_is_refused():
    assert inventory_errors(GOOD | {"gronden": "5.1.2e; 5.1.9"}) == [
        (2, "gronden", "'5.1.9' staat niet in de lijst met weigeringsgronden.")
    ]


@pytest.mark.parametrize("assessment", ["deels openbaar", "niet openbaar"])
def test_a_document_that_withholds_anything_needs_a_ground(assessment):
    assert inventory_errors(GOOD | {"beoordeling": assessment}) == [
        (2, "gronden", f"Een document dat {assessment} is, heeft ten minste één grond nodig.")
    ]


def test_an_already_public_document_needs_its_link():
    assert inventory_errors(GOOD | {"beoordeling": "reeds openbaar"}) == [
        (2, "link", "Een document dat reeds openbaar is, heeft een link nodig.")
    ]


@pytest.mark.parametrize("link", ["www.example.org/nieuws", "ftp://example.org/a", "https://example.org/met spatie"])
def test_a_link_must_be_an_http_or_https_address(link):
    assert inventory_errors(GOOD | {"beoordeling": "reeds openbaar", "link": link}) == [
        (2, "link", f"'{link}' is geen geldige link; begin met http:// of https://.")
    ]


def test_a_duplicate_may_name_a_later_row_of_the_file_or_a_document_of_the_case():
    rows = [GOOD | {"nummer": "1", "beoordeling": "dubbel", "dubbel_van": "2"}, GOOD | {"nummer": "2"}]
    rows.append(GOOD | {"nummer": "3", "beoordeling": "dubbel", "dubbel_van": "9"})
    checked = inventory(*rows, taken={9})
    assert checked.errors == () and [r.duplicate_of_number for r in checked.records] == [2, None, 9]


@pytest.mark.parametrize(
    ("duplicate_of", "message"),
    [
        ("", "Een dubbel document noemt het nummer van het behouden exemplaar."),
        ("1", "Een document kan geen dubbel van zichzelf zijn."),
        ("7", "Document 7 staat niet in de inventaris of in dit verzoek."),
    ],
)
def test_a_duplicate_names_another_existing_document(duplicate_of, message):
    row = GOOD | {"beoordeling": "dubbel", "dubbel_van": duplicate_of}
    assert inventory_errors(row) == [(2, "dubbel_van", message)]


def test_only_a_duplicate_names_a_kept_copy():
    assert inventory_errors(GOOD | {"nummer": "2"}, GOOD | {"dubbel_van": "2"}) == [
        (3, "dubbel_van", "Een nummer in dubbel_van hoort alleen bij de beoordeling dubbel.")
    ]


def test_an_unknown_stakeholder_code_is_refused():
    assert inventory_errors(GOOD | {"belanghebbenden": "S1; S9"}) == [
        (2, "belanghebbenden", "Belanghebbende 'S9' bestaat niet in dit verzoek.")
    ]


def test_the_file_name_column_is_optional_and_each_name_belongs_to_one_row():
    header = [*INVENTORY_HEADER, "Bestand"]
    rows = (GOOD | {"Bestand": "notitie.pdf"}, GOOD | {"nummer": "2", "Bestand": "Notitie.PDF"})
    assert inventory(rows[0], header=header).records[0].file_name == "notitie.pdf"
    assert inventory_errors(*rows, header=header) == [(3, "bestand", "Bestand 'Notitie.PDF' staat ook op regel 2.")]


def test_a_value_in_a_column_without_a_name_is_refused():
    header, rows = table(["nummer", "omschrijving", "beoordeling", ""], GOOD | {"": "verdwaald"})
    checked = check_inventory(header, rows, known_grounds=KNOWN, taken_numbers=set(), stakeholder_codes=())
    assert checked.errors == (RowError(2, "", "Deze regel heeft een waarde in een kolom zonder naam."),)


def test_the_numbers_a_file_declares_include_rows_with_other_errors():
    header, rows = table(INVENTORY_HEADER, GOOD, GOOD | {"nummer": "2", "beoordeling": "geheim"}, {"nummer": "x"})
    assert declared_numbers(header, rows) == {1, 2}


REDACTION_HEADER = ["document", "pagina", "passage", "grond", "toelichting"]
REDACTION = {"document": "3", "pagina": "2", "passage": "T. Bos", "grond": "5.1.2.e", "toelichting": "Naam"}


def redactions(*rows, header=REDACTION_HEADER, numbers=(3,)):
    header, rows = table(header, *rows)
    return check_redactions(header, rows, known_grounds=KNOWN, document_numbers=set(numbers))


def test_a_valid_redaction_row_becomes_a_typed_record():
    (row,) = redactions(REDACTION).records
    assert (row.document_number, row.page, row.passage, row.ground_code, row.reason) == (
        3,
        2,
        "T. Bos",
        "5.1.2e",
        "Naam",
    )


def test_the_reason_column_of_a_redaction_is_optional():
    checked = redactions(REDACTION, header=REDACTION_HEADER[:4])
    assert checked.errors == () and checked.records[0].reason == ""


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"document": "4"}, "document", "Document 4 staat niet in de inventaris of in dit verzoek."),
        ({"document": ""}, "document", "Vul het nummer van het document in."),
        ({"pagina": "0"}, "pagina", "'0' is geen positief geheel getal."),
        ({"passage": ""}, "passage", "Vul de passage in."),
        ({"grond": "privacy"}, "grond", "'privacy' staat niet in de lijst met weigeringsgronden."),
    ],
)
def test_a_bad_redaction_cell_is_named(change, column, message):
    assert redactions(REDACTION | change).errors == (RowError(2, column, message),)


STAKEHOLDER_HEADER = ["code", "naam", "soort", "email"]
STAKEHOLDER = {"code": "S1", "naam": "Gemeente Voorbeeldstad", "soort": "bestuursorgaan", "email": "woo@example.org"}


def stakeholders(*rows, taken=()):
    header, rows = table(STAKEHOLDER_HEADER, *rows)
    return check_stakeholders(header, rows, taken_codes=set(taken))


def test_a_stakeholder_may_have_several_addresses():
    (row,) = stakeholders(STAKEHOLDER | {"email": "woo@example.org; juridisch@example.org"}).records
    assert (row.kind, row.emails) == (StakeholderKind.BESTUURSORGAAN, ("woo@example.org", "juridisch@example.org"))


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"soort": "stichting"}, "soort", "'stichting' is geen soort; kies bedrijf, persoon of bestuursorgaan."),
        ({"email": "woo@example"}, "email", "'woo@example' is geen geldig e-mailadres."),
        ({"email": ""}, "email", "Vul ten minste één e-mailadres in."),
        ({"naam": ""}, "naam", "Vul een naam in."),
    ],
)
def test_a_bad_stakeholder_cell_is_named(change, column, message):
    assert stakeholders(STAKEHOLDER | change).errors == (RowError(2, column, message),)


def test_a_stakeholder_code_stands_once_and_not_already_in_the_case():
    assert stakeholders(STAKEHOLDER, STAKEHOLDER, STAKEHOLDER | {"code": "S2"}, taken={"S2"}).errors == (
        RowError(3, "code", "Code S1 staat ook op regel 2."),
        RowError(4, "code", "Belanghebbende S2 bestaat al in dit verzoek."),
    )


def test_a_stakeholder_file_needs_all_four_columns():
    header, rows = table(["code", "naam"])
    assert check_stakeholders(header, rows, taken_codes=set()).errors == (
        RowError(1, "", "Kolommen ontbreken: soort, email; verwacht: code, naam, soort, email."),
    )
