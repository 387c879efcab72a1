"""The danger-word net: immediate danger in any language is an emergency; ordinary talk is not."""
import pytest
from hypothesis import given, strategies as st
from rasa.shared.nlu.training_data.message import Message

from bot.danger import DANGER_DIR, in_danger
from bot.languages import SUPPORTED
from bot.rasa_plugins.danger_words import DangerWords


@pytest.mark.parametrize("text", [
    "they are going to kill me", "HE HAS A KNIFE", "i'm locked in the room, cant get out",
    "sie werden mich töten", "sie werden mich toeten", "hilfe, er schlägt mich",
    "oni mnie zabiją", "on ma nóż", "меня бьют, помогите", "они меня убьют", "mene byut",
    "вони мене вб'ють", "мене замкнули в кімнаті", "ma bat, ajutor", "o sa ma omoare",
    "ще ме убият", "họ sẽ giết tôi", "ho se giet toi", "رح يقتلوني", "بدهم يقتلوني",
    "de kommer til å drepe meg", "de kommer att döda mig", "de slår mig ihjel", "ne tappavat minut",
    "nad tapavad mind", "viņi mani nogalinās", "jie mane nuzudys", "call the police now",
])
def test_words_of_immediate_danger_are_an_emergency_in_every_language(text):
    assert in_danger(text), text


@pytest.mark.parametrize("text", [
    "hello", "yes", "no", "thank you", "tak", "is this job offer safe?", "I want to work in Norway",
    "my boss took my passport", "they did not pay me for two months", "dzień dobry",
    "Praca w Norwegii, 60 000 NOK miesięcznie, pisz na WhatsApp", "هل هذا العرض آمن؟",
    "what are my rights", "/affirm", "", "   ",
])
def test_ordinary_talk_is_not_mistaken_for_danger(text):
    assert not in_danger(text), text


@pytest.mark.parametrize("text", [
    # "help + quickly/now" asking for help with an ordinary task is not a cry for help
    "help me quickly find a job", "help me now with my visa", "help me urgently understand my contract",
    "help me quickly to write a CV", "help asap with my papers", "hjelp meg raskt å finne jobb",
    "hjälp mig nu med mina papper", "hjælp mig hurtigt med min ansøgning", "auta heti täyttämään lomake",
    "aidake kiiresti tööd leida", "palīdziet ātri atrast darbu", "padėkite skubiai išversti sutartį",
    "pomóżcie szybko znaleźć pracę", "pomóż mi pilnie z papierami", "hilfe schnell einen job finden",
    "hilf mir jetzt bei meinen papieren", "помогите срочно найти работу", "помогите срочно с визой",
    "pomogite bystro najti rabotu", "srochno pomogite najti rabotu", "допоможіть швидко знайти роботу",
    "dopomozhit terminovo z vizoyu", "ajutor urgent sa gasesc de lucru", "ajută-mă repede cu actele",
    "помогнете бързо да намеря работа", "pomognete speshno s vizata", "giúp tôi gấp điền đơn",
    "giúp tôi gặp luật sư", "ساعدوني بسرعه في ايجاد عمل", "sa3douni bsor3a nla2i shoghl",
    # Arabic: the past, an idiom, a condition
    "kan yedrabni zman", "kanet todrobni", "كانت تضربني", "qatalni el shoghl", "el shoghl bi2telni",
    "الشغل رح يقتلني", "law ana fi 5atar", "iza ana fi 5atar", "إذا أنا في خطر ماذا أفعل",
])
def test_asking_for_quick_help_with_a_task_or_telling_the_past_is_not_an_emergency(text):
    assert not in_danger(text), text


@pytest.mark.parametrize("text", [
    "help quickly!", "help me now", "please help now they are hitting me", "help me right now please",
    "hjelp meg nå", "hjälp oss snabbt", "hjælp mig nu", "auttakaa heti", "aidake kiiresti!", "palīdziet tūlīt!",
    "padėkite greitai!", "pomóżcie szybko!", "hilf mir sofort!", "помогите срочно!!", "srochno pomogite",
    "срочно помогите!", "pomogite srochno", "допоможіть терміново!", "ajutor urgent", "ajutați-mă acum!",
    "помогнете бързо!", "pomosht vednaga", "giúp tôi ngay", "ساعدوني بسرعه", "sa3douni daba",
    "yedrabni", "3am yedrabni hala2", "يضربني", "sa7eb el shoghl ra7 yo2tolni", "صاحب الشغل رح يقتلني",
    "ana fi 5atar", "انا في خطر",
])
def test_a_cry_for_help_now_is_still_an_emergency(text):
    assert in_danger(text), text


def test_every_language_has_its_danger_words():
    assert {path.stem for path in DANGER_DIR.glob("*.yml")} == set(SUPPORTED)


@given(st.text(max_size=300))
def test_any_text_gets_an_answer_not_an_error(text):
    assert in_danger(text) in (True, False)


def test_in_rasa_danger_words_overrule_the_classifier():
    message = Message.build("sie werden mich toeten")
    message.set("intent", {"name": "report_problem", "confidence": 0.7}, add_to_output=True)
    message.set("intent_ranking", [{"name": "report_problem", "confidence": 0.7},
                                   {"name": "emergency", "confidence": 0.2}], add_to_output=True)
    [result] = DangerWords().process([message])
    assert result.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert [e["name"] for e in result.get("intent_ranking")] == ["emergency", "report_problem"]


def test_in_rasa_other_messages_keep_their_intent():
    message = Message.build("thank you")
    message.set("intent", {"name": "thank", "confidence": 0.9}, add_to_output=True)
    [result] = DangerWords().process([message])
    assert result.get("intent")["name"] == "thank"


def test_patterns_are_folded_like_the_text_but_keep_their_escapes():
    import re

    from bot.textnorm import fold, fold_pattern

    pattern = re.compile(fold_pattern(r"\bTÖTEN\W"))
    assert pattern.search(fold("Sie werden mich töten!")) and not pattern.search(fold("tötens"))


@pytest.mark.parametrize("text", ["hello\nthey are going to kill me", "hei\n\njeg er i fare", "مرحبا\nسيقتلونني"])
def test_a_cry_on_a_later_line_is_still_found(text):
    assert in_danger(text)
