"""The web chat over HTTP and its websocket, with a stand-in for Rasa."""
import re

import aiohttp
import pytest

from bot import config
from bot.gateway import create_app
from bot.webchat import HERE


@pytest.fixture
async def client(rasa, aiohttp_client, monkeypatch):
    monkeypatch.setenv("RASA_PORT", str(rasa.server.port))
    return await aiohttp_client(create_app(config.load()))


async def receive(socket):
    while True:
        frame = await socket.receive_json(timeout=5)
        if frame["type"] not in ("typing", "hello", "ack"):
            return frame


async def test_the_page_is_in_the_browsers_language_and_arabic_is_right_to_left(client):
    page = await (await client.get("/", headers={"Accept-Language": "ar,en;q=0.5"})).text()
    assert '<html lang="ar" dir="rtl">' in page
    page = await (await client.get("/", headers={"Accept-Language": "pl-PL"})).text()
    assert '<html lang="pl" dir="ltr">' in page and "Wyślij" in page


async def test_the_page_is_locked_down_and_loads_nothing_from_elsewhere(client):
    response = await client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    page = await response.text()
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    for name in ("chat.js", "chat.css"):  # embed.js runs on the host site, not in the chat
        assert not re.search(r"https?://", (HERE / "static" / name).read_text())


async def test_the_page_never_stores_anything_in_the_browser():
    for name in ("chat.js", "embed.js"):
        script = (HERE / "static" / name).read_text()
        for api in ("localStorage", "sessionStorage", "document.cookie", "indexedDB", "innerHTML"):
            assert api not in script


async def test_embedding_is_allowed_only_for_configured_sites(rasa, aiohttp_client, monkeypatch):
    monkeypatch.setenv("RASA_PORT", str(rasa.server.port))
    monkeypatch.setenv("WEBCHAT_EMBED_ORIGINS", "https://helpline.example https://city.example")
    client = await aiohttp_client(create_app(config.load()))
    csp = (await client.get("/?embed=1")).headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://helpline.example https://city.example" in csp


async def test_a_dropped_connection_resumes_without_losing_or_repeating_messages(client, rasa):
    socket = await client.ws_connect("/ws?lang=en")
    hello = await socket.receive_json(timeout=5)
    greeting = await receive(socket)
    await socket.send_json({"type": "text", "text": "first", "id": 1})
    first = await receive(socket)
    await socket.close()  # the network drops before the page saw anything after the greeting
    resumed = await client.ws_connect(f"/ws?resume={hello['token']}&seen={greeting['seq']}&lang=en")
    assert (await resumed.receive_json(timeout=5))["token"] == hello["token"]
    replayed = await receive(resumed)
    assert replayed["seq"] == first["seq"] and replayed["text"] == "echo:first"
    await resumed.send_json({"type": "text", "text": "first", "id": 1})  # the page resends: not done twice
    ack = await resumed.receive_json(timeout=5)
    assert ack == {"type": "ack", "id": 1}
    await resumed.send_json({"type": "text", "text": "second", "id": 2})
    assert (await receive(resumed))["text"] == "echo:second"
    assert [b["message"] for b in rasa.received] == ["first", "second"]
    await resumed.close()


async def test_quick_exit_forgets_the_conversation_in_rasa_and_the_gateway(client, rasa):
    socket = await client.ws_connect("/ws?lang=en")
    token = (await socket.receive_json(timeout=5))["token"]
    await receive(socket)
    await socket.send_json({"type": "text", "text": "my boss took my passport", "id": 1})
    await receive(socket)
    await socket.send_json({"type": "quick_exit"})
    await socket.receive(timeout=5)  # the server closes
    assert rasa.received[-1]["message"] == "/forget_me"
    health = await (await client.get("/health")).json()
    assert health["conversations"] == 0
    resumed = await client.ws_connect(f"/ws?resume={token}&seen=0")
    await resumed.receive_json(timeout=5)
    assert "Veivis" in (await receive(resumed))["text"]  # a new conversation, nothing replayed
    await resumed.close()


async def test_the_exit_beacon_forgets_even_without_the_socket(client, rasa):
    socket = await client.ws_connect("/ws?lang=en")
    token = (await socket.receive_json(timeout=5))["token"]
    await receive(socket)
    response = await client.post("/exit", data=token)
    assert response.status == 204
    assert rasa.received[-1]["message"] == "/forget_me"
    assert (await client.post("/exit", data="not-a-token")).status == 204


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


async def test_health_counts_conversations(client):
    async with client.ws_connect("/ws") as socket:
        await receive(socket)
        health = await (await client.get("/health")).json()
        assert health == {"status": "ok", "conversations": 1}
