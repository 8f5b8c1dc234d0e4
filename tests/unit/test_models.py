"""Request validation and tolerant reading of task records."""

from __future__ import annotations

import pytest

from kie import catalog
from kie.errors import RequestInvalid
from kie.families import body_of, request_from_params
from kie.request import GenerateRequest, clean_prompt
from kie.task_status import TaskStatus, parse_time

MAX_PROMPT_CHARS = catalog.GPT_4O.max_prompt_chars


def test_valid_request_becomes_the_documented_payload():
    body = body_of(GenerateRequest(prompt="  a cat  ", options=(("n_variants", 2), ("size", "3:2"))).validated())
    assert body == {"prompt": "a cat", "size": "3:2", "nVariants": 2, "isEnhance": False, "uploadCn": False,
                    "enableFallback": False}


@pytest.mark.parametrize(
    "request_, field, words",
    [
        (GenerateRequest(prompt="x", options=(("size", "16:9"),)), "size", "Aspect ratio"),
        (GenerateRequest(prompt="x", options=(("n_variants", 3),)), "n_variants", "1, 2 or 4"),
        (GenerateRequest(prompt="   "), "prompt", "Write a prompt"),
        (GenerateRequest(prompt="\x00\x07"), "prompt", "Write a prompt"),
        (GenerateRequest(prompt="x" * (MAX_PROMPT_CHARS + 1)), "prompt", "shorten"),
        (GenerateRequest(prompt="x" * 100_000), "prompt", "100,000"),
        (GenerateRequest(files_url=tuple(f"https://e.com/{i}.png" for i in range(6))), "files_url", "At most 5"),
        (GenerateRequest(files_url=("ftp://e.com/a.png",)), "files_url", "http"),
        (GenerateRequest(prompt="x", options=(("fallback_model", "DALL_E"),)), "fallback_model", "GPT Image 1"),
        (GenerateRequest(prompt="x", callback_url="javascript:alert(1)"), "callback_url", "http"),
        (GenerateRequest(prompt="x", mask_url="https://e.com/m.png"), "mask_url", "source picture"),
    ],
)
def test_invalid_requests_name_the_field_and_the_fix(request_, field, words):
    with pytest.raises(RequestInvalid) as caught:
        request_.validated()
    assert caught.value.field == field
    assert words in caught.value.message


def test_references_alone_need_no_prompt():
    body = body_of(GenerateRequest(files_url=("https://e.com/a.png",)).validated())
    assert body["filesUrl"] == ["https://e.com/a.png"] and "prompt" not in body


def test_fallback_model_is_sent_only_with_fallback():
    assert "fallbackModel" not in body_of(GenerateRequest(prompt="x", options=(("fallback_model", "GPT_IMAGE_1"),)))
    assert body_of(GenerateRequest(prompt="x", options=(("enable_fallback", True),)))["fallbackModel"] == "FLUX_MAX"


def test_control_characters_are_removed_but_newlines_kept():
    assert clean_prompt("a\x00b\nc\td\x1b") == "ab\nc\td"


def test_kind_follows_the_inputs():
    assert GenerateRequest(prompt="x").kind == "text"
    assert GenerateRequest(files_url=("https://e.com/a.png",)).kind == "variants"
    assert GenerateRequest(files_url=("https://e.com/a.png",), mask_url="https://e.com/m.png").kind == "edit"


def test_request_round_trips_through_dict_and_payload():
    req = GenerateRequest.build("gpt-4o-image", "p", {"enable_fallback": True, "fallback_model": "GPT_IMAGE_1",
                                                      "n_variants": 4, "size": "2:3"},
                                files_url=("https://e.com/a.png",), callback_url="https://c.com/x")
    assert GenerateRequest.from_dict(req.to_dict()) == req
    assert request_from_params(body_of(req)) == req


@pytest.mark.parametrize("value, expected", [
    (1672574400000, 1672574400.0), (1672574400, 1672574400.0), ("2023-01-01 12:00:00", 1672574400.0),
    ("1672574400000", 1672574400.0), (None, None), ("", None), ("yesterday", None),
])
def test_times_in_every_documented_form(value, expected):
    assert parse_time(value) == expected


def test_record_in_the_openapi_spelling():
    status = TaskStatus.from_record({
        "taskId": "t1", "successFlag": 1, "status": "SUCCESS", "progress": "1.00", "createTime": 1672561200000,
        "completeTime": 1672574400000, "response": {"resultUrls": ["https://e.com/1.png"]},
        "paramJson": '{"prompt": "p", "size": "1:1"}',
    })
    assert status.state == "success" and status.result_urls == ("https://e.com/1.png",)
    assert status.completed_at == 1672574400.0 and status.params["prompt"] == "p"


def test_record_in_the_quickstart_spelling():
    status = TaskStatus.from_record({
        "taskId": "t1", "successFlag": 1, "progress": "1.00", "createTime": "2024-01-15 10:30:00",
        "completeTime": "2024-01-15 10:35:00", "response": {"result_urls": ["https://e.com/1.png"]},
    })
    assert status.state == "success" and status.result_urls == ("https://e.com/1.png",)
    assert status.completed_at - status.created_at == 300


@pytest.mark.parametrize("record, state", [
    ({"successFlag": 0, "progress": "0.50"}, "pending"),
    ({"successFlag": 2, "errorCode": 400, "errorMessage": "flagged"}, "failed"),
    ({"successFlag": 3}, "failed"),
    ({"status": "GENERATE_FAILED"}, "failed"),
    ({"status": "CREATE_TASK_FAILED"}, "failed"),
    ({"status": "GENERATING"}, "pending"),
    ({"status": "SUCCESS", "response": {"resultUrls": []}}, "success"),
    ({"successFlag": None, "status": None}, "pending"),
])
def test_state_from_success_flag_or_status_text(record, state):
    assert TaskStatus.from_record({"taskId": "t", **record}).state == state


def test_failed_record_keeps_code_and_message_and_odd_progress_is_safe():
    status = TaskStatus.from_record({"taskId": "t", "successFlag": 2, "errorCode": "451",
                                     "errorMessage": "download failed", "progress": "n/a", "response": None})
    assert (status.error_code, status.error_message, status.progress) == (451, "download failed", 0.0)


def test_a_market_task_is_queued_until_its_service_says_generating():
    """The Market API has no progress figure: 'waiting' and 'queuing' keep a task Queued, 'generating' starts it."""
    from kie.models import Task
    from kie.task_states import state_key

    task = Task(task_id="m1", kind="text", request=GenerateRequest(prompt="p"), model="gpt-image-2")
    for phase, now, expected in (("waiting", 10.0, "queued"), ("queuing", 11.0, "queued"),
                                 ("generating", 12.0, "pending"), ("generating", 13.0, "pending")):
        task.apply(TaskStatus.from_market({"taskId": "m1", "state": phase}), now=now)
        assert state_key(task) == expected, phase
    assert task.last_progress_at == 12.0  # when it began, not the latest answer
    task.apply(TaskStatus.from_market({"taskId": "m1", "state": "success",
                                       "resultJson": '{"resultUrls": ["https://x/1.png"]}'}), now=20.0)
    assert state_key(task) == "success"


def test_a_card_says_queued_or_generating_with_an_estimate_for_a_model_without_progress():
    from components.task_words import pending_words
    from kie.models import Task

    task = Task(task_id="m2", kind="text", request=GenerateRequest(prompt="p"), model="gpt-image-2")
    assert pending_words(task, left="about 40 s left") == "Queued… about 40 s left"
    task.apply(TaskStatus.from_market({"taskId": "m2", "state": "generating"}), now=5.0)
    assert pending_words(task, left="about 35 s left") == "Generating… about 35 s left"
    assert "%" not in pending_words(task, "Editing", "any moment now")
    four_o = Task(task_id="f", kind="text", request=GenerateRequest(prompt="p"), progress=0.4)
    assert pending_words(four_o) == "Generating… 40%"
