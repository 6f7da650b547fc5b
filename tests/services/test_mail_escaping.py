"""Every HTML mail shows what people typed as text, never as markup (issue 12, finding 1)."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from zienswijze.domain.limits import RECEIPT_EXCERPT
from zienswijze.mail import queue

HOSTILE = '</pre><h1>injected</h1><a href="https://evil.example/x">klik</a>'
HTML_TEMPLATES = sorted(p.stem for p in (Path(__file__).parents[2] / "templates" / "email").glob("*.html"))


def _hostile_context() -> dict:
    """Every value a mail shows that a person supplied, set to markup."""
    document = SimpleNamespace(
        number=HOSTILE,
        title=HOSTILE,
        document_date=date(2024, 3, 1),
        assessment=SimpleNamespace(value=HOSTILE),
        ground_codes=[HOSTILE],
    )
    item = SimpleNamespace(
        kind=SimpleNamespace(value="bezwaar"),
        document_id=1,
        redaction_id=None,
        passage=HOSTILE,
        page=2,
        ground_code=HOSTILE,
        reasons=HOSTILE,
    )
    return {
        "organisation": SimpleNamespace(
            name=HOSTILE, contact_email=HOSTILE, contact_phone=HOSTILE, objection_address=HOSTILE
        ),
        "case": SimpleNamespace(
            reference=HOSTILE, subject=HOSTILE, contact_name=HOSTILE, contact_email=HOSTILE, contact_phone=HOSTILE
        ),
        "stakeholder": SimpleNamespace(name=HOSTILE),
        "round": SimpleNamespace(number=1, personal_note=HOSTILE, allow_extensions=True, max_extension_days=14),
        "request": SimpleNamespace(
            reason=HOSTILE, requested_until=date(2024, 4, 1), resulting_deadline=date(2024, 4, 1)
        ),
        "data": SimpleNamespace(
            position=SimpleNamespace(value=HOSTILE),
            items=[item],
            explanation=HOSTILE,
            contact_name=HOSTILE,
            contact_phone=HOSTILE,
            email_consent=True,
        ),
        "documents": [document],
        "rows": [(document, HOSTILE)],
        "outcomes": [SimpleNamespace(name=HOSTILE, state=HOSTILE, day=HOSTILE)],
        "counts": [(HOSTILE, 1)],
        "explanation": [HOSTILE],
        "attachments": [SimpleNamespace(filename=HOSTILE, file_sha256="0")],
        "sizes": {},
        "excerpt": RECEIPT_EXCERPT,
        "redactions": {},
        "version": SimpleNamespace(content_sha256="0" * 64),
        "granted": True,
        "undeliverable": True,
        "reason": HOSTILE,
        "address": HOSTILE,
        "attempts": 1,
        "letter_name": HOSTILE,
        "case_url": "https://zienswijze.example/zaken/1",
        "link": "https://zienswijze.example/z/token",
        **dict.fromkeys(
            ("deadline", "sent", "received", "earlier", "submitted", "notified_on", "decided", "objection_end"),
            "1 maart 2024",
        ),
        "suspension_ended": "1 maart 2024",
    }


@pytest.mark.parametrize("template", HTML_TEMPLATES)
def test_html_mail_escapes_every_user_supplied_field(app, template):
    context = _hostile_context()
    if template == "receipt":
        context["documents"] = {1: context["documents"][0]}
    with app.app_context():
        html = queue.render(f"email/{template}.html", context)
    assert "&lt;h1&gt;injected" in html
    assert "<h1>injected" not in html
    assert '<a href="https://evil' not in html
