"""Safe migration end to end: a pasted ad checked in 4 languages, and country advice."""
import asyncio
import uuid

import aiohttp
import pytest

from bot.i18n import gettext
from tests.test_stack import open_chat, texts

pytestmark = pytest.mark.stack

ADS = {
    "pl": ("Praca w Norwegii od zaraz!!! Przetwórnia ryb, 6000 euro miesięcznie na rękę, bez języka i bez "
           "doświadczenia. Opłata rekrutacyjna tylko 300 zł. Wyjazd jutro, zostały 2 miejsca. "
           "Pisz na WhatsApp +48 600 000 000", "high"),
    "en": ("Hostess wanted for a night club in Oslo. Young pretty girls 18-25, 5000 EUR per month. "
           "Send full body photos on Telegram @club_jobs", "high"),
    "ru": ("Работа на складе в Польше, 18 злотых в час, жильё от работодателя, оплата вычитается из зарплаты. "
           "Пишите в Viber +48 600 000 000", "high"),  # three weak signs: high, by the contract's rule
    "de": ("Nordfisk AS, Org.-Nr. 912 345 678, Fiskeveien 12, 6003 Ålesund, sucht Mitarbeiter für die "
           "Fischverarbeitung. Schriftlicher Arbeitsvertrag vor der Abreise, Lohn nach Tarifvertrag, "
           "keine Gebühren für Bewerber. Bewerbung: jobs@nordfisk.example.no", "low"),
}


@pytest.mark.parametrize("language", sorted(ADS))
async def test_a_pasted_ad_gets_a_verdict_with_reasons_and_a_checklist(stack, language):
    ad, risk = ADS[language]
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, language)
        asked = texts(await chat.press("/check_job_offer"))
        assert gettext(language, "job_offer.ask") in asked
        frames = await chat.say(ad)
        await chat.socket.close()
    reply = texts(frames)
    assert gettext(language, f"job_offer.verdict.{risk}") in reply
    assert gettext(language, "job_offer.checklist").split("\n")[0] in reply
    assert all(f["lang"] == language for f in frames if f["type"] == "message")
    if risk != "low":
        assert gettext(language, "job_offer.found") in reply
    assert frames[-1]["buttons"]


async def test_the_ad_never_reaches_rasa_or_any_log(stack):
    marker = f"Firma{uuid.uuid4().hex}"
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "en")
        await chat.press("/check_job_offer")
        await chat.say(f"Work in Norway at {marker} AS, 30 EUR per hour. Call +47 400 00 000")
        await chat.socket.close()
    await asyncio.sleep(1)
    assert marker not in stack.output()


@pytest.mark.parametrize("language", ["lv", "ar", "uk", "fi"])
async def test_safe_migration_asks_the_country_once_and_gives_its_facts(stack, language):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, language)
        frames = await chat.press("/safe_migration")
        assert gettext(language, "country.ask") in texts(frames)
        assert len(frames[-1]["buttons"]) == 10
        frames = await chat.press('/choose_country{"country": "NO"}')
        reply = texts(frames)
        assert "https://www.arbeidstilsynet.no" in reply and "https://www.brreg.no" in reply
        assert "112" in reply and "+47 22 33 11 60" in reply
        # Asked once: rights now come for Norway without asking again.
        reply = texts(await chat.press("/know_rights"))
        assert gettext(language, "country.ask") not in reply
        assert "https://www.arbeidstilsynet.no" in reply
        await chat.socket.close()


async def test_a_typed_country_name_is_understood_in_the_persons_language(stack):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "pl")
        await chat.press("/safe_migration")
        reply = texts(await chat.say("Niemcy"))
        await chat.socket.close()
    assert "https://www.handelsregister.de" in reply and "13,90" in reply


async def test_a_country_without_a_verified_helpline_never_shows_a_wrong_number(stack):
    async with aiohttp.ClientSession() as session:
        chat, _ = await open_chat(stack, session, "en")
        await chat.press("/safe_migration")
        reply = texts(await chat.press('/choose_country{"country": "SE"}'))
        await chat.socket.close()
    assert "https://bolagsverket.se" in reply and "30 days" in reply
    assert "Help for people who may be exploited" not in reply  # no verified Swedish helpline
