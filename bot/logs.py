"""Logging for every Veivis process: levels and formats only, never what a person wrote.

Nothing here can filter a careless `logger.info(text)`; the privacy tests chat with a marker
string and search every log line for it. What this does is keep third-party loggers that print
request bodies or message texts (Sanic access logs, aiohttp, rasa at DEBUG) at WARNING unless
LOG_LEVEL=DEBUG is set on purpose.
"""
from __future__ import annotations

import logging

CHATTY = ("sanic.access", "aiohttp.access", "aiogram", "rasa", "rasa_sdk", "urllib3", "asyncio")


def configure_logging(level: str = "INFO") -> None:
    numeric = getattr(logging, str(level).upper(), logging.INFO)
    logging.basicConfig(
        level=numeric,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
        force=True,
    )
    if numeric > logging.DEBUG:
        for name in CHATTY:
            logging.getLogger(name).setLevel(logging.WARNING)
