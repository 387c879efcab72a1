"""Rasa keeps conversations in memory only, forgets idle ones, and erases on request at once."""
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import ExpiringInMemoryTrackerStore, forget_requested


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def tracker(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events))


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(clock):
    return ExpiringInMemoryTrackerStore(Domain.empty(), ttl_seconds=1800, clock=clock)


async def test_a_conversation_is_kept_while_active(store, clock):
    await store.save(tracker("a", UserUttered("hello")))
    clock.now += 1700
    assert await store.retrieve("a") is not None


async def test_an_idle_conversation_expires(store, clock):
    await store.save(tracker("a", UserUttered("hello")))
    clock.now += 1801
    assert await store.retrieve("a") is None
    assert "a" not in store.store


async def test_the_sweep_drops_idle_conversations_nobody_asks_for(store, clock):
    await store.save(tracker("a", UserUttered("one")))
    clock.now += 1000
    await store.save(tracker("b", UserUttered("two")))
    clock.now += 900
    assert store.sweep() == 1
    assert list(await store.keys()) == ["b"]


async def test_forget_me_erases_the_conversation_instead_of_saving_it(store):
    await store.save(tracker("a", UserUttered("my name is X"), BotUttered("hi")))
    await store.save(tracker("a", UserUttered("my name is X"), UserUttered("delete"),
                             ActionExecuted("action_forget_me"), BotUttered("deleted")))
    assert await store.retrieve("a") is None
    assert "a" not in store.store


def test_forget_is_only_read_from_the_latest_turn():
    earlier = tracker("a", UserUttered("delete"), ActionExecuted("action_forget_me"), UserUttered("hello again"))
    assert not forget_requested(earlier)


def test_the_lifetime_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CONVERSATION_TTL_MINUTES", "5")
    assert ExpiringInMemoryTrackerStore(Domain.empty()).ttl_seconds == 300
