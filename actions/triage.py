"""What a person's answers suggest, by the rules of CONTRACTS.md (pure, no I/O).

The indicators come from chapter 4 of the guidelines (general, sexual exploitation, labour
exploitation, forced begging or crime) and the "means" of the Palermo definition in chapter 2.
Only `yes` raises the level; `unsure` is reported but decides nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

SAFETY = ("in_danger_now", "injured_or_ill", "under_18")
CONTROL = (
    "documents_withheld", "threats", "threat_of_denunciation", "violence", "debt_bondage",
    "earnings_taken", "restricted_movement", "confinement", "cannot_leave_job", "isolation",
)
DECEPTION = ("deceived",)
LABOUR = (
    "excessive_hours", "unpaid_or_underpaid", "no_contract", "no_work_permit", "dangerous_work",
    "employer_housing", "poor_housing",
)
FORCED = ("forced_sex", "forced_begging", "forced_crime", "forced_marriage")
INDICATORS = SAFETY + CONTROL + DECEPTION + LABOUR + FORCED

YES, NO, UNSURE, SKIPPED = "yes", "no", "unsure", "skipped"
ANSWERS = (YES, NO, UNSURE, SKIPPED)

LEVELS = ("none", "low", "medium", "high", "urgent")  # in rising order
FORM_OF = {"forced_sex": "sexual", "forced_begging": "begging", "forced_crime": "crime", "forced_marriage": "marriage"}


@dataclass(frozen=True)
class Triage:
    level: str
    forms: frozenset[str]
    reasons: tuple[str, ...]  # the indicators that decided the level, in INDICATORS order
    unsure: tuple[str, ...] = ()  # answered "not sure": reported, never decisive

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


def _ordered(ids) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(i for i in INDICATORS if i in wanted)


def triage(answers: Mapping[str, str]) -> Triage:
    yes = {i for i in INDICATORS if answers.get(i) == YES}
    unsure = _ordered(i for i in INDICATORS if answers.get(i) == UNSURE)
    control, labour, forced = yes & set(CONTROL), yes & set(LABOUR), yes & set(FORCED)
    deceived = yes & set(DECEPTION)
    forms = frozenset({"labour"} if labour else set()) | frozenset(FORM_OF[f] for f in forced)

    def result(level: str, reasons) -> Triage:
        return Triage(level, forms, _ordered(reasons), unsure)

    acute = yes & {"in_danger_now", "injured_or_ill"}
    if acute:
        return result("urgent", acute)
    exploited = control | deceived | labour | forced
    if "under_18" in yes and exploited:
        return result("urgent", {"under_18"} | exploited)
    if forced:
        return result("high", forced)
    if labour and len(control) >= 2:
        return result("high", labour | control)
    if control:
        return result("medium", control)
    if deceived and labour:
        return result("medium", deceived | labour)
    if labour or deceived:
        return result("low", labour | deceived)
    return result("none", ())
