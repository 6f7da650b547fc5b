"""A page image as a response the browser may keep for itself and ask again by its ETag.

The ETag is the name of the cached image (the PDF's hash, the page, the scale and the marks), so an
unchanged page costs a 304 and neither a render nor a file read, and a changed redaction is a new
ETag. ``private`` keeps shared caches out; ``no-cache`` makes the browser ask every time.
"""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, request

from zienswijze.files.page_images import Mark, cache_path, page_png


def page_image_response(sha256: str, page: int, marks: list[Mark]) -> Response:
    upload_dir = Path(current_app.config["UPLOAD_DIR"])
    etag = cache_path(upload_dir, sha256, page, marks).stem
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = Response(page_png(upload_dir, sha256, page, marks), mimetype="image/png")
    response.set_etag(etag)
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response
