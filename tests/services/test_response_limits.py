"""What one link holder may store: attachments within the invitation's limits, text within its caps, no files
left behind that nobody refers to, and a receipt that carries no uploads and stays a mail's size."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from tests.consultation import ids, start_consultation
from tests.smtp import Sink, smtp_server
from zienswijze import clock
from zienswijze.db import AuditEvent, Case, Invitation, StoredFile
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.limits import AttachmentLimits, TextCap
from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput
from zienswijze.files.store import path_for
from zienswijze.jobs import run_once
from zienswijze.services import attachments, responses
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid
from zienswijze.services.stakeholder_access import open_invitation

PDFS = [text_pdf(f"Bijlage {n}", [[f"Onderbouwing nummer {n}."]]) for n in range(3)]
ROOMY = AttachmentLimits(max_count=20, max_bytes=100 * 1024 * 1024)


@pytest.fixture
def invitation_id(app, session) -> int:
    """Stakeholder S1's invitation, opened through the link."""
    start_consultation(app)
    invitation_id = ids(app, "S1")["invitation"]
    open_invitation(session, _stakeholder(session), invitation_id=invitation_id, now=clock.now())
    return invitation_id


def _stakeholder(session) -> Actor:
    return Actor.stakeholder(session.exec(select(Case)).one().organisation_id)


def _attach(app, session, invitation_id: int, data: bytes, limits: AttachmentLimits = ROOMY):
    return attachments.add_attachment(
        session,
        _stakeholder(session),
        invitation_id=invitation_id,
        filename="onderbouwing.pdf",
        data=data,
        upload_dir=Path(app.config["UPLOAD_DIR"]),
        max_bytes=10 * 1024 * 1024,
        limits=limits,
        now=clock.now(),
    )


def _remove(app, session, invitation_id: int, attachment_id: int) -> None:
    attachments.remove_attachment(
        session,
        _stakeholder(session),
        invitation_id=invitation_id,
        attachment_id=attachment_id,
        upload_dir=Path(app.config["UPLOAD_DIR"]),
        now=clock.now(),
    )


def _objection(app, reasons: str = "Zie de bijlage.") -> ResponseInput:
    item = ItemInput(ItemKind.BEZWAAR, ids(app, "S1")["document"], reasons=reasons)
    return ResponseInput(position=Position.BEZWAAR, items=(item,))


def _submit(session, invitation_id: int, data: ResponseInput) -> None:
    responses.submit(
        session, _stakeholder(session), invitation_id=invitation_id, data=data, now=clock.now(), today=clock.today()
    )


def test_an_attachment_beyond_the_invitations_count_is_refused(app, session, invitation_id):
    limits = AttachmentLimits(max_count=2, max_bytes=100 * 1024 * 1024)
    for data in PDFS[:2]:
        _attach(app, session, invitation_id, data, limits)
    with pytest.raises(Invalid) as refused:
        _attach(app, session, invitation_id, PDFS[2], limits)
    assert refused.value.errors["attachment"].startswith("U kunt hoogstens 2 bijlagen toevoegen.")


def test_an_attachment_that_would_pass_the_total_size_is_refused(app, session, invitation_id):
    limits = AttachmentLimits(max_count=20, max_bytes=len(PDFS[0]) + len(PDFS[1]) - 1)
    _attach(app, session, invitation_id, PDFS[0], limits)
    with pytest.raises(Invalid) as refused:
        _attach(app, session, invitation_id, PDFS[1], limits)
    assert "samen hoogstens" in refused.value.errors["attachment"]


def test_a_draft_with_a_reason_over_its_cap_is_refused_not_cut_short(app, session, invitation_id):
    with pytest.raises(Invalid) as refused:
        responses.save_draft(
            session,
            _stakeholder(session),
            invitation_id=invitation_id,
            data=_objection(app, reasons="x" * (TextCap.LONG + 1)),
            now=clock.now(),
        )
    assert "hoogstens 20.000" in refused.value.errors["items.0.reasons"]


def test_a_removed_attachments_file_goes_once_no_row_refers_to_it(app, session, invitation_id):
    attachment = _attach(app, session, invitation_id, PDFS[0])
    sha256 = attachment.file_sha256
    _remove(app, session, invitation_id, attachment.id)
    assert not path_for(Path(app.config["UPLOAD_DIR"]), sha256).exists()
    assert session.get(StoredFile, sha256) is None
    event = session.exec(select(AuditEvent).where(AuditEvent.kind == "response.attachment_removed")).one()
    assert event.details["sha256"] == sha256 and event.details["file_removed"] is True


def test_a_removed_draft_attachment_keeps_its_file_while_a_submission_refers_to_it(app, session, invitation_id):
    attachment = _attach(app, session, invitation_id, PDFS[0])
    _submit(session, invitation_id, _objection(app))
    responses.save_draft(
        session, _stakeholder(session), invitation_id=invitation_id, data=_objection(app), now=clock.now()
    )
    (copied,) = responses.current(session, session.get_one(Invitation, invitation_id)).attachments
    _remove(app, session, invitation_id, copied.id)
    assert path_for(Path(app.config["UPLOAD_DIR"]), attachment.file_sha256).exists()
    assert session.get(StoredFile, attachment.file_sha256) is not None


def test_the_receipt_carries_no_attachment_and_only_the_start_of_a_long_reason(app, session, invitation_id):
    _attach(app, session, invitation_id, PDFS[0])
    _submit(session, invitation_id, _objection(app, reasons="Ons belang. " * 1_600))
    sink = Sink()
    with smtp_server(sink) as controller:
        app.config["MAIL_PORT"] = controller.port
        run_once(app)
    receipts = [m for m in sink.messages if m["Subject"].startswith("Ontvangstbevestiging")]
    assert len(receipts) == 2
    for receipt in receipts:
        assert list(receipt.iter_attachments()) == []
        assert "onderbouwing.pdf" in receipt.get_body(preferencelist=("plain",)).get_content()
        assert len(receipt.as_bytes()) < 16_000
