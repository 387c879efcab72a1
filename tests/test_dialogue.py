"""One turn through the gateway: input checks, the language, and an answer in every failure."""

import aiohttp
import pytest

from bot.conversations import Conversation
from bot.dialogue import Dialogue, Incoming
from bot.gateway import domain_intents
from bot.language import LanguageState
from bot.rasa_client import RasaClient


@pytest.fixture
async def dialogue(rasa, settings):
    async with aiohttp.ClientSession() as session:
        client = RasaClient(str(rasa.server.make_url("/")), session, timeout=5)
        yield Dialogue(client, settings, domain_intents())


def conversation(code="en", chosen=False):
    return Conversation(channel="web", language=LanguageState(code, chosen))


async def test_text_goes_to_rasa_with_the_language_and_channel_but_no_channel_identity(dialogue, rasa):
    talk = conversation("pl")
    messages = await dialogue.turn(talk, Incoming(text="  szef zabrał mi paszport "))
    assert messages[0].text == "echo:szef zabrał mi paszport"
    sent = rasa.received[-1]
    assert sent["metadata"] == {"language": "pl", "channel": "web"}
    assert sent["sender"] == talk.id and len(talk.id) >= 20


async def test_when_rasa_is_down_the_person_still_gets_112_and_the_helpline_in_their_language(dialogue, rasa):
    rasa.status = 500
    messages = await dialogue.turn(conversation("lv"), Incoming(text="palīdziet man, lūdzu"))
    assert len(messages) == 1
    text = messages[0].text
    assert "112" in text and "+47 22 33 11 60" in text
    assert messages[0].language == "lv"
    assert text == dialogue.say("gateway_unavailable", "lv").text != dialogue.say("gateway_unavailable", "en").text


async def test_when_rasa_cannot_be_reached_at_all_the_answer_is_the_same(settings):
    async with aiohttp.ClientSession() as session:
        dead = Dialogue(RasaClient("http://127.0.0.1:9", session, timeout=2), settings, domain_intents())
        messages = await dead.turn(conversation("ar"), Incoming(text="ساعدوني"))
    assert "112" in messages[0].text and messages[0].direction == "rtl"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "\n\t"])
async def test_an_empty_message_gets_a_clear_answer_and_is_not_sent(dialogue, rasa, text):
    messages = await dialogue.turn(conversation("de"), Incoming(text=text))
    assert "leer" in messages[0].text.lower()
    assert rasa.received == []


async def test_a_huge_message_is_refused_with_its_length_and_the_limit(dialogue, rasa):
    messages = await dialogue.turn(conversation("en"), Incoming(text="a" * 10_000))
    assert "10,000" in messages[0].text and "4,000" in messages[0].text
    assert rasa.received == []


async def test_numbers_in_answers_follow_the_persons_language(dialogue):
    messages = await dialogue.turn(conversation("de"), Incoming(text="a" * 10_000))
    assert "10.000" in messages[0].text


async def test_typed_slash_commands_reach_rasa_as_plain_text(dialogue, rasa):
    await dialogue.turn(conversation(), Incoming(text="/restart"))
    assert rasa.received[-1]["message"] == "restart"


async def test_a_forged_button_payload_is_refused(dialogue, rasa):
    messages = await dialogue.turn(conversation(), Incoming(payload="/restart"))
    assert "plain text" in messages[0].text
    assert rasa.received == []


async def test_choosing_a_language_makes_it_stick(dialogue, rasa):
    talk = conversation("en")
    await dialogue.turn(talk, Incoming(payload='/choose_language{"language":"uk"}'))
    assert talk.language == LanguageState("uk", chosen=True)
    assert rasa.received[-1]["message"] == '/choose_language{"language":"uk"}'
    assert rasa.received[-1]["metadata"]["language"] == "uk"
    await dialogue.turn(talk, Incoming(text="My boss took my passport and does not pay me"))
    assert rasa.received[-1]["metadata"]["language"] == "uk"


async def test_typing_a_language_name_switches_to_it(dialogue, rasa):
    talk = conversation("en")
    await dialogue.turn(talk, Incoming(text="Polski"))
    assert talk.language.code == "pl" and talk.language.chosen
    assert rasa.received[-1]["message"] == '/choose_language{"language":"pl"}'


async def test_writing_a_close_language_brings_a_question_not_a_switch(dialogue):
    talk = conversation("nb")
    messages = await dialogue.turn(talk, Incoming(text="Min chef har taget mit pas, og jeg får ingen løn"))
    assert talk.language.code == "nb"
    offer = messages[-1]
    assert offer.language == "da" and "Dansk" in offer.text
    assert [b.payload for b in offer.buttons] == ['/choose_language{"language":"da"}', '/choose_language{"language":"nb"}']


async def test_a_clear_new_language_is_followed(dialogue, rasa):
    talk = conversation("en")
    await dialogue.turn(talk, Incoming(text="Mein Chef hat meinen Pass genommen und zahlt mir nichts"))
    assert talk.language.code == "de" and rasa.received[-1]["metadata"]["language"] == "de"


async def test_after_forget_me_the_conversation_gets_a_new_pseudonym(dialogue, rasa):
    rasa.reply = lambda body: [{"text": "deleted"}, {"custom": {"event": "forgotten"}}]
    talk = conversation("en")
    before = talk.id
    await dialogue.turn(talk, Incoming(text="delete everything"))
    assert talk.id != before


AD = ("Praca w Norwegii od zaraz! Zarobki 6000 euro miesięcznie, bez języka, bez doświadczenia. "
      "Opłata rekrutacyjna 300 zł. Pisz na WhatsApp +48 600 000 000")


async def test_a_pasted_ad_is_checked_in_the_gateway_and_never_reaches_rasa(dialogue, rasa):
    rasa.reply = lambda body: [{"text": "paste it"}, {"custom": {"expects": "job_offer"}}]
    talk = conversation("en")
    await dialogue.turn(talk, Incoming(text="check a job offer"))
    assert talk.expects == "job_offer"
    rasa.reply = lambda body: [{"text": "verdict"}]
    await dialogue.turn(talk, Incoming(text=AD))
    sent = rasa.received[-1]["message"]
    assert sent.startswith('/job_offer_checked{"job_risk":"high"')
    assert "messenger_only" in sent and "WhatsApp" not in sent and "+48" not in sent and "000 000" not in sent
    assert talk.language.code == "en" and talk.expects is None  # the ad's Polish did not switch it


async def test_a_typed_country_name_answers_the_country_question(dialogue, rasa):
    rasa.reply = lambda body: [{"text": "which country?"}, {"custom": {"expects": "country"}}]
    talk = conversation("pl")
    await dialogue.turn(talk, Incoming(text="chcę pracować za granicą"))
    await dialogue.turn(talk, Incoming(text="do Norwegii"))
    assert rasa.received[-1]["message"] == '/choose_country{"country":"NO"}'


async def test_if_rasa_says_nothing_the_person_still_gets_a_next_step(dialogue, rasa):
    rasa.reply = lambda body: []
    messages = await dialogue.turn(conversation("ro"), Incoming(text="hmm"))
    assert messages and messages[0].buttons


async def test_a_cry_for_help_instead_of_an_ad_still_reaches_rasa(dialogue, rasa):
    rasa.reply = lambda body: [{"text": "paste it"}, {"custom": {"expects": "job_offer"}}]
    talk = conversation("en")
    await dialogue.turn(talk, Incoming(text="check a job offer"))
    await dialogue.turn(talk, Incoming(text="help me they are hitting me"))
    assert rasa.received[-1]["message"] == "help me they are hitting me"
