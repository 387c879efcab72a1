"""A web chat session that survives a dropped connection without losing or repeating messages.

The page holds a random token in memory (never in storage or a cookie). Every frame the server
sends carries a sequence number and stays in a short outbox; on reconnect the page says the last
number it showed and gets the rest again. Every frame the page sends carries its own number; the
server processes each number once, so a frame resent after a drop is acknowledged, not repeated.
"""
from __future__ import annotations

import secrets
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, List, Optional, Tuple

from bot.expiring import ExpiringMap

OUTBOX = 100


@dataclass
class WebSession:
    key: str  # the conversation's key in the ConversationStore
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    last_active: float = 0.0
    next_seq: int = 1
    last_client_id: int = 0
    outbox: Deque[Tuple[int, Dict[str, Any]]] = field(default_factory=lambda: deque(maxlen=OUTBOX))

    def stamp(self, frame: Dict[str, Any]) -> Dict[str, Any]:
        """Number a frame for the page and keep it until it is surely seen."""
        stamped = {**frame, "seq": self.next_seq}
        self.outbox.append((self.next_seq, stamped))
        self.next_seq += 1
        return stamped

    def missed(self, seen: int) -> List[Dict[str, Any]]:
        return [frame for seq, frame in self.outbox if seq > seen]

    def first_time(self, client_id: Any) -> bool:
        """Whether a frame with this number is new (and remember it)."""
        if not isinstance(client_id, int) or isinstance(client_id, bool):
            return True  # unnumbered frames (old pages, tools) are processed as they come
        if client_id <= self.last_client_id:
            return False
        self.last_client_id = client_id
        return True


class WebSessions(ExpiringMap[WebSession]):
    def new(self, key: str) -> WebSession:
        session = WebSession(key=key)
        self._store(session.token, session)
        return session

    def resume(self, token: Any) -> Optional[WebSession]:
        return self._fresh(token) if isinstance(token, str) else None

    def by_key(self, key: str) -> Optional[WebSession]:
        return next((s for s in self._values() if s.key == key), None)

    def end(self, token: str) -> Optional[WebSession]:
        return self._pop(token)
