"""A stand-in for Rasa's REST channel that records what the gateway sends (for gateway tests)."""
from __future__ import annotations

from typing import Any, Callable, Dict, List

from aiohttp import web

Reply = Callable[[Dict[str, Any]], Any]


def echo(body: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [{"recipient_id": body["sender"], "text": f"echo:{body['message']}",
             "buttons": [{"title": "Menu", "payload": "/show_menu"}]}]


class FakeRasa:
    def __init__(self, reply: Reply = echo) -> None:
        self.reply = reply
        self.received: List[Dict[str, Any]] = []
        self.status = 200
        self.app = web.Application()
        self.app.router.add_post("/webhooks/rest/webhook", self.webhook)

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        if self.status != 200:
            return web.Response(status=self.status, text="boom")
        return web.json_response(self.reply(body))
