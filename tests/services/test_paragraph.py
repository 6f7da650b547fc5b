"""The decision paragraph from the record: the round's extension reason, citations, later rounds."""

from __future__ import annotations

from sqlmodel import select

from tests.weighing_case import consulted_after_the_terms, consulted_case, weigh_all
from zienswijze import clock
from zienswijze.db import Case, Invitation, Stakeholder
from zienswijze.db.session import new_session
from zienswijze.domain.decision_paragraph import SHORT
from zienswijze.domain.responses import Position, ResponseInput
from zienswijze.services import paragraph, responses
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.rounds import RoundSettings, start_round
from zienswijze.services.stakeholder_access import open_invitation


def _text(app, ids_: dict, form: str = "detailed") -> str:
    with app.app_context(), new_session() as session:
        return paragraph.text(session, session.get(Case, ids_["case"]), form)


def test_the_paragraph_writes_the_rounds_own_reason_for_the_extension_possibility(app):
    ids_ = consulted_case(app, RoundSettings(extension_reason="de omvang van de documenten"))
    assert "met de mogelijkheid tot verlenging in verband met de omvang van de documenten," in _text(app, ids_)


def test_a_round_without_a_reason_names_no_holiday(app):
    text = _text(app, consulted_case(app))
    assert "met de mogelijkheid tot verlenging, een zienswijze" in text and "vakantie" not in text


def test_a_refused_objection_cites_the_ground_as_decisions_do(app, clock_at):
    ids_ = consulted_after_the_terms(app, clock_at)
    weigh_all(app, ids_)
    assert (
        "het beroep op eerbiediging van de persoonlijke levenssfeer (artikel 5.1, tweede lid, aanhef en onder e, "
        "van de Woo) weegt niet op tegen het belang van openbaarmaking"
    ) in _text(app, ids_)


def test_the_short_form_has_the_seed_decisions_three_sentences(app):
    text = _text(app, consulted_case(app), SHORT)
    body = text.split("\n\n")[1].strip()
    assert body.startswith("Gemeente A heeft geconstateerd dat er derde belanghebbenden zijn")
    assert body.endswith(
        "Deze zienswijze heeft Gemeente A, voor zover van toepassing, in de belangenafweging meegenomen."
    )
    assert body.count(". ") == 2


def test_a_stakeholder_invited_again_after_answering_in_the_first_round_is_counted_once(app, clock_at):
    ids_ = consulted_after_the_terms(app, clock_at)
    weigh_all(app, ids_)
    with app.app_context(), new_session() as session:
        case = session.get(Case, ids_["case"])
        s1 = session.exec(select(Stakeholder).where(Stakeholder.code == "S1")).one()
        start_round(
            session,
            Actor.user(case.organisation_id, ids_["user"]),
            case_id=case.id,
            settings=RoundSettings(stakeholder_ids=[s1.id]),
            links=LinkSettings.from_config(app.config, clock.today()),
        )
    text = _text(app, ids_)
    assert "Er zijn twee belanghebbenden om een zienswijze gevraagd." in text
    assert "In een volgende ronde is nog één belanghebbende" in text
    assert "Belanghebbende 3" not in text


def test_a_stakeholders_view_in_a_later_round_replaces_the_one_given_in_the_first(app):
    ids_ = consulted_case(app, s2_view=Position.GEEN_BEZWAAR)
    with app.app_context(), new_session() as session:
        case = session.get(Case, ids_["case"])
        s2 = session.exec(select(Stakeholder).where(Stakeholder.code == "S2")).one()
        later = start_round(
            session,
            Actor.user(case.organisation_id, ids_["user"]),
            case_id=case.id,
            settings=RoundSettings(stakeholder_ids=[s2.id]),
            links=LinkSettings.from_config(app.config, clock.today()),
        )
        invitation = session.exec(select(Invitation).where(Invitation.round_id == later.id)).one()
        stakeholder = Actor.stakeholder(case.organisation_id)
        open_invitation(session, stakeholder, invitation_id=invitation.id, now=clock.now())
        view = ResponseInput(position=Position.BEZWAAR, explanation="Wij maken bezwaar tegen alles.")
        responses.submit(
            session, stakeholder, invitation_id=invitation.id, data=view, now=clock.now(), today=clock.today()
        )
    text = _text(app, ids_)
    assert "Belanghebbende 2 heeft een zienswijze gegeven met bezwaar" in text
    assert "Belanghebbende 2 heeft laten weten geen bezwaar" not in text
