"""The log-in cookie on the wire: one HTTP route on Streamlit's app server that sets or clears it,
the one-time tickets that route accepts, and the small browser component that calls it.

Why a route: the session cookie (storage/sessions.py) is HttpOnly, so no script in the page can
set, read or delete it; only an HTTP response can. Streamlit 1.67 serves the app with Starlette
and offers ``st.App(script, routes=[...])`` for extra routes (documented public API); the
launcher asgi.py at the repository root builds that app with ``routes()``, and
``python -m ucj_oversight.server`` (and ``streamlit run asgi.py``) start it.

The flow (login.py):

1. The Streamlit log-in form checks the password (rate limit, audit, as before) and creates a
   session: its cookie value stays on the server, in this browser session's state.
2. ``issue_set(value)`` keeps the value under a random one-time ticket (in this process's
   memory, 60 seconds), and ``mount(ticket)`` puts a component without any visible content on
   the page whose script POSTs the ticket (not the cookie) to ``/_ucj/sesi``.
3. The route takes the ticket (once), and answers 204 with ``Set-Cookie: ucj_sesi=<value>;
   HttpOnly; SameSite=Strict; Path=/; Max-Age=<rest of the 8 hours>`` (``Secure`` when the
   request came over HTTPS, directly or through the reverse proxy's ``X-Forwarded-Proto``).
   Log-out and a refused cookie use ``issue_clear()``: the same route then expires the cookie.
4. A reload or a new tab is a new Streamlit session; its websocket request carries the cookie,
   read with ``st.context.cookies``; login.py checks it against the store.

SameSite=Strict: the cookie is only ever needed on requests the dashboard page makes itself (the
websocket and this route), never on the first page request, so a link opened from a chat app or
an e-mail still finds the session once the page has loaded, while no request started by another
site (a form, an image, a link to this route) carries it.

When the app runs without the route (``streamlit run app.py``, AppTest), ``routes_active()`` is
False: the log-in then lives only in the browser session's state, as before (a reload logs out).
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import streamlit as st

COOKIE = "ucj_sesi"
ROUTE = "_ucj/sesi"
TICKET_SECONDS = 60
SAMESITE = "strict"

_routes_active = False


def _base_path() -> str:
    """'/' or '/<server.baseUrlPath>/' (the app served under a sub-path behind a proxy)."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def route_path() -> str:
    return _base_path() + ROUTE


def routes() -> list:
    """The extra routes for st.App (asgi.py). Calling this marks the cookie as available."""
    from starlette.routing import Route

    global _routes_active
    _routes_active = True
    return [Route(route_path(), _endpoint, methods=["POST"])]


def routes_active() -> bool:
    """True when this server process serves the cookie route (started through asgi.py)."""
    return _routes_active


# ---------------------------------------------------------------- one-time tickets


@dataclass(frozen=True)
class _Ticket:
    value: str | None  # the cookie value to set; None: clear the cookie
    max_age: int | None
    until: float  # time.monotonic()


_TICKETS: dict[str, _Ticket] = {}
_LOCK = threading.Lock()


def _issue(value: str | None, max_age: int | None) -> str:
    ticket = secrets.token_urlsafe(32)
    with _LOCK:
        t = time.monotonic()
        for k in [k for k, v in _TICKETS.items() if v.until <= t]:
            del _TICKETS[k]
        _TICKETS[ticket] = _Ticket(value, max_age, t + TICKET_SECONDS)
    return ticket


def issue_set(value: str, max_age: int) -> str:
    """A ticket the route exchanges (once) for a Set-Cookie of `value`, valid `max_age` seconds."""
    return _issue(value, max(1, int(max_age)))


def issue_clear() -> str:
    """A ticket the route exchanges (once) for a Set-Cookie that deletes the cookie."""
    return _issue(None, None)


def pending(ticket: str | None) -> bool:
    """True while `ticket` has been neither used nor expired (the page should still call the route)."""
    with _LOCK:
        entry = _TICKETS.get(ticket or "")
        return entry is not None and entry.until > time.monotonic()


def _take(ticket: str) -> _Ticket | None:
    with _LOCK:
        entry = _TICKETS.pop(ticket, None)
    return entry if entry is not None and entry.until > time.monotonic() else None


# ---------------------------------------------------------------- the route


def _https(request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _same_origin(request) -> bool:
    """The page of this very server sent the request: fetch metadata says so, or (older
    browsers) the Origin header names this host. Refuses log-in CSRF from another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if not origin:
        return False
    host = request.headers.get("x-forwarded-host") or request.headers.get("host") or ""
    return urlsplit(origin).netloc.lower() == host.split(",")[0].strip().lower()


async def _endpoint(request):
    from starlette.responses import Response

    headers = {"Cache-Control": "no-store"}
    if not _same_origin(request):
        return Response(status_code=403, headers=headers)
    body = (await request.body())[:1024].decode("ascii", errors="replace")
    ticket = (parse_qs(body).get("tiket") or [""])[0]
    entry = _take(ticket) if ticket else None
    if entry is None:
        return Response(status_code=403, headers=headers)
    response = Response(status_code=204, headers=headers)
    common = {"path": _base_path(), "httponly": True, "samesite": SAMESITE, "secure": _https(request)}
    if entry.value is None:
        response.delete_cookie(COOKIE, **common)
    else:
        response.set_cookie(COOKIE, entry.value, max_age=entry.max_age, **common)
    return response


# ---------------------------------------------------------------- the page side

# Runs in the page (st.components.v2: the app page's own context, so the request is same-origin
# and the browser stores the cookie of the answer). Each ticket is sent once per page, however
# often the component is drawn again; a network failure lets a later draw retry.
_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.tiket || !data.url) return;
  const sent = (window.__ucjSesiTiket = window.__ucjSesiTiket || new Set());
  if (sent.has(data.tiket)) return;
  sent.add(data.tiket);
  fetch(data.url, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ tiket: data.tiket }),
  }).catch(() => sent.delete(data.tiket));
}
"""

_component = None


def mount(ticket: str, key: str) -> None:
    """Draw the (invisible) component that hands `ticket` to the route."""
    global _component
    if _component is None:
        _component = st.components.v2.component("ucj_sesi_cookie", js=_JS)
    _component(key=key, data={"url": route_path(), "tiket": ticket}, height="content")


def browser_cookie() -> str | None:
    """The session cookie the browser sent when this browser session (tab) connected."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no browser context (AppTest, bare mode)
        return None
    return value if isinstance(value, str) and value else None
