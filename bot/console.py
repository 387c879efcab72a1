"""The helpline console, served by the gateway at /console: log in, see the queue of consented
handoffs (most urgent first), claim one, chat with the person, close it.

Every route but the login page requires a staff session (an HttpOnly, SameSite=Strict cookie);
every change also requires the session's CSRF token in the X-CSRF-Token header and a same-origin
request. What a person wrote is sent as JSON and shown by the page as text, never as HTML.
"""
from __future__ import annotations

import json
import secrets
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp
from aiohttp import web
from babel import Locale

from actions.screening import FORM_WORDS, INDICATOR_WORDS
from bot import i18n
from bot.handoff import Case
from bot.i18n import N_
from bot.languages import direction, parse_accept_language
from bot.rendering import fill
from bot.staff import SESSION_SECONDS, Session, Staff
from bot.webchat import templates

SESSION_COOKIE = "veivis_staff"
LOGIN_COOKIE = "veivis_login"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

STAFF_LINES = {
    "language": N_("console.line.language"), "country": N_("console.line.country"),
    "level": N_("console.line.level"), "forms": N_("console.line.forms"), "yes": N_("console.line.yes"),
    "unsure": N_("console.line.unsure"), "want": N_("console.line.want"), "phone": N_("console.line.phone"),
    "note": N_("console.line.note"), "nothing": N_("console.line.nothing"),
}
CANNED = (N_("handoff.canned.hello"), N_("handoff.canned.safe"), N_("handoff.canned.wait"))
LABELS = (
    N_("console.title"), N_("console.queue"), N_("console.no_cases"), N_("console.claim"), N_("console.close"),
    N_("console.send"), N_("console.canned"), N_("console.person_left"), N_("console.claimed"),
    N_("console.waiting"), N_("console.sign_out"), N_("console.person"), N_("console.you"),
    N_("console.summary"), N_("console.message_label"), N_("console.minutes"),
)


def summary_lines(case: Case, language: str) -> List[str]:
    """The person's summary for staff, in the staff member's language, line by line."""
    summary = case.summary
    locale = Locale.parse(language)
    words = lambda keys: [i18n.gettext(language, k) for k in keys]  # noqa: E731
    values: Dict[str, Any] = {"language": locale.languages.get(summary.language, summary.language)}
    if summary.country:
        values["country"] = locale.territories.get(summary.country, summary.country)
    if summary.level:
        values["level"] = i18n.gettext(language, f"handoff.level.{summary.level}")
    for key, table, ids in (("forms", FORM_WORDS, summary.forms), ("yes", INDICATOR_WORDS, summary.yes),
                            ("unsure", INDICATOR_WORDS, summary.unsure)):
        if ids:
            values[key] = "; ".join(words(table[i] for i in ids))
    values["want"] = i18n.gettext(language, f"handoff.want_text.{summary.want}")
    if summary.phone:
        values["phone"] = summary.phone
    if summary.note:
        values["note"] = summary.note
    if summary.share == "nothing":
        values["nothing"] = None
    return [fill(i18n.gettext(language, STAFF_LINES[key]), language, {} if value is None else {key: value})
            for key, value in values.items()]


def case_detail(case: Case, session: Session, staff: Staff, context: Dict[str, Any]) -> Dict[str, Any]:
    account = staff.account(session)
    mine = case.claimed_by == session.username
    detail = {**case.view(time.time()), "mine": mine, "summary": summary_lines(case, account.language)}
    if mine:
        detail["lines"] = [{"author": l.author, "text": l.text} for l in case.lines]
        names = {**context, "staff_name": account.display_name}
        detail["canned"] = [fill(i18n.gettext(case.summary.language, k), case.summary.language, names) for k in CANNED]
        detail["dir"] = direction(case.summary.language)
    return detail


def _session(request: web.Request) -> Optional[Session]:
    return request.app["staff"].session(request.cookies.get(SESSION_COOKIE))


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or origin.split("://", 1)[-1] == request.host


def staff_only(write: bool = False):
    """Refuse a request without a session; a change also needs the CSRF token, same origin."""
    def wrap(handler: Callable[[web.Request, Session], Awaitable[web.StreamResponse]]) -> Handler:
        async def guarded(request: web.Request) -> web.StreamResponse:
            session = _session(request)
            if session is None:
                raise web.HTTPUnauthorized(text="sign in first")
            if write and (not _same_origin(request)
                          or not request.app["staff"].csrf_ok(session, request.headers.get("X-CSRF-Token"))):
                raise web.HTTPForbidden(text="missing or wrong CSRF token")
            return await handler(request, session)
        guarded.staff_only = True  # the tests check every console route has this
        return guarded
    return wrap


def _page(template: str, language: str, **values: Any) -> web.Response:
    html = templates.get_template(template).render(_=lambda key: i18n.gettext(language, key), language=language,
                                                direction=direction(language), **values)
    return web.Response(text=html, content_type="text/html")


async def console_page(request: web.Request) -> web.Response:
    session = _session(request)
    if session is None:
        return login_page(request)
    account = request.app["staff"].account(session)
    labels = {key: i18n.gettext(account.language, key) for key in LABELS}
    return _page("console.html", account.language, csrf=session.csrf, labels=labels, name=account.display_name)


def login_page(request: web.Request, problem: Optional[str] = None, status: int = 200) -> web.Response:
    token = secrets.token_urlsafe(24)
    language = parse_accept_language(request.headers.get("Accept-Language")) or "en"
    response = _page("console_login.html", language, login_token=token, problem=problem)
    response.set_status(status)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="Strict", path="/console",
                        secure=request.secure, max_age=900)
    return response


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    token = request.cookies.get(LOGIN_COOKIE, "")
    if not token or not secrets.compare_digest(token, str(form.get("login_token", ""))) or not _same_origin(request):
        raise web.HTTPForbidden(text="the login form expired: reload the page")
    staff: Staff = request.app["staff"]
    username = str(form.get("username", ""))[:100]
    address = request.remote or "unknown"
    if staff.locked(f"user:{username}", f"address:{address}"):
        return login_page(request, "console.locked", status=429)
    session_id = staff.login(username, str(form.get("password", ""))[:1000], address)
    if session_id is None:
        return login_page(request, "console.wrong", status=401)
    response = web.HTTPSeeOther("/console")
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="Strict", path="/console",
                        secure=request.secure, max_age=SESSION_SECONDS)
    response.del_cookie(LOGIN_COOKIE, path="/console")
    raise response


@staff_only(write=True)
async def logout(request: web.Request, session: Session) -> web.Response:
    request.app["staff"].logout(request.cookies.get(SESSION_COOKIE))
    response = web.json_response({"ok": True})
    response.del_cookie(SESSION_COOKIE, path="/console")
    return response


@staff_only()
async def me(request: web.Request, session: Session) -> web.Response:
    account = request.app["staff"].account(session)
    return web.json_response({"username": account.username, "language": account.language, "csrf": session.csrf})


@staff_only()
async def cases(request: web.Request, session: Session) -> web.Response:
    now = time.time()
    return web.json_response([case.view(now) for case in request.app["handoffs"].waiting()])


def _case(request: web.Request) -> Case:
    case = request.app["handoffs"].get(request.match_info["case_id"])
    if case is None:
        raise web.HTTPNotFound(text="no such case (closed, or expired)")
    return case


@staff_only()
async def case(request: web.Request, session: Session) -> web.Response:
    context = request.app["dialogue"].context(_case(request).summary.language)
    return web.json_response(case_detail(_case(request), session, request.app["staff"], context))


@staff_only(write=True)
async def claim(request: web.Request, session: Session) -> web.Response:
    case = _case(request)
    name = request.app["staff"].account(session).display_name
    if not await request.app["helpline"].claim(case.id, session.username, name):
        raise web.HTTPConflict(text="someone else has this case, or the person left")
    return web.json_response({"ok": True})


@staff_only(write=True)
async def message(request: web.Request, session: Session) -> web.Response:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="send JSON: {\"text\": \"...\"}") from None
    text = str(body.get("text", "") if isinstance(body, dict) else "").strip()[:4000]
    if not text:
        raise web.HTTPBadRequest(text="empty message")
    name = request.app["staff"].account(session).display_name
    if not await request.app["helpline"].staff_says(_case(request).id, session.username, name, text):
        raise web.HTTPConflict(text="claim the case first, or the person has left")
    return web.json_response({"ok": True})


@staff_only(write=True)
async def close(request: web.Request, session: Session) -> web.Response:
    if not await request.app["helpline"].close(_case(request).id, session.username):
        raise web.HTTPConflict(text="another staff member has this case")
    return web.json_response({"ok": True})


@staff_only()
async def live(request: web.Request, session: Session) -> web.StreamResponse:
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-origin websocket refused")
    socket = web.WebSocketResponse(heartbeat=30)
    await socket.prepare(request)

    async def listener(event: Dict[str, Any]) -> None:
        if not socket.closed:
            # Events name what changed; the page fetches details it is allowed to see.
            await socket.send_str(json.dumps({k: v for k, v in event.items() if k != "text"}))

    helpline = request.app["helpline"]
    helpline.listeners.add(listener)
    try:
        async for frame in socket:
            if frame.type == aiohttp.WSMsgType.ERROR:
                break
    finally:
        helpline.listeners.discard(listener)
    return socket


def add_console_routes(app: web.Application) -> None:
    app.router.add_get("/console", console_page)
    app.router.add_post("/console/login", login)
    app.router.add_post("/console/logout", logout)
    app.router.add_get("/console/api/me", me)
    app.router.add_get("/console/api/cases", cases)
    app.router.add_get("/console/api/cases/{case_id}", case)
    app.router.add_post("/console/api/cases/{case_id}/claim", claim)
    app.router.add_post("/console/api/cases/{case_id}/messages", message)
    app.router.add_post("/console/api/cases/{case_id}/close", close)
    app.router.add_get("/console/ws", live)
