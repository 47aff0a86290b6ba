"""What every request to the local server passes before a page sees it, as one ASGI middleware:

- the ``Host`` header must name this server (a page of another site cannot reach it through DNS rebinding);
- the start's token, from the printed link (``?token=…``: it becomes an HttpOnly, SameSite=Strict cookie and the
  browser is sent on to the same page without it) or, for the JSON API, an ``Authorization: Bearer`` header;
- a request body must say its size and stay under the limit (checked before it is read, and counted while it is);
- every response carries the security headers: a strict Content-Security-Policy (nothing from outside, scripts and
  styles only from this server), no sniffing, no referrer, no framing, no caching.

The forms' CSRF value is checked where the form is read (:mod:`.app`).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import E_FORBIDDEN, E_UPLOAD
from .settings import ServeSettings

#: (scope, status, code, the key of its words in ``[web]``) -> the response's headers and body: a page, or JSON for
#: the API
ErrorPage = Callable[[Scope, int, str, str], tuple[list[tuple[bytes, bytes]], bytes]]

COOKIE = "ghostproof_token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


def _local(path: str) -> str:
    """``path`` as a path on this server only: one leading slash (never "//host" or "/\\host", which browsers read as
    another site), percent-encoded (no CR or LF can reach the header)."""
    from urllib.parse import quote

    return "/" + quote(path.replace("\\", "/").lstrip("/"), safe="/-._~")


class TooLarge(Exception):
    """The body grew past the limit while it was read."""


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie") or ""
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class Guard:
    def __init__(self, app: ASGIApp, settings: ServeSettings, error_page: ErrorPage) -> None:
        self.app = app
        self.settings = settings
        self.error_page = error_page

    def _same(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.settings.token.encode())

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str, key: str) -> None:
        headers, body = self.error_page(scope, status, code, key)
        await send({"type": "http.response.start", "status": status, "headers": [*headers, *HEADERS]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        s = self.settings
        allowed = s.allowed_hosts
        if allowed is not None and (_header(scope, b"host") or "").lower() not in allowed:
            await self._refuse(scope, send, 421, E_FORBIDDEN, "bad_host")
            return
        query = parse_qsl(bytes(scope.get("query_string", b"")).decode("latin-1"), keep_blank_values=True)
        given = dict(query).get("token")
        if given is not None:
            if not self._same(given):
                await self._refuse(scope, send, 403, E_FORBIDDEN, "forbidden")
                return
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            where = _local(scope.get("path", "/")) + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE}={s.token}; HttpOnly; SameSite=Strict; Path=/"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", where.encode()), (b"set-cookie", cookie.encode()), *HEADERS],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        bearer = _header(scope, b"authorization") or ""
        # the JSON API takes the token only as a header: a form another local page posts carries the cookie, not it
        api = str(scope.get("path", "")).startswith("/api/")
        token = bearer[7:] if bearer.lower().startswith("bearer ") else None if api else _cookie(scope, COOKIE)
        if not self._same(token):
            await self._refuse(scope, send, 403, E_FORBIDDEN, "forbidden")
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            length = _header(scope, b"content-length")
            if length is None or not length.isdigit():
                await self._refuse(scope, send, 411, E_UPLOAD, "no_length")
                return
            if int(length) > s.max_body:
                await self._refuse(scope, send, 413, E_UPLOAD, "too_large")
                return
            receive = self._counted(receive, s.max_body)
        started = False

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, receive, secured)
        except TooLarge:
            if not started:
                await self._refuse(scope, send, 413, E_UPLOAD, "too_large")

    @staticmethod
    def _counted(receive: Receive, limit: int) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge
            return message

        return counted
