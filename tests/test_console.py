"""The handoff through the gateway and the staff console, with a stand-in for Rasa."""
import re
import time

import pytest

from bot import config
from bot.gateway import create_app
from bot.i18n import gettext
from bot.rendering import fill
from bot.staff import add_account
from tests.fake_rasa import FakeRasa

PASSWORD = "correct horse battery staple"
SUMMARY = {"language": "pl", "share": "answers", "want": "chat", "level": "high", "forms": ["labour"],
           "yes": ["documents_withheld", "unpaid_or_underpaid"], "unsure": ["threats"]}


def rasa_reply(body):
    if body["message"] == "/handoff_send":
        return [{"text": "sent"}, {"custom": {"event": "handoff", "summary": SUMMARY}}]
    return [{"text": f"echo:{body['message']}"}]


@pytest.fixture
async def stack(aiohttp_server, aiohttp_client, monkeypatch, tmp_path):
    rasa = FakeRasa(rasa_reply)
    rasa_server = await aiohttp_server(rasa.app)
    staff_file = tmp_path / "staff.yml"
    add_account(staff_file, "anna", PASSWORD, "de", "Anna")
    add_account(staff_file, "bo", PASSWORD, "sv", "Bo")
    monkeypatch.setenv("RASA_PORT", str(rasa_server.port))
    monkeypatch.setenv("STAFF_FILE", str(staff_file))
    app = create_app(config.load())
    person = await aiohttp_client(app)
    return app, rasa, person


async def staff_session(person_client, username="anna", password=PASSWORD):
    """A staff member's own browser session, through the console's HTTP API."""
    from aiohttp import ClientSession, CookieJar

    # unsafe=True: the test server is 127.0.0.1, and aiohttp ignores cookies from IPs by default.
    session = ClientSession(base_url=str(person_client.make_url("/")), cookie_jar=CookieJar(unsafe=True))
    page = await (await session.get("/console")).text()
    token = re.search(r'name="login_token" value="([^"]+)"', page).group(1)
    response = await session.post("/console/login", data={"username": username, "password": password,
                                                          "login_token": token}, allow_redirects=False)
    me = await session.get("/console/api/me")
    csrf = (await me.json())["csrf"] if me.status == 200 else None
    return session, response.status, csrf


async def receive(socket, kinds=("message",)):
    while True:
        frame = await socket.receive_json(timeout=5)
        if frame["type"] in kinds:
            return frame


async def consent(person):
    socket = await person.ws_connect("/ws?lang=pl")
    await receive(socket)  # greeting
    await socket.send_json({"type": "button", "payload": "/handoff_send", "id": 1})
    assert (await receive(socket))["text"] == "sent"
    started = time.perf_counter()
    return socket, started


async def test_a_person_reaches_a_staff_member_and_back(stack):
    app, rasa, person = stack
    staff, status, csrf = await staff_session(person)
    assert status == 303 and csrf
    headers = {"X-CSRF-Token": csrf}
    socket, consented = await consent(person)
    try:
        while not (cases := await (await staff.get("/console/api/cases")).json()):
            pass
        print(f"consent to console: {1000 * (time.perf_counter() - consented):.1f} ms")
        [case] = cases
        assert case["level"] == "high" and case["language"] == "pl" and case["claimed_by"] is None
        detail = await (await staff.get(f"/console/api/cases/{case['id']}")).json()
        # The summary in the staff member's language (German), whatever language the person wrote in.
        assert fill(gettext("de", "console.line.language"), "de", {"language": "Polnisch"}) in detail["summary"]
        assert any("Pass" in line for line in detail["summary"])
        assert "lines" not in detail  # the conversation is for the one who takes the case

        assert (await staff.post(f"/console/api/cases/{case['id']}/claim", headers=headers)).status == 200
        joined = await receive(socket)
        assert "Anna" in joined["text"] and joined["lang"] == "pl"
        assert (await receive(socket, ("agent",)))["on"] is True

        await socket.send_json({"type": "text", "text": "dzień dobry, szef ma mój paszport", "id": 2})
        await socket.send_json({"type": "text", "text": "Bitte hilf mir <b>jetzt</b>", "id": 3})
        detail = await (await staff.get(f"/console/api/cases/{case['id']}")).json()
        for _ in range(20):
            if len(detail["lines"]) >= 2:
                break
            detail = await (await staff.get(f"/console/api/cases/{case['id']}")).json()
        assert [l["text"] for l in detail["lines"]][:2] == ["dzień dobry, szef ma mój paszport", "Bitte hilf mir <b>jetzt</b>"]
        assert all(b["message"] not in ("dzień dobry, szef ma mój paszport",) for b in rasa.received)  # never Rasa
        assert detail["canned"][0].startswith("Dzień dobry") or "Anna" in detail["canned"][0]

        reply = await staff.post(f"/console/api/cases/{case['id']}/messages", headers=headers,
                                 json={"text": "Dzień dobry, jestem Anna. Czy jesteś bezpieczna?"})
        assert reply.status == 200
        from_staff = await receive(socket)
        assert from_staff["from"] == "staff" and from_staff["name"] == "Anna"
        assert from_staff["text"] == "Dzień dobry, jestem Anna. Czy jesteś bezpieczna?"

        assert (await staff.post(f"/console/api/cases/{case['id']}/close", headers=headers)).status == 200
        closed = await receive(socket)
        assert closed["text"] == gettext("pl", "handoff.closed")
        assert await (await staff.get("/console/api/cases")).json() == []
        assert app["handoffs"].counts[("level", "high")] == 1

        await socket.send_json({"type": "text", "text": "back with the bot", "id": 4})
        assert (await receive(socket))["text"] == "echo:back with the bot"  # Rasa again
    finally:
        await staff.close()
        await socket.close()


async def test_a_second_staff_member_cannot_take_a_taken_case(stack):
    app, _, person = stack
    socket, _ = await consent(person)
    anna, _, anna_csrf = await staff_session(person, "anna")
    bo, _, bo_csrf = await staff_session(person, "bo")
    try:
        [case] = await (await anna.get("/console/api/cases")).json()
        assert (await anna.post(f"/console/api/cases/{case['id']}/claim", headers={"X-CSRF-Token": anna_csrf})).status == 200
        assert (await bo.post(f"/console/api/cases/{case['id']}/claim", headers={"X-CSRF-Token": bo_csrf})).status == 409
        assert (await bo.post(f"/console/api/cases/{case['id']}/messages", headers={"X-CSRF-Token": bo_csrf},
                              json={"text": "hi"})).status == 409
    finally:
        await anna.close()
        await bo.close()
        await socket.close()


async def test_the_person_can_leave_and_staff_see_it(stack):
    app, rasa, person = stack
    socket, _ = await consent(person)
    await socket.send_json({"type": "text", "text": "stop", "id": 2})
    left = await receive(socket)
    assert left["text"] == gettext("pl", "handoff.left")
    [case] = app["handoffs"].waiting()
    assert case.person_left


async def test_words_of_danger_while_waiting_for_staff_bring_112_at_once_without_rasa(stack):
    app, rasa, person = stack  # the fake Rasa cannot parse: only the danger words can tell
    socket, _ = await consent(person)
    await socket.send_json({"type": "text", "text": "pomocy, on ma nóż i mówi że mnie zabije", "id": 2})
    texts = [(await receive(socket))["text"]]
    while "112" not in texts[-1]:
        texts.append((await receive(socket))["text"])
    assert gettext("pl", "emergency.now").split("{")[0][:30] in " ".join(texts)
    [case] = app["handoffs"].waiting()
    assert any("zabije" in line.text for line in case.lines)  # the staff still see it


async def test_a_person_who_says_no_sends_nothing_to_the_console(stack):
    app, rasa, person = stack
    socket = await person.ws_connect("/ws?lang=pl")
    await receive(socket)
    await socket.send_json({"type": "button", "payload": "/handoff_decline", "id": 1})
    await receive(socket)
    staff, _, _ = await staff_session(person)
    try:
        assert await (await staff.get("/console/api/cases")).json() == []
        assert len(app["handoffs"]) == 0
    finally:
        await staff.close()
        await socket.close()


async def test_every_console_route_refuses_anyone_not_signed_in(stack):
    app, _, person = stack
    open_routes = {("GET", "/console"), ("POST", "/console/login")}
    routes = [(r.method, r.resource.canonical) for r in app.router.routes()
              if r.resource is not None and r.resource.canonical.startswith("/console") and r.method != "HEAD"]
    assert len(routes) >= 9
    for method, path in routes:
        if (method, path) in open_routes:
            continue
        url = path.replace("{case_id}", "x")
        response = await person.request(method, url, json={"text": "hi"})
        assert response.status in (401, 403), (method, path, response.status)


async def test_changes_need_the_csrf_token(stack):
    app, _, person = stack
    socket, _ = await consent(person)
    staff, _, csrf = await staff_session(person)
    try:
        [case] = await (await staff.get("/console/api/cases")).json()
        for headers in ({}, {"X-CSRF-Token": "guess"}):
            assert (await staff.post(f"/console/api/cases/{case['id']}/claim", headers=headers)).status == 403
        assert (await staff.post(f"/console/api/cases/{case['id']}/claim",
                                 headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"})).status == 403
    finally:
        await staff.close()
        await socket.close()


async def test_the_session_cookie_is_httponly_and_strict(stack):
    _, _, person = stack
    page = await (await person.get("/console")).text()
    token = re.search(r'name="login_token" value="([^"]+)"', page).group(1)
    response = await person.post("/console/login", data={"username": "anna", "password": PASSWORD, "login_token": token},
                                 allow_redirects=False)
    cookie = response.headers["Set-Cookie"]
    assert "veivis_staff=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_repeated_wrong_passwords_lock_the_console_login(stack):
    _, _, person = stack
    statuses = [(await staff_session(person, "anna", "wrong password"))[1] for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    session, status, _ = await staff_session(person, "anna", PASSWORD)
    await session.close()
    assert status == 429  # still locked, even with the right password


async def test_a_login_form_from_elsewhere_is_refused(stack):
    _, _, person = stack
    response = await person.post("/console/login", data={"username": "anna", "password": PASSWORD,
                                                          "login_token": "forged"}, allow_redirects=False)
    assert response.status == 403


async def test_when_nobody_can_answer_the_person_is_told_with_the_phone_and_112(aiohttp_server, aiohttp_client, monkeypatch):
    rasa = FakeRasa(rasa_reply)
    rasa_server = await aiohttp_server(rasa.app)
    monkeypatch.setenv("RASA_PORT", str(rasa_server.port))
    monkeypatch.setenv("STAFF_FILE", "/nonexistent/staff.yml")  # no staff at all
    app = create_app(config.load())
    person = await aiohttp_client(app)
    socket = await person.ws_connect("/ws?lang=pl")
    await receive(socket)
    await socket.send_json({"type": "button", "payload": "/handoff_send", "id": 1})
    await receive(socket)
    told = await receive(socket)
    assert fill(gettext("pl", "handoff.unavailable"), "pl", {"helpline_name": "ROSA"}) in told["text"]
    assert "112" in told["text"] and "+47 22 33 11 60" in told["text"]
    assert len(app["handoffs"]) == 0
    await socket.close()


async def test_signed_in_staff_get_the_console_in_their_language(stack):
    _, _, person = stack
    staff, _, csrf = await staff_session(person, "bo")  # Bo works in Swedish
    try:
        page = await (await staff.get("/console")).text()
        assert 'id="queue"' in page and f'data-csrf="{csrf}"' in page
        assert gettext("sv", "console.queue") in page and '<html lang="sv"' in page
    finally:
        await staff.close()
