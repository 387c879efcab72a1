"""Veivis on Telegram, through aiogram, inside the gateway (DESIGN.md).

Private by design: a chat is known here by an HMAC of its id under a key that lives only in this
process's memory; the chat id itself is kept only to answer and to delete messages, and never
reaches Rasa (which sees a random conversation id), the logs or the console. Only private chats
are served. Long polling by default (the webhook is deleted first); with TELEGRAM_WEBHOOK_URL,
a webhook that requires Telegram's secret-token header.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from aiogram import Bot, types
from aiogram.bot.api import TelegramAPIServer
from aiogram.utils import exceptions
from aiohttp import web

from bot import i18n, language as lang
from bot.i18n import N_
from bot.chunks import split_message
from bot.conversations import Conversation, ConversationStore
from bot.dialogue import JOB_OFFER, Dialogue, Incoming
from bot.flood import RateLimiter
from bot.languages import SUPPORTED
from bot.rendering import Message

logger = logging.getLogger("veivis.telegram")

DELETE_WINDOW_SECONDS = 48 * 3600 - 300  # Telegram allows deleting for 48 hours; keep a margin
SEND_ATTEMPTS = 5
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DELETE = "delete"
COMMANDS = {
    "start": "/greet", "help": "/greet", "menu": "/show_menu", "language": "/change_language",
    "stop": "/stop", "delete": None,
}



COMMAND_DESCRIPTIONS = {
    "start": N_("telegram.command.start"), "help": N_("telegram.command.help"),
    "menu": N_("telegram.command.menu"), "language": N_("telegram.command.language"),
    "delete": N_("telegram.command.delete"), "stop": N_("telegram.command.stop"),
}
STAFF_NEW_CASE = N_("telegram.staff.new_case")
NOT_TEXT = ("photo", "voice", "video", "video_note", "audio", "sticker", "document", "animation", "contact", "poll")


@dataclass
class Chat:
    chat_id: int
    conversation: Conversation
    messages: Dict[int, float] = field(default_factory=dict)  # message id -> time seen (both ways)
    buttons: Dict[str, str] = field(default_factory=dict)  # callback token -> payload
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class TelegramChannel:
    def __init__(
        self,
        token: str,
        dialogue: Dialogue,
        store: ConversationStore,
        api_url: Optional[str] = None,
        webhook_url: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        limiter: Optional[RateLimiter] = None,
        staff_chat_id: Optional[int] = None,
        staff_language: str = "en",
    ) -> None:
        server = TelegramAPIServer.from_base(api_url.rstrip("/")) if api_url else None
        self.bot = Bot(token, server=server) if server else Bot(token)
        self.dialogue = dialogue
        self.store = store
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.limiter = limiter or RateLimiter()
        self.chats: Dict[str, Chat] = {}
        # The helpline's own Telegram group, where staff take cases by replying (optional).
        self.staff_chat_id = staff_chat_id
        self.staff_language = staff_language
        self.staff_threads: Dict[int, str] = {}  # the bot's message id in the staff group -> case id
        self._key = secrets.token_bytes(32)  # in memory only: the map from chat ids dies with it
        self._poller: Optional[asyncio.Task] = None
        self._tasks: set[asyncio.Task] = set()

    # --- life cycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        await self.register_commands()
        if self.webhook_url:
            await self.bot.request("setWebhook", {
                "url": self.webhook_url, "secret_token": self.webhook_secret,
                "allowed_updates": '["message", "callback_query", "my_chat_member"]',
            })
            logger.info("telegram: webhook mode")
        else:
            # Only one poller may read a token's updates, and not while a webhook is set.
            await self.bot.delete_webhook(drop_pending_updates=False)
            self._poller = asyncio.create_task(self._poll())
            logger.info("telegram: long polling")

    async def stop(self) -> None:
        if self._poller:
            self._poller.cancel()
        for task in list(self._tasks):
            task.cancel()
        await self.bot.session.close()

    async def register_commands(self) -> None:
        for code in (None, *SUPPORTED):
            language = code or "en"
            commands = [
                types.BotCommand(name, i18n.gettext(language, key)) for name, key in COMMAND_DESCRIPTIONS.items()
            ]
            await self._call(self.bot.set_my_commands, commands, language_code=code)

    async def _poll(self) -> None:
        offset = None
        backoff = 1.0
        while True:
            try:
                updates = await self.bot.get_updates(offset=offset, timeout=25,
                                                     allowed_updates=["message", "callback_query", "my_chat_member"])
                backoff = 1.0
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the network or the API: wait and try again
                logger.warning("telegram: getUpdates failed (%s); retrying", type(error).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)
                continue
            for update in updates:
                offset = update.update_id + 1
                self._spawn(self.handle(update))

    def _spawn(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def webhook(self, request: web.Request) -> web.Response:
        supplied = request.headers.get(SECRET_HEADER, "")
        if not self.webhook_secret or not hmac.compare_digest(supplied, self.webhook_secret):
            return web.Response(status=401, text="secret token required")
        try:
            update = types.Update(**(await request.json()))
        except Exception:
            return web.Response(status=400, text="not an update")
        self._spawn(self.handle(update))
        return web.Response(text="ok")

    # --- updates -------------------------------------------------------------------------------

    def chat_key(self, chat_id: int) -> str:
        return "tg:" + hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).hexdigest()[:32]

    def _chat(self, chat_id: int, language_code: Optional[str]) -> Chat:
        key = self.chat_key(chat_id)
        chat = self.chats.get(key)
        conversation = self.store.get(key)
        if chat is None or conversation is None:
            conversation = conversation or Conversation(channel="telegram", language=lang.start(language_code))
            self.store.put(key, conversation)
            chat = Chat(chat_id, conversation) if chat is None else chat
            chat.conversation = conversation
            self.chats[key] = chat
        return chat

    async def handle(self, update: types.Update) -> None:
        try:
            if update.callback_query:
                await self._on_button(update.callback_query)
            elif update.message:
                await self._on_message(update.message)
            elif update.my_chat_member:
                chat = update.my_chat_member.chat
                if chat.type != "private" and update.my_chat_member.new_chat_member.status in ("member", "administrator"):
                    await self._leave_group(chat.id, None)
        except Exception as error:  # one bad update must not stop the others
            logger.error("telegram: update failed (%s)", type(error).__name__)

    async def _on_message(self, message: types.Message) -> None:
        sender_language = message.from_user.language_code if message.from_user else None
        if self.staff_chat_id is not None and message.chat.id == self.staff_chat_id:
            await self._on_staff_message(message)
            return
        if message.chat.type != "private":
            await self._leave_group(message.chat.id, sender_language)
            return
        chat = self._chat(message.chat.id, sender_language)
        async with chat.lock:
            chat.messages[message.message_id] = time.time()
            key = self.chat_key(chat.chat_id)
            if not self.limiter.allow(key):
                if self.limiter.should_warn(key):
                    await self._send(chat, [self.dialogue.say("telegram_too_fast", chat.conversation.language.code)])
                return
            incoming = self._incoming(chat, message)
            if isinstance(incoming, Message):
                await self._send(chat, [incoming])
            elif incoming == DELETE:
                await self._delete(chat)
            elif incoming is not None:
                await self._turn(chat, incoming)

    def _incoming(self, chat: Chat, message: types.Message):
        """What a message asks for: a turn (Incoming), DELETE, a local answer (Message), or None."""
        text = message.text or message.caption
        if text and text.startswith("/") and message.entities and message.entities[0].type == "bot_command":
            command = text.split()[0][1:].split("@")[0].lower()
            if command in COMMANDS:
                payload = COMMANDS[command]
                return DELETE if payload is None else Incoming(payload=payload)
        code = chat.conversation.language.code
        if message.location or message.venue:
            return self.dialogue.say("telegram_location", code)
        if text:
            if message.forward_date and chat.conversation.expects is None:
                # A forwarded message is usually a job offer someone received: check it as one;
                # the checker sends anything that is not an ad on to Rasa as text.
                chat.conversation.expects = JOB_OFFER
            return Incoming(text=text)
        if any(getattr(message, kind, None) for kind in NOT_TEXT):
            return self.dialogue.say("telegram_not_text", code)
        return None

    async def _on_button(self, query: types.CallbackQuery) -> None:
        await self._call(self.bot.answer_callback_query, query.id)
        if query.message is None or query.message.chat.type != "private":
            return
        chat = self._chat(query.message.chat.id, query.from_user.language_code if query.from_user else None)
        async with chat.lock:
            payload = chat.buttons.pop(query.data or "", None)
            # The keyboard goes, so the same choice cannot be sent twice.
            await self._call(self.bot.edit_message_reply_markup, chat.chat_id, query.message.message_id, reply_markup=None)
            if payload is None:
                return  # a button from an earlier conversation (deleted, or expired)
            await self._turn(chat, Incoming(payload=payload))

    async def _turn(self, chat: Chat, incoming: Incoming) -> None:
        before = chat.conversation.id
        typing = asyncio.create_task(self._typing(chat))
        try:
            messages = await self.dialogue.turn(chat.conversation, incoming, self.chat_key(chat.chat_id))
        finally:
            typing.cancel()
        if chat.conversation.id != before:  # the person asked to be forgotten, in words or by button
            await self._delete(chat, said=messages)
            return
        await self._send(chat, messages)

    async def _typing(self, chat: Chat) -> None:
        while True:  # Telegram shows "typing" for 5 seconds per call
            await self._call(self.bot.send_chat_action, chat.chat_id, types.ChatActions.TYPING)
            await asyncio.sleep(4.5)

    async def _leave_group(self, chat_id: int, language_code: Optional[str]) -> None:
        code = lang.start(language_code).code
        await self._call(self.bot.send_message, chat_id, self.dialogue.say("telegram_private_only", code).text)
        await self._call(self.bot.leave_chat, chat_id)

    async def deliver(self, key: str, messages: List[Message]) -> bool:
        """How the helpline reaches a Telegram person (staff messages carry the staff's name)."""
        chat = self.chats.get(key)
        if chat is None:
            return False
        shown = [Message(f"{m.sender_name}: {m.text}", m.language) if m.sender == "staff" else m for m in messages]
        async with chat.lock:
            await self._send(chat, shown)
        return True

    # --- the helpline's staff group ------------------------------------------------------------

    async def on_helpline_event(self, event: Dict[str, Any]) -> None:
        """New cases, and what people write in cases taken here, are posted to the staff group."""
        helpline = self.dialogue.helpline
        if self.staff_chat_id is None or helpline is None:
            return
        case = helpline.queue.get(event.get("case", {}).get("id") if event["type"] == "case" else event.get("case"))
        if case is None:
            return
        if event["type"] == "case":
            from bot.console import summary_lines  # the console's wording, in the group's language

            header = i18n.gettext(self.staff_language, STAFF_NEW_CASE)
            text = "\n".join([header, *summary_lines(case, self.staff_language)])
            sent = await self._call(self.bot.send_message, self.staff_chat_id, text)
            if sent is not None:
                self.staff_threads[sent.message_id] = case.id
        elif case.claimed_by and case.claimed_by.startswith("tg:"):
            if event["type"] == "line" and event.get("author") == "person":
                text = f"{i18n.gettext(self.staff_language, 'console.person')}: {case.lines[-1].text}"
            elif event["type"] == "left":
                text = i18n.gettext(self.staff_language, "console.person_left")
            else:
                return
            anchor = next((m for m, c in self.staff_threads.items() if c == case.id), None)
            sent = await self._call(self.bot.send_message, self.staff_chat_id, text, reply_to_message_id=anchor)
            if sent is not None:
                self.staff_threads[sent.message_id] = case.id

    async def _on_staff_message(self, message: types.Message) -> None:
        helpline = self.dialogue.helpline
        replied = message.reply_to_message.message_id if message.reply_to_message else None
        case_id = self.staff_threads.get(replied) if replied else None
        if helpline is None or case_id is None or not message.text or not message.from_user:
            return  # only replies to a case are for a person; the group may talk among itself
        staff_id = "tg:" + self.chat_key(message.from_user.id)[3:]
        name = message.from_user.first_name or "Helpline"
        if message.text.strip().split("@")[0] == "/close":
            await helpline.close(case_id, staff_id)
            return
        case = helpline.queue.get(case_id)
        if case is not None and case.claimed_by is None:
            await helpline.claim(case_id, staff_id, name)
        await helpline.staff_says(case_id, staff_id, name, message.text)

    # --- deleting ------------------------------------------------------------------------------

    async def _delete(self, chat: Chat, said: Optional[List[Message]] = None) -> None:
        """forget_me: erase in Rasa and here, delete what Telegram still allows, say the rest."""
        code = chat.conversation.language.code
        if said is None:
            said = await self.dialogue.turn(chat.conversation, Incoming(payload="/forget_me"))
        deleted = failed = 0
        now = time.time()
        for message_id, seen in sorted(chat.messages.items()):
            if now - seen < DELETE_WINDOW_SECONDS and await self._call(self.bot.delete_message, chat.chat_id, message_id):
                deleted += 1
            else:
                failed += 1
        chat.messages.clear()
        chat.buttons.clear()
        replies = list(said) + [self.dialogue.say("telegram_deleted", code, count=deleted)]
        if failed:
            replies.append(self.dialogue.say("telegram_not_deleted", code, count=failed))
        replies.append(self.dialogue.say("telegram_clear_chat", code))
        await self._send(chat, replies, remember=False)

    # --- sending -------------------------------------------------------------------------------

    async def _send(self, chat: Chat, messages: List[Message], remember: bool = True) -> None:
        for message in messages:
            pieces = split_message(message.text)
            for index, piece in enumerate(pieces):
                markup = self._keyboard(chat, message) if index == len(pieces) - 1 else None
                sent = await self._call(self.bot.send_message, chat.chat_id, piece, reply_markup=markup)
                if sent is not None and remember:
                    chat.messages[sent.message_id] = time.time()

    def _keyboard(self, chat: Chat, message: Message) -> Optional[types.InlineKeyboardMarkup]:
        if not message.buttons:
            return None
        keyboard = types.InlineKeyboardMarkup(row_width=2 if len(message.buttons) > 3 else 1)
        for button in message.buttons:
            token = secrets.token_urlsafe(8)  # the payload stays here; Telegram sees a token
            chat.buttons[token] = button.payload
            keyboard.insert(types.InlineKeyboardButton(button.title[:64], callback_data=token))
        while len(chat.buttons) > 200:
            chat.buttons.pop(next(iter(chat.buttons)))
        return keyboard

    async def _call(self, method, *args: Any, **kwargs: Any):
        """Call the Bot API, waiting out 429s and retrying failures; never lose a send silently."""
        delay = 1.0
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                return await method(*args, **kwargs)
            except exceptions.RetryAfter as flood:
                await asyncio.sleep(flood.timeout)
            except (exceptions.BotBlocked, exceptions.ChatNotFound, exceptions.MessageToDeleteNotFound,
                    exceptions.MessageCantBeDeleted, exceptions.MessageNotModified, exceptions.BadRequest) as final:
                logger.info("telegram: %s refused (%s)", method.__name__, type(final).__name__)
                return None
            except (exceptions.NetworkError, exceptions.TelegramAPIError, asyncio.TimeoutError) as error:
                if attempt == SEND_ATTEMPTS:
                    logger.error("telegram: %s failed %d times (%s)", method.__name__, attempt, type(error).__name__)
                    return None
                await asyncio.sleep(delay)
                delay *= 2
        logger.error("telegram: %s still rate-limited after %d attempts", method.__name__, SEND_ATTEMPTS)
        return None
