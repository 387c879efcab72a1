"""The handoff end to end: real Rasa for the consent and the summary, the gateway, the console."""
import re
import time

import aiohttp
import pytest

from bot.i18n import gettext
from tests.conftest import STAFF_PASSWORD
from tests.test_stack import open_chat, texts

pytestmark = pytest.mark.stack


async def console_session(stack):
    session = aiohttp.ClientSession(base_url=stack.web, cookie_jar=aiohttp.CookieJar(unsafe=True))
    page = await (await session.get("/console")).text()
    token = re.search(r'name="login_token" value="([^"]+)"', page).group(1)
    await session.post("/console/login", data={"username": "anna", "password": STAFF_PASSWORD, "login_token": token})
    csrf = (await (await session.get("/console/api/me")).json())["csrf"]
    return session, {"X-CSRF-Token": csrf}


async def test_consent_summary_console_and_back(stack):
    staff, headers = await console_session(stack)
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "pl")
        await chat.press("/start_screening")
        await chat.say("tak")
        for answer in ("nie", "nie", "nie", "tak"):  # ... someone keeps the passport
            await chat.say(answer)
        await chat.press("/stop")
        consent = texts(await chat.say("chcę porozmawiać z człowiekiem"))
        assert gettext("pl", "handoff.choose") in consent
        await chat.press('/handoff_share{"share": "answers"}')
        preview = texts(await chat.press('/handoff_want{"want": "chat"}'))
        # The exact summary, in the person's language, before anything is sent.
        assert gettext("pl", "handoff.preview").split("{")[0] in preview
        assert gettext("pl", "screening.indicator.documents_withheld") in preview
        assert await (await staff.get("/console/api/cases")).json() == []  # nothing yet: no "Send" yet
        sent = time.perf_counter()
        await chat.socket.send_json({"type": "button", "payload": "/handoff_send", "id": 999})
        while not (cases := await (await staff.get("/console/api/cases")).json()):
            pass
        print(f"\nconsent to console (real stack): {1000 * (time.perf_counter() - sent):.0f} ms")
        [case] = cases
        assert case["level"] == "medium" and case["language"] == "pl"
        detail = await (await staff.get(f"/console/api/cases/{case['id']}")).json()
        assert any("Polnisch" in line for line in detail["summary"])  # in Anna's German
        await chat.replies()
        assert (await staff.post(f"/console/api/cases/{case['id']}/claim", headers=headers)).status == 200
        joined = texts(await chat.replies())
        assert "Anna" in joined
        await chat.say("jestem w Bergen")
        await staff.post(f"/console/api/cases/{case['id']}/messages", headers=headers, json={"text": "Rozumiem."})
        assert "Rozumiem." in texts(await chat.replies())
        detail = await (await staff.get(f"/console/api/cases/{case['id']}")).json()
        assert [l["text"] for l in detail["lines"] if l["author"] == "person"] == ["jestem w Bergen"]
        await staff.post(f"/console/api/cases/{case['id']}/close", headers=headers)
        assert gettext("pl", "handoff.closed") in texts(await chat.replies())
        await chat.socket.close()
    await staff.close()
    assert "jestem w Bergen" not in stack.output()


async def test_a_call_back_number_is_asked_with_a_warning_and_checked(stack):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "en")
        await chat.press("/request_human")
        await chat.press('/handoff_share{"share": "nothing"}')
        asked = texts(await chat.press('/handoff_want{"want": "callback"}'))
        assert gettext("en", "handoff.phone.ask") in asked
        assert "does not look like a phone number" in texts(await chat.say("call me maybe"))
        preview = texts(await chat.say("+47 412 34 567"))
        assert "+4741234567" in preview and gettext("en", "handoff.line.nothing") in preview
        await chat.socket.close()
