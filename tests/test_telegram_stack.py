"""Telegram with the real stack: Rasa, actions and the gateway started by the supervisor."""
import time
from pathlib import Path

import pytest

from bot.i18n import gettext
from bot.rendering import ROOT

pytestmark = pytest.mark.stack
CHAT = 712345678901  # a Telegram id that must appear nowhere but in the gateway's memory


def wait(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_telegram_conversation_through_the_real_stack_leaves_no_telegram_id_anywhere(stack, telegram_api):
    double = telegram_api.double
    started = time.time()
    assert wait(lambda: double.called("getUpdates"))
    telegram_api.push_message(CHAT, "szef zabrał mi paszport i nie płaci", language="pl")
    assert wait(lambda: double.sent(CHAT))
    reply = double.sent(CHAT)[0]["params"]["text"]
    assert gettext("pl", "report.thanks") in reply
    telegram_api.push_message(CHAT, "/delete", language="pl")
    assert wait(lambda: double.called("deleteMessage"))
    time.sleep(1)
    assert str(CHAT) not in stack.output()
    leaks = []
    for top in (ROOT, Path("/tmp"), Path.home()):
        for path in top.rglob("*"):
            try:
                if path.is_file() and path.stat().st_mtime >= started - 1 and str(CHAT).encode() in path.read_bytes():
                    leaks.append(str(path))
            except OSError:
                continue
    assert leaks == []
