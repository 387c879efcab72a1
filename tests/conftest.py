"""Shared fixtures. Tests marked `stack` start the real stack once per session (tests/stack.py)."""
from __future__ import annotations

import os

import pytest

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from bot import config  # noqa: E402
from bot.languages import SUPPORTED  # noqa: E402


@pytest.fixture
def settings(monkeypatch) -> config.Settings:
    for name in ("VEIVIS_HELPLINE", "VEIVIS_COUNTRY", "MAX_MESSAGE_CHARS", "PORT"):
        monkeypatch.delenv(name, raising=False)
    return config.load()


@pytest.fixture(params=SUPPORTED)
def code(request) -> str:
    return request.param


def pytest_sessionfinish(session, exitstatus):
    # "No tests ran" must never pass as green (pytest's exit code 5 is easy to swallow).
    if session.testscollected == 0:
        session.exitstatus = 1


@pytest.fixture(scope="session")
def telegram_api():
    """A Bot API double the whole session's stack talks to (tests/telegram_double.py)."""
    from tests.telegram_double import ThreadedDouble

    double = ThreadedDouble().start()
    yield double
    double.stop()


STAFF_PASSWORD = "a long test password for staff"


@pytest.fixture(scope="session")
def stack(tmp_path_factory, telegram_api):
    from bot.staff import add_account
    from tests.stack import start

    workdir = tmp_path_factory.mktemp("stack")
    add_account(workdir / "staff.yml", "anna", STAFF_PASSWORD, "de", "Anna")
    running = start(workdir, telegram_api_url=telegram_api.url, extra_env={"STAFF_FILE": str(workdir / "staff.yml")})
    yield running
    running.stop()


@pytest.fixture
async def rasa(aiohttp_server):
    """A stand-in for Rasa's REST channel that echoes and records (tests/fake_rasa.py)."""
    from tests.fake_rasa import FakeRasa

    fake = FakeRasa()
    fake.server = await aiohttp_server(fake.app)
    return fake
