"""The stakeholder's response: drafts that survive, a confirmed immutable submission, a receipt, and limits."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from tests.consultation import ids, start_consultation
from tests.helpers import csrf_token_from, statements_run
from zienswijze import clock
from zienswijze.db import AuditEvent, Invitation, OutboxMessage, ResponseVersion
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.responses import VersionStatus
from zienswijze.services.rounds import RoundSettings


@pytest.fixture
def links(app):
    return start_consultation(app)


def _open(app, links, code="S1"):
    client = app.test_client()
    landing = client.get(links[code])
    client.post(links[code], data={"csrf_token": csrf_token_from(landing.text)})
    return client


def _form(client, **fields):
    token = csrf_token_from(client.get("/z/dossier").text)
    return {"csrf_token": token, "extra_rows": "1", **fields}


def _objection(
    app, client, action="controleer", reasons="Het is de naam van onze medewerker; privacy weegt zwaarder.", **extra
):
    d = ids(app, "S1")["document"]
    fields = {f"d{d}": "bezwaar", f"d{d}-reasons": reasons, **extra}
    return client.post("/z/dossier", data=_form(client, position="bezwaar", action=action, **fields))


def _submit(app, client):
    _objection(app, client)
    return client.post("/z/dossier/indienen", data={"csrf_token": csrf_token_from(client.get("/z/dossier").text)})


def _invitation(app, code="S1") -> Invitation:
    with app.app_context(), new_session() as session:
        return session.get(Invitation, ids(app, code)["invitation"])


def test_the_file_shows_the_deadline_with_its_weekday_and_the_contact_person(app, links):
    page = _open(app, links).get("/z/dossier").text
    assert "Uiterste datum" in page and "Mr. Behandelaar" in page
    assert any(day in page for day in ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"))


def test_a_saved_draft_is_there_again_after_the_browser_was_closed(app, links):
    client = _open(app, links)
    response = _objection(app, client, action="bewaar")
    assert response.status_code == 303
    assert _invitation(app).state is InvitationState.IN_BEHANDELING
    reopened = _open(app, links)  # a new browser: no cookies from before
    assert "privacy weegt zwaarder" in reopened.get("/z/dossier").text


def test_submitting_asks_for_confirmation_first(app, links):
    client = _open(app, links)
    page = _objection(app, client)
    assert page.status_code == 200 and "Controleer uw zienswijze" in page.text
    assert _invitation(app).state is not InvitationState.INGEDIEND


def test_a_confirmed_submission_is_stored_before_it_is_acknowledged(app, links):
    client = _open(app, links)
    response = _submit(app, client)
    assert response.status_code == 303 and response.headers["Location"] == "/z/dossier/ontvangen"
    invitation = _invitation(app)
    assert invitation.state is InvitationState.INGEDIEND and invitation.submitted_at is not None
    assert "Uw zienswijze is ontvangen" in client.get("/z/dossier/ontvangen").text


def test_every_contact_gets_a_receipt_with_the_full_response(app, links):
    _submit(app, _open(app, links))
    with app.app_context(), new_session() as session:
        receipts = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "receipt")).all()
    assert sorted(m.to_address for m in receipts) == ["s1-juridisch@example.com", "s1@example.com"]
    assert all("privacy weegt zwaarder" in m.body_text and "W-2024-1" in m.subject for m in receipts)


def test_the_submission_is_in_the_audit_trail_with_a_hash_of_its_content(app, links):
    _submit(app, _open(app, links))
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "response.submitted")).one()
        version = session.exec(select(ResponseVersion).where(ResponseVersion.status == VersionStatus.INGEDIEND)).one()
    assert event.details["sha256"] == version.content_sha256 and len(version.content_sha256) == 64


def test_a_later_submission_supersedes_the_earlier_and_both_are_kept(app, links):
    client = _open(app, links)
    _submit(app, client)
    _submit(app, client)
    with app.app_context(), new_session() as session:
        versions = session.exec(select(ResponseVersion).order_by(ResponseVersion.number)).all()
    assert [v.status for v in versions] == [VersionStatus.INGEDIEND, VersionStatus.INGEDIEND]
    assert versions[0].superseded_at is not None and versions[1].superseded_at is None


def test_the_form_asks_consent_to_email_the_decision_and_the_submission_keeps_it(app, links):
    client = _open(app, links)
    assert "Ik ga ermee akkoord dat het besluit mij per e-mail wordt toegezonden" in client.get("/z/dossier").text
    confirm = _objection(app, client, email_consent="ja")
    assert "Ja, u ontvangt het besluit per e-mail" in confirm.text
    client.post("/z/dossier/indienen", data={"csrf_token": csrf_token_from(client.get("/z/dossier").text)})
    with app.app_context(), new_session() as session:
        version = session.exec(select(ResponseVersion).where(ResponseVersion.status == VersionStatus.INGEDIEND)).one()
        receipt = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "receipt")).first()
    assert version.email_consent
    assert receipt is not None and "Besluit per e-mail: Ja, u ontvangt het besluit per e-mail" in receipt.body_text


def test_without_the_box_ticked_the_decision_goes_by_post(app, links):
    client = _open(app, links)
    assert "Nee, u ontvangt het besluit per post" in _objection(app, client).text


def test_a_submission_without_a_position_is_explained_beside_the_field(app, links):
    client = _open(app, links)
    response = client.post("/z/dossier", data=_form(client, action="controleer"))
    assert response.status_code == 400
    assert "Controleer het formulier" in response.text and 'href="#position"' in response.text


def test_an_objection_without_reasons_is_refused_with_the_field_named(app, links):
    client = _open(app, links)
    response = _objection(app, client, reasons="")
    d = ids(app, "S1")["document"]
    assert response.status_code == 400 and f'id="d{d}-reasons-fout"' in response.text


def _extra_redaction(app, client, ground: str):
    document = ids(app, "S1")["document"]
    return client.post(
        "/z/dossier",
        data=_form(
            client,
            action="controleer",
            position="bezwaar",
            **{
                "x0-document": str(document),
                "x0-page": "1",
                "x0-passage": "Document van S1",
                "x0-ground": ground,
                "x0-reasons": "Bedrijfsgevoelig.",
            },
        ),
    )


def test_an_extra_redaction_request_needs_a_known_ground(app, links):
    response = _extra_redaction(app, _open(app, links), "9.9")
    assert response.status_code == 400 and 'id="x0-ground-fout"' in response.text


@pytest.mark.parametrize("ground", ["8.8", "buiten scope"])
def test_an_extra_redaction_request_cannot_name_8_8_or_buiten_scope(app, links, ground):
    response = _extra_redaction(app, _open(app, links), ground)
    assert response.status_code == 400 and 'id="x0-ground-fout"' in response.text


def test_the_ground_choices_leave_out_8_8_and_buiten_scope(app, links):
    page = _open(app, links).get("/z/dossier").text
    assert '<option value="5.1.2f"' in page
    assert '<option value="8.8"' not in page and '<option value="buiten scope"' not in page


def test_asking_for_one_more_extra_redaction_row_keeps_what_was_typed(app, links):
    client = _open(app, links)
    page = client.post("/z/dossier", data=_form(client, action="extra_rij", explanation="Mijn toelichting"))
    assert 'id="x1-passage"' in page.text and "Mijn toelichting" in page.text


def test_the_draft_is_saved_while_typing(app, links):
    client = _open(app, links)
    response = client.post(
        "/z/dossier/automatisch-bewaren", data=_form(client, explanation="Half af"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "automatisch bewaard" in response.text
    assert "Half af" in _open(app, links).get("/z/dossier").text


def test_a_pdf_attachment_is_added_and_a_non_pdf_refused(app, links):
    client = _open(app, links)
    token = csrf_token_from(client.get("/z/dossier").text)
    ok = client.post(
        "/z/dossier/bijlagen",
        data={
            "csrf_token": token,
            "attachment": (io.BytesIO(text_pdf("Onderbouwing", [["Onze onderbouwing."]])), "onderbouwing.pdf"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    bad = client.post(
        "/z/dossier/bijlagen",
        data={"csrf_token": token, "attachment": (io.BytesIO(b"MZ not a pdf"), "virus.pdf")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Bijlage onderbouwing.pdf toegevoegd." in ok.text and "onderbouwing.pdf" in bad.text
    assert "virus.pdf:" in bad.text


def test_a_stakeholder_sees_only_their_own_pdf(app, links):
    client = _open(app, links)
    own, other = ids(app, "S1")["document"], ids(app, "S2")["document"]
    with client.get(f"/z/dossier/documenten/{own}") as response:
        assert response.data.startswith(b"%PDF-")
    assert client.get(f"/z/dossier/documenten/{other}").status_code == 404


def test_an_answer_about_another_stakeholders_passage_is_ignored(app, links):
    client = _open(app, links)
    other = ids(app, "S2")["redaction"]
    _submit_with = _form(
        client,
        action="bewaar",
        position="bezwaar",
        explanation="x",
        **{f"r{other}": "toestemming", f"r{other}-reasons": "Niet van mij"},
    )
    client.post("/z/dossier", data=_submit_with)
    assert "Niet van mij" not in _open(app, links).get("/z/dossier").text


def _past_deadline(app):
    with app.app_context(), new_session() as session:
        for invitation in session.exec(select(Invitation)):
            invitation.deadline = clock.today() - timedelta(days=1)
        session.commit()


def test_a_late_submission_is_refused_with_whom_to_contact(app, links):
    client = _open(app, links)
    _objection(app, client, action="bewaar")
    _past_deadline(app)
    response = client.post("/z/dossier/indienen", data={"csrf_token": csrf_token_from(client.get("/z/dossier").text)})
    assert response.status_code == 403 and "behandelaar@gemeente-a.example.org" in response.text
    assert _invitation(app).state is not InvitationState.INGEDIEND


# The last microsecond of a deadline day in Amsterdam, in UTC, as independent facts (not computed by the code).
LAST_MOMENTS = {
    "winter time": (date(2026, 12, 30), datetime(2026, 12, 30, 22, 59, 59, 999999, tzinfo=UTC)),
    "summer time": (date(2027, 7, 23), datetime(2027, 7, 23, 21, 59, 59, 999999, tzinfo=UTC)),
}


def _ready_to_submit_by(app, links, deadline: date):
    client = _open(app, links)
    _objection(app, client, action="bewaar")
    with app.app_context(), new_session() as session:
        for invitation in session.exec(select(Invitation)):
            invitation.deadline = deadline
        session.commit()
    return client, csrf_token_from(client.get("/z/dossier").text)


@pytest.mark.parametrize("season", LAST_MOMENTS)
def test_a_submission_one_microsecond_after_the_deadline_day_is_refused(app, links, clock_at, season):
    deadline, last_moment = LAST_MOMENTS[season]
    client, token = _ready_to_submit_by(app, links, deadline)
    clock_at(last_moment + timedelta(microseconds=1))
    response = client.post("/z/dossier/indienen", data={"csrf_token": token})
    assert response.status_code == 403 and "behandelaar@gemeente-a.example.org" in response.text
    assert _invitation(app).state is not InvitationState.INGEDIEND


@pytest.mark.parametrize("season", LAST_MOMENTS)
def test_a_submission_in_the_last_microsecond_of_the_deadline_day_is_accepted(app, links, clock_at, season):
    deadline, last_moment = LAST_MOMENTS[season]
    client, token = _ready_to_submit_by(app, links, deadline)
    clock_at(last_moment)
    response = client.post("/z/dossier/indienen", data={"csrf_token": token})
    assert response.status_code == 303 and _invitation(app).state is InvitationState.INGEDIEND


def _ask_extension(client, days: int, reason="Zomervakantie"):
    until = (_deadline_of(client) + timedelta(days=days)).isoformat()
    return client.post(
        "/z/dossier/verlenging",
        data={"csrf_token": csrf_token_from(client.get("/z/dossier").text), "requested_until": until, "reason": reason},
    )


def _deadline_of(client):
    return client.application.extensions["zienswijze.test_deadline"]()


@pytest.fixture
def deadline_reader(app):
    app.extensions["zienswijze.test_deadline"] = lambda: _invitation(app).deadline


def test_an_extension_within_the_policy_is_granted_at_once(app, deadline_reader):
    links = start_consultation(app, RoundSettings(max_extension_days=14, auto_grant_extensions=True))
    client = _open(app, links)
    before = _invitation(app).deadline
    response = _ask_extension(client, 7)
    assert response.status_code == 303
    assert _invitation(app).deadline >= before + timedelta(days=7)
    with app.app_context(), new_session() as session:
        kinds = [m.kind for m in session.exec(select(OutboxMessage))]
    assert "extension_decided" in kinds and "extension_requested" in kinds


def test_an_extension_waits_for_the_handler_when_the_policy_does_not_grant_it(app, deadline_reader):
    links = start_consultation(app, RoundSettings(max_extension_days=14, auto_grant_extensions=False))
    client = _open(app, links)
    before = _invitation(app).deadline
    _ask_extension(client, 7)
    assert _invitation(app).deadline == before
    assert "Daarover is nog niet beslist" in client.get("/z/dossier").text


def test_an_extension_beyond_the_maximum_is_refused_with_the_reason(app, deadline_reader):
    links = start_consultation(app, RoundSettings(max_extension_days=7, auto_grant_extensions=True))
    response = _ask_extension(_open(app, links), 30)
    assert response.status_code == 400 and "uiterste datum waartoe verlenging" in response.text


def test_the_address_check_refuses_a_forwarded_link(app):
    links = start_consultation(app, RoundSettings(verify_email=True))
    client = app.test_client()
    token = csrf_token_from(client.get(links["S1"]).text)
    wrong = client.post(links["S1"], data={"csrf_token": token, "email": "doorgestuurd@example.net"})
    right = client.post(links["S1"], data={"csrf_token": token, "email": "S1-Juridisch@example.com"})
    assert wrong.status_code == 400 and right.status_code == 303


def test_a_page_is_shown_as_an_image_with_the_proposed_redactions_marked(app, links):
    client = _open(app, links)
    document = ids(app, "S1")["document"]
    assert f"/z/dossier/documenten/{document}/pagina/1.png" in client.get("/z/dossier").text
    image = client.get(f"/z/dossier/documenten/{document}/pagina/1.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert client.get(f"/z/dossier/documenten/{document}/pagina/2.png").status_code == 404
    assert client.get(f"/z/dossier/documenten/{ids(app, 'S2')['document']}/pagina/1.png").status_code == 404


def test_consent_to_disclose_a_passage_is_no_objection(app, links):
    client = _open(app, links)
    r = ids(app, "S1")["redaction"]
    fields = {f"r{r}": "toestemming", f"r{r}-reasons": "Mag gewoon openbaar."}
    response = client.post("/z/dossier", data=_form(client, position="geen bezwaar", action="controleer", **fields))
    assert response.status_code == 200 and "Controleer uw zienswijze" in response.text
    assert "openbaar mogen worden" in response.text and "Bezwaren en verzoeken" not in response.text


def test_submitting_reads_only_the_documents_the_stakeholder_answers_about(app, links):
    """A case may hold thousands of documents; the receipt names the view's own, and reads no other."""
    client = _open(app, links)
    _objection(app, client)
    token = csrf_token_from(client.get("/z/dossier").text)
    others = ids(app, "S2")
    with statements_run(app.extensions[ENGINE_KEY]) as run:
        client.post("/z/dossier/indienen", data={"csrf_token": token})
    bound = [
        set(parameters.values() if isinstance(parameters, dict) else parameters)
        for statement, parameters in run
        if "FROM documents" in statement or "FROM proposed_redactions" in statement
    ]
    assert bound and not any({others["document"], others["redaction"]} & values for values in bound)
