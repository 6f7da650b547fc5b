"""Calls the API tests share: a token, a real PDF with a text layer, an upload of a document."""

from __future__ import annotations

from io import BytesIO

from zienswijze.db.session import new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.services.accounts import issue_api_token

PAGE_ONE = ["Notitie over het dashboard.", "Contactpersoon: J. de Vries, j.devries@analyse.example.com."]
PAGE_TWO = ["Bijlage met de planning."]


def token_for(app, email: str) -> dict[str, str]:
    with app.app_context(), new_session() as session:
        return {"Authorization": f"Bearer {issue_api_token(session, email=email)}"}


def pdf() -> bytes:
    """Two pages with a text layer, so a passage can be looked for on its page."""
    return text_pdf("Notitie", [PAGE_ONE, PAGE_TWO])


def upload(client, auth, case_id: int, *, number: int = 1, file: bytes | None = None, **fields):
    data = {
        "number": str(number),
        "title": f"Notitie {number}",
        "date": "2024-06-03",
        "assessment": "deels openbaar",
        "grounds": "5.1.2e",
        **fields,
    }
    data["file"] = (BytesIO(file if file is not None else pdf()), f"{number:03d}-notitie.pdf")
    return client.post(
        f"/api/v1/cases/{case_id}/documents", data=data, headers=auth, content_type="multipart/form-data"
    )
