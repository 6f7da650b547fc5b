"""PostgreSQL-only: two schedulers running the retention job at once erase a case once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from threading import Barrier

import pytest
from sqlmodel import Session, select

from tests.retention_case import decided_case
from zienswijze.db import AuditEvent
from zienswijze.db.session import ENGINE_KEY
from zienswijze.services import retention
from zienswijze.services.audit import verify_case

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)


def test_two_retention_runs_at_once_erase_the_case_once_and_the_trail_holds(app, clock_at):
    case_id = decided_case(app, clock_at)["case"]
    engine, upload_dir = app.extensions[ENGINE_KEY], Path(app.config["UPLOAD_DIR"])
    both_found_it = Barrier(2)

    def run() -> list[retention.DueCase]:
        with Session(engine) as session:
            assert [due.case_id for due in retention.due_cases(session, date(2029, 7, 15))] == [case_id]
            session.rollback()
            both_found_it.wait(timeout=10)
            return retention.erase_due(
                session, today=date(2029, 7, 15), now=datetime(2029, 7, 15, 3, tzinfo=UTC), upload_dir=upload_dir
            )

    with ThreadPoolExecutor(2) as pool:
        erased = [future.result() for future in [pool.submit(run), pool.submit(run)]]
    assert sorted(len(cases) for cases in erased) == [0, 1]
    with Session(engine) as session:
        assert len(session.exec(select(AuditEvent).where(AuditEvent.kind == "retention.erased")).all()) == 1
        assert verify_case(session, case_id).intact
