"""The case page marks the handler's next step, read from how far the case is."""

from __future__ import annotations

from dataclasses import replace

import pytest

from zienswijze.domain.case_steps import CaseProgress, Step, next_step

NEW = CaseProgress(documents=0, stakeholders=0, rounds=0, views_pending=0, to_weigh=0, decided=False)


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        (NEW, Step.DOCUMENTS),
        (replace(NEW, stakeholders=2), Step.DOCUMENTS),
        (replace(NEW, documents=43), Step.STAKEHOLDERS),
        (replace(NEW, documents=43, stakeholders=5), Step.CONSULT),
        # Views can still come in: follow the round (views already in can be weighed meanwhile).
        (replace(NEW, documents=43, stakeholders=5, rounds=1, views_pending=2, to_weigh=3), Step.WAIT),
        (replace(NEW, documents=43, stakeholders=5, rounds=1, to_weigh=3), Step.WEIGH),
        (replace(NEW, documents=43, stakeholders=5, rounds=1), Step.DECIDE),
        (replace(NEW, documents=43, stakeholders=5, rounds=1, decided=True), Step.PUBLISH),
    ],
)
def test_the_next_step_follows_the_case(progress: CaseProgress, expected: Step):
    assert next_step(progress) is expected


def test_a_decided_case_goes_on_to_publication_whatever_else_it_lacks():
    assert next_step(replace(NEW, decided=True)) is Step.PUBLISH


def test_each_step_belongs_to_a_section_of_the_case_page():
    assert {step.section for step in Step} <= {
        "documenten",
        "belanghebbenden",
        "zienswijzen",
        "afweging",
        "besluit",
        "exports",
    }
