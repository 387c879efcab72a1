"""The gateway's conversations: who is talking (pseudonymously), in which language, since when.

A channel knows a person by its own key (a web chat connection, a Telegram chat). That key never
leaves the gateway: Rasa, the logs and the console only see the conversation's random id, which
changes when the person deletes the conversation. Records expire after inactivity, like Rasa's
trackers. The interface is small so that a Redis implementation can stand in for this one when
several gateways share the load (DESIGN.md, Scale).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Optional, Protocol

from bot.expiring import ExpiringMap
from bot.language import LanguageState


def new_conversation_id() -> str:
    return secrets.token_urlsafe(16)


@dataclass
class Conversation:
    channel: str
    language: LanguageState
    id: str = field(default_factory=new_conversation_id)
    last_active: float = 0.0
    # What the bot just asked for ("job_offer": an ad to check, "country"): the next text is read
    # as that, and a pasted ad's language is not taken for the person's.
    expects: Optional[str] = None
    # The open handoff case: while set, what the person writes goes to the helpline, not Rasa.
    handoff: Optional[str] = None

    def restart(self) -> None:
        """After forget_me: a new id, so nothing links what comes next to what was deleted."""
        self.id = new_conversation_id()
        self.expects = None
        self.handoff = None


class ConversationStore(Protocol):
    def get(self, key: str) -> Optional[Conversation]: ...
    def put(self, key: str, conversation: Conversation) -> None: ...
    def forget(self, key: str) -> None: ...
    def sweep(self) -> int: ...
    def __len__(self) -> int: ...


class InMemoryConversations(ExpiringMap[Conversation]):
    def get(self, key: str) -> Optional[Conversation]:
        return self._fresh(key)

    def put(self, key: str, conversation: Conversation) -> None:
        self._store(key, conversation)

    def forget(self, key: str) -> None:
        self._pop(key)
