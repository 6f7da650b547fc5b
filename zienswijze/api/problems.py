"""Every API error as an RFC 9457 problem (application/problem+json), with Dutch text for the handler.

Case systems show these messages to people, so each says what to change; validation errors list
every wrong field at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from http import HTTPStatus

from flask import Response, current_app, request
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from werkzeug.exceptions import HTTPException

from zienswijze.api.fields import DUTCH_ERRORS
from zienswijze.api.schemas import FieldError, Problem, WaitingInvitation
from zienswijze.domain.errors import Invalid

MEDIA_TYPE = "application/problem+json"
VALIDATION_TYPE = "urn:zienswijze:problem:validation"
CONFLICT_TYPE = "urn:zienswijze:problem:conflict"
# A field's name in a service differs from its name in the API in these cases.
API_FIELD_NAMES = {"received": "received_on", "max_extension_days": "extension_max_days"}

_TEXTS: dict[int, tuple[str, str]] = {
    400: ("Ongeldig verzoek", "Het verzoek kon niet worden gelezen."),
    401: ("Niet geauthenticeerd", "Stuur een geldig API-token mee: Authorization: Bearer <token>."),
    404: ("Niet gevonden", "Dit bestaat niet, of hoort niet bij uw organisatie."),
    405: ("Methode niet toegestaan", "Deze methode is op dit adres niet mogelijk."),
    409: ("Kan nu niet", "Het verzoek past niet bij de stand van de zaak; de meldingen zeggen waarom."),
    413: ("Te groot", "Het verzoek is groter dan is toegestaan."),
    415: ("Verkeerd mediatype", "Stuur JSON met Content-Type: application/json."),
    422: ("Ongeldige invoer", "Een of meer velden zijn niet goed ingevuld."),
    429: ("Te veel verzoeken", "Er zijn te veel verzoeken gedaan; probeer het over een minuut opnieuw."),
    500: ("Er ging iets mis", "Er ging bij ons iets mis. Er is niets opgeslagen; probeer het later opnieuw."),
    503: (
        "Tijdelijk niet beschikbaar",
        "De dienst is tijdelijk niet beschikbaar. Er is niets opgeslagen; probeer het zo opnieuw.",
    ),
    507: (
        "Opslag vol",
        "Het bestand kon niet worden opgeslagen: de opslag is vol. Er is niets opgeslagen; probeer het later opnieuw.",
    ),
}
# How long a case system is asked to wait after a 503: about as long as a database restart takes.
RETRY_AFTER_SECONDS = "30"
_HEADERS_KEPT = ("Allow", "Retry-After", "WWW-Authenticate")


class ApiProblem(Exception):
    """An error the API answers as a problem; raised while parsing input and by views."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        errors: Iterable[tuple[str | None, str]] = (),
        headers: Mapping[str, str] | None = None,
        waiting_for: Iterable[WaitingInvitation] = (),
    ) -> None:
        self.status = status
        self.detail = detail or texts(status)[1]
        self.errors = list(errors)
        self.headers = dict(headers or {})
        self.waiting_for = list(waiting_for)
        super().__init__(self.detail)


def invalid(errors: Iterable[tuple[str | None, str]]) -> ApiProblem:
    return ApiProblem(422, errors=errors)


def problem_response(problem: ApiProblem) -> Response:
    body = Problem(
        type=(CONFLICT_TYPE if problem.status == 409 else VALIDATION_TYPE) if problem.errors else "about:blank",
        title=texts(problem.status)[0],
        status=problem.status,
        detail=problem.detail,
        instance=request.path,
        errors=[FieldError(field=field, message=message) for field, message in problem.errors] or None,
        waiting_for=problem.waiting_for or None,
    )
    response = current_app.response_class(
        body.model_dump_json(exclude={name for name in ("errors", "waiting_for") if not getattr(body, name)}),
        problem.status,
        problem.headers,
    )
    response.mimetype = MEDIA_TYPE
    return response


def from_invalid(error: Invalid) -> ApiProblem:
    """A refusal, with its Dutch message per field under the field's API name."""
    return invalid((API_FIELD_NAMES.get(field, field) or None, message) for field, message in error.problems())


def from_http_error(error: HTTPException) -> ApiProblem:
    status = error.code or 500
    detail = texts(status)[1] if status in _TEXTS else error.description
    headers = {name: value for name, value in error.get_headers() if name in _HEADERS_KEPT}
    return ApiProblem(status, detail, headers=headers)


def from_validation_error(error: ValidationError) -> ApiProblem:
    """Pydantic's English type errors as one Dutch message per field."""
    return invalid((_field(detail["loc"]), _message(detail)) for detail in error.errors())


def texts(status: int) -> tuple[str, str]:
    if status in _TEXTS:
        return _TEXTS[status]
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Fout"
    return phrase, phrase


def _field(loc: tuple[int | str, ...]) -> str | None:
    return ".".join(str(part) for part in loc) or None


def _message(detail: ErrorDetails) -> str:
    kind, context = detail["type"], detail.get("ctx") or {}
    if kind in DUTCH_ERRORS:
        return detail["msg"]
    if kind in _MESSAGES:
        return _MESSAGES[kind].format(**context)
    if kind == "enum" or kind == "literal_error":
        return f"Kies uit {str(context.get('expected', '')).replace(' or ', ' of ')}."
    for prefix, message in _MESSAGES_BY_PREFIX:
        if kind.startswith(prefix):
            return message
    return "Deze waarde is ongeldig."


_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Dit veld bestaat niet; laat het weg.",
    "model_type": "Stuur een JSON-object.",
    "model_attributes_type": "Stuur een JSON-object.",
    "dict_type": "Stuur een JSON-object.",
    "list_type": "Stuur een lijst.",
    "string_type": "Vul tekst in.",
    "string_too_long": "Dit veld mag hoogstens {max_length} tekens lang zijn.",
    "greater_than_equal": "Vul een getal van ten minste {ge} in.",
    "less_than_equal": "Vul een getal van hoogstens {le} in.",
}
_MESSAGES_BY_PREFIX = (
    ("int", "Vul een geheel getal in."),
    ("bool", "Vul true of false in."),
    ("datetime", "Vul een geldig tijdstip in (ISO 8601)."),
    ("date", "Vul een geldige datum in (JJJJ-MM-DD)."),
)
