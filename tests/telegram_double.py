"""A stand-in for Telegram's Bot API, for tests with the real aiogram client.

Serves /bot<token>/<method> like api.telegram.org: getMe, getUpdates (long polling), sendMessage,
editMessageReplyMarkup, answerCallbackQuery, deleteMessage, setMyCommands, deleteWebhook,
setWebhook, sendChatAction, leaveChat. Records every call; tests push updates in and read calls out.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any, Dict, List, Optional

from aiohttp import web

class ApiError(Exception):
    """Answered as Telegram answers a refused call: {"ok": false, "description": ...}."""


BOT = {"id": 999000111, "is_bot": True, "first_name": "Veivis", "username": "veivis_test_bot"}


class BotApiDouble:
    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self.updates: asyncio.Queue = asyncio.Queue()
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(5000)
        self.fail_next: Dict[str, List[Dict[str, Any]]] = {}  # method -> canned error replies
        self.deletable: Optional[set] = None  # None: everything can be deleted
        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self.dispatch)

    # --- what tests use ------------------------------------------------------------------------

    def user(self, user_id: int, language: str = "en") -> Dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": language}

    def message(self, chat_id: int, text: Optional[str] = None, language: str = "en",
                chat_type: str = "private", **extra: Any) -> Dict[str, Any]:
        message = {
            "message_id": next(self.message_ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, **({"title": "Group"} if chat_type != "private" else {})},
            "from": self.user(chat_id if chat_type == "private" else 4242, language), **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return message

    def push_message(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        message = self.message(*args, **kwargs)
        self.updates.put_nowait({"update_id": next(self.update_ids), "message": message})
        return message

    def push_button(self, chat_id: int, bot_message_id: int, data: str, language: str = "en") -> None:
        self.updates.put_nowait({"update_id": next(self.update_ids), "callback_query": {
            "id": f"cb{next(self.update_ids)}", "from": self.user(chat_id, language), "chat_instance": "ci",
            "data": data, "message": {"message_id": bot_message_id, "date": int(time.time()),
                                      "chat": {"id": chat_id, "type": "private"}, "from": BOT, "text": "…"},
        }})

    def sent(self, chat_id: Optional[int] = None) -> List[Dict[str, Any]]:
        return [c for c in self.calls if c["method"] == "sendMessage"
                and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))]

    def called(self, method: str) -> List[Dict[str, Any]]:
        return [c for c in self.calls if c["method"] == method]

    async def wait_for(self, predicate, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the bot did not do what was expected in time")

    # --- the API -------------------------------------------------------------------------------

    async def dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append({"method": method, "params": params, "token": request.match_info["token"]})
        failures = self.fail_next.get(method)
        if failures:
            failure = failures.pop(0)
            return web.json_response(failure, status=failure.get("error_code", 400))
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            return web.json_response({"ok": True, "result": await handler(params)})
        except ApiError as error:
            return web.json_response({"ok": False, "error_code": 400, "description": str(error)}, status=400)

    async def _params(self, request: web.Request) -> Dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        params: Dict[str, Any] = dict(request.query)
        if request.can_read_body:
            form = await request.post()
            params.update({k: v for k, v in form.items()})
        for key in ("reply_markup", "commands", "allowed_updates"):
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        return params

    async def api_getMe(self, params):
        return BOT

    async def api_getUpdates(self, params):
        timeout = min(float(params.get("timeout") or 0), 1.0)
        batch = []
        try:
            batch.append(await asyncio.wait_for(self.updates.get(), timeout or 0.01))
        except asyncio.TimeoutError:
            return []
        while not self.updates.empty() and len(batch) < 100:
            batch.append(self.updates.get_nowait())
        return batch

    async def api_sendMessage(self, params):
        return {"message_id": next(self.message_ids), "date": int(time.time()), "from": BOT,
                "chat": {"id": int(params["chat_id"]), "type": "private"}, "text": params.get("text", "")}

    async def api_deleteMessage(self, params):
        if self.deletable is not None and int(params["message_id"]) not in self.deletable:
            raise ApiError("Bad Request: message can't be deleted")
        return True

    async def api_editMessageReplyMarkup(self, params):
        return True

    async def api_answerCallbackQuery(self, params):
        return True

    async def api_setMyCommands(self, params):
        return True

    async def api_deleteWebhook(self, params):
        return True

    async def api_setWebhook(self, params):
        return True

    async def api_sendChatAction(self, params):
        return True

    async def api_leaveChat(self, params):
        return True


class ThreadedDouble:
    """The double in its own thread and event loop, for the real stack in another process."""

    def __init__(self) -> None:
        import threading

        self.double: Optional[BotApiDouble] = None
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "ThreadedDouble":
        self._thread.start()
        self._ready.wait(10)
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def serve() -> None:
            self.double = BotApiDouble()
            runner = web.AppRunner(self.double.app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]
            self._ready.set()

        self.loop.run_until_complete(serve())
        self.loop.run_forever()

    def push_message(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        message = self.double.message(*args, **kwargs)
        update = {"update_id": next(self.double.update_ids), "message": message}
        asyncio.run_coroutine_threadsafe(self.double.updates.put(update), self.loop).result(5)
        return message

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
