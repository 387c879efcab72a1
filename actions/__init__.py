"""Rasa custom actions and the pure domain logic they call (triage, job offers)."""
