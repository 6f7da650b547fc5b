"""What must be weighed, when the weighing is complete, and what an outcome changes."""

from __future__ import annotations

from datetime import date

from zienswijze.domain.responses import ItemKind, WeighingOutcome
from zienswijze.domain.weighing import (
    Subject,
    disclosure_date,
    held_back,
    holds_disclosure,
    is_weighed,
    progress,
    weighing_errors,
)

G, D, N = WeighingOutcome.GEHONOREERD, WeighingOutcome.DEELS_GEHONOREERD, WeighingOutcome.NIET_GEHONOREERD


def test_objections_requests_and_consents_get_a_weighing_agreement_does_not():
    assert all(is_weighed(kind) for kind in (ItemKind.BEZWAAR, ItemKind.EXTRA_LAKKING, ItemKind.TOESTEMMING))
    assert not is_weighed(ItemKind.AKKOORD)


def test_the_weighing_is_complete_when_every_required_item_has_an_outcome():
    B = Subject.BEZWAAR
    assert progress([(B, G), (B, None), (B, N)]).remaining == 1 and not progress([(B, G), (B, None)]).complete
    assert progress([(B, G), (Subject.EXTRA_LAKKING, D)]).complete and progress([]).complete


def test_an_unweighed_consent_to_disclose_does_not_keep_the_weighing_open():
    assert progress([(Subject.BEZWAAR, G), (Subject.TOESTEMMING, None)]).complete


def test_a_weighing_needs_an_outcome_and_a_motivation_and_a_ground_when_honoured():
    assert set(weighing_errors(Subject.BEZWAAR, None, "", "", 0)) == {"outcome", "motivation"}
    assert set(weighing_errors(Subject.BEZWAAR, G, "Omdat.", "", 0)) == {"ground"}
    assert weighing_errors(Subject.BEZWAAR, N, "Omdat.", "", 0) == {}
    assert weighing_errors(Subject.GEEN_ZIENSWIJZE, G, "Omdat.", "", 0) == {}


def test_honouring_a_consent_needs_no_ground():
    assert weighing_errors(Subject.TOESTEMMING, G, "Omdat.", "", 0) == {}


def test_partly_honouring_needs_the_passages_that_are_withheld():
    assert set(weighing_errors(Subject.EXTRA_LAKKING, D, "Omdat.", "5.1.2e", 0)) == {"marked"}
    assert weighing_errors(Subject.EXTRA_LAKKING, D, "Omdat.", "5.1.2e", 1) == {}


def test_a_consent_is_honoured_or_not_never_partly():
    assert set(weighing_errors(Subject.TOESTEMMING, D, "Omdat.", "", 1)) == {"outcome"}


def test_an_objection_not_fully_honoured_holds_disclosure_a_missing_view_does_not():
    assert holds_disclosure(Subject.BEZWAAR, N) and holds_disclosure(Subject.EXTRA_LAKKING, D)
    assert holds_disclosure(Subject.BEZWAAR, None)
    assert not holds_disclosure(Subject.BEZWAAR, G) and not holds_disclosure(Subject.GEEN_ZIENSWIJZE, N)


def test_a_consent_to_disclose_never_holds_disclosure():
    assert not holds_disclosure(Subject.TOESTEMMING, N) and not holds_disclosure(Subject.TOESTEMMING, None)


def test_a_held_document_is_disclosed_when_its_hold_ends_and_another_when_made_known():
    announced, hold_end = date(2024, 7, 26), date(2024, 8, 10)
    assert disclosure_date(announced, held=True, held_until=hold_end, provisional_measure=False) == hold_end
    assert disclosure_date(announced, held=True, held_until=None, provisional_measure=False) is None
    assert disclosure_date(announced, held=False, held_until=None, provisional_measure=False) == announced


def test_a_provisional_measure_blocks_disclosure_and_holds_it_back_today():
    assert disclosure_date(date(2024, 7, 26), held=True, held_until=date(2024, 8, 10), provisional_measure=True) is None
    assert held_back(date(2030, 1, 1), None, held=False, provisional_measure=True)


def test_held_back_until_the_disclosure_date():
    first = date(2024, 8, 10)
    assert held_back(date(2024, 8, 9), first, held=True, provisional_measure=False)
    assert not held_back(first, first, held=True, provisional_measure=False)
    assert not held_back(date(2024, 7, 27), date(2024, 7, 26), held=False, provisional_measure=False)
