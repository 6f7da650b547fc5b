"""What must be weighed, when the weighing is complete, and what an outcome changes."""

from __future__ import annotations

from datetime import date

import pytest

from zienswijze.domain.responses import ItemKind, WeighingOutcome
from zienswijze.domain.weighing import (
    Effect,
    Subject,
    disclosure_date,
    effect,
    held_back,
    holds_disclosure,
    needs_weighing,
    progress,
    weighing_errors,
)

G, D, N = WeighingOutcome.GEHONOREERD, WeighingOutcome.DEELS_GEHONOREERD, WeighingOutcome.NIET_GEHONOREERD


def test_objections_and_extra_redaction_requests_are_weighed_agreement_is_not():
    assert needs_weighing(ItemKind.BEZWAAR) and needs_weighing(ItemKind.EXTRA_LAKKING)
    assert not needs_weighing(ItemKind.AKKOORD)


@pytest.mark.parametrize(
    ("subject", "outcome", "expected"),
    [
        (Subject.EXTRA_LAKKING, G, Effect.ADD_REDACTION),
        (Subject.EXTRA_LAKKING, D, Effect.NONE),
        (Subject.EXTRA_LAKKING, N, Effect.NONE),
        (Subject.BEZWAAR, G, Effect.KEEP_REDACTION),
        (Subject.BEZWAAR, N, Effect.NONE),
        (Subject.GEEN_ZIENSWIJZE, G, Effect.NONE),
    ],
)
def test_honouring_adds_a_redaction_for_a_request_and_keeps_one_for_an_objection(subject, outcome, expected):
    assert effect(subject, outcome) is expected


def test_the_weighing_is_complete_when_every_item_has_an_outcome():
    assert progress([G, None, N]).remaining == 1 and not progress([G, None]).complete
    assert progress([G, D]).complete and progress([]).complete


def test_a_weighing_needs_an_outcome_and_a_motivation_and_a_ground_when_honoured():
    assert set(weighing_errors(None, "", True, "")) == {"outcome", "motivation"}
    assert set(weighing_errors(G, "Omdat.", True, "")) == {"ground"}
    assert weighing_errors(N, "Omdat.", True, "") == {}
    assert weighing_errors(G, "Omdat.", False, "") == {}


def test_an_objection_not_fully_honoured_holds_disclosure_a_missing_view_does_not():
    assert holds_disclosure(Subject.BEZWAAR, N) and holds_disclosure(Subject.EXTRA_LAKKING, D)
    assert holds_disclosure(Subject.BEZWAAR, None)
    assert not holds_disclosure(Subject.BEZWAAR, G) and not holds_disclosure(Subject.GEEN_ZIENSWIJZE, N)


def test_disclosure_waits_two_weeks_across_the_summer_weekend_when_held():
    # Made known Friday 26 July 2024: the two weeks end Friday 9 August, so Saturday 10 August.
    assert disclosure_date(date(2024, 7, 26), held=True, provisional_measure=False) == date(2024, 8, 10)
    assert disclosure_date(date(2024, 7, 26), held=False, provisional_measure=False) == date(2024, 7, 26)


def test_disclosure_across_christmas_moves_past_the_holidays():
    # Made known 11 December 2024: the term ends on Eerste Kerstdag and moves to Monday 30 December.
    assert disclosure_date(date(2024, 12, 11), held=True, provisional_measure=False) == date(2024, 12, 31)


def test_a_provisional_measure_blocks_disclosure_and_holds_it_back_today():
    assert disclosure_date(date(2024, 7, 26), held=True, provisional_measure=True) is None
    assert held_back(date(2030, 1, 1), None, held=False, provisional_measure=True)


def test_held_back_until_the_disclosure_date():
    first = date(2024, 8, 10)
    assert held_back(date(2024, 8, 9), first, held=True, provisional_measure=False)
    assert not held_back(first, first, held=True, provisional_measure=False)
    assert not held_back(date(2024, 7, 27), date(2024, 7, 26), held=False, provisional_measure=False)
