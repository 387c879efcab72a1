"""The action server: custom actions and the words of every response (NLG endpoint)."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.forget import ActionForgetMe
from actions.server import nlg_body, tracker_language


def tracker(latest, slots=None):
    return Tracker("x", slots or {"language": "en"}, latest, [], False, None, {}, "action_listen")


async def test_forget_me_itself_says_nothing_the_rule_does():
    dispatcher = CollectingDispatcher()
    assert await ActionForgetMe().run(dispatcher, tracker({}), {}) == []
    assert dispatcher.messages == []


def test_responses_are_rendered_in_the_language_of_the_latest_message(settings):
    request = {"response": "utter_emergency", "arguments": {},
               "tracker": {"latest_message": {"metadata": {"language": "uk"}}, "slots": {"language": "en"}}}
    body = nlg_body(request, settings)
    assert "112" in body["text"] and "Якщо" in body["text"]
    assert [b["payload"] for b in body["buttons"]] == ["/request_human", "/show_menu"]


def test_the_slot_is_used_when_a_message_has_no_metadata():
    assert tracker_language({"latest_message": {"text": "hi"}, "slots": {"language": "et"}}) == "et"
    assert tracker_language({}) == "en"
    assert tracker_language(None) == "en"


def test_gateway_signals_ride_along_as_custom_data(settings):
    body = nlg_body({"response": "utter_forgotten", "tracker": {}}, settings)
    assert body["custom"] == {"event": "forgotten"}
    assert "custom" not in nlg_body({"response": "utter_menu", "tracker": {}}, settings)


@pytest.mark.parametrize("request_body", [None, [], {"response": 5}, {}, "text"])
def test_a_malformed_nlg_request_is_refused(settings, request_body):
    with pytest.raises(ValueError):
        nlg_body(request_body, settings)
