"""A document's final outcome follows from the proposal and the weighing, and from nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zienswijze.domain.cases import Assessment
from zienswijze.domain.outcome import Passage, Proposal, ProposedPassage, Weighed, derive
from zienswijze.domain.responses import WeighingOutcome
from zienswijze.domain.weighing import Subject

G, D, N = WeighingOutcome.GEHONOREERD, WeighingOutcome.DEELS_GEHONOREERD, WeighingOutcome.NIET_GEHONOREERD
NAME = Passage(1, "J. de Vries", "5.1.2e")
PRICE = Passage(2, "€ 12.500", "5.1.2f")
PARTLY = Proposal(Assessment.DEELS_OPENBAAR, ("5.1.2e",), (ProposedPassage(7, NAME),))
OPEN = Proposal(Assessment.OPENBAAR, ())


@pytest.mark.parametrize(
    ("proposal", "weighed", "assessment", "grounds", "redactions"),
    [
        pytest.param(PARTLY, [], Assessment.DEELS_OPENBAAR, ("5.1.2e",), (NAME,), id="no weighing: the proposal"),
        pytest.param(
            OPEN,
            [Weighed(Subject.BEZWAAR, G, "5.1.2f")],
            Assessment.NIET_OPENBAAR,
            ("5.1.2f",),
            (),
            id="honoured objection to the whole document",
        ),
        pytest.param(
            OPEN,
            [Weighed(Subject.BEZWAAR, G, "5.1.2f", passage=PRICE)],
            Assessment.DEELS_OPENBAAR,
            ("5.1.2f",),
            (PRICE,),
            id="honoured objection to a passage",
        ),
        pytest.param(
            PARTLY,
            [Weighed(Subject.EXTRA_LAKKING, G, "5.1.2f", passage=Passage(2, "€ 12.500", "5.1.2i"))],
            Assessment.DEELS_OPENBAAR,
            ("5.1.2e", "5.1.2f"),
            (NAME, PRICE),
            id="honoured extra redaction on the weighed ground",
        ),
        pytest.param(
            OPEN,
            [Weighed(Subject.BEZWAAR, D, "5.1.2f", marked=(PRICE,))],
            Assessment.DEELS_OPENBAAR,
            ("5.1.2f",),
            (PRICE,),
            id="partly honoured objection to the whole document: the marked passages",
        ),
        pytest.param(
            PARTLY,
            [Weighed(Subject.EXTRA_LAKKING, N, "5.1.2f", passage=PRICE)],
            Assessment.DEELS_OPENBAAR,
            ("5.1.2e",),
            (NAME,),
            id="refused request: nothing changes",
        ),
        pytest.param(
            PARTLY,
            [Weighed(Subject.TOESTEMMING, G, redaction_id=7)],
            Assessment.OPENBAAR,
            (),
            (),
            id="honoured consent lifts the last redaction",
        ),
        pytest.param(
            PARTLY,
            [Weighed(Subject.TOESTEMMING, None, redaction_id=7)],
            Assessment.DEELS_OPENBAAR,
            ("5.1.2e",),
            (NAME,),
            id="unweighed consent: the redaction stays",
        ),
        pytest.param(
            Proposal(Assessment.REEDS_OPENBAAR, ()),
            [Weighed(Subject.BEZWAAR, G, "5.1.2f")],
            Assessment.REEDS_OPENBAAR,
            (),
            (),
            id="already public stays public",
        ),
        pytest.param(
            Proposal(Assessment.DEELS_OPENBAAR, ("5.1.2e",)),
            [],
            Assessment.DEELS_OPENBAAR,
            ("5.1.2e",),
            (),
            id="grounds without passages are kept",
        ),
    ],
)
def test_outcome(proposal, weighed, assessment, grounds, redactions):
    outcome = derive(proposal, weighed)
    assert (outcome.assessment, outcome.grounds, outcome.redactions) == (assessment, grounds, redactions)


passages = st.builds(
    Passage, st.integers(1, 3), st.sampled_from(["a", "b", "c"]), st.sampled_from(["5.1.2e", "5.1.2f", "5.1.1c"])
)
proposals = st.builds(
    Proposal,
    st.sampled_from([Assessment.OPENBAAR, Assessment.DEELS_OPENBAAR, Assessment.NIET_OPENBAAR]),
    st.just(()),
    st.lists(passages, max_size=3).map(lambda ps: tuple(ProposedPassage(i, p) for i, p in enumerate(ps))),
).map(lambda p: Proposal(p.assessment, tuple(sorted({r.passage.ground for r in p.redactions})), p.redactions))
weighings = st.builds(
    Weighed,
    st.sampled_from([Subject.BEZWAAR, Subject.EXTRA_LAKKING, Subject.TOESTEMMING, Subject.GEEN_ZIENSWIJZE]),
    st.sampled_from([G, D, N, None]),
    st.sampled_from(["5.1.2e", "5.1.2f"]),
    redaction_id=st.integers(0, 3),
    passage=st.none() | passages,
    marked=st.lists(passages, max_size=2).map(tuple),
)


@given(proposals, st.lists(weighings, max_size=5))
def test_the_grounds_are_those_of_the_redactions_and_of_a_whole_document_refusal(proposal, weighed):
    outcome = derive(proposal, weighed)
    objections = (Subject.BEZWAAR, Subject.EXTRA_LAKKING)
    whole = {w.ground for w in weighed if w.outcome is G and w.subject in objections and w.passage is None}
    if outcome.assessment is Assessment.OPENBAAR:
        assert outcome.grounds == () and outcome.redactions == ()
    else:
        assert set(outcome.grounds) == {p.ground for p in outcome.redactions} | whole


@given(proposals, st.lists(weighings, max_size=5), st.randoms())
def test_the_order_of_the_weighings_does_not_matter(proposal, weighed, random):
    shuffled = list(weighed)
    random.shuffle(shuffled)
    assert derive(proposal, weighed) == derive(proposal, shuffled)


@given(proposals, st.lists(weighings, max_size=5))
def test_refused_and_unweighed_items_change_nothing(proposal, weighed):
    undecided = [w for w in weighed if w.outcome in (N, None)]
    assert derive(proposal, undecided) == derive(proposal, [])


@given(proposals, st.lists(weighings, max_size=5))
def test_an_honoured_objection_to_the_whole_document_withholds_it(proposal, weighed):
    whole = Weighed(Subject.BEZWAAR, G, "5.1.2f")
    assert derive(proposal, [*weighed, whole]).assessment is Assessment.NIET_OPENBAAR


@given(proposals, st.lists(weighings, max_size=5))
def test_only_a_consent_removes_a_proposed_redaction(proposal, weighed):
    kept = [w for w in weighed if w.subject is not Subject.TOESTEMMING]
    final = derive(proposal, kept)
    assert {r.passage for r in proposal.redactions} <= set(final.redactions)
