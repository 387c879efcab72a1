"""The screening check end to end over Rasa's REST channel, answered in free text in 8 languages."""
import uuid

import aiohttp
import pytest

from bot.i18n import gettext

pytestmark = pytest.mark.stack

WORDS = {  # (yes, no, not sure) as people type them
    "en": ("yes", "no", "not sure"), "pl": ("tak", "nie", "nie wiem"), "ar": ("نعم", "لا", "مش متأكد"),
    "ru": ("да", "нет", "не знаю"), "de": ("ja", "nein", "weiß nicht"), "lv": ("jā", "nē", "nezinu"),
    "ro": ("da", "nu", "nu știu"), "vi": ("có", "không", "không biết"),
}

VIGNETTES = [
    # (language, yes-answers, kind of work, level, forms, at most this many questions)
    ("pl", {"excessive_hours", "unpaid_or_underpaid", "poor_housing", "employer_housing", "earnings_taken",
            "documents_withheld", "restricted_movement", "threats", "violence", "cannot_leave_job"},
     "site", "high", ["labour"], 12),
    ("lv", {"deceived", "documents_withheld", "forced_marriage", "confinement", "restricted_movement"},
     "home", "high", ["marriage"], 12),
    ("ru", {"deceived", "documents_withheld", "forced_sex", "restricted_movement", "threats", "debt_bondage",
            "earnings_taken"}, "sex_entertainment", "high", ["sexual"], 12),
    ("ro", {"deceived", "documents_withheld", "debt_bondage", "forced_begging", "forced_crime", "violence", "threats"},
     "street", "high", ["begging", "crime"], 12),
    ("ar", {"under_18", "forced_crime"}, "street", "urgent", ["crime"], 12),
    ("en", {"in_danger_now"}, "other", "urgent", [], 1),
    ("de", {"unpaid_or_underpaid", "excessive_hours", "no_contract"}, "services", "low", ["labour"], 16),
    ("vi", set(), "services", "none", [], 22),
]


class Person:
    def __init__(self, stack, session, language):
        self.stack, self.session, self.language = stack, session, language
        self.sender = uuid.uuid4().hex

    async def say(self, text):
        body = {"sender": self.sender, "message": text, "metadata": {"language": self.language, "channel": "test"}}
        async with self.session.post(f"{self.stack.rasa}/webhooks/rest/webhook", json=body) as reply:
            assert reply.status == 200
            return [m for m in await reply.json() if "text" in m]

    async def slots(self):
        url = f"{self.stack.rasa}/conversations/{self.sender}/tracker"
        async with self.session.get(url, params={"token": self.stack.token}) as reply:
            return (await reply.json())["slots"]

    async def start_check(self):
        intro = await self.say("/start_screening")
        assert gettext(self.language, "screening.intro")[:30] in intro[0]["text"]
        return await self.say(WORDS[self.language][0])  # "yes, let's start"


def answer(person, question, yes, work):
    if question == "work_kind":
        return '/choose_work{"work_kind": "%s"}' % work
    return WORDS[person.language][0 if question in yes else 1]


async def run_check(person, yes, work):
    replies = await person.start_check()
    asked, transcript = [], [replies]
    while (question := (await person.slots())["requested_slot"]) is not None:
        asked.append(question)
        replies = await person.say(answer(person, question, yes, work))
        transcript.append(replies)
        assert len(asked) <= 25, asked
    return asked, transcript, await person.slots()


@pytest.mark.parametrize("language, yes, work, level, forms, most", VIGNETTES,
                         ids=[f"{v[0]}-{v[3]}-{'+'.join(v[4]) or 'none'}" for v in VIGNETTES])
async def test_vignettes_reach_their_outcome_in_the_persons_language(stack, language, yes, work, level, forms, most):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, language)
        asked, transcript, slots = await run_check(person, yes, work)
    assert slots["triage_level"] == level
    assert sorted(slots["exploitation_forms"]) == forms
    assert len(asked) <= most, asked
    assert asked[0] == "in_danger_now"
    # Never a dead end: every answer is followed by a question or buttons to go on.
    for replies in transcript:
        assert replies and replies[-1].get("buttons"), replies
    result = "\n".join(m["text"] for m in transcript[-1])
    if level == "urgent":
        assert "112" in result
    assert gettext(language, f"screening.result.{level}") in result
    if "under_18" in yes:
        assert gettext(language, "screening.child").split(".")[0] in result


async def test_a_question_asked_of_a_child_is_the_gentle_one(stack):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, "en")
        await person.start_check()
        await person.say("no")  # not in danger
        replies = await person.say("yes")  # under 18
        assert replies[-1]["text"] == gettext("en", "screening.q.injured_or_ill.child")


async def test_stop_in_the_middle_gives_the_result_so_far(stack):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, "pl")
        await person.start_check()
        for text in ("nie", "nie", "nie", "tak"):  # ... and someone keeps the passport
            await person.say(text)
        replies = await person.say("stop")
        slots = await person.slots()
    text = "\n".join(m["text"] for m in replies)
    assert slots["triage_level"] == "medium" and slots["requested_slot"] is None
    assert gettext("pl", "screening.result.medium") in text
    assert replies[-1]["buttons"]


async def test_danger_in_the_middle_of_the_check_gets_112_at_once(stack):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, "en")
        await person.start_check()
        await person.say("no")
        replies = await person.say("help me he is hitting me right now")
        slots = await person.slots()
    assert "112" in replies[0]["text"]
    assert slots["triage_level"] == "urgent" and slots["in_danger_now"] == "yes"
    assert slots["requested_slot"] is None


async def test_why_a_question_is_asked_gets_an_honest_answer_then_the_question_again(stack):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, "de")
        await person.start_check()
        for text in ("nein", "nein", "nein"):
            await person.say(text)
        replies = await person.say("/why_ask")
    assert replies[0]["text"].startswith(gettext("de", "screening.why.documents_withheld"))
    assert replies[-1]["text"] == gettext("de", "screening.q.documents_withheld")


async def test_the_menu_is_one_step_away_during_the_check(stack):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, "ru")
        await person.start_check()
        replies = await person.say("/show_menu")
        slots = await person.slots()
    assert replies[-1]["text"] == gettext("ru", "menu.prompt")
    assert slots["requested_slot"] is None


async def test_not_now_leaves_the_check_for_later(stack):
    async with aiohttp.ClientSession() as session:
        person = Person(stack, session, "ar")
        await person.say("/start_screening")
        replies = await person.say("لا")
    assert replies[0]["text"] == gettext("ar", "screening.later")
