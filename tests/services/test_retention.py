"""Erasure at the end of the retention period: the personal data of a decided case go, the archive's part
stays, and the audit trail still verifies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import SQLModel, select

from tests.retention_case import DECIDED, decided_case
from tests.weighing_case import ATTACHMENT_NAME
from zienswijze.db import Attachment, AuditEvent, Case, Stakeholder, Weighing
from zienswijze.db.session import new_session
from zienswijze.domain.decision_paragraph import SHORT
from zienswijze.files.store import path_for
from zienswijze.jobs import JOBS
from zienswijze.services import paragraph, retention
from zienswijze.services.audit import verify_case

FIVE_YEARS_LATER = date(2029, 7, 15)
NOW = datetime(2029, 7, 15, 3, tzinfo=UTC)
# What the case holds about people: names, addresses, phone numbers, their views' words, an attachment.
PERSONAL = [
    "s1@example.com",
    "s1-juridisch@example.com",
    "s2@example.com",
    "Bedrijf S1",
    "Bedrijf S2",
    "Geheime Verzoeker",
    "M. Jurist",
    "030 123 45 67",
    "Omzet van S1.",
    "Onze bedrijfsgegevens.",
    "Zie de bijlage.",
    "Bedrijfsbelang tegenover openbaarheid.",
    ATTACHMENT_NAME,
]


@pytest.fixture
def decided(app, clock_at) -> dict:
    return decided_case(app, clock_at)


def _erase(app, today: date = FIVE_YEARS_LATER) -> list[retention.DueCase]:
    with app.app_context(), new_session() as session:
        return retention.erase_due(session, today=today, now=NOW, upload_dir=Path(app.config["UPLOAD_DIR"]))


def _every_row(app) -> str:
    with app.app_context(), new_session() as session:
        connection = session.connection()
        return "\n".join(
            repr(tuple(row)) for table in SQLModel.metadata.sorted_tables for row in connection.execute(table.select())
        )


def test_nothing_is_erased_before_the_retention_period_ends(app, decided):
    assert _erase(app, date(2029, 7, 14)) == []
    assert "Bedrijf S1" in _every_row(app)


def test_no_personal_data_of_the_case_remain_in_any_table(app, decided):
    assert all(text in _every_row(app) for text in PERSONAL)  # the search finds them before
    [erased] = _erase(app)
    assert (erased.reference, erased.due_on) == ("W-2024-1", FIVE_YEARS_LATER)
    rows = _every_row(app)
    assert [text for text in PERSONAL if text in rows] == []


def test_the_audit_trail_still_verifies_after_the_erasure(app, decided):
    _erase(app)
    with app.app_context(), new_session() as session:
        result = verify_case(session, decided["case"])
        erased = session.exec(select(AuditEvent).where(AuditEvent.erased)).all()
    assert result.intact and erased and all(event.details == {} for event in erased)


def test_marking_another_event_erased_afterwards_breaks_the_trail(app, decided):
    _erase(app)
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "retention.erased")).one()
        later = AuditEvent(**{**event.model_dump(exclude={"id"}), "kind": "case.updated", "erased": True})
        later.previous_hash, later.details = event.hash, {}
        session.add(later)
        session.commit()
        assert not verify_case(session, decided["case"]).intact


def test_the_erasure_is_recorded_with_what_it_removed(app, decided):
    _erase(app)
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "retention.erased")).one()
    assert event.actor == "retention" and event.details["contacts"] == 3 and event.details["attachments"] == 1
    assert event.details["files_removed"] == 1 and event.details["erased_events"] > 0


def test_the_archive_keeps_the_decision_the_paragraph_and_each_weighings_outcome(app, decided):
    with app.app_context(), new_session() as session:
        case = session.get(Case, decided["case"])
        before = paragraph.text(session, case), paragraph.text(session, case, SHORT)
        outcomes = sorted(str(w.outcome) for w in session.exec(select(Weighing)))
    _erase(app)
    with app.app_context(), new_session() as session:
        case = session.get(Case, decided["case"])
        assert case.decision_date == DECIDED and case.erased_at == NOW
        assert (paragraph.text(session, case), paragraph.text(session, case, SHORT)) == before
        assert sorted(str(w.outcome) for w in session.exec(select(Weighing))) == outcomes
        assert [s.name for s in session.exec(select(Stakeholder).order_by(Stakeholder.code))] == [
            "Belanghebbende S1",
            "Belanghebbende S2",
        ]


def test_the_attachments_files_are_removed_from_the_store(app, decided):
    with app.app_context(), new_session() as session:
        [attachment] = session.exec(select(Attachment)).all()
    stored = path_for(Path(app.config["UPLOAD_DIR"]), attachment.file_sha256)
    assert stored.exists()
    _erase(app)
    assert not stored.exists()


def test_a_second_run_erases_nothing_more(app, decided):
    _erase(app)
    assert _erase(app) == []
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(AuditEvent).where(AuditEvent.kind == "retention.erased")).all()) == 1


def test_a_case_without_a_decision_is_kept(app, decided):
    with app.app_context(), new_session() as session:
        session.get(Case, decided["case"]).decision_date = None
        session.commit()
    assert _erase(app, date(2099, 1, 1)) == []


def test_the_dry_run_lists_the_due_cases_and_erases_nothing(app, runner, decided, clock_at):
    clock_at(NOW)
    result = runner.invoke(args=["retention", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Gemeente A\tW-2024-1\tdecided 2024-07-15\tdue 2029-07-15\twould be erased" in result.output
    assert "Bedrijf S1" in _every_row(app)


def test_the_command_erases_the_due_cases(app, runner, decided, clock_at):
    clock_at(NOW)
    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0 and "1 cases erased" in result.output
    assert "Bedrijf S1" not in _every_row(app)


def test_the_scheduler_job_erases_the_due_cases(app, decided, clock_at):
    clock_at(NOW)
    with app.app_context():
        JOBS["retention"]()
    assert [text for text in PERSONAL if text in _every_row(app)] == []
