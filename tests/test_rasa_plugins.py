"""The plug-ins that run inside Rasa: language from metadata, payload guard, fast validation."""
import jsonschema
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.training_data.message import Message

import bot.rasa_plugins  # noqa: F401  (installs the compiled-validator check)
from bot.rasa_plugins.conversation_language import ConversationLanguage, with_language
from bot.rasa_plugins.payload_guard import PayloadGuard

DOMAIN = Domain.from_dict({"intents": ["affirm", "choose_language", "show_menu"], "entities": ["language"]})


def message(text, language=None):
    m = Message.build(text)
    if language:
        m.set("metadata", {"language": language, "channel": "web"})
    return m


def test_text_gets_the_conversation_language_as_an_entity():
    [m] = ConversationLanguage().process([message("dzień dobry", "pl")])
    assert m.get("entities") == [{"entity": "language", "value": "pl", "start": 0, "end": 0,
                                  "extractor": "ConversationLanguage"}]


def test_a_button_payload_carries_the_language_into_rasas_payload_parser():
    [m] = ConversationLanguage().process([message("/show_menu", "ar")])
    assert m.get("text") == '/show_menu{"language": "ar"}'


def test_an_explicit_language_choice_is_not_overwritten():
    assert with_language('/choose_language{"language": "uk"}', "en") == '/choose_language{"language": "uk"}'


@pytest.mark.parametrize("metadata", [None, {"language": "xx"}, {"language": 5}])
def test_without_a_usable_language_nothing_is_added(metadata):
    m = Message.build("hello")
    if metadata:
        m.set("metadata", metadata)
    [m] = ConversationLanguage().process([m])
    assert not m.get("entities")


@pytest.mark.parametrize("text", ["/restart_now", "/nonexistent_intent_x", "/affirm{broken", '/affirm{"name": "X"}', "//"])
def test_text_that_only_looks_like_a_payload_is_read_as_text(text):
    [m] = PayloadGuard().process([message(text)], DOMAIN)
    assert not m.get("text").startswith("/")


@pytest.mark.parametrize("text", ["/affirm", '/choose_language{"language":"pl"}', "/show_menu"])
def test_real_payloads_pass_the_guard(text):
    [m] = PayloadGuard().process([message(text)], DOMAIN)
    assert m.get("text") == text


def test_validation_still_refuses_invalid_replies():
    schema = {"type": "object", "properties": {"events": {"type": "array"}}}
    jsonschema.validate({"events": []}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"events": "not a list"}, schema)
