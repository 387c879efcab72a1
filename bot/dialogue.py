"""One turn of a conversation, whatever the channel: check what came in, settle the language,
ask Rasa, and make sure the person always gets an answer in their language.

When Rasa or the action server cannot answer, the gateway answers itself with 112 and the
helpline (bot/messages.yml), rendered from the same catalogs: a person in danger is never
met with silence or an error page.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional

from actions.countries import COUNTRIES
from actions.job_offer_signals import country_of
from actions.job_offers import JobOfferReport, check_job_offer
from bot import helplines, language as lang
from bot.config import Settings
from bot.conversations import Conversation
from bot.danger import in_danger
from bot.exact_intents import exact_intent
from bot.handoff import Summary
from bot.inbound import Payload, as_typed_text, clean_text, parse_payload
from bot.languages import language_named, native_name, normalise_tag
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.privacy import parse_phone
from bot.rendering import Button, Message, render

if TYPE_CHECKING:
    from bot.helpline import Helpline

logger = logging.getLogger("veivis.dialogue")

CHOOSE_LANGUAGE = "choose_language"
CHOOSE_COUNTRY = "choose_country"
JOB_OFFER, COUNTRY, PHONE = "job_offer", "country", "phone"


LEAVE_INTENTS = frozenset({"stop", "show_menu", "handoff_decline"})


def _handoff_summary(replies: List[Dict[str, Any]]) -> Optional[Summary]:
    for reply in replies:
        custom = reply.get("custom")
        if isinstance(custom, dict) and custom.get("event") == "handoff" and isinstance(custom.get("summary"), dict):
            return Summary.from_data(custom["summary"])
    return None


def job_offer_payload(report: JobOfferReport) -> Payload:
    """The check's result as a button-like payload for Rasa: flags and figures, no ad text."""
    entities: Dict[str, Any] = {
        "job_risk": report.risk,
        "job_flags": ",".join(sorted(report.flags)),
        "job_good": ",".join(sorted(report.reassuring)),
    }
    if report.country:
        entities["job_country"] = report.country
    if report.pay and "unrealistic_pay" in report.flags:
        entities["job_pay"] = f"{round(report.pay.monthly_eur)}/{round(report.pay.reference_eur)}"
    return Payload("job_offer_checked", entities)


@dataclass(frozen=True)
class Incoming:
    text: Optional[str] = None  # typed by the person
    payload: Optional[str] = None  # sent by a button we showed


class Dialogue:
    def __init__(self, rasa: RasaClient, settings: Settings, intents: Iterable[str]) -> None:
        self.rasa = rasa
        self.settings = settings
        self.intents = frozenset(intents)
        self.helpline: Optional["Helpline"] = None  # set by the gateway: the handoff to staff

    def context(self, language: str) -> Dict[str, Any]:
        helpline = helplines.select(self.settings.helpline, self.settings.country)
        return helplines.context(helpline, language)

    def say(self, name: str, language: str, **variables: Any) -> Message:
        return render(name, language, {**self.context(language), **variables})

    async def turn(self, conversation: Conversation, incoming: Incoming, key: str = "") -> List[Message]:
        """One turn. `key` is the channel's key for the conversation (needed to hand it off)."""
        if conversation.handoff and self.helpline is not None:
            return await self._handed_off(conversation, incoming)
        offer: tuple[str, ...] = ()
        if incoming.payload is not None:
            payload = parse_payload(incoming.payload, self.intents)
            if payload is None:
                return [self.say("gateway_unreadable", conversation.language.code)]
            self._apply_choice(conversation, payload)
            rasa_text = payload.as_text()
        else:
            text = clean_text(incoming.text)
            if not text:
                return [self.say("gateway_empty", conversation.language.code)]
            if len(text) > self.settings.max_message_chars:
                return [
                    self.say(
                        "gateway_too_long",
                        conversation.language.code,
                        length=len(text),
                        limit=self.settings.max_message_chars,
                    )
                ]
            if conversation.expects == PHONE:
                phone = parse_phone(text, self.settings.country)
                if phone is None:  # ask again; the number is only ever used for the call-back
                    return [self.say("gateway_phone_invalid", conversation.language.code)]
                return await self._ask_rasa(conversation, Payload("handoff_phone", {"phone": phone}).as_text(), (), key)
            rasa_text, offer = await self._read_text(conversation, text)
            if not rasa_text:
                return [self.say("gateway_empty", conversation.language.code)]
        return await self._ask_rasa(conversation, rasa_text, offer, key)

    def _apply_choice(self, conversation: Conversation, payload: Payload) -> None:
        if payload.intent == CHOOSE_LANGUAGE:
            chosen = normalise_tag(payload.entities.get("language"))
            if chosen:
                conversation.language = lang.choose(chosen)

    async def _read_text(self, conversation: Conversation, text: str) -> tuple[str, tuple[str, ...]]:
        if conversation.expects == JOB_OFFER:
            # Checked here, so that the ad itself never reaches Rasa, a tracker or a log. What is
            # not an ad ("help, they hit me", "menu") goes on to Rasa like any message. A long ad
            # takes a few hundred milliseconds: in a worker thread, others are not kept waiting.
            report = await asyncio.get_running_loop().run_in_executor(
                None, check_job_offer, text, conversation.language.code
            )
            if report.looks_like_ad:
                return job_offer_payload(report).as_text(), ()
        if conversation.expects == COUNTRY:
            country = country_of(text)
            if country in COUNTRIES:
                return Payload(CHOOSE_COUNTRY, {"country": country}).as_text(), ()
        named = language_named(text)
        if named:
            conversation.language = lang.choose(named)
            return Payload(CHOOSE_LANGUAGE, {"language": named}).as_text(), ()
        decision = lang.follow(conversation.language, text)
        conversation.language = decision.state
        return as_typed_text(text), decision.offer

    async def _ask_rasa(
        self, conversation: Conversation, rasa_text: str, offer: tuple[str, ...], key: str = ""
    ) -> List[Message]:
        code = conversation.language.code
        metadata = {"language": code, "channel": conversation.channel}
        try:
            replies = await self.rasa.send(conversation.id, rasa_text, metadata)
        except RasaUnavailable as problem:
            logger.warning("rasa unavailable (%s); answered with the safety message", problem)
            return [self.say("gateway_unavailable", code)]
        messages = self._convert(conversation, replies)
        summary = _handoff_summary(replies)
        if summary is not None and self.helpline is not None:
            messages += await self.helpline.open(conversation, key, summary)
        if not messages:
            # Rasa said nothing: never leave the person without a next step.
            messages = [self.say("utter_default", code)]
        if offer:
            messages.append(self.language_offer(*offer))
        return messages

    def _convert(self, conversation: Conversation, replies: List[Dict[str, Any]]) -> List[Message]:
        code = conversation.language.code
        messages: List[Message] = []
        expects = None
        forgotten = False
        for reply in replies:
            custom = reply.get("custom")
            if isinstance(custom, dict):
                expects = custom.get("expects") if custom.get("expects") in (JOB_OFFER, COUNTRY, PHONE) else expects
                forgotten = forgotten or custom.get("event") == "forgotten"
            text = reply.get("text")
            buttons = tuple(
                Button(str(b.get("title", "")), str(b.get("payload", "")))
                for b in reply.get("buttons") or []
                if isinstance(b, dict)
            )
            if isinstance(text, str) and (text or buttons):
                messages.append(Message(text, code, buttons))
        conversation.expects = expects
        if forgotten:
            conversation.restart()
        return messages

    async def _handed_off(self, conversation: Conversation, incoming: Incoming) -> List[Message]:
        """While a person talks to the helpline: their words go to staff, never to Rasa."""
        code = conversation.language.code
        if incoming.payload is not None:
            payload = parse_payload(incoming.payload, self.intents)
            if payload is not None and payload.intent in LEAVE_INTENTS:
                return await self.helpline.person_leaves(conversation)
            return [self.say("handoff_still_connected", code)]
        text = clean_text(incoming.text)
        if not text:
            return [self.say("gateway_empty", code)]
        if exact_intent(text, code) in LEAVE_INTENTS:
            return await self.helpline.person_leaves(conversation)
        replies = await self.helpline.person_says(conversation, text[: self.settings.max_message_chars])
        # Safety first even here: staff may not be looking yet. Rasa only reads the words
        # (/model/parse): they do not enter any conversation.
        if in_danger(text) or await self.rasa.intent(text, {"language": code}) == "emergency":
            replies.append(self.say("utter_emergency", code))
        return replies

    def language_offer(self, current: str, detected: str) -> Message:
        """Ask, in the language the person seems to write, whether to switch to it."""
        question = render("gateway_language_offer", detected, {"language_name": native_name(detected)})
        buttons = tuple(
            Button(native_name(code), Payload(CHOOSE_LANGUAGE, {"language": code}).as_text())
            for code in (detected, current)
        )
        return Message(question.text, detected, buttons)
