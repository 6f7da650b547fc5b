"""The route crawler: every rule of ``app.url_map`` filled with real ids and requested with every method it allows.

A rule's arguments are filled from ``ids`` (argument name -> candidate values); a rule whose arguments have
several candidates is requested once per candidate (the longest list sets the count), so each of the
organisation's documents, stakeholders and invitations is tried. A new rule is crawled without a change here;
an argument name nobody filled fails the crawl, so a new kind of id is noticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from werkzeug.routing import Rule

from zienswijze.demo.pdfs import text_pdf

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LOGIN_PATH = "/inloggen"

# A valid body per API operation, so the refusal comes from who asks, not from what was sent.
API_BODIES: dict[str, dict] = {
    "api.create_case": {"reference": "B-2024-9", "subject": "Onderwerp", "received_on": "2024-06-03"},
    "api.update_case": {"subject": "Gekaapt"},
    "api.record_decision": {"decided_on": "2024-07-01", "announced_on": "2024-07-01"},
    "api.add_redaction": {"page": 1, "passage": "P. van S1", "ground": "5.1.2e", "reason": "Naam"},
    "api.edit_redaction": {"page": 1, "passage": "P. van S1", "ground": "5.1.2e", "reason": "Naam"},
    "api.start_round": {"term_days": 14, "extension_max_days": 14, "auto_grant_extensions": False},
    "api.preview_round": {"term_days": 14, "extension_max_days": 14, "auto_grant_extensions": False},
    "api.add_stakeholder": {"name": "Gekaapt B.V.", "kind": "bedrijf", "email": "x@example.com", "document_ids": []},
    "api.set_documents": {"document_ids": []},
    "api.correct_address": {"contact_id": 1, "email": "nieuw@example.com"},
    "api.decide_extension": {"granted": True, "deadline": "2099-01-05", "reason": "Vakantie"},
    "api.record_weighing": {"outcome": "gehonoreerd", "motivation": "Gekaapt."},
}
API_UPLOADS = {
    "api.add_document": {"number": "9", "title": "Gekaapt", "date": "2024-06-03", "assessment": "openbaar"},
    "api.upload_decision_letter": {},
}
# The fields of the handler's and the stakeholder's forms; a form reads the ones it has and ignores the rest.
FORM = {
    "reference": "B-2024-9",
    "subject": "Onderwerp",
    "received": "2024-06-03",
    "name": "Gekaapt B.V.",
    "kind": "bedrijf",
    "emails": "x@example.com",
    "email": "x@example.com",
    "contact_id": "1",
    "besluit": "toekennen",
    "deadline": "2099-01-05",
    "outcome": "gehonoreerd",
    "motivation": "Gekaapt.",
    "position": "bezwaar",
    "explanation": "Gekaapt.",
    "page": "1",
    "passage": "P. van S1",
    "ground": "5.1.2e",
    "reason": "Gekaapt.",
    "term_days": "14",
    "date": "2024-07-01",
    "language": "en",
}


@dataclass
class Role:
    """Who asks: a test client with its session, the headers it sends, and its own CSRF token (None: none)."""

    name: str
    client: FlaskClient
    headers: dict[str, str] = field(default_factory=dict)
    csrf_token: str | None = None
    # A page that answers 200 only while the role's session lives: a crawl that logged it out proves nothing.
    probe: str | None = None

    def assert_alive(self) -> None:
        if self.probe is not None:
            assert self.client.get(self.probe).status_code == 200, f"{self.name}: the session ended mid-crawl"


@dataclass(frozen=True)
class Call:
    role: str
    endpoint: str
    method: str
    url: str
    status: int
    location: str
    body: str
    content_type: str

    @property
    def refused(self) -> bool:
        """A 4xx, or a redirect to the login page; a redirect elsewhere may be a form that did its work."""
        return 400 <= self.status < 500 or (self.status in (302, 303) and urlsplit(self.location).path == LOGIN_PATH)

    def __str__(self) -> str:
        return f"{self.role}: {self.method} {self.url} ({self.endpoint}) -> {self.status}"


def crawled_rules(app) -> list[Rule]:
    """Every rule but ``static``; logging out last, so it cannot end a session the rest of the crawl needs."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    return sorted(rules, key=lambda rule: (rule.endpoint == "auth.logout", rule.rule))


def urls(app, rule: Rule, ids: dict[str, list]) -> Iterator[str]:
    arguments = sorted(rule.arguments)
    missing = [name for name in arguments if name not in ids]
    assert not missing, f"{rule.rule}: no ids for {missing}; add them to the crawl"
    count = max((len(ids[name]) for name in arguments), default=1)
    adapter = app.url_map.bind("zienswijze.test")
    for index in range(count):
        values = {name: ids[name][index % len(ids[name])] for name in arguments}
        yield adapter.build(rule.endpoint, values, method=next(iter(rule.methods - {"OPTIONS", "HEAD"})))


def request(role: Role, rule: Rule, method: str, url: str) -> Call:
    """One request with a plausible body: the API's own JSON or an upload, or the forms' fields and the role's token."""
    options: dict = {"headers": role.headers}
    if method in WRITE_METHODS:
        if rule.endpoint in API_UPLOADS:
            pdf = text_pdf("Gekaapt", [["Gekaapt."]])
            upload = API_UPLOADS[rule.endpoint] | {"file": (BytesIO(pdf), "gekaapt.pdf")}
            options |= {"data": upload, "content_type": "multipart/form-data"}
        elif rule.rule.startswith("/api/"):
            options["json"] = API_BODIES.get(rule.endpoint, {})
        else:
            token = {"csrf_token": role.csrf_token} if role.csrf_token is not None else {}
            options["data"] = FORM | token
    response = role.client.open(url, method=method, **options)
    return Call(
        role.name,
        rule.endpoint,
        method,
        url,
        response.status_code,
        response.headers.get("Location", ""),
        response.get_data().decode(errors="replace"),
        response.mimetype,
    )


def crawl(app, role: Role, ids: dict[str, list], *, under_own_case: dict | None = None, only=lambda rule: True):
    """Every method of every rule ``only`` keeps, as ``role``, once per set of ids; a rule of a case that has
    more ids is also asked with ``under_own_case`` (the role's own case with the ids of another)."""
    calls = []
    for rule in crawled_rules(app):
        if not only(rule):
            continue
        if rule.endpoint == "auth.logout":
            role.assert_alive()
        targets = list(urls(app, rule, ids))
        if under_own_case is not None and _has_a_child_of_a_case(rule):
            targets += urls(app, rule, under_own_case)
        calls += [request(role, rule, method, url) for url in targets for method in sorted(rule.methods - {"OPTIONS"})]
    if not any(call.endpoint == "auth.logout" for call in calls):
        role.assert_alive()
    return calls


def _has_a_child_of_a_case(rule: Rule) -> bool:
    return bool(rule.arguments & {"case_id", "reference"}) and bool(rule.arguments - {"case_id", "reference"})
