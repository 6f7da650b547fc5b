"""The decision paragraph from plain values: the source case's sentence, counts, anonymised stakeholders."""

from __future__ import annotations

from datetime import date

import pytest

from zienswijze.domain.decision_paragraph import (
    SHORT,
    GroundFacts,
    ItemFacts,
    ParagraphFacts,
    RoundFacts,
    StakeholderFacts,
    deadline_phrase,
    paragraphs,
    text,
)
from zienswijze.domain.responses import WeighingOutcome

# The source case: invitations by e-mail of Tuesday 16 July 2024, last day Wednesday 24 July 2024.
SOURCE_ROUND = RoundFacts(date(2024, 7, 16), date(2024, 7, 24), True, invited=3, extension_reason="de vakantie")
PRIVACY = GroundFacts(
    "eerbiediging van de persoonlijke levenssfeer", "artikel 5.1, tweede lid, aanhef en onder e, van de Woo"
)
CONFIDENTIAL = GroundFacts(
    "bedrijfsgegevens die vertrouwelijk aan de overheid zijn meegedeeld",
    "artikel 5.1, eerste lid, aanhef en onder c, van de Woo",
    absolute=True,
)


def _facts(**changes) -> ParagraphFacts:
    values = {
        "body": "Het CBS",
        "wording": "voor",
        "rounds": (SOURCE_ROUND,),
        "stakeholders": (
            StakeholderFacts("B", responded=False, own_weighing="Het gaat om namen van medewerkers."),
            StakeholderFacts(
                "A",
                responded=True,
                objected=True,
                items=(ItemFacts(False, 10, WeighingOutcome.DEELS_GEHONOREERD, PRIVACY, "De namen blijven gelakt."),),
            ),
            StakeholderFacts("C", responded=True, channel="mondeling"),
        ),
        "extensions_granted": 1,
    }
    return ParagraphFacts(**{**values, **changes})


def test_the_source_case_sentence_says_before_the_day_after_the_last_day_with_the_holiday_extension():
    assert (
        "Deze belanghebbenden zijn bij e-mail van 16 juli 2024 in de gelegenheid gesteld om vóór 25 juli 2024, "
        "met de mogelijkheid tot verlenging in verband met de vakantie, een zienswijze te geven."
    ) in text(_facts())


def test_a_body_that_writes_uiterlijk_names_the_last_day_itself():
    assert deadline_phrase(date(2024, 7, 24), "uiterlijk") == "uiterlijk op 24 juli 2024"
    assert "uiterlijk op 24 juli 2024 een zienswijze" in text(
        _facts(
            wording="uiterlijk",
            rounds=(RoundFacts(date(2024, 7, 16), date(2024, 7, 24), extensions_allowed=False, invited=3),),
        )
    )


def test_the_deadline_phrase_before_the_day_after_crosses_a_month_end():
    assert deadline_phrase(date(2024, 7, 31), "voor") == "vóór 1 augustus 2024"


def test_the_counts_name_asked_responded_objected_no_response_and_extensions():
    counts = paragraphs(_facts())[1]
    assert counts == (
        "Er zijn drie belanghebbenden om een zienswijze gevraagd. Twee belanghebbenden hebben een zienswijze "
        "gegeven, waarvan één met bezwaar tegen (gedeeltelijke) openbaarmaking; één belanghebbende heeft geen "
        "zienswijze gegeven. Aan één belanghebbende is verlenging van de termijn verleend."
    )


def test_stakeholders_are_anonymised_in_the_order_of_their_codes_with_the_weighing_and_its_ground():
    parts = paragraphs(_facts())
    assert parts[2].startswith("Belanghebbende 1 heeft een zienswijze gegeven met bezwaar")
    assert "is gedeeltelijk gehonoreerd met toepassing van eerbiediging van de persoonlijke levenssfeer" in parts[2]
    assert "De namen blijven gelakt." in parts[2]
    assert parts[3] == (
        "Belanghebbende 2 heeft geen zienswijze gegeven. Het CBS heeft de belangen van deze belanghebbende zelf "
        "gewogen. Het gaat om namen van medewerkers."
    )
    assert parts[4] == "Belanghebbende 3 heeft mondeling laten weten geen bezwaar te hebben tegen de openbaarmaking."
    assert "A" not in " ".join(p for p in parts[2:5] if "Belanghebbende" in p).split()


def test_the_disclosure_and_provisional_measure_clauses_appear_only_where_they_apply():
    plain = text(_facts())
    assert "vijfde lid" not in plain and "voorlopige voorziening is ingediend" not in plain
    held = text(_facts(disclosure_held=True, announced=date(2024, 7, 26), provisional_measure=True))
    assert "niet vóór 10 augustus 2024 (artikel 4.4, vijfde lid, van de Woo)" in held
    assert "artikel 8:81" in held and "Er is een verzoek om een voorlopige voorziening ingediend" in held


def test_the_decision_goes_to_the_stakeholders_at_the_same_time_and_the_objection_term_is_six_weeks():
    final = text(_facts(announced=date(2024, 7, 26)))
    assert "gelijktijdig aan de belanghebbenden toegezonden (artikel 4.4, zesde lid, van de Woo)" in final
    # Six weeks from Friday 26 July 2024 end on Friday 6 September 2024.
    assert "binnen zes weken" in final and "die termijn eindigt op 6 september 2024" in final


def test_a_view_not_followed_says_why_in_terms_of_the_ground_it_invoked():
    item = ItemFacts(
        True, 4, WeighingOutcome.NIET_GEHONOREERD, PRIVACY, "Het gaat om een functie, niet om een persoon."
    )
    sentence = paragraphs(_facts(stakeholders=(StakeholderFacts("A", True, True, items=(item,)),)))[2]
    assert sentence.endswith(
        "Het verzoek om aanvullende lakking in document 4 is niet gehonoreerd; het beroep op eerbiediging van de "
        "persoonlijke levenssfeer (artikel 5.1, tweede lid, aanhef en onder e, van de Woo) weegt niet op tegen het "
        "belang van openbaarmaking. Het gaat om een functie, niet om een persoon."
    )


def test_a_refused_objection_on_an_absolute_ground_says_the_ground_does_not_apply_never_that_it_is_outweighed():
    item = ItemFacts(False, 3, WeighingOutcome.NIET_GEHONOREERD, CONFIDENTIAL)
    sentence = paragraphs(_facts(stakeholders=(StakeholderFacts("A", True, True, items=(item,)),)))[2]
    assert sentence.endswith(
        "is niet gehonoreerd; de uitzonderingsgrond bedrijfsgegevens die vertrouwelijk aan de overheid zijn "
        "meegedeeld (artikel 5.1, eerste lid, aanhef en onder c, van de Woo) is niet van toepassing."
    )
    assert "weegt niet op" not in sentence


def test_the_short_form_reproduces_the_seed_decisions_three_sentences_from_its_facts():
    """The seed: mail of Tuesday 16 July 2024, last day Wednesday 24 July ("vóór 25 juli 2024"), extension
    possible because of the holidays; its "Deze zienswijze" reads as one view received."""
    seed = _facts(
        body="het CBS",
        stakeholders=(
            StakeholderFacts("A", responded=True, objected=True),
            StakeholderFacts("B", responded=False),
            StakeholderFacts("C", responded=False),
        ),
    )
    assert paragraphs(seed, SHORT) == [
        "Het CBS heeft geconstateerd dat er derde belanghebbenden zijn die mogelijk bedenkingen hebben bij de "
        "openbaarmaking van documenten die onder de reikwijdte van uw verzoek vallen. Deze belanghebbenden zijn "
        "bij e-mail van 16 juli 2024 in de gelegenheid gesteld ten aanzien hiervan vóór 25 juli 2024 met de "
        "mogelijkheid tot verlenging in verband met de vakantie een zienswijze te geven. Deze zienswijze heeft "
        "het CBS, voor zover van toepassing, in de belangenafweging meegenomen."
    ]


def test_the_short_form_speaks_of_one_stakeholder_in_the_singular():
    one = _facts(
        rounds=(RoundFacts(date(2024, 7, 16), date(2024, 7, 24), False, invited=1),),
        stakeholders=(StakeholderFacts("A", responded=False),),
        body="De minister",
    )
    assert paragraphs(one, SHORT) == [
        "De minister heeft geconstateerd dat er een derde belanghebbende is die mogelijk bedenkingen heeft bij de "
        "openbaarmaking van documenten die onder de reikwijdte van uw verzoek vallen. Deze belanghebbende is bij "
        "e-mail van 16 juli 2024 in de gelegenheid gesteld ten aanzien hiervan vóór 25 juli 2024 een zienswijze te "
        "geven. Er is geen zienswijze gegeven; de minister heeft de belangen van de belanghebbende zelf gewogen."
    ]


@pytest.mark.parametrize(
    ("reason", "phrase"),
    [
        ("de vakantie", "vóór 25 juli 2024, met de mogelijkheid tot verlenging in verband met de vakantie, een"),
        (
            "de omvang van de documenten.",
            "met de mogelijkheid tot verlenging in verband met de omvang van de documenten,",
        ),
        ("", "vóór 25 juli 2024, met de mogelijkheid tot verlenging, een zienswijze"),
    ],
)
def test_the_extension_possibility_names_the_rounds_reason_or_none(reason, phrase):
    round_ = RoundFacts(date(2024, 7, 16), date(2024, 7, 24), True, invited=3, extension_reason=reason)
    assert phrase in text(_facts(rounds=(round_,)))


def test_a_body_name_and_a_motivation_ending_in_a_full_stop_get_no_second_one():
    item = ItemFacts(False, 2, WeighingOutcome.GEHONOREERD, PRIVACY, "Het gaat om gegevens van Bouw B.V.")
    stakeholders = (StakeholderFacts("A", True, True, items=(item,)), StakeholderFacts("B", False))
    built = text(_facts(body="Stichting X B.V.", stakeholders=stakeholders, notes=("Zie ook Bouw B.V.",)), "detailed")
    assert ".." not in built
    assert "Het gaat om gegevens van Bouw B.V. Belanghebbende" not in built  # one paragraph per stakeholder
    assert "Stichting X B.V. heeft de belangen van deze belanghebbende zelf gewogen." in built


def test_counts_at_the_start_of_a_sentence_are_words_and_above_twenty_inside_one_digits():
    many = tuple(StakeholderFacts(f"S{n:02d}", responded=n < 21, objected=n < 3) for n in range(25))
    counts = paragraphs(_facts(stakeholders=many, extensions_granted=0))[1]
    assert counts == (
        "Er zijn 25 belanghebbenden om een zienswijze gevraagd. Eenentwintig belanghebbenden hebben een zienswijze "
        "gegeven, waarvan drie met bezwaar tegen (gedeeltelijke) openbaarmaking; vier belanghebbenden hebben geen "
        "zienswijze gegeven."
    )


def test_a_second_round_names_the_stakeholders_it_added_in_the_singular_or_plural():
    later = RoundFacts(date(2024, 8, 1), date(2024, 8, 15), False, invited=1)
    assert "In een volgende ronde is nog één belanghebbende bij e-mail van 1 augustus 2024" in text(
        _facts(rounds=(SOURCE_ROUND, later))
    )


@pytest.mark.parametrize(
    ("responded", "objected", "clause"),
    [
        (1, 1, "Eén belanghebbende heeft een zienswijze gegeven, met bezwaar tegen (gedeeltelijke) openbaarmaking;"),
        (1, 0, "Eén belanghebbende heeft een zienswijze gegeven, zonder bezwaar;"),
        (2, 2, "Twee belanghebbenden hebben een zienswijze gegeven, beide met bezwaar"),
        (3, 3, "Drie belanghebbenden hebben een zienswijze gegeven, alle met bezwaar"),
        (3, 0, "Drie belanghebbenden hebben een zienswijze gegeven, geen van hen met bezwaar tegen openbaarmaking;"),
        (0, 0, "Er zijn vier belanghebbenden om een zienswijze gevraagd. Er is geen zienswijze gegeven."),
    ],
)
def test_the_counts_read_right_in_the_singular_and_the_plural(responded, objected, clause):
    four = tuple(StakeholderFacts(f"S{n}", responded=n < responded, objected=n < objected) for n in range(4))
    assert clause in paragraphs(_facts(stakeholders=four, extensions_granted=0))[1]
