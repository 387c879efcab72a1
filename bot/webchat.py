"""The web chat: the page, and the websocket a browser talks through (thin shell over Dialogue).

Protocol, JSON frames both ways:
  browser -> gateway  {"type": "text", "text": "..."}
                      {"type": "button", "payload": "/intent"}
                      {"type": "language", "code": "pl"}
  gateway -> browser  {"type": "message", "text", "buttons": [{"title", "payload"}], "lang", "dir"}
                      {"type": "language", "code", "dir", "labels": {key: text}}
                      {"type": "typing", "on": true|false}
Everything the page shows is set as text by the browser, never parsed as HTML.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict

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

logger = logging.getLogger("veivis.webchat")

HERE = Path(__file__).resolve().parent
MAX_FRAME_BYTES = 64 * 1024
_templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def labels(code: str) -> Dict[str, str]:
    return {key: i18n.gettext(code, key) for key in LABELS}


def message_frame(message: Message) -> Dict[str, Any]:
    return {
        "type": "message",
        "text": message.text,
        "buttons": [{"title": b.title, "payload": b.payload} for b in message.buttons],
        "lang": message.language,
        "dir": message.direction,
    }


def language_frame(code: str) -> Dict[str, Any]:
    return {"type": "language", "code": code, "dir": direction(code), "labels": labels(code)}


def page_language(request: web.Request) -> str:
    return (
        normalise_tag(request.query.get("lang"))
        or parse_accept_language(request.headers.get("Accept-Language"))
        or "en"
    )


async def page(request: web.Request) -> web.Response:
    code = page_language(request)
    html = _templates.get_template("chat.html").render(
        _=lambda key: i18n.gettext(code, key),
        language=code,
        direction=direction(code),
        languages=[(c, native_name(c)) for c in SUPPORTED],
        labels=labels(code),
        max_chars=request.app["settings"].max_message_chars,
    )
    return web.Response(text=html, content_type="text/html", headers=SECURITY_HEADERS)


def same_origin(request: web.Request) -> bool:
    """Browsers send Origin on websocket upgrades; another site's page must not open our chat."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser (tests, curl); browsers always send it
    return origin.split("://", 1)[-1] == request.host


async def websocket(request: web.Request) -> web.StreamResponse:
    if not same_origin(request):
        raise web.HTTPForbidden(text="cross-origin websocket refused")
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_FRAME_BYTES)
    await socket.prepare(request)
    dialogue: Dialogue = request.app["dialogue"]
    store: ConversationStore = request.app["conversations"]
    key = "web:" + new_conversation_id()
    conversation = Conversation(channel="web", language=lang.start(page_language(request)))
    store.put(key, conversation)
    try:
        await socket.send_json(message_frame(dialogue.say("utter_greet", conversation.language.code)))
        async for frame in socket:
            conversation = store.get(key) or _fresh(store, key, conversation)
            if frame.type == aiohttp.WSMsgType.TEXT:
                await _handle(socket, dialogue, conversation, frame.data)
            elif frame.type == aiohttp.WSMsgType.BINARY:
                await socket.send_json(
                    message_frame(dialogue.say("gateway_unreadable", conversation.language.code))
                )
            elif frame.type == aiohttp.WSMsgType.ERROR:
                break
    finally:
        store.forget(key)
    return socket


def _fresh(store: ConversationStore, key: str, previous: Conversation) -> Conversation:
    """The record expired while the page stayed open: start again in the same language."""
    conversation = Conversation(channel="web", language=previous.language)
    store.put(key, conversation)
    return conversation


async def _handle(socket: web.WebSocketResponse, dialogue: Dialogue, conversation: Conversation, data: str) -> None:
    before = conversation.language.code
    incoming = _incoming(data)
    if incoming is None:
        await socket.send_json(message_frame(dialogue.say("gateway_unreadable", before)))
        return
    await socket.send_json({"type": "typing", "on": True})
    try:
        messages = await dialogue.turn(conversation, incoming)
    finally:
        await socket.send_json({"type": "typing", "on": False})
    if conversation.language.code != before:
        await socket.send_json(language_frame(conversation.language.code))
    for message in messages:
        await socket.send_json(message_frame(message))


def _incoming(data: str) -> Incoming | None:
    try:
        frame = json.loads(data)
    except ValueError:
        return None
    if not isinstance(frame, dict):
        return None
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
    app.router.add_static("/static/", HERE / "static", show_index=False)
