"""The gateway process: every connection to people goes through here (DESIGN.md).

`python -m bot.gateway` serves the web chat on HOST:PORT and talks to Rasa on 127.0.0.1.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, Optional

import aiohttp
import yaml
from aiohttp import web

from bot import config, language
from bot.conversations import InMemoryConversations
from bot.dialogue import Dialogue
from bot.logs import configure_logging
from bot.rasa_client import RasaClient
from bot.telegram import TelegramChannel
from bot.rendering import ROOT
from bot.webchat import add_routes, security_headers as webchat_headers
from bot.webchat_session import WebSessions

logger = logging.getLogger("veivis.gateway")


def domain_intents() -> list[str]:
    with (ROOT / "domain.yml").open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["intents"])


@web.middleware
async def security_headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    response = await handler(request)
    if not response.prepared:
        for name, value in webchat_headers(request.app["settings"].frame_ancestors).items():
            response.headers.setdefault(name, value)
    return response


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "conversations": len(request.app["conversations"])})


def create_app(settings: config.Settings, session: Optional[aiohttp.ClientSession] = None) -> web.Application:
    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app["settings"] = settings
    app["conversations"] = InMemoryConversations(settings.conversation_ttl_seconds)
    app["web_sessions"] = WebSessions(settings.conversation_ttl_seconds)
    app["web_connections"] = {}

    async def start(app: web.Application) -> None:
        await asyncio.get_running_loop().run_in_executor(None, language.warm_up)
        app["session"] = session or aiohttp.ClientSession()
        app["dialogue"] = Dialogue(RasaClient(settings.rasa_url, app["session"]), settings, domain_intents())
        app["sweeper"] = asyncio.create_task(_sweep(app))
        if settings.telegram_token:
            app["telegram"] = TelegramChannel(
                settings.telegram_token, app["dialogue"], app["conversations"],
                api_url=settings.telegram_api_url, webhook_url=settings.telegram_webhook_url,
                webhook_secret=settings.telegram_webhook_secret,
            )
            await app["telegram"].start()

    async def close_sockets(app: web.Application) -> None:
        # on_shutdown, not on_cleanup: aiohttp waits for open handlers in between.
        for connection in list(app["web_connections"].values()):
            await connection.socket.close()

    async def stop(app: web.Application) -> None:
        app["sweeper"].cancel()
        if "telegram" in app:
            await app["telegram"].stop()
        if session is None:
            await app["session"].close()

    app.on_startup.append(start)
    app.on_shutdown.append(close_sockets)
    app.on_cleanup.append(stop)
    app.router.add_get("/health", health)
    if settings.telegram_token and settings.telegram_webhook_url:
        app.router.add_post(TELEGRAM_WEBHOOK_PATH, telegram_webhook)
    add_routes(app)
    return app


TELEGRAM_WEBHOOK_PATH = "/telegram/webhook"


async def telegram_webhook(request: web.Request) -> web.Response:
    channel = request.app.get("telegram")
    if channel is None:
        return web.Response(status=503, text="not ready")
    return await channel.webhook(request)


async def _sweep(app: web.Application) -> None:
    while True:
        await asyncio.sleep(30)
        app["conversations"].sweep()
        app["web_sessions"].sweep()


def main() -> None:
    settings = config.load()
    configure_logging(settings.log_level)
    logger.info("web chat on http://%s:%d", settings.host, settings.port)
    web.run_app(create_app(settings), host=settings.host, port=settings.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
