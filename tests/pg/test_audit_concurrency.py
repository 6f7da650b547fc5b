"""PostgreSQL-only: two writers appending to one case's audit trail at once never fork its chain."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session

from zienswijze.services import audit
from zienswijze.services.context import Actor

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)

EACH = 40


def test_two_writers_on_one_case_leave_one_unbroken_chain_with_every_event(engine, case_ids):
    organisation_id, case_id = case_ids
    start = threading.Barrier(2)

    def write(writer: str) -> None:
        start.wait()
        with Session(engine) as session:
            for number in range(EACH):
                audit.append(
                    session,
                    Actor.system(writer),
                    "test.appended",
                    organisation_id=organisation_id,
                    case_id=case_id,
                    details={"number": number},
                )
                session.commit()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(write, ["writer-a", "writer-b"]))

    with Session(engine) as session:
        result = audit.verify_case(session, case_id)
        writers = {event.actor for event in audit.events_of_case(session, case_id)}
    assert (result.intact, result.events, result.recorded) == (True, 2 * EACH, 2 * EACH)
    assert writers == {"writer-a", "writer-b"}
