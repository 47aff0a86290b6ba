"""``ghostproof serve``: the tool as a local web page (FastAPI, Jinja2 templates, uvicorn), for people who never open
a terminal. Everything runs on 127.0.0.1; uploaded files live in a private temporary folder for one request.

- :mod:`.settings` — what one server start is: address, its secret token, limits;
- :mod:`.guard` — the checks every request passes (Host header, token, CSRF, body size) and the security headers;
- :mod:`.work` — the CPU work off the event loop, in a pool of warmed worker processes with a time limit;
- :mod:`.app` — the pages and the JSON API;
- :mod:`.server` — start uvicorn on a socket and open the browser.
"""

from __future__ import annotations

from .app import create_app
from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
