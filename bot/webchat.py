"""The web chat: the page, the websocket it talks through, quick exit, and the embed script.

Protocol, JSON frames both ways (bot/webchat_session.py explains the numbering):
  page -> gateway   {"type": "text", "text": "...", "id": n}
                    {"type": "button", "payload": "/intent", "id": n}
                    {"type": "language", "code": "pl", "id": n}
                    {"type": "quick_exit"}
  gateway -> page   {"type": "hello", "token": "..."}                       (not numbered)
                    {"type": "ack", "id": n} / {"type": "typing", "on": bool} (not numbered)
                    {"type": "message", "text", "buttons", "lang", "dir", "seq"}
                    {"type": "language", "code", "dir", "labels", "seq"}
Connect with /ws?lang=pl, or /ws?resume=<token>&seen=<last seq shown> after a drop.
Everything the page shows is set as text by the browser, never parsed as HTML.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Dict, Optional

import aiohttp
from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot import i18n, language as lang
from bot.conversations import Conversation, ConversationStore, new_conversation_id
from bot.dialogue import CHOOSE_LANGUAGE, Dialogue, Incoming
from bot.inbound import Payload
from bot.languages import SUPPORTED, direction, native_name, normalise_tag, parse_accept_language
from bot.rendering import Message
from bot.webchat_labels import LABELS
from bot.webchat_session import WebSession, WebSessions

logger = logging.getLogger("veivis.webchat")

HERE = Path(__file__).resolve().parent
MAX_FRAME_BYTES = 64 * 1024
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))


def security_headers(frame_ancestors: str, form_action: str = "'none'") -> Dict[str, str]:
    return {
        "Content-Security-Policy": (
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            f"base-uri 'none'; form-action {form_action}; frame-ancestors {frame_ancestors}"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
        "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    }


def labels(code: str) -> Dict[str, str]:
    return {key: i18n.gettext(code, key) for key in LABELS}


def message_frame(message: Message) -> Dict[str, Any]:
    frame = {
        "type": "message",
        "text": message.text,
        "buttons": [{"title": b.title, "payload": b.payload} for b in message.buttons],
        "lang": message.language,
        "dir": message.direction,
    }
    if message.sender == "staff":
        frame.update({"from": "staff", "name": message.sender_name})
    return frame


def deliverer(app: web.Application):
    """How the helpline reaches a web chat person: numbered frames, kept if the socket is down."""
    async def deliver(key: str, messages: list) -> bool:
        session = app["web_sessions"].by_key(key)
        if session is None:
            return False
        connection = app["web_connections"].get(session.token) or Connection(_Closed(), session)
        for message in messages:
            await connection.send(message_frame(message))
        conversation = app["conversations"].get(key)
        await connection.send({"type": "agent", "on": bool(conversation and conversation.handoff)}, numbered=False)
        return True

    return deliver


class _Closed:
    closed = True


def language_frame(code: str) -> Dict[str, Any]:
    return {"type": "language", "code": code, "dir": direction(code), "labels": labels(code)}


def page_language(request: web.Request) -> str:
    return (
        normalise_tag(request.query.get("lang"))
        or parse_accept_language(request.headers.get("Accept-Language"))
        or "en"
    )


async def page(request: web.Request) -> web.Response:
    settings = request.app["settings"]
    code = page_language(request)
    color = request.query.get("color", "")
    html = templates.get_template("chat.html").render(
        _=lambda key: i18n.gettext(code, key),
        language=code,
        direction=direction(code),
        languages=[(c, native_name(c)) for c in SUPPORTED],
        labels=labels(code),
        max_chars=settings.max_message_chars,
        embedded=request.query.get("embed") == "1",
        color=color if _COLOR.match(color) else "",
        helpline=request.query.get("helpline", "")[:80],
        exit_url=settings.webchat_exit_url,
    )
    return web.Response(text=html, content_type="text/html", headers=security_headers(settings.frame_ancestors))


def same_origin(request: web.Request) -> bool:
    """Browsers send Origin on websocket upgrades; another site's page must not open our chat."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser (tests, tools); browsers always send it
    return origin.split("://", 1)[-1] == request.host


class Connection:
    """One open socket for one web session."""

    def __init__(self, socket: web.WebSocketResponse, session: WebSession) -> None:
        self.socket = socket
        self.session = session

    async def send(self, frame: Dict[str, Any], numbered: bool = True) -> None:
        if numbered:
            frame = self.session.stamp(frame)
        if self.socket.closed:
            return  # kept in the outbox: the page gets it when it reconnects
        try:
            await self.socket.send_json(frame)
        except (ConnectionResetError, RuntimeError):
            pass


async def websocket(request: web.Request) -> web.StreamResponse:
    if not same_origin(request):
        raise web.HTTPForbidden(text="cross-origin websocket refused")
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_FRAME_BYTES)
    await socket.prepare(request)
    app = request.app
    sessions: WebSessions = app["web_sessions"]
    store: ConversationStore = app["conversations"]
    dialogue: Dialogue = app["dialogue"]

    session = sessions.resume(request.query.get("resume"))
    resumed = session is not None and store.get(session.key) is not None
    if not resumed:
        session = sessions.new("web:" + new_conversation_id())
        store.put(session.key, Conversation(channel="web", language=lang.start(page_language(request))))
    connection = Connection(socket, session)
    # Open connections by session: the helpline relay pushes to them; the tests drop them.
    app["web_connections"][session.token] = connection
    await connection.send({"type": "hello", "token": session.token}, numbered=False)
    if resumed:
        for frame in session.missed(_int(request.query.get("seen"))):
            await connection.send(frame, numbered=False)
    else:
        await connection.send(message_frame(dialogue.say("utter_greet", store.get(session.key).language.code)))

    try:
        await _serve(app, request, connection)
    finally:
        if app["web_connections"].get(session.token) is connection:
            del app["web_connections"][session.token]
    return socket


async def _serve(app: web.Application, request: web.Request, connection: Connection) -> None:
    socket, session = connection.socket, connection.session
    store: ConversationStore = app["conversations"]
    dialogue: Dialogue = app["dialogue"]
    async for frame in socket:
        if frame.type == aiohttp.WSMsgType.TEXT and _parse(frame.data) == {"type": "quick_exit"}:
            await quick_exit(app, session.token, session.key)
            await socket.close()
            break
        conversation = store.get(session.key)
        if conversation is None:  # expired while the page stayed open: start again, same language
            conversation = Conversation(channel="web", language=lang.start(page_language(request)))
            store.put(session.key, conversation)
        if frame.type == aiohttp.WSMsgType.TEXT:
            await _handle(app, connection, conversation, frame.data)
        elif frame.type == aiohttp.WSMsgType.BINARY:
            await connection.send(message_frame(dialogue.say("gateway_unreadable", conversation.language.code)))
        elif frame.type == aiohttp.WSMsgType.ERROR:
            break


async def _handle(app: web.Application, connection: Connection, conversation: Conversation, data: str) -> None:
    dialogue: Dialogue = app["dialogue"]
    before = conversation.language.code
    parsed = _parse(data)
    if parsed is None:
        await connection.send(message_frame(dialogue.say("gateway_unreadable", before)))
        return
    client_id = parsed.get("id")
    if client_id is not None:
        await connection.send({"type": "ack", "id": client_id}, numbered=False)
    if not connection.session.first_time(client_id):
        return  # resent after a drop: already handled, and its answer is in the outbox
    incoming = _incoming(parsed)
    if incoming is None:
        await connection.send(message_frame(dialogue.say("gateway_unreadable", before)))
        return
    was_handed_off = bool(conversation.handoff)
    if not was_handed_off:
        await connection.send({"type": "typing", "on": True}, numbered=False)
    try:
        messages = await dialogue.turn(conversation, incoming, connection.session.key)
    finally:
        await connection.send({"type": "typing", "on": False}, numbered=False)
    if conversation.language.code != before:
        await connection.send(language_frame(conversation.language.code))
    for message in messages:
        await connection.send(message_frame(message))
    if was_handed_off != bool(conversation.handoff):
        await connection.send({"type": "agent", "on": bool(conversation.handoff)}, numbered=False)


async def quick_exit(app: web.Application, token: str, key: Optional[str] = None) -> None:
    """Forget the session everywhere at once: Rasa's tracker, the gateway's records. The page
    asks twice (beacon and socket); whichever comes first does it, the other finds nothing."""
    session = app["web_sessions"].end(token)
    key = session.key if session else key
    if key is None:
        return
    conversation = app["conversations"].get(key)
    if conversation is not None:
        app["conversations"].forget(key)
        await app["dialogue"].turn(conversation, Incoming(payload="/forget_me"))


async def exit_beacon(request: web.Request) -> web.Response:
    """navigator.sendBeacon from the page as it leaves: works even when the socket does not."""
    token = (await request.text())[:200].strip()
    await quick_exit(request.app, token)
    return web.Response(status=204)


def _int(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _parse(data: str) -> Optional[Dict[str, Any]]:
    try:
        frame = json.loads(data)
    except ValueError:
        return None
    return frame if isinstance(frame, dict) else None


def _incoming(frame: Dict[str, Any]) -> Optional[Incoming]:
    kind = frame.get("type")
    if kind == "text" and isinstance(frame.get("text"), str):
        return Incoming(text=frame["text"])
    if kind == "button" and isinstance(frame.get("payload"), str):
        return Incoming(payload=frame["payload"])
    if kind == "language":
        code = normalise_tag(frame.get("code"))
        if code:
            return Incoming(payload=Payload(CHOOSE_LANGUAGE, {"language": code}).as_text())
    return None


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", page)
    app.router.add_get("/ws", websocket)
    app.router.add_post("/exit", exit_beacon)
    app.router.add_static("/static/", HERE / "static", show_index=False)
