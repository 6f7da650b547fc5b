"""SPEC §6: the ground catalogue and how codes are written."""

import pytest

from zienswijze.domain.grounds import (
    NATIONAL_CATALOGUE,
    formal_citation,
    in_english,
    normalize_code,
    offered_to_stakeholders,
)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("5.1.2.e", "5.1.2e"),
        (" 5.1.2E ", "5.1.2e"),
        ("5.1.1.c", "5.1.1c"),
        ("5.2", "5.2"),
        ("Buiten  scope", "buiten scope"),
    ],
)
def test_codes_are_read_in_the_catalogue_spelling(raw, code):
    assert normalize_code(raw) == code


def test_the_catalogue_holds_every_ground_of_woo_chapter_5_once_in_the_platforms_codes():
    codes = [entry.code for entry in NATIONAL_CATALOGUE if entry.code.startswith("5.")]
    assert codes == [
        "5.1.1a", "5.1.1b", "5.1.1c", "5.1.1d", "5.1.1e",
        "5.1.2a", "5.1.2b", "5.1.2c", "5.1.2d", "5.1.2e", "5.1.2f", "5.1.2g", "5.1.2h", "5.1.2i",
        "5.1.5", "5.2", "5.4",
    ]  # fmt: skip


LABELS = {entry.code: entry.label for entry in NATIONAL_CATALOGUE}


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("5.1.1c", "Bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld"),
        ("5.1.1e", "Nationale identificatienummers"),
        ("5.1.2a", "Betrekkingen van Nederland met andere staten en met internationale organisaties"),
        (
            "5.1.2b",
            "Economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
        ),
        ("5.1.2d", "Inspectie, controle en toezicht door bestuursorganen"),
        ("5.1.2i", "Goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen"),
        ("5.4", "Informatie die berust bij de formateur of de informateur"),
    ],
)
def test_labels_use_the_words_of_the_woo(code, label):
    assert LABELS[code] == label


def test_policy_views_name_article_5_2_as_a_whole_so_lid_2_and_3_fall_under_it():
    entry = next(e for e in NATIONAL_CATALOGUE if e.code == "5.2")
    assert entry.article == "Woo art. 5.2" and "lid 2 en 3" in entry.explanation


@pytest.mark.parametrize(("code", "offered"), [("8.8", False), ("Buiten scope", False), ("5.1.2f", True)])
def test_8_8_and_buiten_scope_are_never_offered_to_a_stakeholder(code, offered):
    assert offered_to_stakeholders(code) is offered


def test_every_ground_has_a_plain_dutch_explanation_for_stakeholders():
    assert all(entry.explanation.endswith(".") for entry in NATIONAL_CATALOGUE)


def test_catalogue_codes_are_unique_and_already_normalised():
    codes = [entry.code for entry in NATIONAL_CATALOGUE]
    assert len(codes) == len(set(codes))
    assert all(normalize_code(code) == code for code in codes)


@pytest.mark.parametrize(
    ("code", "article", "citation"),
    [
        ("5.1.2f", "", "artikel 5.1, tweede lid, aanhef en onder f, van de Woo"),
        ("5.1.1c", "", "artikel 5.1, eerste lid, aanhef en onder c, van de Woo"),
        ("5.1.2.e", "", "artikel 5.1, tweede lid, aanhef en onder e, van de Woo"),
        ("5.2", "", "artikel 5.2, eerste lid, van de Woo"),
        ("5.2.2", "", "artikel 5.2, tweede lid, van de Woo"),
        ("5.1.5", "", "artikel 5.1, vijfde lid, van de Woo"),
        ("5.4", "", "artikel 5.4 van de Woo"),
        ("8.8", "", "artikel 8.8 van de Woo"),
        ("buiten scope", "", ""),
        ("privacy-eigen", "Woo art. 5.1 lid 2 sub e", "artikel 5.1, tweede lid, aanhef en onder e, van de Woo"),
        ("eigen", "vrije tekst", ""),
    ],
)
def test_a_ground_is_cited_as_decisions_write_it(code, article, citation):
    assert formal_citation(code, article) == citation


def test_every_catalogue_entry_with_an_article_has_a_formal_citation():
    assert all(formal_citation(e.code, e.article) for e in NATIONAL_CATALOGUE if e.article)


def test_every_national_ground_has_an_english_label_and_explanation():
    for entry in NATIONAL_CATALOGUE:
        assert entry.label_en and entry.explanation_en and entry.label_en != entry.label, entry.code


def test_english_pages_show_the_catalogue_english_for_a_ground_the_body_kept():
    privacy = next(e for e in NATIONAL_CATALOGUE if e.code == "5.1.2e")
    assert in_english("5.1.2e", privacy.label, privacy.explanation) == (privacy.label_en, privacy.explanation_en)


def test_english_pages_show_a_body_s_own_wording_as_it_wrote_it():
    privacy = next(e for e in NATIONAL_CATALOGUE if e.code == "5.1.2e")
    assert in_english("5.1.2e", "Privacy", privacy.explanation) == ("Privacy", privacy.explanation_en)
    assert in_english("eigen label", "Eigen label", "Eigen uitleg") == ("Eigen label", "Eigen uitleg")
