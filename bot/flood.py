"""Per-person flood control (pure): a token bucket with an injectable clock."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Dict


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


@dataclass
class RateLimiter:
    """`capacity` messages at once, refilled at `per_second`; one polite warning per flood."""

    capacity: float = 10
    per_second: float = 0.5
    clock: Callable[[], float] = time.monotonic
    _buckets: Dict[str, _Bucket] = field(default_factory=dict)

    def allow(self, key: str) -> bool:
        now = self.clock()
        bucket = self._buckets.setdefault(key, _Bucket(self.capacity, now))
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.per_second)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return True
        return False

    def should_warn(self, key: str) -> bool:
        """True once per flood: the person hears why they get no answers, not fifty times."""
        bucket = self._buckets.get(key)
        if bucket is None or bucket.warned:
            return False
        bucket.warned = True
        return True

    def forget(self, key: str) -> None:
        self._buckets.pop(key, None)
