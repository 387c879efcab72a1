"""Every message a person can see, in every language: complete, in the right direction, honest."""
import re

import pytest

from bot import helplines
from bot.i18n import read_catalog

from bot.rendering import placeholders, render, response_book

NOROSA = helplines.select(None, "NO")
KEY = re.compile(r"\b[a-z_]+\.[a-z_.]+\b")  # an untranslated key looks like "greet.hello"

# The word for "victim" in each language (stems). The bot never calls the person a victim.
VICTIM = {
    "en": r"victim", "nb": r"\boffer", "sv": r"\boffer", "da": r"\boffer", "fi": r"\buhri",
    "et": r"\bohv(er|ri)", "lv": r"upur", "lt": r"\bauk(a|os|ų|oms)", "pl": r"ofiar",
    "de": r"\bopfer", "ru": r"жертв", "uk": r"жертв", "ro": r"victim", "bg": r"жертв",
    "vi": r"nạn nhân", "ar": r"ضحي|ضحا",
}


def context(code):
    return helplines.context(NOROSA, code)


def every_variable():
    """A value for every {variable} the English catalog uses, so that no paragraph is left out."""
    names = set()
    for message in read_catalog("en"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            names |= placeholders(string or "")
    return {name: (3 if name in ("count", "length", "limit", "weekly_hours", "offered", "usual") else "X") for name in names}


def test_every_response_renders_in_every_language_without_a_raw_key(code):
    values = every_variable()
    for name in response_book():
        message = render(name, code, {**values, **context(code)})
        assert message.text.strip() or name == "utter_language_picker", name
        assert not KEY.search(message.text), (name, message.text)
        assert "{" not in message.text, (name, message.text)
        for button in message.buttons:
            assert button.title and not KEY.fullmatch(button.title), (name, button)


def test_arabic_is_right_to_left_and_keeps_the_phone_number_intact():
    message = render("utter_emergency", "ar", context("ar"))
    assert message.direction == "rtl"
    # The number is wrapped in a directional isolate so it is not reversed inside Arabic text.
    assert "\u2068+47 22 33 11 60\u2069" in message.text
    assert "112" in message.text


def test_left_to_right_languages_have_no_isolates():
    message = render("utter_emergency", "pl", context("pl"))
    assert message.direction == "ltr"
    assert "\u2068" not in message.text and "+47 22 33 11 60" in message.text


def test_a_person_in_danger_gets_112_and_the_helpline_in_their_language(code):
    message = render("utter_emergency", code, context(code))
    assert "112" in message.text
    assert message.text.count("22 33 11 60") == 1
    english = render("utter_emergency", "en", context("en")).text
    assert code == "en" or message.text != english


@pytest.mark.parametrize("name", ["utter_greet", "utter_seek_help", "utter_report_problem",
                                  "utter_default", "utter_goodbye", "utter_request_human"])
def test_responses_where_danger_may_be_near_mention_112(name, code):
    assert "112" in render(name, code, context(code)).text


def test_without_a_verified_helpline_the_paragraph_is_left_out_and_112_stays():
    message = render("utter_emergency", "de", helplines.context(None, "de"))
    assert "112" in message.text
    assert "{" not in message.text and "None" not in message.text


def test_the_language_picker_names_each_language_in_itself():
    message = render("utter_language_picker", "en")
    titles = [b.title for b in message.buttons]
    assert len(titles) == 16
    assert {"Polski", "Deutsch", "العربية", "Tiếng Việt", "Українська", "Eesti"} <= set(titles)
    assert all(b.payload.startswith('/choose_language{"language":') for b in message.buttons)


def test_the_menu_offers_the_six_things_the_bot_does(code):
    payloads = [b.payload for b in render("utter_menu", code).buttons]
    assert payloads == ["/check_job_offer", "/safe_migration", "/know_rights",
                        "/start_screening", "/request_human", "/change_language"]


def test_the_greeting_says_it_is_a_bot_and_keeps_nothing():
    text = render("utter_greet", "en", context("en")).text.lower()
    assert "chatbot" in text and "not a human" in text
    assert "do not keep" in text and "delete" in text and "talk to a person" in text


def test_no_message_calls_the_person_a_victim(code):
    pattern = re.compile(VICTIM[code], re.IGNORECASE)
    for message in read_catalog(code):
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                words = re.sub(r"\{[a-z_]+\}", " ", string or "")  # "{offered}" is a variable, not a word
                assert not pattern.search(words), (code, message.id, string)


def test_no_helpline_shown_is_named_after_victims():
    for helpline in helplines.verified_helplines():
        assert not re.search(r"victim|ohvri|uhri|ofiar", helpline.name, re.IGNORECASE), helpline.name


def test_unknown_variables_stay_visible_rather_than_crash():
    assert placeholders("a {x} b {y_z}") == {"x", "y_z"}
