"""The publication platform's rules for the productierapport (minvws/nl-rdo-woo-web's importer)."""

import pytest

from zienswijze.domain.errors import Invalid
from zienswijze.domain.production_report import check_identifiers, file_type, platform_grounds


@pytest.mark.parametrize(
    ("content_type", "file_name", "expected"),
    [
        ("application/pdf", "x.docx", "pdf"),
        ("message/rfc822", None, "email"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None, "spreadsheet"),
        ("image/png", None, "image"),
        ("application/octet-stream", "notulen.DOC", "doc"),
        (None, "bericht.msg", "email"),
        (None, "sheets.pptx", "presentation"),
        (None, "zonder-extensie", ""),
        (None, None, ""),
    ],
)
def test_the_file_type_is_one_the_platform_knows_or_empty(content_type, file_name, expected):
    assert file_type(content_type, file_name) == expected


@pytest.mark.parametrize("matter", ["W-2024-1", "134-123xyz", "a.b_c~d", "x" * 255])
def test_matters_the_platform_accepts(matter):
    check_identifiers(matter, "1234567")


@pytest.mark.parametrize("matter", ["", "W/2024/1", "W 2024", "Woo:12", "é", "x" * 256])
def test_matters_the_platform_refuses(matter):
    with pytest.raises(Invalid) as refused:
        check_identifiers(matter, "1234567")
    assert set(refused.value.errors) == {"matter"}


@pytest.mark.parametrize("numbers", ["1234567;987654", "1234567, 987654", "Zaak (2024) 12"])
def test_case_numbers_the_platform_accepts(numbers):
    check_identifiers("W-1", numbers)


@pytest.mark.parametrize("numbers", ["W/2024/1", "12_34", "x" * 256])
def test_case_numbers_the_platform_refuses(numbers):
    with pytest.raises(Invalid) as refused:
        check_identifiers("W-1", numbers)
    assert set(refused.value.errors) == {"case_number"}


def test_a_bodys_own_5_2_1_is_exported_as_the_platforms_5_2_once():
    assert platform_grounds(["5.1.2e", "5.2.1", "5.2"]) == "5.1.2e;5.2"
