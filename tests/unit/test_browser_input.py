"""JSON from a browser: its size and nesting are refused before it is decoded, in one linear pass, never recursing."""

from __future__ import annotations

import pytest

from kie.browser_input import BrowserInputError, nesting_depth, parse_json_value


@pytest.mark.parametrize(("text", "depth"), [
    ("1", 0), ('"[[["', 0), ("[]", 1), ("[1, [2, {}]]", 3), ('{"a": [{"b": [[1, 2]]}]}', 5),
    ('["]", "\\"[", "\\\\"]', 1),  # brackets inside strings, escaped quotes, an escaped backslash
    ("[{}][[]]", 2), ("{[]}", 2),
])
def test_nesting_depth_counts_arrays_and_objects_not_strings(text, depth):
    assert nesting_depth(text, 10) == depth


@pytest.mark.parametrize("text", ["[", "]", "[}}", '["]', "][", "[[]"])
def test_brackets_that_do_not_pair_are_not_json(text):
    assert nesting_depth(text, 10) is None
    with pytest.raises(BrowserInputError, match="not valid JSON"):
        parse_json_value(text, max_bytes=100, max_depth=10)


def test_a_value_deeper_than_the_limit_is_refused_before_decoding():
    assert nesting_depth("[" * 7 + "]" * 7, 6) == 7
    for deep in ("[" * 5000 + "]" * 5000, '{"a":' * 5000 + "0" + "}" * 5000, "[{" * 3000 + "}]" * 3000):
        with pytest.raises(BrowserInputError, match="nested too deeply") as refused:
            parse_json_value(deep, max_bytes=1_000_000, max_depth=20, what="The value")
        assert str(refused.value) == "The value is nested too deeply (more than 20 levels)."


def test_size_type_and_syntax_are_refused_with_a_sentence():
    with pytest.raises(BrowserInputError, match=r"too large \(2.5 MB; the most is 2.0 MB\)"):
        parse_json_value(" " * 2_500_000, max_bytes=2_000_000, max_depth=5)
    with pytest.raises(BrowserInputError, match="not text"):
        parse_json_value({"a": 1}, max_bytes=100, max_depth=5)
    with pytest.raises(BrowserInputError, match="not valid JSON"):
        parse_json_value('{"a": }', max_bytes=100, max_depth=5)
    with pytest.raises(BrowserInputError, match="not valid JSON"):
        parse_json_value("9" * 5000, max_bytes=10_000, max_depth=5)  # more digits than int() reads


def test_a_value_within_the_limits_is_decoded():
    assert parse_json_value('{"drawing": "[[[[[[", "n": [1, 2.5, null]}', max_bytes=100, max_depth=2) == \
        {"drawing": "[[[[[[", "n": [1, 2.5, None]}
    assert parse_json_value('"\\ud800 lone surrogate"', max_bytes=100, max_depth=0) == "\ud800 lone surrogate"
