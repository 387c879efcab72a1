"""Settings from the environment (README, Configuration). Read once per process."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    rasa_port: int
    actions_port: int
    rasa_token: str
    conversation_ttl_seconds: int
    country: str
    helpline: str | None
    max_message_chars: int
    telegram_token: str | None
    telegram_api_url: str | None
    telegram_webhook_url: str | None
    telegram_webhook_secret: str | None
    log_level: str
    webchat_exit_url: str
    frame_ancestors: str
    chat_hours: str
    handoff_wait_seconds: int
    callback_hours: int
    helpline_telegram_chat_id: int | None
    helpline_telegram_language: str

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"


def load() -> Settings:
    return Settings(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=_int("PORT", 8080),
        rasa_port=_int("RASA_PORT", 5005),
        actions_port=_int("ACTIONS_PORT", 5055),
        rasa_token=os.environ.get("RASA_TOKEN") or secrets.token_urlsafe(32),
        conversation_ttl_seconds=60 * _int("CONVERSATION_TTL_MINUTES", 30),
        country=os.environ.get("VEIVIS_COUNTRY", "NO").upper(),
        helpline=os.environ.get("VEIVIS_HELPLINE") or None,
        max_message_chars=_int("MAX_MESSAGE_CHARS", 4000),
        telegram_token=os.environ.get("TELEGRAM_BOT_TOKEN") or None,
        telegram_api_url=os.environ.get("TELEGRAM_API_URL") or None,
        telegram_webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL") or None,
        # Telegram sends it back with every update; without one set, a random one is used.
        telegram_webhook_secret=os.environ.get("TELEGRAM_WEBHOOK_SECRET") or secrets.token_urlsafe(32),
        log_level=os.environ.get("LOG_LEVEL", "INFO").upper(),
        # Where quick exit sends the browser: a neutral site the person's own browser would visit.
        webchat_exit_url=os.environ.get("WEBCHAT_EXIT_URL") or "https://www.google.com/",
        # Sites allowed to embed the chat (space-separated origins), besides this one.
        frame_ancestors=" ".join(["'self'", *os.environ.get("WEBCHAT_EMBED_ORIGINS", "").split()]),
        # When staff answer in the chat ("always", or e.g. "mon-fri 09:00-17:00", local time).
        chat_hours=os.environ.get("HELPLINE_CHAT_HOURS") or "always",
        handoff_wait_seconds=60 * _int("HANDOFF_WAIT_MINUTES", 10),
        callback_hours=_int("HANDOFF_CALLBACK_HOURS", 24),
        helpline_telegram_chat_id=_int("HELPLINE_TELEGRAM_CHAT_ID", 0) or None,
        helpline_telegram_language=os.environ.get("HELPLINE_TELEGRAM_LANGUAGE") or "en",
    )
