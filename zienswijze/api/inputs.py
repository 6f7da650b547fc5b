"""Reads a request's JSON body, query string or multipart form into a model, or refuses it as a problem.

Malformed JSON or multipart is 400, a body that is not JSON 415, and values of the wrong type 422 with a Dutch
message per field: bad input never reaches a service, and never becomes a 500.
"""

from __future__ import annotations

from typing import TypeVar

from flask import request
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import BadRequest

from zienswijze.api.problems import ApiProblem, from_validation_error

M = TypeVar("M", bound=BaseModel)
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def json_body(model: type[M]) -> M:
    if not request.is_json:
        raise ApiProblem(415)
    try:
        data = request.get_json()
    except (BadRequest, RecursionError):
        # RecursionError: JSON nested deeper than the parser goes is no request anyone means to send.
        raise ApiProblem(400, "De inhoud is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise ApiProblem(400, "Stuur een JSON-object.")
    return _validated(model, data)


def query_string(model: type[M]) -> M:
    """The query's parameters; an empty one (``?status=``) counts as absent, as a cleared filter does."""
    return _validated(model, {name: value for name, value in request.args.items() if value})


def multipart_form(model: type[M]) -> M:
    """The form's fields, with its files; an empty field counts as not filled in, as in a browser form."""
    if request.mimetype not in FORM_TYPES:
        raise ApiProblem(415, "Stuur de velden en het bestand als multipart/form-data.")
    if request.content_length and not request.form and not request.files:
        # Werkzeug reads a body it cannot parse (no boundary, a broken part) as an empty form: say so, not "required".
        raise ApiProblem(400, "De inhoud kon niet als multipart/form-data worden gelezen.")
    fields = {name: value for name, value in request.form.items() if value.strip()}
    files = {name: upload for name, upload in request.files.items() if upload.filename}
    return _validated(model, fields | files)


def _validated(model: type[M], data: dict) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise from_validation_error(error) from None
