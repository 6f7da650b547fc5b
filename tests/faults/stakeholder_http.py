"""A stakeholder talking to a running web process over HTTP, with the session their link gave them."""

from __future__ import annotations

import http.client
import io
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from tests.consultation import ids, open_file
from tests.helpers import csrf_token_from
from zienswijze.db import Invitation
from zienswijze.db.session import new_session
from zienswijze.services import responses

FORM = "application/x-www-form-urlencoded"


@dataclass
class Stakeholder:
    """The session cookie and CSRF token of a stakeholder who opened their file, and their document's id."""

    cookie: str
    token: str
    document: int

    @classmethod
    def opened(cls, app, link: str, code: str) -> Stakeholder:
        client = open_file(app, link)
        token = csrf_token_from(client.get("/z/dossier").text)
        session_cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        return cls(f"{session_cookie.key}={session_cookie.value}", token, ids(app, code)["document"])

    def post(self, base_url: str, path: str, fields: dict[str, str], *, timeout: float = 10) -> tuple[int, str]:
        """The status and body of one form POST; raises OSError when the server is gone."""
        return self._request(base_url, "POST", path, urlencode({"csrf_token": self.token, **fields}), FORM, timeout)

    def upload(self, base_url: str, filename: str, pdf: bytes, *, timeout: float = 10) -> tuple[int, str]:
        boundary = "zienswijze-grens"
        body = io.BytesIO()
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.token}\r\n'.encode()
        )
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        body.write(pdf + f"\r\n--{boundary}--\r\n".encode())
        content_type = f"multipart/form-data; boundary={boundary}"
        return self._request(base_url, "POST", "/z/dossier/bijlagen", body.getvalue(), content_type, timeout)

    def get(self, base_url: str, path: str, *, timeout: float = 10) -> tuple[int, str]:
        return self._request(base_url, "GET", path, None, None, timeout)

    def objection(self, explanation: str) -> dict[str, str]:
        """The form of a complete view: an objection with reasons, and ``explanation`` to recognise it by."""
        return {
            "position": "bezwaar",
            "explanation": explanation,
            f"d{self.document}": "bezwaar",
            f"d{self.document}-reasons": "Het is de naam van onze medewerker.",
        }

    def _request(
        self, base_url: str, method: str, path: str, body: str | bytes | None, content_type: str | None, timeout: float
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=timeout)
        headers = {"Cookie": self.cookie, **({"Content-Type": content_type} if content_type else {})}
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()


def draft_explanation(app, code: str) -> str:
    """The explanation in the stakeholder's current version, as the database holds it."""
    with app.app_context(), new_session() as session:
        return responses.current(session, session.get(Invitation, ids(app, code)["invitation"])).data.explanation
