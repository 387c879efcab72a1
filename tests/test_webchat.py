"""The web chat over HTTP and its websocket, with a stand-in for Rasa."""
import json
import re

import aiohttp
import pytest

from bot import config
from bot.gateway import create_app
from bot.webchat import HERE
from tests.fake_rasa import FakeRasa


@pytest.fixture
async def rasa(aiohttp_server):
    fake = FakeRasa()
    fake.server = await aiohttp_server(fake.app)
    return fake


@pytest.fixture
async def client(rasa, aiohttp_client, monkeypatch):
    monkeypatch.setenv("RASA_PORT", str(rasa.server.port))
    return await aiohttp_client(create_app(config.load()))


async def receive(socket):
    while True:
        frame = await socket.receive_json(timeout=5)
        if frame["type"] != "typing":
            return frame


async def test_the_page_is_in_the_browsers_language_and_arabic_is_right_to_left(client):
    page = await (await client.get("/", headers={"Accept-Language": "ar,en;q=0.5"})).text()
    assert '<html lang="ar" dir="rtl">' in page
    page = await (await client.get("/", headers={"Accept-Language": "pl-PL"})).text()
    assert '<html lang="pl" dir="ltr">' in page and "Wyślij" in page


async def test_the_page_is_locked_down_and_loads_nothing_from_elsewhere(client):
    response = await client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    page = await response.text()
    for text in [page] + [p.read_text() for p in (HERE / "static").iterdir()]:
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", text)
        assert not re.search(r"https?://", text)


async def test_the_page_never_stores_anything_in_the_browser():
    script = (HERE / "static" / "chat.js").read_text()
    for api in ("localStorage", "sessionStorage", "document.cookie", "indexedDB", "innerHTML"):
        assert api not in script


async def test_a_conversation_over_the_websocket(client, rasa):
    async with client.ws_connect("/ws?lang=pl") as socket:
        greeting = await receive(socket)
        assert greeting["lang"] == "pl" and "Veivis" in greeting["text"] and len(greeting["buttons"]) == 6
        await socket.send_json({"type": "text", "text": "cześć"})
        reply = await receive(socket)
        assert reply["text"] == "echo:cześć" and reply["buttons"][0]["payload"] == "/show_menu"
        await socket.send_json({"type": "button", "payload": "/show_menu"})
        assert (await receive(socket))["text"] == "echo:/show_menu"
    assert rasa.received[0]["metadata"] == {"language": "pl", "channel": "web"}


async def test_changing_the_language_relabels_the_page(client, rasa):
    async with client.ws_connect("/ws?lang=en") as socket:
        await receive(socket)
        await socket.send_json({"type": "language", "code": "ar"})
        frame = await receive(socket)
        assert frame["type"] == "language" and frame["dir"] == "rtl"
        assert frame["labels"]["webchat.send"] != "Send"
    assert rasa.received[-1]["metadata"]["language"] == "ar"


@pytest.mark.parametrize("raw", ["{not json", "[]", '{"type": "text"}', '{"type": "nope"}', '"just a string"'])
async def test_malformed_frames_get_a_clear_answer_and_the_chat_goes_on(client, raw):
    async with client.ws_connect("/ws?lang=en") as socket:
        await receive(socket)
        await socket.send_str(raw)
        assert "plain text" in (await receive(socket))["text"]
        await socket.send_json({"type": "text", "text": "still here"})
        assert (await receive(socket))["text"] == "echo:still here"


async def test_binary_frames_get_a_clear_answer(client):
    async with client.ws_connect("/ws?lang=en") as socket:
        await receive(socket)
        await socket.send_bytes(b"\x89PNG\r\n\x1a\n")
        assert "plain text" in (await receive(socket))["text"]


async def test_an_unknown_language_code_falls_back_to_the_browser_then_english(client):
    async with client.ws_connect("/ws?lang=xx-YY") as socket:
        assert (await receive(socket))["lang"] == "en"


async def test_another_site_cannot_open_the_chat_socket(client):
    with pytest.raises(aiohttp.WSServerHandshakeError):
        await client.ws_connect("/ws", headers={"Origin": "https://evil.example"})


async def test_one_broken_connection_does_not_stop_the_others(client):
    async with client.ws_connect("/ws?lang=en") as first, client.ws_connect("/ws?lang=fi") as second:
        await receive(first), await receive(second)
        await first.send_bytes(b"\x00" * 100)
        await first.close()
        await second.send_json({"type": "text", "text": "hei"})
        assert (await receive(second))["text"] == "echo:hei"


async def test_health_counts_open_conversations_only(client):
    async with client.ws_connect("/ws") as socket:
        await receive(socket)
        health = await (await client.get("/health")).json()
        assert health["conversations"] == 1
    health = await (await client.get("/health")).json()
    assert health == {"status": "ok", "conversations": 0}
