"""What people send is cleaned before it goes anywhere; payloads are only the ones we issue."""
from hypothesis import given, strategies as st

from bot.inbound import as_typed_text, clean_text, parse_payload

INTENTS = frozenset({"affirm", "choose_language", "greet"})


def test_control_characters_are_removed_but_line_breaks_kept():
    assert clean_text("a\x00b\x1b[31mc\r\nd\te") == "ab[31mc\nd\te"


def test_non_text_is_empty():
    assert clean_text(None) == "" and clean_text(b"bytes") == "" and clean_text(12) == ""


@given(st.text())
def test_cleaned_text_never_contains_control_characters(text):
    cleaned = clean_text(text)
    assert all(ch in "\n\t" or ord(ch) >= 32 for ch in cleaned)
    assert cleaned == cleaned.strip()


def test_typed_text_cannot_become_an_intent_command():
    assert as_typed_text("/affirm") == "affirm"
    assert as_typed_text("//restart now") == "restart now"
    assert as_typed_text("hello /affirm") == "hello /affirm"


def test_known_payloads_are_accepted_with_their_entities():
    payload = parse_payload('/choose_language{"language":"pl"}', INTENTS)
    assert payload.intent == "choose_language" and payload.entities == {"language": "pl"}
    assert payload.as_text() == '/choose_language{"language":"pl"}'
    assert parse_payload("/affirm", INTENTS).entities == {}


def test_unknown_or_malformed_payloads_are_refused():
    for raw in ["/restart", "/affirm{broken", '/affirm{"a": {"b": 1}}', "affirm", "", None, 5,
                "/AFFIRM", "/affirm" + "x" * 300]:
        assert parse_payload(raw, INTENTS) is None, raw
