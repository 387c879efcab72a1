"""An in-memory map whose entries expire after a time without use (conversations, web chat
sessions): nothing about a person outlives its inactivity limit."""
from __future__ import annotations

import time
from typing import Callable, Dict, Generic, Iterator, Optional, Protocol, TypeVar


class Touched(Protocol):
    last_active: float


T = TypeVar("T", bound=Touched)


class ExpiringMap(Generic[T]):
    def __init__(self, ttl_seconds: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._items: Dict[str, T] = {}

    def _stale(self, item: T, now: float) -> bool:
        return now - item.last_active > self.ttl_seconds

    def _fresh(self, key: str) -> Optional[T]:
        """The entry if still live (and now touched); an expired one is deleted on the way."""
        item = self._items.get(key)
        if item is None:
            return None
        now = self._clock()
        if self._stale(item, now):
            del self._items[key]
            return None
        item.last_active = now
        return item

    def _store(self, key: str, item: T) -> None:
        item.last_active = self._clock()
        self._items[key] = item

    def _pop(self, key: str) -> Optional[T]:
        return self._items.pop(key, None)

    def _values(self) -> Iterator[T]:
        return iter(self._items.values())

    def sweep(self) -> int:
        now = self._clock()
        idle = [key for key, item in self._items.items() if self._stale(item, now)]
        for key in idle:
            del self._items[key]
        return len(idle)

    def __len__(self) -> int:
        return len(self._items)
