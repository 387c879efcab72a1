"""The web chat in a real headless Chromium (Debian's package, driven by Playwright).

Screenshots of each state go to reports/. The gateway runs in-process with a stand-in for Rasa,
except for the English and Arabic conversation, which uses the real stack.
"""
import json
import shutil
import time

import pytest
from aiohttp import web

from bot import config
from bot.gateway import create_app
from bot.i18n import gettext
from bot.rendering import ROOT
from tests.fake_rasa import FakeRasa

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REPORTS = ROOT / "reports"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
NEUTRAL = "<!doctype html><html lang='en'><head><title>Weather</title></head><body><h1>Weather</h1></body></html>"


@pytest.fixture
async def browser():
    playwright = pytest.importorskip("playwright.async_api")
    async with playwright.async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        await chromium.close()


@pytest.fixture
async def sites(aiohttp_server):
    """A neutral site for quick exit, and a host site that embeds the chat."""
    host = web.Application()
    host.router.add_get("/weather", lambda r: web.Response(text=NEUTRAL, content_type="text/html"))
    host.router.add_get("/start", lambda r: web.Response(text="<!doctype html><title>Start</title><p>start</p>",
                                                         content_type="text/html"))

    async def embedding(request):
        gateway = request.query["gateway"]
        html = (f"<!doctype html><html lang='en'><head><title>City services</title></head><body><h1>City services</h1>"
                f"<script src='{gateway}/static/embed.js' data-language='pl' data-color='#7a1f5c' "
                f"data-helpline='ROSA' data-label='Czat' data-exit-url='http://{request.host}/weather'></script></body></html>")
        return web.Response(text=html, content_type="text/html")

    host.router.add_get("/embedding", embedding)
    return await aiohttp_server(host)


@pytest.fixture
async def gateway(aiohttp_server, sites, monkeypatch):
    rasa = FakeRasa()
    rasa_server = await aiohttp_server(rasa.app)
    monkeypatch.setenv("RASA_PORT", str(rasa_server.port))
    monkeypatch.setenv("WEBCHAT_EXIT_URL", str(sites.make_url("/weather")))
    monkeypatch.setenv("WEBCHAT_EMBED_ORIGINS", str(sites.make_url("/")).rstrip("/"))
    app = create_app(config.load())
    server = await aiohttp_server(app)
    return server, app, rasa


async def bot_messages(page):
    return await page.locator(".msg.bot .text").all_inner_texts()


async def wait_for_bot(page, count, timeout=20000):
    # Locators, not wait_for_function: the page's CSP rightly forbids the eval() that needs.
    await page.locator(".msg.bot").nth(count - 1).wait_for(timeout=timeout)


async def storage_is_empty(page):
    return await page.evaluate("localStorage.length === 0 && sessionStorage.length === 0 && document.cookie === ''")


@pytest.mark.stack
@pytest.mark.parametrize("language", ["en", "ar"])
async def test_a_conversation_in_english_and_arabic_with_arabic_right_to_left(browser, stack, language):
    page = await browser.new_page(locale=language, viewport={"width": 390, "height": 800})
    await page.goto(f"{stack.web}/", wait_until="domcontentloaded")
    await wait_for_bot(page, 1)
    assert await page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    text = {"en": "my boss took my passport and does not pay me",
            "ar": "صاحب العمل أخذ جواز سفري ولا يدفع لي"}[language]
    await page.fill("#text", text)
    await page.keyboard.press("Enter")
    await wait_for_bot(page, 2)
    assert gettext(language, "report.thanks") in (await bot_messages(page))[-1]
    if language == "ar":  # mirrored: quick exit sits on the left, the person's own bubble too
        box = await page.locator("#quick-exit").bounding_box()
        assert box["x"] < 195
        mine = await page.locator(".msg.you").last.bounding_box()
        assert mine["x"] < 100
    assert await storage_is_empty(page)
    await page.screenshot(path=str(REPORTS / f"browser_conversation_{language}.png"), full_page=True)


async def test_keyboard_only(browser, gateway):
    server, _, rasa = gateway
    page = await browser.new_page(locale="en")
    await page.goto(str(server.make_url("/")))
    await wait_for_bot(page, 1)
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "quick-exit"  # the way out comes first
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "language"
    await page.locator("#text").focus()
    await page.keyboard.type("hello there")
    await page.keyboard.press("Enter")
    await wait_for_bot(page, 2)
    await page.locator(".msg.bot").last.locator("button").first.focus()
    focused = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # the focus is visible
    await page.screenshot(path=str(REPORTS / "browser_keyboard.png"))
    await page.keyboard.press("Enter")
    await wait_for_bot(page, 3)
    assert rasa.received[-1]["message"] == "/show_menu"


@pytest.mark.parametrize("how", ["button", "escape twice"])
async def test_quick_exit_leaves_no_trace(browser, gateway, sites, how):
    server, app, rasa = gateway
    page = await browser.new_page(locale="en")
    await page.goto(str(sites.make_url("/start")))
    await page.goto(str(server.make_url("/")))
    await wait_for_bot(page, 1)
    await page.fill("#text", "my boss took my passport")
    await page.keyboard.press("Enter")
    await wait_for_bot(page, 2)
    started = time.monotonic()
    if how == "button":
        await page.click("#quick-exit")
    else:
        await page.keyboard.press("Escape")
        await page.keyboard.press("Escape")
    await page.wait_for_url("**/weather", timeout=1000)
    assert time.monotonic() - started < 1.0
    await page.screenshot(path=str(REPORTS / "browser_quick_exit.png"))
    for _ in range(50):
        if rasa.received and rasa.received[-1]["message"] == "/forget_me":
            break
        await page.wait_for_timeout(20)
    assert rasa.received[-1]["message"] == "/forget_me"
    assert len(app["conversations"]) == 0 and len(app["web_sessions"]) == 0
    assert await storage_is_empty(page)
    await page.go_back()
    assert page.url.endswith("/start")  # Back skips the chat: it is gone from the history


async def test_the_chat_embedded_in_another_site(browser, gateway, sites):
    server, _, rasa = gateway
    page = await browser.new_page(locale="pl")
    await page.goto(str(sites.make_url("/embedding").with_query(gateway=str(server.make_url("/")).rstrip("/"))))
    await page.click("text=Czat")
    chat = page.frame_locator("iframe")
    await chat.locator(".msg.bot").first.wait_for()
    assert gettext("pl", "greet.hello") in await chat.locator(".msg.bot .text").first.inner_text()
    await chat.locator("#text").fill("cześć")
    await chat.locator("#text").press("Enter")
    await chat.locator(".msg.bot").nth(1).wait_for()
    await page.screenshot(path=str(REPORTS / "browser_embedded.png"))
    await chat.locator("#quick-exit").click()
    await page.wait_for_url("**/weather", timeout=2000)
    assert rasa.received[-1]["message"] == "/forget_me"


async def test_reconnects_after_the_server_drops_the_socket_without_losing_or_repeating(browser, gateway):
    server, app, rasa = gateway
    page = await browser.new_page(locale="en")
    await page.goto(str(server.make_url("/")))
    await wait_for_bot(page, 1)
    for connection in list(app["web_connections"].values()):
        await connection.socket.close()  # the server drops every socket
    await page.locator("#status").filter(has_text=gettext("en", "webchat.offline")).wait_for(timeout=5000)
    await page.fill("#text", "are you there")
    await page.keyboard.press("Enter")
    await wait_for_bot(page, 2)
    await page.wait_for_timeout(500)
    assert (await bot_messages(page)).count("echo:are you there") == 1
    assert [b["message"] for b in rasa.received].count("are you there") == 1
    await page.screenshot(path=str(REPORTS / "browser_reconnect.png"))


@pytest.mark.parametrize("width", [360, 640])  # a small phone; a laptop at 200% zoom
async def test_works_on_a_small_screen_and_zoomed_without_sideways_scrolling(browser, gateway, width):
    server, _, _ = gateway
    page = await browser.new_page(locale="ar", viewport={"width": width, "height": 720})
    await page.goto(str(server.make_url("/")))
    await wait_for_bot(page, 1)
    overflow = await page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    assert overflow <= 0
    assert await page.locator("#quick-exit").is_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
async def test_no_serious_accessibility_violations(browser, gateway, language):
    from axe_playwright_python.async_playwright import Axe

    server, _, _ = gateway
    page = await browser.new_page(locale=language)
    await page.goto(str(server.make_url("/")))
    await wait_for_bot(page, 1)
    await page.fill("#text", "hello")
    await page.keyboard.press("Enter")
    await wait_for_bot(page, 2)
    results = await Axe().run(page)
    violations = results.response["violations"]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"axe_{language}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    serious = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


XSS = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script><b>bold</b>'


async def test_what_a_person_types_is_inert_text_in_the_console(browser, aiohttp_server, monkeypatch, tmp_path):
    from bot.staff import add_account

    def reply(body):
        if body["message"] == "/handoff_send":
            return [{"text": "sent"}, {"custom": {"event": "handoff", "summary": {
                "language": "en", "share": "all", "want": "chat", "note": XSS}}}]
        return [{"text": "shall I send it?", "buttons": [{"title": "Send", "payload": "/handoff_send"}]}]

    rasa = FakeRasa(reply)
    rasa_server = await aiohttp_server(rasa.app)
    staff_file = tmp_path / "staff.yml"
    add_account(staff_file, "anna", "correct horse battery staple", "en", "Anna")
    monkeypatch.setenv("RASA_PORT", str(rasa_server.port))
    monkeypatch.setenv("STAFF_FILE", str(staff_file))
    server = await aiohttp_server(create_app(config.load()))

    person = await browser.new_page(locale="en")
    await person.goto(str(server.make_url("/")))
    await wait_for_bot(person, 1)
    await person.fill("#text", "I want to talk to a person")
    await person.keyboard.press("Enter")
    await person.locator(".msg.bot button", has_text="Send").click()
    await wait_for_bot(person, 3)
    await person.fill("#text", XSS)
    await person.keyboard.press("Enter")

    staff = await browser.new_page(locale="en")
    dialogs = []
    staff.on("dialog", lambda dialog: dialogs.append(dialog.message))
    await staff.goto(str(server.make_url("/console")))
    await staff.fill("#username", "anna")
    await staff.fill("#password", "correct horse battery staple")
    await staff.click("button[type=submit]")
    await staff.locator("#queue button").first.click()
    await staff.locator("#claim").click()
    await staff.locator("#lines li").first.wait_for()
    await staff.screenshot(path=str(REPORTS / "browser_console_xss.png"), full_page=True)
    assert dialogs == []
    assert await staff.evaluate("window.__pwned") is None
    assert await staff.locator("#lines img, #lines script, #lines b, #summary img, #summary b").count() == 0
    assert XSS in await staff.locator("#lines").inner_text()
    assert XSS in await staff.locator("#summary").inner_text()
