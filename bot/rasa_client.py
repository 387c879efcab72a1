"""Talking to Rasa over its REST channel (127.0.0.1 only)."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import aiohttp


class RasaUnavailable(Exception):
    """Rasa (or the action server behind it) did not answer usefully."""


class RasaClient:
    def __init__(self, base_url: str, session: aiohttp.ClientSession, timeout: float = 15.0) -> None:
        self.webhook = f"{base_url.rstrip('/')}/webhooks/rest/webhook"
        self.session = session
        self.timeout = aiohttp.ClientTimeout(total=timeout)

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
