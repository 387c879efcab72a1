"""Talking to Rasa over its REST channel (127.0.0.1 only)."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import aiohttp


class RasaUnavailable(Exception):
    """Rasa (or the action server behind it) did not answer usefully."""


class RasaClient:
    def __init__(self, base_url: str, session: aiohttp.ClientSession, timeout: float = 15.0,
                 token: str = "") -> None:
        self.webhook = f"{base_url.rstrip('/')}/webhooks/rest/webhook"
        self.parse_url = f"{base_url.rstrip('/')}/model/parse"
        self.session = session
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.token = token

    async def intent(self, text: str, metadata: Dict[str, Any]) -> str:
        """What a message means, without adding it to any conversation (a handed-off person's
        words must not land in a tracker); "" when Rasa cannot say."""
        try:
            async with self.session.post(self.parse_url, params={"token": self.token}, timeout=self.timeout,
                                         json={"text": text, "metadata": metadata}) as reply:
                if reply.status != 200:
                    return ""
                parsed = await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return ""
        intent = parsed.get("intent") if isinstance(parsed, dict) else None
        return intent.get("name") or "" if isinstance(intent, dict) else ""

    async def send(self, sender: str, text: str, metadata: Dict[str, Any]) -> List[Dict[str, Any]]:
        body = {"sender": sender, "message": text, "metadata": metadata}
        try:
            async with self.session.post(self.webhook, json=body, timeout=self.timeout) as reply:
                if reply.status != 200:
                    raise RasaUnavailable(f"status {reply.status}")
                messages = await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from None
        if not isinstance(messages, list):
            raise RasaUnavailable("unexpected body")
        return [m for m in messages if isinstance(m, dict)]
