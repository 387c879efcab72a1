"""The action server: Rasa's custom actions (rasa-sdk) and the NLG endpoint, in one process.

`python -m actions.server --port 5055` serves
  POST /webhook  custom actions, exactly as `rasa run actions` does
  POST /nlg      every response's words, in the conversation's language (bot/rendering.py)
  GET  /health
Built on rasa-sdk's executor rather than its ready-made app because that app logs and echoes
request bodies on errors, and a request body here holds what a person wrote.
"""
from __future__ import annotations

import argparse
import logging
from typing import Any, Dict, Optional

from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
from sanic import Sanic, response
from sanic.request import Request

from actions import countries
from bot import config, helplines
from bot.languages import DEFAULT, normalise_tag
from bot.logs import configure_logging
from bot.rendering import UnknownResponse, render

logger = logging.getLogger("veivis.actions")


def tracker_language(tracker: Optional[Dict[str, Any]]) -> str:
    """The language to answer in: the gateway's choice for the latest message, else the slot."""
    tracker = tracker or {}
    latest = tracker.get("latest_message") or {}
    metadata = latest.get("metadata")
    if isinstance(metadata, dict):
        from_metadata = normalise_tag(metadata.get("language"))
        if from_metadata:
            return from_metadata
    slots = tracker.get("slots") or {}
    return normalise_tag(slots.get("language")) or DEFAULT


def nlg_body(request_body: Any, settings: config.Settings) -> Dict[str, Any]:
    """The NLG answer for Rasa's request body (pure, so it is tested without a server)."""
    if not isinstance(request_body, dict) or not isinstance(request_body.get("response"), str):
        raise ValueError("an NLG request needs a `response` name")
    language = tracker_language(request_body.get("tracker"))
    tracker = request_body.get("tracker")
    slots = tracker.get("slots") if isinstance(tracker, dict) else None
    slots = slots if isinstance(slots, dict) else {}
    arguments = request_body.get("arguments")
    arguments = {k: v for k, v in arguments.items() if isinstance(k, str)} if isinstance(arguments, dict) else {}
    # The country the conversation is about: its facts, and its helpline where one is verified
    # (else the deployment's own).
    country = countries.normalise_country(arguments.get("country_code") or slots.get("country"))
    helpline = (helplines.select(None, country) if country else None) or helplines.select(settings.helpline, settings.country)
    context: Dict[str, Any] = helplines.context(helpline, language)
    if country:
        context.update(countries.response_context(country, language))
    context.update(arguments)
    return render(request_body["response"], language, context, slots).as_nlg()


def create_app(settings: config.Settings) -> Sanic:
    app = Sanic("veivis_actions", configure_logging=False)
    executor = ActionExecutor()
    executor.register_package("actions")

    @app.get("/health")
    async def health(_: Request):
        return response.json({"status": "ok"})

    @app.post("/webhook")
    async def webhook(request: Request):
        call = _json(request)
        if not isinstance(call, dict):
            return response.json({"error": "invalid request"}, status=400)
        try:
            result = await executor.run(call)
        except ActionExecutionRejection as rejection:
            return response.json(
                {"error": rejection.message, "action_name": rejection.action_name}, status=400
            )
        except ActionNotFoundException as missing:
            logger.error("unknown action %s", missing.action_name)
            return response.json({"error": "unknown action", "action_name": missing.action_name}, status=404)
        return response.json(result)

    @app.post("/nlg")
    async def nlg(request: Request):
        body = _json(request)
        try:
            return response.json(nlg_body(body, settings))
        except UnknownResponse as unknown:
            logger.error("no response named %s", unknown.args[0])
            return response.json({"error": "unknown response"}, status=404)
        except ValueError:
            return response.json({"error": "invalid request"}, status=400)

    @app.exception(Exception)
    async def failure(request: Request, exception: Exception):
        # The type and route only: the request body is what a person wrote.
        logger.error("%s on %s", type(exception).__name__, request.path)
        return response.json({"error": "internal error"}, status=500)

    return app


def _json(request: Request) -> Any:
    try:
        return request.json
    except Exception:  # Sanic raises its own error type for a malformed body
        return None


def main(argv: Optional[list] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    settings = config.load()
    configure_logging(settings.log_level)
    app = create_app(settings)
    app.run(
        host=args.host,
        port=args.port or settings.actions_port,
        access_log=False,
        motd=False,
    )


if __name__ == "__main__":
    main()
