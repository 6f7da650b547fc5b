"""The stakeholder's link: scanner-safe, bound to one invitation, revocable, and closed after the deadline."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from tests.consultation import ids, start_consultation
from tests.helpers import csrf_token_from
from zienswijze import clock
from zienswijze.db import AuditEvent, Invitation, OutboxMessage, Stakeholder
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.invitations import resend, revoke

TODAY = clock.today()


@pytest.fixture
def links(app):
    return start_consultation(app)


def _state(app, code: str) -> InvitationState:
    with app.app_context(), new_session() as session:
        return session.exec(select(Invitation.state).join(Stakeholder).where(Stakeholder.code == code)).one()


def _open(client, path):
    landing = client.get(path)
    return client.post(path, data={"csrf_token": csrf_token_from(landing.text)})


def test_fetching_the_link_changes_nothing_and_shows_only_the_body_and_reference(app, client, links):
    page = client.get(links["S1"])
    assert page.status_code == 200
    assert "Gemeente A" in page.text and "W-2024-1" in page.text
    assert "Dashboard" not in page.text and "Geheime Verzoeker" not in page.text
    assert _state(app, "S1") is InvitationState.CONCEPT
    with app.app_context(), new_session() as session:
        assert [e.kind for e in session.exec(select(AuditEvent))] == ["round.started"]


def test_pressing_open_moves_the_invitation_to_opened_and_leaves_the_token_behind(app, client, links):
    response = _open(client, links["S1"])
    assert response.status_code == 303 and response.headers["Location"] == "/z/dossier"
    assert _state(app, "S1") is InvitationState.GEOPEND


def test_the_file_shows_only_the_stakeholders_own_documents(client, links):
    _open(client, links["S1"])
    page = client.get("/z/dossier")
    assert "Document van S1" in page.text and "Document van S2" not in page.text
    assert "Geheime Verzoeker" not in page.text


def test_stakeholder_pages_send_no_referer_and_are_not_cached(client, links):
    response = client.get(links["S1"])
    assert response.headers["Referrer-Policy"] == "no-referrer" and response.headers["Cache-Control"] == "no-store"


def test_an_altered_link_gets_a_clear_page_that_reveals_nothing(client, links):
    response = client.get(links["S1"][:-3] + "abc")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.text and "Gemeente A" not in response.text


def _revoke_s1(app) -> None:
    with app.app_context(), new_session() as session:
        revoke(session, Actor.user(1, None), invitation_id=ids(app, "S1")["invitation"])


def _resend_s1(app) -> None:
    with app.app_context(), new_session() as session:
        resend(
            session,
            Actor.user(1, None),
            invitation_id=ids(app, "S1")["invitation"],
            links=LinkSettings.from_config(app.config, TODAY),
        )


def test_a_revoked_link_stops_working_at_once(app, client, links):
    _revoke_s1(app)
    response = client.get(links["S1"])
    assert response.status_code == 403 and "woo@gemeente-a.example.org" in response.text


def test_a_resent_link_replaces_the_old_one(app, client, links):
    _resend_s1(app)
    assert client.get(links["S1"]).status_code == 403


def test_an_open_file_closes_when_its_link_is_revoked(app, client, links):
    _open(client, links["S1"])
    _revoke_s1(app)
    assert client.get("/z/dossier").status_code == 403


def _move_deadline(app, days_ago: int) -> None:
    with app.app_context(), new_session() as session:
        for invitation in session.exec(select(Invitation)):
            invitation.deadline = clock.today() - timedelta(days=days_ago)
        session.commit()


def test_after_the_deadline_the_file_is_read_only_for_thirty_days(app, client, links):
    _open(client, links["S1"])
    _move_deadline(app, 3)
    page = client.get("/z/dossier")
    assert page.status_code == 200 and "niet meer reageren" in page.text


def test_long_after_the_deadline_the_link_has_expired(app, client, links):
    _move_deadline(app, 40)
    assert client.get(links["S1"]).status_code == 410


# A deadline day, and the last microsecond (UTC, as an independent fact) of the thirty days the file stays
# readable after it, in winter and in summer time.
READ_ONLY_ENDS = {
    "winter time": (date(2026, 12, 30), datetime(2027, 1, 29, 22, 59, 59, 999999, tzinfo=UTC)),
    "summer time": (date(2027, 7, 23), datetime(2027, 8, 22, 21, 59, 59, 999999, tzinfo=UTC)),
}


def _deadline_on(app, deadline: date) -> None:
    with app.app_context(), new_session() as session:
        for invitation in session.exec(select(Invitation)):
            invitation.deadline = deadline
        session.commit()


@pytest.mark.parametrize("season", READ_ONLY_ENDS)
def test_the_link_still_opens_the_file_read_only_in_the_last_microsecond_of_the_thirty_days(
    app, client, links, clock_at, season
):
    deadline, last_moment = READ_ONLY_ENDS[season]
    _deadline_on(app, deadline)
    clock_at(last_moment)
    assert client.get(links["S1"]).status_code == 200


@pytest.mark.parametrize("season", READ_ONLY_ENDS)
def test_the_link_has_expired_one_microsecond_after_the_thirty_days(app, client, links, clock_at, season):
    deadline, last_moment = READ_ONLY_ENDS[season]
    _deadline_on(app, deadline)
    clock_at(last_moment + timedelta(microseconds=1))
    assert client.get(links["S1"]).status_code == 410


def test_the_file_without_an_opened_link_is_not_shown(client, links):
    assert client.get("/z/dossier").status_code == 404


def test_revoking_withdraws_the_invitation_mail_that_has_not_gone_out(app, links):
    _revoke_s1(app)
    with app.app_context(), new_session() as session:
        states = {m.to_address: m.state for m in session.exec(select(OutboxMessage))}
    assert states["s1@example.com"] is OutboxState.CANCELLED
    assert states["s2@example.com"] is OutboxState.PENDING


def test_resending_withdraws_the_waiting_mail_with_the_old_link(app, links):
    _resend_s1(app)
    with app.app_context(), new_session() as session:
        states = sorted(
            m.state for m in session.exec(select(OutboxMessage).where(OutboxMessage.to_address == "s1@example.com"))
        )
    assert states == [OutboxState.CANCELLED, OutboxState.PENDING]


def _rotate_key(app, *, keep_old: bool) -> None:
    """A new secret key, with the old one accepted as a fallback or dropped."""
    old = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "een nieuwe geheime sleutel na de rotatie"
    app.config["SECRET_KEY_FALLBACKS"] = [old] if keep_old else []


def test_a_link_mailed_before_the_key_was_rotated_still_opens_the_file_while_the_old_key_is_a_fallback(
    app, client, links
):
    _rotate_key(app, keep_old=True)
    assert client.get(links["S1"]).status_code == 200
    assert _open(client, links["S1"]).status_code == 303


def test_a_link_signed_with_a_key_no_longer_accepted_is_unknown(app, client, links):
    _rotate_key(app, keep_old=False)
    assert client.get(links["S1"]).status_code == 404


def test_a_file_opened_before_the_key_was_rotated_stays_open(app, client, links):
    _open(client, links["S1"])
    _rotate_key(app, keep_old=True)
    assert client.get("/z/dossier").status_code == 200


def test_after_the_rotation_new_links_are_signed_with_the_new_key(app, client, links):
    _rotate_key(app, keep_old=True)
    _resend_s1(app)
    app.config["SECRET_KEY_FALLBACKS"] = []
    with app.app_context(), new_session() as session:
        [message] = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.to_address == "s1@example.com", OutboxMessage.state == OutboxState.PENDING
            )
        ).all()
    [link] = re.findall(r"/z/[\w.-]+", message.body_text)
    assert client.get(link).status_code == 200
