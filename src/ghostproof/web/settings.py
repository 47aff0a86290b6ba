"""One start of the local server: where it listens, its secret token, its limits."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field

from ..limits import DEFAULT_MAX_CHARS, DEFAULT_MAX_SIZE
from ..model import Lang

#: the addresses that mean "this computer"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class ServeSettings:
    """``token`` is new at every start and required on every request (as notebook servers do); ``workers`` 0 runs
    the work in a thread of the server process (tests), else in that many warmed worker processes."""

    host: str = "127.0.0.1"
    port: int = 8765
    token: str = field(default_factory=_token)
    #: the page language when the browser does not say (None: English)
    lang: Lang | None = None
    max_size: int = DEFAULT_MAX_SIZE
    max_chars: int = DEFAULT_MAX_CHARS
    #: files per upload
    max_files: int = 20
    #: seconds one request's work may take before it is stopped
    timeout: float = 120.0
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)

    @property
    def csrf(self) -> str:
        """The value every form carries back: derived from the token, so only a page this server made has it."""
        return hmac.new(self.token.encode(), b"ghostproof-form", hashlib.sha256).hexdigest()

    @property
    def allowed_hosts(self) -> frozenset[str] | None:
        """The Host headers a request may carry (a browser sends host:port): anything else is DNS rebinding. None
        when the server listens on every address (``--host 0.0.0.0``): the token alone guards it then."""
        if self.host in ("0.0.0.0", "::"):
            return None
        names = {self.host, *(LOOPBACK if self.host in LOOPBACK else ())}
        out: set[str] = set()
        for name in names:
            shown = f"[{name}]" if ":" in name else name
            out |= {f"{shown}:{self.port}", shown} if self.port in (80, 443) else {f"{shown}:{self.port}"}
        return frozenset(out)

    @property
    def max_body(self) -> int:
        """The largest request body: two files at the size limit (or many smaller ones), plus room for the form."""
        return self.max_size * 2 + 1_000_000

    def url(self, path: str = "/") -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}{path}?token={self.token}"
