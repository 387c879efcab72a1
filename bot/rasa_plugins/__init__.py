"""Plug-ins loaded by the Rasa server itself (tracker store, NLU components).

Importing this package also makes Rasa's reply validation cheap: Rasa checks every action-server
and NLG reply with `jsonschema.validate`, which first re-checks the *schema* itself, every time
(about 130 ms for the events schema, most of a turn). The same check runs here with each
schema's validator built once. Validation is unchanged: an invalid reply still raises the
same ValidationError.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema import exceptions, validators

_original_validate = jsonschema.validate


@lru_cache(maxsize=64)
def _compiled(schema_json: str):
    schema = json.loads(schema_json)
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    if cls is not None or args or kwargs:
        return _original_validate(instance, schema, cls, *args, **kwargs)
    try:
        key = json.dumps(schema, sort_keys=True)
    except (TypeError, ValueError):
        return _original_validate(instance, schema)
    error = exceptions.best_match(_compiled(key).iter_errors(instance))
    if error is not None:
        raise error


jsonschema.validate = validate
