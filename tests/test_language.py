"""Which language the bot answers in: detect_language's contract, and how a conversation follows."""
import pytest
from hypothesis import given, settings, strategies as st

from bot.language import LanguageState, choose, detect_language, follow, start
from bot.languages import SUPPORTED, language_named, native_name, normalise_tag, parse_accept_language

CLEAR = {
    "en": "My employer took my passport and I cannot leave",
    "nb": "Sjefen min har tatt passet mitt og jeg får ikke lønn",
    "sv": "Min chef har tagit mitt pass och jag får ingen lön",
    "da": "Min chef har taget mit pas, og jeg får ingen løn",
    "fi": "Työnantaja otti passini enkä saa palkkaa",
    "et": "Tööandja võttis mu passi ja ma ei saa palka",
    "lv": "Darba devējs paņēma manu pasi un man nemaksā algu",
    "lt": "Darbdavys paėmė mano pasą ir man nemoka atlyginimo",
    "pl": "Szef zabrał mi paszport i nie płaci mi pensji",
    "de": "Mein Chef hat meinen Pass genommen und zahlt mir keinen Lohn",
    "ru": "Мой начальник забрал мой паспорт и не платит мне зарплату",
    "uk": "Мій начальник забрав мій паспорт і не платить мені зарплату",
    "ro": "Șeful meu mi-a luat pașaportul și nu mă plătește",
    "bg": "Шефът ми взе паспорта ми и не ми плаща заплата",
    "vi": "Chủ của tôi đã lấy hộ chiếu của tôi và không trả lương",
    "ar": "صاحب العمل أخذ جواز سفري ولا يدفع لي راتبي",
}


@pytest.mark.parametrize("tag, expected", [
    ("nb", "nb"), ("no", "nb"), ("nn", "nb"), ("NO-no", "nb"), ("en-US", "en"), ("en_GB", "en"),
    ("PL", "pl"), ("ar-SA", "ar"), ("uk-UA", "uk"), ("pt-br", None), ("zz", None), ("", None),
    (None, None), (42, None), ("en-US; DROP TABLE", None),
])
def test_channel_language_tags_are_normalised(tag, expected):
    assert normalise_tag(tag) == expected


def test_a_clear_message_is_read_in_its_language_without_a_hint(code):
    assert detect_language(CLEAR[code]) == code


def test_a_clear_message_wins_over_the_channel_hint(code):
    wrong_hint = "ar" if code != "ar" else "en"
    assert detect_language(CLEAR[code], hint=wrong_hint) == code


@pytest.mark.parametrize("text", ["ok", "👍", "112", "", "   ", "?!", "https://example.com/job"])
def test_text_without_evidence_keeps_the_hint(text):
    assert detect_language(text, hint="lv-LV") == "lv"


@pytest.mark.parametrize("text", ["ok", "😊😊", "", "12345"])
def test_no_hint_and_no_evidence_means_english(text):
    assert detect_language(text) == "en"


def test_an_unsupported_hint_is_ignored():
    assert detect_language("ok", hint="pt-BR") == "en"
    assert detect_language(CLEAR["pl"], hint="pt-BR") == "pl"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=12)))
def test_any_input_gives_one_of_the_sixteen(text, hint):
    assert detect_language(text, hint) in SUPPORTED


def test_the_explicit_choice_sticks_even_when_the_person_writes_another_language():
    state = choose("pl")
    decision = follow(state, CLEAR["en"])
    assert decision.state.code == "pl" and decision.state.chosen
    assert decision.offer == ("pl", "en")  # offered, never switched


def test_a_clear_other_language_switches_a_guessed_language():
    decision = follow(start("en-US"), CLEAR["ro"])
    assert decision.switched and decision.state.code == "ro" and not decision.state.chosen


@pytest.mark.parametrize("current, written", [("nb", "da"), ("da", "sv"), ("ru", "uk"), ("bg", "ru")])
def test_between_close_languages_the_bot_asks_instead_of_switching(current, written):
    decision = follow(LanguageState(current), CLEAR[written])
    assert decision.state.code == current
    assert decision.offer == (current, written)


def test_a_short_unclear_reply_never_moves_the_language():
    for reply in ("ok", "tak", "ja", "da", "nie", "ne"):
        assert follow(LanguageState("pl"), reply).state.code == "pl"


def test_language_names_in_the_picker_are_each_in_their_own_language():
    assert native_name("pl") == "Polski"
    assert native_name("ar") == "العربية"
    assert native_name("uk") == "Українська"
    assert native_name("nb") == "Norsk bokmål"


@pytest.mark.parametrize("typed, code", [
    ("polski", "pl"), ("English", "en"), ("العربية", "ar"), ("русский", "ru"), ("norsk", "nb"),
    ("Deutsch", "de"), ("tiếng việt", "vi"), ("Latviešu", "lv"),
])
def test_typing_a_language_name_chooses_that_language(typed, code):
    assert language_named(typed) == code


@pytest.mark.parametrize("typed", ["da", "de", "ok", "tak", "Norway", "help"])
def test_ordinary_words_are_not_taken_for_language_names(typed):
    assert language_named(typed) is None


@pytest.mark.parametrize("header, code", [
    ("pl-PL,pl;q=0.9,en-US;q=0.8", "pl"), ("pt-BR,ar;q=0.5", "ar"), ("fr, de;q=0.1", "de"),
    ("", None), (None, None), ("xx;q=abc", None), ("en;q=0.1,lv;q=0.9", "lv"),
])
def test_browser_accept_language_gives_the_first_guess(header, code):
    assert parse_accept_language(header) == code
