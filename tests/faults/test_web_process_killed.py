"""The web process killed (SIGKILL) while stakeholders submit, save and upload: after a restart every
acknowledged submission and draft is there, whole, with its attachments on disk, and nothing half-written."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

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


def submit_repeatedly(stakeholder: Stakeholder, base_url: str, acknowledged: list[str], stop: threading.Event):
    """Attach, check and submit, again and again; each view is recognised by its explanation."""
    number = 0
    while not stop.is_set():
        number += 1
        explanation = f"Zienswijze {number}"
        try:
            assert stakeholder.upload(base_url, f"bijlage-{number}.pdf", bulky_pdf(explanation, pages=4))[0] == 303
            assert (
                stakeholder.post(
                    base_url, "/z/dossier", {**stakeholder.objection(explanation), "action": "controleer"}
                )[0]
                == 200
            )
            status, _page = stakeholder.post(base_url, "/z/dossier/indienen", {})
        except OSError:
            return
        assert status == 303
        acknowledged.append(explanation)


def save_repeatedly(stakeholder: Stakeholder, base_url: str, acknowledged: list[str], stop: threading.Event):
    number = 0
    while not stop.is_set():
        number += 1
        try:
            status, _page = stakeholder.post(
                base_url, "/z/dossier", {"explanation": f"Concept {number}", "action": "bewaar"}
            )
        except OSError:
            return
        assert status == 303
        acknowledged.append(f"Concept {number}")
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
    submitted, saved, stop = [], [], threading.Event()
    threads = [
        threading.Thread(target=submit_repeatedly, args=(submitter, base_url, submitted, stop)),
        threading.Thread(target=save_repeatedly, args=(saver, base_url, saved, stop)),
    ]
    for thread in threads:
        thread.start()
    wait_for(lambda: len(submitted) >= SUBMISSIONS_BEFORE_KILL, timeout=30, what="submissions")
    web.send_signal(signal.SIGKILL)
    web.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    web, base_url = start_web(environ)
    try:
        assert submitter.get(base_url, "/z/dossier/ontvangen")[0] == 200
        status, page = saver.get(base_url, "/z/dossier")
    finally:
        web.kill()
        web.wait(timeout=10)
    draft = draft_explanation(app, "S2")
    # The save in flight when the process died may have been committed without being acknowledged.
    assert draft in (saved[-1], f"Concept {len(saved) + 1}") and status == 200 and draft in page
    kept = versions(app, VersionStatus.INGEDIEND)
    assert set(submitted) <= {version.explanation for version in kept}
    with app.app_context(), new_session() as session:
        for version in kept:
            assert (
                version.content_sha256
                and session.exec(select(func.count(ResponseItem.id)).where(ResponseItem.version_id == version.id)).one()
            )
        receipts = session.exec(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "receipt")).one()
        attached = set(session.exec(select(Attachment.file_sha256)))
    assert receipts >= 2 * len(submitted)
    files = {name: data for name, data in stored_files(Path(tmp_path / "uploads")).items() if not name.endswith(".tmp")}
    assert attached <= set(files) and is_whole(files)
