"""Which screening question comes next (pure).

Order, as the issue and the guidelines ask: first safety (danger now, age, injury), then a few
gateway questions everyone gets (documents, freedom to leave, pay, threats, debt, the kind of
work, whether it is what was promised), then the questions about forced activities that the kind
of work points to (nobody with a farm job is asked about sex), then only the questions whose
"yes" could still change the result: the level, or the form of exploitation while none is known.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Mapping, Optional, Tuple

from actions.triage import triage

WORK_KIND = "work_kind"
WORK_KINDS = ("site", "services", "home", "sex_entertainment", "street", "other")

SAFETY_QUESTIONS = ("in_danger_now", "under_18", "injured_or_ill")
GATEWAY_QUESTIONS = (
    "documents_withheld", "cannot_leave_job", "unpaid_or_underpaid", "threats", "debt_bondage",
    WORK_KIND, "deceived",
)
TARGETED_QUESTIONS = (
    "excessive_hours", "no_contract", "employer_housing", "poor_housing", "dangerous_work",
    "no_work_permit", "violence", "earnings_taken", "restricted_movement", "confinement",
    "isolation", "threat_of_denunciation",
)
FORCED_BY_WORK = {
    "site": (),
    "services": (),
    "home": ("forced_marriage", "forced_sex"),
    "sex_entertainment": ("forced_sex",),
    "street": ("forced_begging", "forced_crime"),
    "other": ("forced_sex", "forced_begging", "forced_crime", "forced_marriage"),
}
ALL_QUESTIONS = SAFETY_QUESTIONS + GATEWAY_QUESTIONS + TARGETED_QUESTIONS + FORCED_BY_WORK["other"]
# Answers that end the check at once: the person needs 112 now, not more questions.
STOP_AT_ONCE = ("in_danger_now", "injured_or_ill")


def finished_early(answers: Mapping[str, Optional[str]]) -> bool:
    return any(answers.get(question) == "yes" for question in STOP_AT_ONCE)


def could_change(answers: Mapping[str, str], question: str) -> bool:
    """Whether a "yes" to `question` would change the level, or name a form when none is known."""
    now = triage(answers)
    then = triage({**answers, question: "yes"})
    return then.level != now.level or (not now.forms and bool(then.forms))


def next_question(answers: Mapping[str, Optional[str]]) -> Optional[str]:
    given = {k: v for k, v in answers.items() if v is not None}
    if finished_early(given):
        return None
    for question in SAFETY_QUESTIONS + GATEWAY_QUESTIONS:
        if question not in given:
            return question
    work = given.get(WORK_KIND) if given.get(WORK_KIND) in WORK_KINDS else "other"
    for question in FORCED_BY_WORK[work]:
        if question not in given:
            return question
    for question in TARGETED_QUESTIONS:
        if question not in given and could_change(given, question):
            return question
    return None


def simulate(yes: Iterable[str], work: str) -> Tuple[List[str], Dict[str, str]]:
    """The questions a person would be asked who answers yes to `yes` and no to the rest
    (tests and `make eval` measure the length of the check with it)."""
    yes = set(yes)
    answers: Dict[str, str] = {}
    asked: List[str] = []
    while (question := next_question(answers)) is not None:
        asked.append(question)
        answers[question] = work if question == WORK_KIND else ("yes" if question in yes else "no")
    return asked, answers
