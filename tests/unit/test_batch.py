"""Batch items: rates, templates, lines, CSV files with bad rows, estimates."""

from __future__ import annotations

import pytest

from kie import catalog, simulator
from kie.batch import (
    MAX_BATCH_ITEMS,
    BatchItemDraft,
    RowError,
    combination_count,
    estimate,
    expand_template,
    parse_csv,
    parse_lines,
    sending_time,
    variables_in,
)
from kie.errors import RequestInvalid
from kie.models import GenerateRequest
from kie.prices import PRICE_PER_IMAGE
from kie.ratelimit import Rate, parse_rate

MAX_PROMPT_CHARS = catalog.GPT_4O.max_prompt_chars

# -- rate ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, rate", [
    ("20/10", Rate(20, 10.0)), (" 5 / 2 ", Rate(5, 2.0)), ("20/10s", Rate(20, 10.0)), ("3/1.5", Rate(3, 1.5)),
    ("", Rate(20, 10.0)), (None, Rate(20, 10.0)),
])
def test_parse_rate_reads_count_per_seconds(text, rate):
    assert parse_rate(text) == rate


def _4o(**options) -> tuple:
    """GPT-4o's options as a batch item holds them: every one, at the value given or its default."""
    return catalog.freeze(catalog.GPT_4O.complete(options))


@pytest.mark.parametrize("text, words", [
    ("20", "must look like 20/10"), ("fast", "must look like 20/10"), ("0/10", "at least 1"),
    ("20/0", "longer than 0"), ("-1/10", "must look like 20/10"),
])
def test_parse_rate_says_what_to_write(text, words):
    with pytest.raises(ValueError, match=words) as info:
        parse_rate(text)
    assert "STUDIO_GENERATE_RATE" in str(info.value)


def test_sending_time_of_a_hundred_items_at_twenty_per_ten_seconds():
    assert sending_time(100, Rate(20, 10)) == 40.0
    assert sending_time(20, Rate(20, 10)) == 0.0
    assert sending_time(21, Rate(20, 10)) == 10.0


# -- templates -------------------------------------------------------------------------------------

def test_template_expands_to_the_product_with_the_last_variable_fastest():
    prompts = expand_template("a {colour} {animal} on {colour} grass",
                              {"colour": ["red", "blue"], "animal": ["cat", "dog", "owl"]})
    assert len(prompts) == 6 == combination_count("{colour} {animal}", {"colour": ["r", "b"], "animal": list("xyz")})
    assert prompts[:3] == ["a red cat on red grass", "a red dog on red grass", "a red owl on red grass"]
    assert prompts[-1] == "a blue owl on blue grass"


def test_template_double_braces_are_literal_and_spaces_inside_braces_are_allowed():
    assert variables_in("{{not}} a { thing } and {x}") == ["thing", "x"]
    assert expand_template("{{json}} { thing }}}", {"thing": ["lamp"]}) == ["{json} lamp}"]


def test_template_values_are_trimmed_and_blank_values_dropped():
    assert expand_template("{x}!", {"x": [" a ", "", "  ", "b"]}) == ["a!", "b!"]


@pytest.mark.parametrize("template, values, words", [
    ("a {colour} cat", {}, r"Give values for \{colour\}"),
    ("a {colour} cat", {"colour": ["red"], "size": ["big"]}, r"\{size\} is not in the template"),
    ("a {colour} cat", {"colour": ["", " "]}, r"at least one value for \{colour\}"),
    ("a cat", {"colour": ["red"]}, "no variables"),
    ("a {colour cat", {"colour": ["red"]}, "lone '{' at character 3"),
    ("a colour} cat", {"colour": ["red"]}, "lone '}'"),
    ("a {col.our} cat", {"colour": ["red"]}, "not a variable name"),
])
def test_template_errors_name_the_variable_and_what_to_do(template, values, words):
    with pytest.raises(RequestInvalid, match=words):
        expand_template(template, values)


def test_template_product_over_the_cap_says_how_big_it_is():
    values = {"a": [str(i) for i in range(30)], "b": [str(i) for i in range(20)]}
    assert combination_count("{a}{b}", values) == 600
    with pytest.raises(RequestInvalid, match=r"600 prompts \(30 x 20\); a batch holds at most 500"):
        expand_template("{a} {b}", values)
    assert len(expand_template("{a} {b}", values, limit=600)) == 600


# -- lines -----------------------------------------------------------------------------------------

def test_lines_make_one_item_per_non_empty_line_with_the_form_settings():
    form = GenerateRequest(options=(("is_enhance", True), ("n_variants", 2), ("size", "3:2")))
    parsed = parse_lines("a red fox\n\n   \n  a blue whale  \r\n", form)
    assert parsed.ok
    chosen = _4o(size="3:2", n_variants=2, is_enhance=True)
    assert parsed.items == [BatchItemDraft("a red fox", row=1, options=chosen),
                            BatchItemDraft("a blue whale", row=4, options=chosen)]


def test_lines_report_a_too_long_prompt_by_line_with_the_apps_message():
    parsed = parse_lines("fine\n" + "x" * (MAX_PROMPT_CHARS + 1))
    assert [i.prompt for i in parsed.items] == ["fine"]
    assert parsed.errors[0].row_number == 2 and "shorten it" in parsed.errors[0].message


def test_lines_over_the_cap_are_refused_whole():
    parsed = parse_lines("\n".join(f"p{i}" for i in range(MAX_BATCH_ITEMS + 1)))
    assert parsed.items == [] and "Split it into 2 batches" in str(parsed.errors[0])


# -- CSV -------------------------------------------------------------------------------------------

def test_csv_with_bom_semicolons_and_every_column():
    data = "\ufeffPrompt;Size;N;Enhance\na red fox;landscape;2;yes\n\"a cat; sleeping\";2:3;;0\n".encode()
    parsed = parse_csv(data, GenerateRequest(options=(("n_variants", 4),)))
    assert parsed.errors == []
    assert parsed.items == [
        BatchItemDraft("a red fox", row=2, options=_4o(size="3:2", n_variants=2, is_enhance=True)),
        BatchItemDraft("a cat; sleeping", row=3, options=_4o(size="2:3", n_variants=4, is_enhance=False))]


def test_csv_with_only_a_prompt_column_and_excel_windows_encoding():
    parsed = parse_csv("prompt\ncafé au lait\n".encode("cp1252"))
    assert [i.prompt for i in parsed.items] == ["café au lait"]


def test_csv_multiline_cells_count_as_one_spreadsheet_row():
    parsed = parse_csv(b'prompt,n\n"two\nlines",1\nthird,9\n')
    assert parsed.items[0].prompt == "two\nlines"
    assert parsed.errors == [RowError(3, "n must be 1, 2 or 4; got '9'.")]


def test_csv_bad_rows_each_get_a_clear_message_and_nothing_is_sent_without_confirmation():
    data = (b"prompt,size,n,enhance,notes\n"
            b"good one,1:1,1,no,keep\n"
            b"bad size,wide,1,no,\n"
            b"bad n,1:1,3,no,\n"
            b"bad enhance,1:1,1,maybe,\n"
            b",3:2,2,yes,\n"
            b",,,,\n"
            b"another good,Square 1:1,4.0,TRUE,\n")
    parsed = parse_csv(data)
    assert [i.prompt for i in parsed.items] == ["good one", "another good"]
    assert parsed.items[1].to_request().option("n_variants") == 4 and parsed.items[1].to_request().option("is_enhance")
    assert [str(e) for e in parsed.errors] == [
        "Row 3: size 'wide' is not one of 1:1, 3:2, 2:3 (or square, landscape, portrait).",
        "Row 4: n must be 1, 2 or 4; got '3'.",
        "Row 5: enhance must be yes or no (true/false, 1/0); got 'maybe'.",
        "Row 6: the prompt is empty: write one, or delete the row.",
    ]
    assert parsed.ignored_columns == ["notes"]
    assert not parsed.ok
    with pytest.raises(RequestInvalid, match="4 rows have errors: fix them, or confirm to skip them and send the "
                                             "other 2"):
        parsed.to_send()
    assert [i.prompt for i in parsed.to_send(skip_bad_rows=True)] == ["good one", "another good"]


@pytest.mark.parametrize("data, words", [
    (b"", "The file is empty"),
    (b"text,size\nhello,1:1\n", "The first row must name the columns: prompt (required)"),
    (b"prompt,Prompt\na,b\n", "Two columns mean prompt"),
    (b"prompt\n\n\n", "has no prompts"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not a CSV file"),
])
def test_csv_file_level_problems(data, words):
    parsed = parse_csv(data)
    assert parsed.items == [] and words in str(parsed.errors[0])


def test_csv_prompt_too_long_uses_the_apps_message():
    parsed = parse_csv(b"prompt\n" + b"y" * (MAX_PROMPT_CHARS + 5) + b"\n")
    assert parsed.errors[0].row_number == 2
    with pytest.raises(RequestInvalid) as app:
        GenerateRequest(prompt="y" * (MAX_PROMPT_CHARS + 5)).validated()
    assert parsed.errors[0].message == app.value.message


def test_csv_over_the_cap_is_refused_whole():
    data = ("prompt\n" + "\n".join(f"p{i}" for i in range(MAX_BATCH_ITEMS + 1))).encode()
    parsed = parse_csv(data)
    assert parsed.items == [] and "The file has 501 prompts" in str(parsed.errors[0])


# -- requests and estimates ------------------------------------------------------------------------

def test_draft_becomes_the_forms_request_with_its_own_fields():
    form = GenerateRequest(options=(("enable_fallback", True), ("fallback_model", "GPT_IMAGE_1"), ("size", "1:1")))
    draft = BatchItemDraft("  a lighthouse  ", options=(("is_enhance", True), ("n_variants", 4), ("size", "2:3")))
    request = draft.to_request(form)
    assert (request.prompt, request.option("size"), request.option("n_variants"), request.option("is_enhance")) == \
        ("a lighthouse", "2:3", 4, True)
    assert request.option("enable_fallback") and request.option("fallback_model") == "GPT_IMAGE_1"
    with pytest.raises(RequestInvalid, match="must be 1, 2 or 4"):
        BatchItemDraft("x", options=(("n_variants", 3),)).to_request()


def test_estimate_counts_tasks_images_and_credits_where_the_price_is_known():
    items = [BatchItemDraft("a"), BatchItemDraft("b", options=_4o(n_variants=4)),
             BatchItemDraft("c", options=_4o(n_variants=2))]
    assert estimate(items, PRICE_PER_IMAGE["demo"]).describe() == "3 tasks, 7 images, about 10.5 credits (estimate)"
    assert estimate(items, PRICE_PER_IMAGE["live"]).credits is None
    assert estimate(items[:1], None).describe() == "1 task, 1 image"


def test_demo_price_is_what_the_simulator_charges():
    assert PRICE_PER_IMAGE["demo"] == simulator.IMAGE_COST
