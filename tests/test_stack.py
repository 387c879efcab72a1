"""End to end: the real Rasa, action server and gateway, started by the supervisor."""
import asyncio
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import aiohttp
import pytest

from bot.i18n import gettext
from bot.rendering import ROOT

pytestmark = pytest.mark.stack
ROSA = "+47 22 33 11 60"


class Chat:
    def __init__(self, socket):
        self.socket = socket

    async def replies(self, quiet=1.5):
        """Bot messages until the bot has been quiet for `quiet` seconds."""
        frames = []
        while True:
            try:
                frame = await self.socket.receive_json(timeout=quiet if frames else 30)
            except asyncio.TimeoutError:
                return frames
            if frame["type"] in ("message", "language"):
                frames.append(frame)

    async def stay_open_until(self, predicate, timeout):
        """Idle like a browser tab: keep reading, so the gateway's heartbeat pings are answered.

        aiohttp's client only answers a ping inside receive(); a test that merely sleeps
        lets the gateway close the socket as dead after 45 s.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            try:
                await self.socket.receive(timeout=1)
            except asyncio.TimeoutError:
                pass
        return False

    async def say(self, text):
        await self.socket.send_json({"type": "text", "text": text})
        return await self.replies()

    async def press(self, payload):
        await self.socket.send_json({"type": "button", "payload": payload})
        return await self.replies()


async def open_chat(stack, session, language):
    socket = await session.ws_connect(f"{stack.web}/ws?lang={language}")
    chat = Chat(socket)
    greeting = await chat.replies()
    return chat, greeting


def texts(frames):
    return "\n".join(f.get("text", "") for f in frames if f["type"] == "message")


async def test_a_polish_speaker_chats_and_in_danger_gets_112_in_polish(stack):
    async with aiohttp.ClientSession() as session:
        chat, greeting = await open_chat(stack, session, "pl")
        assert gettext("pl", "greet.hello") in texts(greeting)
        reply = texts(await chat.say("szef zabrał mi paszport i nie płaci"))
        assert gettext("pl", "report.thanks") in reply
        reply = texts(await chat.say("tak"))  # yes in Polish, thanks in Danish
        assert gettext("pl", "what_next.prompt") in reply
        frames = await chat.say("pomocy, on mnie bije, zamknął mnie w pokoju")
        reply = texts(frames)
        assert "112" in reply and ROSA in reply
        assert gettext("pl", "help.unconditional") in reply
        assert all(f["lang"] == "pl" for f in frames if f["type"] == "message")
        await chat.socket.close()


async def test_an_arabic_speaker_gets_answers_right_to_left(stack):
    async with aiohttp.ClientSession() as session:
        chat, greeting = await open_chat(stack, session, "ar")
        assert greeting[0]["dir"] == "rtl"
        frames = await chat.say("أنا في خطر الآن، صاحب العمل يضربني")
        assert "112" in texts(frames)
        assert gettext("ar", "help.unconditional") in texts(frames)
        assert all(f["dir"] == "rtl" for f in frames if f["type"] == "message")
        await chat.socket.close()


async def test_the_menu_buttons_lead_to_real_answers_in_the_chosen_language(stack):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "en")
        frames = await chat.press('/choose_language{"language":"lt"}')
        assert frames[0]["type"] == "language" and frames[0]["code"] == "lt"
        assert gettext("lt", "language.changed") in texts(frames)
        for payload, key in [("/check_job_offer", "job_offer.ask"), ("/safe_migration", "safe_migration.checklist"),
                             ("/know_rights", "rights.summary"), ("/start_screening", "screening.intro"),
                             ("/request_human", "handoff.intro"), ("/show_menu", "menu.prompt")]:
            reply = texts(await chat.press(payload))
            assert gettext("lt", key).split("{")[0][:40] in reply, payload
        await chat.socket.close()


async def rest(stack, session, sender, message, language="en"):
    body = {"sender": sender, "message": message, "metadata": {"language": language, "channel": "test"}}
    async with session.post(f"{stack.rasa}/webhooks/rest/webhook", json=body) as reply:
        assert reply.status == 200
        return await reply.json()


async def tracker(stack, session, sender):
    async with session.get(f"{stack.rasa}/conversations/{sender}/tracker", params={"token": stack.token}) as reply:
        assert reply.status == 200
        return await reply.json()


async def test_rest_metadata_sets_the_language_slot(stack):
    async with aiohttp.ClientSession() as session:
        sender = uuid.uuid4().hex
        answer = await rest(stack, session, sender, "hei", language="fi")
        assert gettext("fi", "greet.hello") in answer[0]["text"]
        assert (await tracker(stack, session, sender))["slots"]["language"] == "fi"
        await rest(stack, session, sender, "/show_menu", language="et")
        assert (await tracker(stack, session, sender))["slots"]["language"] == "et"


async def test_the_rasa_api_needs_the_token(stack):
    async with aiohttp.ClientSession() as session:
        for params in ({}, {"token": "wrong"}):
            async with session.get(f"{stack.rasa}/conversations/x/tracker", params=params) as reply:
                assert reply.status in (401, 403)


def test_rasa_and_the_action_server_listen_on_loopback_only(stack):
    addresses = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    outside = [a for a in addresses if not a.startswith("127.") and ":" not in a]
    if not outside:
        pytest.skip("this machine has no non-loopback IPv4 address to test from")
    for port in (stack.rasa_port, stack.actions_port):
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((outside[0], port)) != 0, port


async def test_forget_me_erases_the_conversation_in_rasa_at_once(stack):
    async with aiohttp.ClientSession() as session:
        sender = uuid.uuid4().hex
        await rest(stack, session, sender, "my boss took my passport")
        assert any(e.get("text") == "my boss took my passport" for e in (await tracker(stack, session, sender))["events"])
        answer = await rest(stack, session, sender, "please delete everything I wrote")
        assert gettext("en", "forget.done") in answer[0]["text"]
        events = (await tracker(stack, session, sender))["events"]
        assert not any(e.get("event") == "user" for e in events)


async def test_a_delete_in_the_web_chat_starts_a_fresh_pseudonymous_conversation(stack):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "de")
        reply = texts(await chat.say("Bitte lösche alles, was ich geschrieben habe"))
        assert gettext("de", "forget.done") in reply
        reply = texts(await chat.say("hallo"))
        assert gettext("de", "greet.hello") in reply
        await chat.socket.close()


def test_telemetry_is_off_in_every_child(stack):
    for name, pid in stack.pids().items():
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert b"RASA_TELEMETRY_ENABLED=false" in environ, name


async def test_nothing_a_person_types_reaches_a_log_or_a_file(stack):
    marker = f"MARKER{uuid.uuid4().hex}"
    started = time.time()
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "en")
        await chat.say(f"my name is {marker} and my boss took my passport")
        await chat.say(f"/{marker}")
        await chat.say(f'{marker}{{"x": 1}}')
        await chat.socket.close()
        await rest(stack, session, uuid.uuid4().hex, f"/nonexistent_intent_{marker}")
    await asyncio.sleep(1)
    assert marker not in stack.output()
    leaks = []
    for top in (ROOT, Path("/tmp"), Path.home()):
        for path in top.rglob("*"):
            try:
                if path.is_file() and path.stat().st_mtime >= started - 1 and path != stack.log:
                    if marker.encode() in path.read_bytes():
                        leaks.append(str(path))
            except (OSError, PermissionError):
                continue
    assert leaks == []


async def test_when_rasa_dies_people_get_112_and_the_stack_heals_itself(stack):
    rasa_pid = stack.pids()["rasa"]
    mark = len(stack.output())
    os.killpg(rasa_pid, signal.SIGKILL)
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "ro")
        reply = texts(await chat.say("ajutor, sunt în pericol"))
        assert "112" in reply and ROSA in reply
        assert gettext("ro", "service.unavailable") in reply
        healed = await chat.stay_open_until(lambda: re.search(r"rasa: ready after", stack.output()[mark:]), 300)
        assert healed, stack.output()[-3000:]
        assert stack.pids()["rasa"] != rasa_pid
        reply = texts(await chat.say("bună ziua"))
        assert gettext("ro", "greet.hello") in reply
        await chat.socket.close()


@pytest.mark.parametrize("text", ["👍", "🙏🙏🙏", "\u200b\u200b", "a\x00b\x07c", "x" * 10_000, "?"])
async def test_odd_input_always_gets_an_answer_with_a_way_on(stack, text):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "et")
        frames = [f for f in await chat.say(text) if f["type"] == "message"]
        assert frames and frames[0]["text"]
        assert frames[0]["lang"] == "et"
        await chat.socket.close()
