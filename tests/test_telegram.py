"""Telegram through the real aiogram client against a Bot API double, with a stand-in for Rasa."""
import asyncio
import json
import logging
import time

import pytest

from bot import config
from bot.gateway import create_app
from bot.i18n import gettext
from bot.logs import configure_logging
from tests.fake_rasa import FakeRasa
from tests.telegram_double import BotApiDouble

PL_CHAT, AR_CHAT = 700100200300, 700100200411


def reply(body):
    if body["message"] == "/forget_me":
        return [{"text": "deleted everything"}, {"custom": {"event": "forgotten"}}]
    if body["message"] == "long please":
        return [{"text": ("word " * 2000).strip()}]
    return [{"text": f"echo:{body['message']}", "buttons": [{"title": "Menu", "payload": "/show_menu"}]}]


@pytest.fixture
async def telegram(aiohttp_server, aiohttp_client, monkeypatch, request):
    double = BotApiDouble()
    api = await aiohttp_server(double.app)
    rasa = FakeRasa(reply)
    rasa_server = await aiohttp_server(rasa.app)
    monkeypatch.setenv("RASA_PORT", str(rasa_server.port))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEN")
    monkeypatch.setenv("TELEGRAM_API_URL", str(api.make_url("/")).rstrip("/"))
    if getattr(request, "param", None) == "webhook":
        monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://veivis.example/telegram/webhook")
        monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret-token")
    client = await aiohttp_client(create_app(config.load()))
    return double, rasa, client


def texts_to(double, chat_id):
    return [c["params"]["text"] for c in double.sent(chat_id)]


async def test_commands_are_registered_in_every_language_and_polling_starts_clean(telegram):
    double, _, _ = telegram
    await double.wait_for(lambda: len(double.called("setMyCommands")) == 17 and double.called("getUpdates"))
    polish = next(c for c in double.called("setMyCommands") if c["params"].get("language_code") == "pl")
    names = [c["command"] for c in polish["params"]["commands"]]
    assert names == ["start", "help", "menu", "language", "delete", "stop"]
    assert polish["params"]["commands"][4]["description"] == gettext("pl", "telegram.command.delete")
    assert double.calls.index(double.called("deleteWebhook")[0]) < double.calls.index(double.called("getUpdates")[0])


async def test_two_people_two_languages_and_no_telegram_id_ever_reaches_rasa(telegram, caplog):
    double, rasa, _ = telegram
    configure_logging("INFO")  # the gateway's default; DEBUG is documented as showing content
    caplog.set_level(logging.INFO)
    double.push_message(PL_CHAT, "cześć, potrzebuję pomocy", language="pl")
    double.push_message(AR_CHAT, "مرحبا", language="ar")
    await double.wait_for(lambda: texts_to(double, PL_CHAT) and texts_to(double, AR_CHAT))
    by_language = {b["metadata"]["language"]: b for b in rasa.received}
    assert set(by_language) == {"pl", "ar"}
    assert texts_to(double, PL_CHAT) == ["echo:cześć, potrzebuję pomocy"]
    assert by_language["pl"]["metadata"]["channel"] == "telegram"
    everything_rasa_saw = json.dumps(rasa.received)
    gateway_logs = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("veivis", "aiogram")))
    for telegram_id in (PL_CHAT, AR_CHAT):
        assert str(telegram_id) not in everything_rasa_saw
        assert str(telegram_id) not in gateway_logs
    assert by_language["pl"]["sender"] != by_language["ar"]["sender"]


async def test_a_button_is_answered_removed_and_cannot_be_pressed_twice(telegram):
    double, rasa, _ = telegram
    double.push_message(PL_CHAT, "menu?", language="pl")
    await double.wait_for(lambda: double.sent(PL_CHAT))
    sent = double.sent(PL_CHAT)[0]
    [[button]] = sent["params"]["reply_markup"]["inline_keyboard"]
    assert button["text"] == "Menu" and button["callback_data"] != "/show_menu"  # a token, not the payload
    bot_message_id = 5000 + 1  # the double numbers messages; the bot's reply came after the person's
    for _ in range(2):
        double.push_button(PL_CHAT, bot_message_id, button["callback_data"], language="pl")
    await double.wait_for(lambda: len(double.called("answerCallbackQuery")) == 2 and len(double.sent(PL_CHAT)) == 2)
    assert [b["message"] for b in rasa.received].count("/show_menu") == 1
    assert double.called("editMessageReplyMarkup")


async def test_delete_erases_the_conversation_and_the_messages_telegram_still_allows(telegram):
    double, rasa, _ = telegram
    first = double.push_message(PL_CHAT, "mój szef zabrał mi paszport", language="pl")
    await double.wait_for(lambda: double.sent(PL_CHAT))
    sender = rasa.received[-1]["sender"]
    double.deletable = set()  # pretend the person's first message is older than Telegram allows
    command = double.push_message(PL_CHAT, "/delete", language="pl")
    await double.wait_for(lambda: len(double.sent(PL_CHAT)) >= 4)
    assert rasa.received[-1] == {"sender": sender, "message": "/forget_me",
                                 "metadata": {"language": "pl", "channel": "telegram"}}
    asked = {int(c["params"]["message_id"]) for c in double.called("deleteMessage")}
    assert {first["message_id"], command["message_id"]} <= asked
    said = texts_to(double, PL_CHAT)
    assert any(gettext("pl", "telegram.clear_chat")[:20] in t for t in said)
    assert "deleted everything" in said
    # What comes next starts a new, unlinked conversation.
    double.push_message(PL_CHAT, "cześć", language="pl")
    await double.wait_for(lambda: rasa.received[-1]["message"] == "cześć")
    assert rasa.received[-1]["sender"] != sender


async def test_a_photo_gets_a_kind_answer_and_nothing_goes_to_rasa(telegram):
    double, rasa, _ = telegram
    double.push_message(PL_CHAT, None, language="pl",
                        photo=[{"file_id": "x", "file_unique_id": "y", "width": 10, "height": 10}])
    await double.wait_for(lambda: double.sent(PL_CHAT))
    assert texts_to(double, PL_CHAT) == [gettext("pl", "telegram.not_text")]
    assert rasa.received == []


async def test_a_location_is_not_kept_and_the_person_hears_why(telegram):
    double, rasa, _ = telegram
    double.push_message(AR_CHAT, None, language="ar", location={"latitude": 59.9, "longitude": 10.7})
    await double.wait_for(lambda: double.sent(AR_CHAT))
    assert texts_to(double, AR_CHAT) == [gettext("ar", "telegram.location")]
    assert rasa.received == []


async def test_in_a_group_the_bot_says_it_works_only_in_private_and_leaves(telegram):
    double, rasa, _ = telegram
    double.push_message(-100200300, "hello bot", chat_type="group", language="de")
    await double.wait_for(lambda: double.called("leaveChat"))
    assert texts_to(double, -100200300) == [gettext("de", "telegram.private_only")]
    assert rasa.received == []


async def test_a_burst_of_fifty_messages_gets_one_polite_warning_and_others_are_still_served(telegram):
    double, rasa, _ = telegram
    for n in range(50):
        double.push_message(PL_CHAT, f"wiadomość {n}", language="pl")
    double.push_message(AR_CHAT, "مرحبا", language="ar")
    await double.wait_for(lambda: texts_to(double, AR_CHAT))
    await double.wait_for(lambda: gettext("pl", "telegram.too_fast") in texts_to(double, PL_CHAT))
    await asyncio.sleep(0.5)
    forwarded = [b for b in rasa.received if b["message"].startswith("wiadomość")]
    assert 5 <= len(forwarded) <= 15
    assert texts_to(double, PL_CHAT).count(gettext("pl", "telegram.too_fast")) == 1


async def test_a_429_from_telegram_is_waited_out_and_the_message_still_arrives(telegram):
    double, _, _ = telegram
    double.fail_next["sendMessage"] = [{"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                                        "parameters": {"retry_after": 1}}]
    double.push_message(PL_CHAT, "test", language="pl")
    await double.wait_for(lambda: len(double.sent(PL_CHAT)) == 2, timeout=15)
    first, second = double.sent(PL_CHAT)
    assert first["params"]["text"] == second["params"]["text"] == "echo:test"


async def test_long_answers_are_split_at_telegrams_limit_between_words(telegram):
    double, _, _ = telegram
    double.push_message(PL_CHAT, "long please", language="pl")
    await double.wait_for(lambda: len(double.sent(PL_CHAT)) >= 3)
    pieces = texts_to(double, PL_CHAT)
    assert all(len(p) <= 4096 for p in pieces)
    assert all(set(p.split()) == {"word"} for p in pieces)
    assert sum(len(p.split()) for p in pieces) == 2000


async def test_a_forwarded_job_ad_goes_to_the_job_offer_check(telegram):
    double, rasa, _ = telegram
    double.push_message(PL_CHAT, "Praca w Norwegii! 6000 euro, pisz na WhatsApp +48 600 000 000", language="pl",
                        forward_date=int(time.time()), forward_sender_name="Someone")
    await double.wait_for(lambda: rasa.received)
    assert rasa.received[-1]["message"].startswith('/job_offer_checked{"job_risk":')
    assert "WhatsApp" not in rasa.received[-1]["message"]


@pytest.mark.parametrize("telegram", ["webhook"], indirect=True)
async def test_webhook_mode_needs_the_secret_header(telegram):
    double, rasa, client = telegram
    await double.wait_for(lambda: double.called("setWebhook"))
    assert double.called("setWebhook")[0]["params"]["secret_token"] == "s3cret-token"
    assert not double.called("getUpdates")
    update = {"update_id": 1, "message": double.message(PL_CHAT, "cześć", language="pl")}
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        response = await client.post("/telegram/webhook", json=update, headers=headers)
        assert response.status == 401
    assert rasa.received == []
    response = await client.post("/telegram/webhook", json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
    assert response.status == 200
    await double.wait_for(lambda: texts_to(double, PL_CHAT) == ["echo:cześć"])


STAFF_GROUP = -100777888999


@pytest.fixture
async def telegram_helpline(aiohttp_server, aiohttp_client, monkeypatch):
    double = BotApiDouble()
    api = await aiohttp_server(double.app)

    def handoff_reply(body):
        if body["message"] == "/handoff_send":
            return [{"text": "sent"}, {"custom": {"event": "handoff", "summary": {
                "language": "pl", "share": "answers", "want": "chat", "level": "medium", "yes": ["threats"]}}}]
        return [{"text": f"echo:{body['message']}"}]

    rasa = FakeRasa(handoff_reply)
    rasa_server = await aiohttp_server(rasa.app)
    monkeypatch.setenv("RASA_PORT", str(rasa_server.port))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEN")
    monkeypatch.setenv("TELEGRAM_API_URL", str(api.make_url("/")).rstrip("/"))
    monkeypatch.setenv("HELPLINE_TELEGRAM_CHAT_ID", str(STAFF_GROUP))
    monkeypatch.setenv("STAFF_FILE", "/nonexistent/staff.yml")  # the group is the only staff
    app = create_app(config.load())
    await aiohttp_client(app)
    return double, rasa, app


async def test_a_telegram_person_and_the_telegram_staff_group(telegram_helpline):
    double, rasa, app = telegram_helpline
    # The person consents (the button press reaches the gateway as a callback with a token).
    double.push_message(PL_CHAT, "pomoc", language="pl")
    await double.wait_for(lambda: double.sent(PL_CHAT))
    chat = next(iter(app["telegram"].chats.values()))
    chat.buttons["t0k3n"] = "/handoff_send"
    double.push_button(PL_CHAT, 5001, "t0k3n", language="pl")
    await double.wait_for(lambda: double.sent(STAFF_GROUP))
    posted = double.sent(STAFF_GROUP)[0]
    assert str(PL_CHAT) not in posted["params"]["text"]  # staff never see the person's Telegram id
    post_id = next(iter(app["telegram"].staff_threads))  # the bot's post about the case
    # A staff member takes it by replying in the group.
    staff_reply = double.message(STAFF_GROUP, "Dzień dobry, tu Anna z telefonu zaufania", chat_type="supergroup",
                                 reply_to_message={"message_id": post_id, "date": 0,
                                                   "chat": {"id": STAFF_GROUP, "type": "supergroup"}})
    staff_reply["from"] = {"id": 555000111, "is_bot": False, "first_name": "Anna"}
    double.updates.put_nowait({"update_id": next(double.update_ids), "message": staff_reply})
    await double.wait_for(lambda: any("Dzień dobry, tu Anna" in t for t in texts_to(double, PL_CHAT)))
    assert any(t.startswith("Anna: ") for t in texts_to(double, PL_CHAT))
    assert not double.called("leaveChat")  # the staff group is not a group to leave
    # The person answers: it goes to the group, not to Rasa.
    double.push_message(PL_CHAT, "jestem w Oslo, boję się", language="pl")
    await double.wait_for(lambda: any("jestem w Oslo" in t for t in texts_to(double, STAFF_GROUP)))
    assert all("jestem w Oslo" not in b["message"] for b in rasa.received)
    # /close in a reply ends it; the person is back with the bot.
    close = double.message(STAFF_GROUP, "/close", chat_type="supergroup",
                           reply_to_message={"message_id": post_id, "date": 0, "chat": {"id": STAFF_GROUP, "type": "supergroup"}})
    close["from"] = {"id": 555000111, "is_bot": False, "first_name": "Anna"}
    double.updates.put_nowait({"update_id": next(double.update_ids), "message": close})
    await double.wait_for(lambda: gettext("pl", "handoff.closed") in texts_to(double, PL_CHAT))
    assert len(app["handoffs"]) == 0
