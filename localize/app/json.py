"""JSON bodies read strictly: only what a JSON standard parser would accept, and only what we can store.

Python's json module accepts `NaN`, `Infinity` and numbers such as 1e309 (which become infinite
floats), lone surrogates ("\\ud800", which no database encoding can store) and fails with a
RecursionError on deep nesting. Each of those used to reach a view and end in a 500; here they are a
ValueError, which Flask and our handlers answer as malformed JSON (400).
"""
from __future__ import annotations

import json
import math

from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 64  # far more than any body of ours nests; deeper is refused before it costs anything


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text} is too large")
    return value


def _constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _check(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"the JSON nests deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("a string holds a lone surrogate (\\ud800-\\udfff), which is not text") from None


def loads_strict(data: str | bytes):
    """Parse a JSON document, refusing non-finite numbers, lone surrogates and deep nesting."""
    try:
        value = json.loads(data, parse_float=_finite, parse_constant=_constant)
    except RecursionError:
        raise ValueError(f"the JSON nests deeper than {MAX_DEPTH} levels") from None
    _check(value)
    return value


class StrictJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs):
        return loads_strict(s)
