"""PostgreSQL-only: the database restarted while stakeholders save drafts. Requests during the restart
get a clear 503 page, never a 500; afterwards the same process serves again, every acknowledged save is
stored, and the scheduler's jobs send mail again, all without a restart by hand."""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import func, select

from tests.consultation import start_consultation
from tests.faults.processes import wait_for
from tests.faults.stakeholder_http import Stakeholder, draft_explanation
from tests.helpers import PG_URL
from tests.live_server import serve
from tests.smtp import Sink, smtp_server
from zienswijze.db import AuditEvent, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import run_once

# Serial: restarting the server would break whatever another test worker has running on it meanwhile.
pytestmark = [
    pytest.mark.skipif(PG_URL is None, reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"),
    pytest.mark.serial,
]

SAVES_EACH_SIDE = 5
PAUSE_SECONDS = 0.05
UNAVAILABLE = "tijdelijk niet beschikbaar"


def restart_postgres() -> None:
    """Restarts this machine's own PostgreSQL cluster, as an operator or an update would, and waits for it."""
    version = sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)
    wait_for(
        lambda: subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0,
        timeout=60,
        what="PostgreSQL to accept connections",
    )


class Saving:
    """Saves drafts one after another from a thread, remembering each answer."""

    def __init__(self, stakeholder: Stakeholder, base_url: str) -> None:
        self.stakeholder, self.base_url = stakeholder, base_url
        self.answers: list[tuple[str, int, str]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self) -> None:
        while not self.stop.is_set():
            text = f"Concept {len(self.answers) + 1}"
            status, page = self.stakeholder.post(self.base_url, "/z/dossier", {"explanation": text, "action": "bewaar"})
            self.answers.append((text, status, page))
            time.sleep(PAUSE_SECONDS)

    def acknowledged(self) -> list[str]:
        return [text for text, status, _page in self.answers if status == 303]


def test_a_postgres_restart_under_load_gives_503s_loses_no_acknowledged_save_and_recovers_by_itself(app):
    links = start_consultation(app)
    stakeholder = Stakeholder.opened(app, links["S1"], "S1")
    base_url, stop_serving = serve(app)
    saving = Saving(stakeholder, base_url)
    saving.thread.start()
    try:
        wait_for(lambda: len(saving.acknowledged()) >= SAVES_EACH_SIDE, timeout=30, what="saves before")
        restart_postgres()
        after = len(saving.answers)
        wait_for(
            lambda: len([a for a in saving.answers[after:] if a[1] == 303]) >= SAVES_EACH_SIDE,
            timeout=30,
            what="the same process to save again",
        )
    finally:
        saving.stop.set()
        saving.thread.join(timeout=30)
        stop_serving()

    statuses = Counter(status for _text, status, _page in saving.answers)
    assert set(statuses) <= {303, 503}, statuses
    assert all(UNAVAILABLE in page and "Traceback" not in page for _t, status, page in saving.answers if status == 503)
    with app.app_context(), new_session() as session:
        saves = session.exec(select(func.count(AuditEvent.id)).where(AuditEvent.kind == "response.draft_saved")).one()
    assert len(saving.acknowledged()) <= saves <= len(saving.answers)
    assert saving.answers[-1][1] == 303 and draft_explanation(app, "S1") == saving.acknowledged()[-1]

    sink = Sink()
    with smtp_server(sink) as server:
        app.config["MAIL_PORT"] = server.port
        run_once(app)
    with app.app_context(), new_session() as session:
        states = set(session.exec(select(OutboxMessage.state)))
    assert states == {OutboxState.SENT} and len(sink.messages) == 3
