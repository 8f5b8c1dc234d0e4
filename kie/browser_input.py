"""JSON sent by a browser: its size and nesting bounded before it is decoded.

A value from the page may be anything a person (or a script in their tab) chooses to send. `json.loads` recurses
once per nesting level, so a value nested a few thousand levels deep raises `RecursionError`, and so does every
later comparison or copy of what it decoded; a very large value costs its decoding before anything can look at it.
`parse_json_value` refuses both first, in time linear in the text's length, and never recurses.
"""

from __future__ import annotations

import json
import math
import re

# A JSON string, or an unterminated one up to the end: possessive, so it never backtracks (linear on any text).
_STRING = re.compile(r'"(?:[^"\\]++|\\[\s\S]?)*+(?:"|\Z)')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_ONE_KIND = bytes.maketrans(b"{}", b"[]")  # depth does not depend on the kind; json.loads refuses a mismatch


class BrowserInputError(ValueError):
    """A value from the page that is not used; the message says what was wrong."""


def nesting_depth(text: str, limit: int) -> int | None:
    """How deeply `text` nests arrays and objects: `limit` + 1 when deeper than `limit`, None when its brackets do
    not pair up (it is not JSON).

    Strings are taken out, then every other character but the brackets; each pass then takes out the innermost
    pairs (`[]` with nothing between), so the number of passes is the depth. At most `limit` + 1 passes, each
    linear.
    """
    brackets = _STRING.sub("", text).encode("utf-8", "replace").translate(_ONE_KIND, _NOT_BRACKETS)
    for depth in range(limit + 1):
        if not brackets:
            return depth
        inner = brackets.replace(b"[]", b"")
        if len(inner) == len(brackets):
            return None
        brackets = inner
    return limit + 1


def _size(n: int) -> str:
    """Rounded up, so a size just over a limit never reads as the limit."""
    return f"{math.ceil(n / 1e5) / 10:.1f} MB" if n >= 100_000 else f"{n:,} characters"


def parse_json_value(raw: object, *, max_bytes: int, max_depth: int, what: str = "the value") -> object:
    """Decode JSON text sent by a browser, or raise `BrowserInputError` if it is too large, too deep or not JSON.

    `max_bytes` counts characters of the text (the browser sends it as text); `max_depth` is the deepest nesting of
    arrays and objects allowed (a number or a string alone is depth 0, `[1]` is 1).
    """
    if not isinstance(raw, str):
        raise BrowserInputError(f"{what} is not text (JSON) as the page sends it.")
    if len(raw) > max_bytes:
        raise BrowserInputError(f"{what} is too large ({_size(len(raw))}; the most is {_size(max_bytes)}).")
    depth = nesting_depth(raw, max_depth)
    if depth is None:
        raise BrowserInputError(f"{what} is not valid JSON.")
    if depth > max_depth:
        raise BrowserInputError(f"{what} is nested too deeply (more than {max_depth} levels).")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # a number too long for int(), broken syntax
        raise BrowserInputError(f"{what} is not valid JSON.") from None
