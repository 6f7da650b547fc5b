"""The application served by Werkzeug's real server on a free port, in a thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from werkzeug.serving import make_server


def serve(app) -> tuple[str, Callable[[], None]]:
    """The base URL and a function that stops the server."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join()

    return f"http://127.0.0.1:{server.server_port}", stop
