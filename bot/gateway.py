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

from actions.job_offers import check_job_offer
from bot import config, language
from bot.conversations import InMemoryConversations
from bot.danger import in_danger
from bot.dialogue import Dialogue
from bot.logs import configure_logging
from bot.rasa_client import RasaClient
from bot.telegram import TelegramChannel
from bot.rendering import ROOT
from bot.console import add_console_routes
from bot.handoff import HandoffQueue
from bot.helpline import ChatHours, Helpline
from bot.staff import Staff, load_accounts
from bot.webchat import add_routes, deliverer as webchat_deliverer, security_headers as webchat_headers
from bot.webchat_session import WebSessions

logger = logging.getLogger("veivis.gateway")


def domain_intents() -> list[str]:
    with (ROOT / "domain.yml").open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["intents"])


@web.middleware
async def security_headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as problem:  # redirects and refusals get the headers too
        response = problem
    if request.path.startswith("/console"):
        # The console posts its login form to itself and is never framed by anyone. Its referrer
        # policy is same-origin: with no-referrer, browsers send "Origin: null" on form posts and
        # withhold SameSite=Strict cookies, which would break the login's CSRF defence.
        headers = {**webchat_headers("'none'", form_action="'self'"), "Referrer-Policy": "same-origin"}
    else:
        headers = webchat_headers(request.app["settings"].frame_ancestors)
    if not response.prepared:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
    if isinstance(response, web.HTTPException):
        raise response
    return response


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "conversations": len(request.app["conversations"])})


def warm_up() -> None:
    """Load what the first person would otherwise wait for (seconds each): the language
    detectors, the job-offer patterns and reference data, the danger words."""
    language.warm_up()
    check_job_offer("warm-up 1000 EUR")
    in_danger("warm-up")


def create_app(settings: config.Settings, session: Optional[aiohttp.ClientSession] = None) -> web.Application:
    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app["settings"] = settings
    app["conversations"] = InMemoryConversations(settings.conversation_ttl_seconds)
    app["web_sessions"] = WebSessions(settings.conversation_ttl_seconds)
    app["web_connections"] = {}
    app["handoffs"] = HandoffQueue(settings.callback_hours * 3600)
    app["staff"] = Staff(load_accounts())

    async def start(app: web.Application) -> None:
        await asyncio.get_running_loop().run_in_executor(None, warm_up)
        app["session"] = session or aiohttp.ClientSession()
        rasa = RasaClient(settings.rasa_url, app["session"], token=settings.rasa_token)
        app["dialogue"] = dialogue = Dialogue(rasa, settings, domain_intents())
        app["helpline"] = helpline = Helpline(
            app["handoffs"], app["conversations"], dialogue.say, ChatHours.parse(settings.chat_hours),
            has_staff=lambda: bool(app["staff"].accounts) or bool(settings.helpline_telegram_chat_id),
            wait_seconds=settings.handoff_wait_seconds,
        )
        dialogue.helpline = helpline
        helpline.deliverers["web"] = webchat_deliverer(app)
        app["sweeper"] = asyncio.create_task(_sweep(app))
        app["helpline_watch"] = asyncio.create_task(helpline.watch())
        if settings.telegram_token:
            app["telegram"] = TelegramChannel(
                settings.telegram_token, app["dialogue"], app["conversations"],
                api_url=settings.telegram_api_url, webhook_url=settings.telegram_webhook_url,
                webhook_secret=settings.telegram_webhook_secret,
                staff_chat_id=settings.helpline_telegram_chat_id, staff_language=settings.helpline_telegram_language,
            )
            await app["telegram"].start()
            helpline.deliverers["telegram"] = app["telegram"].deliver
            helpline.listeners.add(app["telegram"].on_helpline_event)

    async def close_sockets(app: web.Application) -> None:
        # on_shutdown, not on_cleanup: aiohttp waits for open handlers in between.
        for connection in list(app["web_connections"].values()):
            await connection.socket.close()

    async def stop(app: web.Application) -> None:
        app["sweeper"].cancel()
        app["helpline_watch"].cancel()
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
    add_console_routes(app)
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
