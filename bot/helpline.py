"""The handoff in the gateway: from the person's "Send" to a staff member's "Close".

While a person is handed off, what they write goes to the case (and to the staff who see it), never
to Rasa. Staff write back through the same channel the person uses. The person can leave at any
time ("stop", "back", the button); staff see that. When nobody can answer (outside the chat hours,
or no staff at all), the person is told so honestly, with the helpline's phone and 112, and a
call-back request is kept if they asked for one.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, time as clock_time
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set

from bot.conversations import Conversation, ConversationStore
from bot.handoff import Case, HandoffQueue, Summary
from bot.rendering import Message

logger = logging.getLogger("veivis.helpline")

Deliver = Callable[[str, List[Message]], Awaitable[bool]]  # (conversation key, messages) -> delivered
Listener = Callable[[Dict[str, Any]], Awaitable[None]]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class ChatHours:
    """When staff answer in the chat: "always", or e.g. "mon-fri 09:00-17:00"."""

    days: frozenset = frozenset(range(7))
    opens: clock_time = clock_time(0, 0)
    closes: clock_time = clock_time(23, 59, 59)

    @classmethod
    def parse(cls, text: str) -> "ChatHours":
        text = (text or "always").strip().lower()
        if text == "always":
            return cls()
        days_part, _, hours_part = text.partition(" ")
        first, _, last = days_part.partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        opens, _, closes = hours_part.partition("-")
        return cls(frozenset(range(start, end + 1)), clock_time.fromisoformat(opens), clock_time.fromisoformat(closes))

    def open_at(self, moment: datetime) -> bool:
        return moment.weekday() in self.days and self.opens <= moment.time() <= self.closes


class Helpline:
    def __init__(
        self,
        queue: HandoffQueue,
        store: ConversationStore,
        say: Callable[..., Message],
        hours: ChatHours,
        has_staff: Callable[[], bool],
        wait_seconds: int,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.queue = queue
        self.store = store
        self.say = say  # renders a gateway response in a language (Dialogue.say)
        self.hours = hours
        self.has_staff = has_staff
        self.wait_seconds = wait_seconds
        self.now = now
        self.deliverers: Dict[str, Deliver] = {}
        self.listeners: Set[Listener] = set()
        self._nudged: Set[str] = set()

    # --- the person's side ---------------------------------------------------------------------

    def available(self) -> bool:
        return self.has_staff() and self.hours.open_at(self.now())

    async def open(self, conversation: Conversation, key: str, summary: Summary) -> List[Message]:
        """The person said "Send": open a case, or tell them honestly that nobody can answer now."""
        language = conversation.language.code
        if not self.available():
            if summary.want == "callback":
                case = self.queue.open(summary, key, conversation.channel)
                await self._tell_staff({"type": "case", "case": case.view(time.time())})
                return [self.say("handoff_callback_kept", language, count=self.queue.ttl_seconds // 3600)]
            return [self.say("handoff_unavailable", language)]
        case = self.queue.open(summary, key, conversation.channel)
        conversation.handoff = case.id
        await self._tell_staff({"type": "case", "case": case.view(time.time())})
        return []

    async def person_says(self, conversation: Conversation, text: str) -> List[Message]:
        case = self.queue.get(conversation.handoff or "")
        if case is None:  # closed or expired meanwhile
            conversation.handoff = None
            return [self.say("handoff_closed", conversation.language.code)]
        line = self.queue.say(case, "person", text)
        await self._tell_staff({"type": "line", "case": case.id, "author": "person", "text": line.text})
        return []

    async def person_leaves(self, conversation: Conversation) -> List[Message]:
        case = self.queue.get(conversation.handoff or "")
        conversation.handoff = None
        if case is not None:
            case.person_left = True
            self.queue.say(case, "system", "person_left")
            await self._tell_staff({"type": "left", "case": case.id})
        return [self.say("handoff_left", conversation.language.code)]

    # --- the staff's side ----------------------------------------------------------------------

    async def claim(self, case_id: str, staff_id: str, staff_name: str) -> bool:
        if not self.queue.claim(case_id, staff_id):
            return False
        case = self.queue.get(case_id)
        await self._deliver(case, [self.say("handoff_joined", case.summary.language, staff_name=staff_name)])
        await self._tell_staff({"type": "claimed", "case": case_id, "by": staff_id})
        return True

    async def staff_says(self, case_id: str, staff_id: str, staff_name: str, text: str) -> bool:
        case = self.queue.get(case_id)
        if case is None or case.claimed_by != staff_id or case.person_left:
            return False
        self.queue.say(case, "staff", text)
        message = Message(text, case.summary.language, sender="staff", sender_name=staff_name)
        return await self._deliver(case, [message])

    async def close(self, case_id: str, staff_id: Optional[str] = None) -> bool:
        case = self.queue.get(case_id)
        if case is None or (staff_id is not None and case.claimed_by not in (None, staff_id)):
            return False
        conversation = self.store.get(case.conversation_key)
        if conversation is not None and conversation.handoff == case_id:
            conversation.handoff = None
            await self._deliver(case, [self.say("handoff_closed", case.summary.language)])
        self.queue.close(case_id)
        await self._tell_staff({"type": "closed", "case": case_id})
        return True

    # --- around ---------------------------------------------------------------------------------

    async def watch(self) -> None:
        """Tell a person who waits too long, once; let idle cases expire."""
        while True:
            await asyncio.sleep(min(30, max(1, self.wait_seconds // 4)))
            await self.check_waiting()

    async def check_waiting(self) -> None:
        now = time.time()
        for case in self.queue.waiting():
            if case.claimed_by is None and case.id not in self._nudged and now - case.created > self.wait_seconds:
                self._nudged.add(case.id)
                await self._deliver(case, [self.say("handoff_no_answer", case.summary.language)])
        for case in self.queue.expire():
            self._nudged.discard(case.id)
            conversation = self.store.get(case.conversation_key)
            if conversation is not None and conversation.handoff == case.id:
                conversation.handoff = None

    async def _deliver(self, case: Case, messages: List[Message]) -> bool:
        deliver = self.deliverers.get(case.channel)
        if deliver is None:
            return False
        return await deliver(case.conversation_key, messages)

    async def _tell_staff(self, event: Dict[str, Any]) -> None:
        for listener in list(self.listeners):
            try:
                await listener(event)
            except Exception as error:  # a broken console connection must not stop the others
                logger.warning("helpline: a staff listener failed (%s)", type(error).__name__)
                self.listeners.discard(listener)
