"""What every request to the workbench must pass: it is a server, even if a local one.

- a **token**: a fresh random one (128 bits and more) per start, given in the URL once and then
  kept in an HttpOnly, SameSite=Strict cookie whose name holds the port; none: 401, a wrong one:
  403. A page asked for with a valid ``?token=`` is answered by setting the cookie and a 303
  redirect to the same address without it, so the token leaves the address bar and the history;
- the **Host** header must name 127.0.0.1 or localhost with the server's port (a page of
  another site that rebinds its DNS name to 127.0.0.1 sends its own name: refused);
- **writes** (every method but GET/HEAD) must come from the page itself: ``Origin`` (or, when a
  browser sends none, ``Referer``) must be this server;
- request **bodies** are limited in size (413);
- every response carries a Content-Security-Policy that allows only the server's own scripts
  and styles, no frames, no plugins, and asks not to be cached or framed.

A plain ASGI middleware, so the rules apply to every route, the static files included.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

COOKIE = "workbench_token"  # the cookie's name is this and the port: ``cookie_name``
TOKEN_BYTES = 24  # 192 bits
MAX_BODY = 1_000_000  # bytes: a save is one entry; a megabyte is far more than any sentence
HOSTS = ("127.0.0.1", "localhost")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SAFE = ("GET", "HEAD")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def new_token() -> str:
    """A fresh URL-safe random token (192 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def cookie_name(port: int) -> str:
    """The token cookie's name for the server on ``port``.

    Cookies do not tell ports apart: two workbenches on 127.0.0.1 (two projects) would share one
    cookie and log each other out; with the port in its name each keeps its own.
    """
    return f"{COOKIE}_{port}"


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def host_allowed(host: str | None, port: int) -> bool:
    """``Host`` names this server: 127.0.0.1 or localhost, with its port."""
    return host is not None and host.lower() in {f"{name}:{port}" for name in HOSTS}


def origin_allowed(origin: str | None, port: int) -> bool:
    """An ``Origin`` (or ``Referer``) that is this server (http, a loopback name, the port)."""
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() in {f"{name}:{port}" for name in HOSTS}


class Guard:
    """ASGI middleware: the rules of the module doc around ``app``.

    ``port``: the port the server listens on (for Host and Origin); ``None`` until it is known
    (``--port 0``): then the server sets it before the first request.
    """

    def __init__(self, app: ASGIApp, token: str, port: int | None = None, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        port = self.port if self.port is not None else (scope.get("server") or ("", 0))[1]
        if not host_allowed(headers.get("host"), port):
            await _refuse(send, 400, "this server answers only to 127.0.0.1 or localhost with its port")
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((value for name, value in query if name == "token"), None)
        in_url = given is not None
        from_cookie = False
        if given is None:
            cookie = SimpleCookie()
            try:
                cookie.load(headers.get("cookie", ""))
            except Exception:  # a malformed Cookie header is no token
                cookie = SimpleCookie()
            morsel = cookie.get(cookie_name(port))
            given = morsel.value if morsel is not None else None
            from_cookie = given is not None
        if given is None:
            await _refuse(send, 401, "no token: open the URL that `serve` printed (it ends in ?token=…)")
            return
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            await _refuse(send, 403, "wrong token: open the URL that this run of `serve` printed")
            return
        if in_url and scope["method"] in _SAFE:
            await self._drop_token(scope, query, send, port)
            return
        if scope["method"] not in _SAFE:
            origin = headers.get("origin") or headers.get("referer")
            if not origin_allowed(origin, port):
                await _refuse(send, 403, "writes must come from the workbench page itself (Origin)")
                return
            declared = headers.get("content-length")
            if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
                await _refuse(send, 413, f"request body larger than {self.max_body} bytes")
                return
            receive = _limited(receive, self.max_body)
        set_cookie = not from_cookie
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [] if b"content-security-policy" in present else [(b"content-security-policy", CSP.encode())]
                extra += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                if set_cookie:
                    extra.append((b"set-cookie", self._cookie(port)))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, 413, f"request body larger than {self.max_body} bytes")

    def _cookie(self, port: int) -> bytes:
        return f"{cookie_name(port)}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()

    async def _drop_token(self, scope: Scope, query: list[tuple[str, str]], send: Send, port: int) -> None:
        """Set the cookie and send the browser to the same address without the token (303)."""
        raw = scope.get("raw_path") or quote(scope.get("path", "/")).encode()
        path = "/" + raw.decode("latin-1").lstrip("/")  # never "//host": no redirect off this server
        rest = urlencode([(name, value) for name, value in query if name != "token"])
        location = f"{path}?{rest}" if rest else path
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"content-length", b"0"),
                    (b"set-cookie", self._cookie(port)),
                    (b"content-security-policy", CSP.encode()),
                    (b"cache-control", b"no-store"),
                    (b"referrer-policy", b"no-referrer"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


class BodyTooLarge(Exception):
    """A streamed body went past the limit (no or a false Content-Length)."""


def _limited(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def inner() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return inner


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", CSP.encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
