"""Handoff cases: what a person agreed to share, waiting for (or talking with) helpline staff.

A case holds the structured summary the person saw and said yes to, and the live chat after a
staff member claims it. It lives in memory only: closed, it is deleted at once apart from
anonymous counts (language, level, forms, waiting time); unclaimed or idle, it expires.
"""
from __future__ import annotations

import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from actions.triage import INDICATORS, LEVELS

WANTS = ("chat", "callback", "information")
SHARES = ("answers", "all", "nothing")
URGENCY = {level: rank for rank, level in enumerate(reversed(LEVELS))}  # urgent first


@dataclass(frozen=True)
class Summary:
    """Only what the person agreed to share, as data: staff read it in their own language."""

    language: str
    share: str = "nothing"
    want: str = "chat"
    country: Optional[str] = None
    level: Optional[str] = None
    forms: Tuple[str, ...] = ()
    yes: Tuple[str, ...] = ()
    unsure: Tuple[str, ...] = ()
    phone: Optional[str] = None
    note: Optional[str] = None  # what the person wrote, redacted, if they chose to share it

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "Summary":
        """From the handoff event the action server sends; anything unexpected is dropped."""
        def text(key: str, allowed: Optional[Tuple[str, ...]] = None) -> Optional[str]:
            value = data.get(key)
            if not isinstance(value, str) or not value or (allowed and value not in allowed):
                return None
            return value[:2000]

        def ids(key: str, allowed: Tuple[str, ...]) -> Tuple[str, ...]:
            values = data.get(key) or []
            return tuple(v for v in values if v in allowed) if isinstance(values, list) else ()

        return cls(
            language=text("language") or "en",
            share=text("share", SHARES) or "nothing",
            want=text("want", WANTS) or "chat",
            country=text("country"),
            level=text("level", LEVELS),
            forms=ids("forms", ("labour", "sexual", "begging", "crime", "marriage")),
            yes=ids("yes", INDICATORS),
            unsure=ids("unsure", INDICATORS),
            phone=text("phone"),
            note=text("note"),
        )

    def as_data(self) -> Dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass
class Line:
    author: str  # "person", "staff" or "system"
    text: str
    at: float


@dataclass
class Case:
    summary: Summary
    conversation_key: str  # the gateway's key for the person's conversation; never shown
    channel: str
    created: float
    id: str = field(default_factory=lambda: secrets.token_urlsafe(8))
    claimed_by: Optional[str] = None
    claimed_at: Optional[float] = None
    person_left: bool = False
    lines: List[Line] = field(default_factory=list)
    last_active: float = 0.0

    @property
    def urgency(self) -> int:
        return URGENCY.get(self.summary.level or "none", len(URGENCY))

    def view(self, now: float) -> Dict[str, Any]:
        """What the console lists (no transcript, no conversation key)."""
        return {
            "id": self.id, "channel": self.channel, "level": self.summary.level, "want": self.summary.want,
            "language": self.summary.language, "waiting_seconds": round(now - self.created),
            "claimed_by": self.claimed_by, "person_left": self.person_left,
        }


class HandoffQueue:
    """Open cases in memory. One interface, so that a Redis version can replace it (DESIGN.md)."""

    def __init__(self, ttl_seconds: int, clock: Callable[[], float] = time.time) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._cases: Dict[str, Case] = {}
        self.counts: Counter = Counter()  # anonymous: what kinds of cases came, never who
        self.waits: List[float] = []

    def open(self, summary: Summary, conversation_key: str, channel: str) -> Case:
        now = self._clock()
        case = Case(summary, conversation_key, channel, created=now, last_active=now)
        self._cases[case.id] = case
        return case

    def get(self, case_id: str) -> Optional[Case]:
        return self._cases.get(case_id)

    def by_conversation(self, key: str) -> Optional[Case]:
        return next((c for c in self._cases.values() if c.conversation_key == key), None)

    def waiting(self) -> List[Case]:
        """Open cases, the most urgent first, then the longest waiting."""
        return sorted(self._cases.values(), key=lambda c: (c.claimed_by is not None, c.urgency, c.created))

    def claim(self, case_id: str, staff: str) -> bool:
        """Only one staff member can claim a case."""
        case = self._cases.get(case_id)
        if case is None or case.claimed_by is not None or case.person_left:
            return False
        case.claimed_by, case.claimed_at = staff, self._clock()
        case.last_active = case.claimed_at
        return True

    def say(self, case: Case, author: str, text: str) -> Line:
        line = Line(author, text, self._clock())
        case.lines.append(line)
        case.last_active = line.at
        return line

    def close(self, case_id: str) -> Optional[Case]:
        """Delete the case; keep only anonymous counts."""
        case = self._cases.pop(case_id, None)
        if case is not None:
            self.counts[("language", case.summary.language)] += 1
            self.counts[("level", case.summary.level or "none")] += 1
            for form in case.summary.forms:
                self.counts[("form", form)] += 1
            if case.claimed_at:
                self.waits.append(case.claimed_at - case.created)
        return case

    def expire(self) -> List[Case]:
        now = self._clock()
        idle = [c for c in self._cases.values() if now - c.last_active > self.ttl_seconds]
        for case in idle:
            self.close(case.id)
        return idle

    def __len__(self) -> int:
        return len(self._cases)
