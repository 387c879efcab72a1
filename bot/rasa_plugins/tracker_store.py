"""A Rasa tracker store that keeps conversations in memory only, forgets idle ones, and erases a
conversation the moment the person asks for it (DESIGN.md, Privacy).

Rasa's own InMemoryTrackerStore keeps every conversation until the process ends. Here each
conversation carries its last activity time and is dropped after `ttl_seconds` without activity.
When a turn ran `action_forget_me`, the save at the end of that turn deletes the conversation
instead of storing it, so nothing the person said outlives their request.
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any, Callable, Dict, Iterable, Optional, Text

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

FORGET_ACTION = "action_forget_me"
DEFAULT_TTL_SECONDS = 30 * 60
SWEEP_EVERY_SECONDS = 30


def forget_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the latest turn (events since the last user message) ran the forget action."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    def __init__(
        self,
        domain: Domain,
        event_broker: Optional[Any] = None,
        ttl_seconds: Optional[int] = None,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Dict[Text, Any],
    ) -> None:
        kwargs.pop("host", None)  # Rasa passes the endpoint's url as `host`; there is none here
        super().__init__(domain, event_broker, **kwargs)
        env_ttl = os.environ.get("CONVERSATION_TTL_MINUTES")
        if ttl_seconds is None:
            ttl_seconds = int(env_ttl) * 60 if env_ttl else DEFAULT_TTL_SECONDS
        self.ttl_seconds = int(ttl_seconds)
        self._clock = clock
        self._last_active: Dict[Text, float] = {}
        self._sweeper: Optional[asyncio.Task] = None

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            await self.forget(tracker.sender_id)
            return
        await super().save(tracker)
        self._last_active[tracker.sender_id] = self._clock()
        self._ensure_sweeper()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._expire_if_idle(sender_id)
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._expire_if_idle(sender_id)
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[Text]:
        self.sweep()
        return list(self.store.keys())

    async def forget(self, sender_id: Text) -> None:
        self.store.pop(sender_id, None)
        self._last_active.pop(sender_id, None)

    def sweep(self) -> int:
        """Drop every conversation idle for longer than the TTL; returns how many."""
        now = self._clock()
        idle = [key for key, seen in self._last_active.items() if now - seen > self.ttl_seconds]
        for key in idle:
            self.store.pop(key, None)
            self._last_active.pop(key, None)
        return len(idle)

    def _expire_if_idle(self, sender_id: Text) -> None:
        seen = self._last_active.get(sender_id)
        if seen is not None and self._clock() - seen > self.ttl_seconds:
            self.store.pop(sender_id, None)
            self._last_active.pop(sender_id, None)

    def _ensure_sweeper(self) -> None:
        # Idle conversations must go even when nobody else writes: a periodic sweep does that.
        if self._sweeper is not None and not self._sweeper.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._sweeper = loop.create_task(self._sweep_forever())

    async def _sweep_forever(self) -> None:
        while self._last_active:
            await asyncio.sleep(min(SWEEP_EVERY_SECONDS, max(1, self.ttl_seconds)))
            dropped = self.sweep()
            if dropped:
                logger.info("expired %d idle conversation(s)", dropped)
