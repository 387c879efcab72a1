"""Plug-ins loaded by the Rasa server itself (tracker store, NLU component)."""
