"""Training data: every intent of CONTRACTS.md in every language, varied, and unambiguous."""
import functools
from collections import defaultdict

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from bot.languages import SUPPORTED
from bot.rasa_plugins.exact_answers import ExactAnswerResolver, build_table
from bot.rendering import ROOT
from bot.textnorm import normalise

CONTRACT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "dont_know", "emergency", "seek_help",
    "report_problem", "start_screening", "check_job_offer", "safe_migration", "know_rights",
    "request_human", "change_language", "forget_me", "bot_challenge", "stop", "out_of_scope",
}
MIN_EXAMPLES = 12


def blocks(code):
    document = yaml.safe_load((ROOT / "data" / "nlu" / f"{code}.yml").read_text(encoding="utf-8"))
    for block in document["nlu"]:
        examples = [l.strip()[2:].strip() for l in block["examples"].splitlines() if l.strip().startswith("- ")]
        yield block, examples


def test_every_contract_intent_has_enough_examples_in_every_language(code):
    counts = {block["intent"]: len(examples) for block, examples in blocks(code)}
    missing = {i: counts.get(i, 0) for i in CONTRACT_INTENTS if counts.get(i, 0) < MIN_EXAMPLES}
    assert missing == {}, f"{code}: intents with fewer than {MIN_EXAMPLES} examples: {missing}"


def test_every_intent_block_is_tagged_with_its_language(code):
    for block, _ in blocks(code):
        assert block["metadata"]["language"] == code, block["intent"]


def test_examples_are_varied_not_repeated(code):
    for block, examples in blocks(code):
        # Punctuation and case only: "weiß" and "weiss" are two real spellings, "tere!" and
        # "tere" are the same example twice.
        normalised = [e.lower().strip(" .,!?") for e in examples]
        assert len(set(normalised)) == len(normalised), (code, block["intent"])
        assert len({len(e.split()) for e in examples}) >= 3, (code, block["intent"], "all the same length")


def test_no_text_means_two_things_in_one_language(code):
    seen = defaultdict(set)
    for block, examples in blocks(code):
        for example in examples:
            seen[normalise(example)].add(block["intent"])
    clashes = {text: intents for text, intents in seen.items() if len(intents) > 1}
    assert clashes == {}


def test_every_domain_intent_has_examples_except_button_only_ones():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    trained = {block["intent"] for block, _ in blocks("en")}
    # Payloads from buttons (and the gateway's job-offer result) need no examples.
    assert set(domain["intents"]) - trained == {"choose_language", "choose_work", "choose_country", "skip",
                                                 "job_offer_checked", "handoff_want", "handoff_phone",
                                                 "handoff_share", "handoff_send", "handoff_decline"}


@functools.lru_cache(maxsize=1)
def _resolver():
    examples = []
    for code in SUPPORTED:
        for block, texts in blocks(code):
            for text in texts:
                examples.append(Message.build(text, block["intent"], intent_metadata={"language": code}))
    return ExactAnswerResolver(None, None, build_table(examples))


@pytest.mark.parametrize("text, language, intent", [
    ("tak", "pl", "affirm"), ("tak", "da", "thank"), ("Tak!", "pl", "affirm"),
    ("da", "ro", "affirm"), ("nie", "pl", "deny"), ("nie wiem", "pl", "dont_know"),
    ("ja", "de", "affirm"), ("nej", "sv", "deny"), ("ei", "fi", "deny"),
])
def test_short_answers_are_read_in_the_conversations_language(text, language, intent):
    message = Message.build(text)
    message.set("metadata", {"language": language})
    assert _resolver().resolve(message) == intent


def test_without_a_language_the_resolver_stays_out_of_the_way():
    assert _resolver().resolve(Message.build("tak")) is None

