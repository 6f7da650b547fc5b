"""The web process killed (SIGKILL) while stakeholders submit, save and upload: after a restart every
acknowledged submission and draft is there, whole, with its attachments on disk, and nothing half-written."""

from __future__ import annotations

import signal
import threading
import time

from sqlmodel import func, select

from tests.consultation import start_consultation
from tests.faults.processes import environment, start_web, wait_for
from tests.faults.stakeholder_http import Stakeholder, draft_explanation
from tests.faults.storage import bulky_pdf, is_whole, stored_files
from zienswijze.db import Attachment, OutboxMessage, ResponseItem, ResponseVersion
from zienswijze.db.session import new_session
from zienswijze.domain.responses import VersionStatus

# Acknowledged submissions before the kill: enough that it lands mid-work, few enough for the rate limit
# (120 form posts a minute from one address), which the drafts are paced to stay under as well.
SUBMISSIONS_BEFORE_KILL = 4
DRAFT_PAUSE_SECONDS = 0.1


class Work:
    """What the stakeholders' threads were told: the acknowledged views and drafts, and any other answer."""

    def __init__(self) -> None:
        self.submitted: list[str] = []
        self.saved: list[str] = []
        self.unexpected: list[tuple[str, int]] = []
        self.stop = threading.Event()

    def answered(self, what: str, status: int, expected: int) -> bool:
        if status != expected:
            self.unexpected.append((what, status))
        return status == expected


def submit_repeatedly(stakeholder: Stakeholder, base_url: str, work: Work) -> None:
    """Attach, check and submit, again and again; each view is recognised by its explanation."""
    number = 0
    while not work.stop.is_set():
        number += 1
        explanation = f"Zienswijze {number}"
        form = {**stakeholder.objection(explanation), "action": "controleer"}
        try:
            if not (
                work.answered(
                    "bijlage", stakeholder.upload(base_url, f"{number}.pdf", bulky_pdf(explanation, 4))[0], 303
                )
                and work.answered("controleer", stakeholder.post(base_url, "/z/dossier", form)[0], 200)
                and work.answered("indienen", stakeholder.post(base_url, "/z/dossier/indienen", {})[0], 303)
            ):
                return
        except OSError:
            return
        work.submitted.append(explanation)


def save_repeatedly(stakeholder: Stakeholder, base_url: str, work: Work) -> None:
    number = 0
    while not work.stop.is_set():
        number += 1
        form = {"explanation": f"Concept {number}", "action": "bewaar"}
        try:
            if not work.answered("bewaar", stakeholder.post(base_url, "/z/dossier", form)[0], 303):
                return
        except OSError:
            return
        work.saved.append(form["explanation"])
        time.sleep(DRAFT_PAUSE_SECONDS)


def versions(app, status: VersionStatus) -> list[ResponseVersion]:
    with app.app_context(), new_session() as session:
        return list(session.exec(select(ResponseVersion).where(ResponseVersion.status == status)))


def test_a_web_process_killed_mid_work_loses_no_acknowledged_submission_draft_or_attachment(
    app, database_url, tmp_path
):
    links = start_consultation(app)
    submitter, saver = (Stakeholder.opened(app, links[code], code) for code in ("S1", "S2"))
    environ = environment(database_url, tmp_path)
    web, base_url = start_web(environ)
    work = Work()
    threads = [
        threading.Thread(target=submit_repeatedly, args=(submitter, base_url, work)),
        threading.Thread(target=save_repeatedly, args=(saver, base_url, work)),
    ]
    for thread in threads:
        thread.start()
    wait_for(lambda: len(work.submitted) >= SUBMISSIONS_BEFORE_KILL or work.unexpected, timeout=30, what="submissions")
    web.send_signal(signal.SIGKILL)
    web.wait(timeout=10)
    work.stop.set()
    for thread in threads:
        thread.join(timeout=30)

    web, base_url = start_web(environ)
    try:
        assert submitter.get(base_url, "/z/dossier/ontvangen")[0] == 200
        status, page = saver.get(base_url, "/z/dossier")
    finally:
        web.kill()
        web.wait(timeout=10)
    assert work.unexpected == []
    draft = draft_explanation(app, "S2")
    # The save in flight when the process died may have been committed without being acknowledged.
    assert draft in (work.saved[-1], f"Concept {len(work.saved) + 1}") and status == 200 and draft in page
    kept = versions(app, VersionStatus.INGEDIEND)
    assert set(work.submitted) <= {version.explanation for version in kept}
    with app.app_context(), new_session() as session:
        for version in kept:
            assert (
                version.content_sha256
                and session.exec(select(func.count(ResponseItem.id)).where(ResponseItem.version_id == version.id)).one()
            )
        receipts = session.exec(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "receipt")).one()
        attached = set(session.exec(select(Attachment.file_sha256)))
    assert receipts >= 2 * len(work.submitted)
    files = {name: data for name, data in stored_files(tmp_path / "uploads").items() if not name.endswith(".tmp")}
    assert attached <= set(files) and is_whole(files)
