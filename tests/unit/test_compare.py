"""Comparing tasks: which parameters differ, and which words of the prompts."""

from __future__ import annotations

from kie.models import GenerateRequest, Task
from kie.task_diff import compare, parameters, word_diff, word_key


def task(prompt="a red fox in snow", state="success", created=100.0, completed=112.0, credits=None, **request):
    return Task(task_id=f"t-{prompt[:8]}-{state}", kind=GenerateRequest.from_dict({"prompt": prompt, **request}).kind,
                request=GenerateRequest.from_dict({"prompt": prompt, **request}), state=state, created_at=created,
                completed_at=completed, credits=credits)


def rows(tasks):
    return {row.label: row for row in compare(tasks)}


def test_every_parameter_has_a_row_in_order():
    found = compare([task(), task()])
    assert [r.label for r in found] == [label for label, _ in parameters([task(), task()])]
    assert {"Prompt", "Model", "Kind", "Aspect ratio", "Number of images", "Prompt enhancement", "Fallback",
            "Fallback model", "Upload through China", "Reference pictures", "Mask", "State", "Duration",
            "Cost"} == {r.label for r in found}


def test_identical_tasks_differ_nowhere():
    found = compare([task(), task()])
    assert not any(r.differs for r in found)
    assert rows([task(), task()])["Aspect ratio"].values == ["Square 1:1", "Square 1:1"]


def test_different_settings_are_marked_and_shown_in_words():
    a = task(size="1:1", n_variants=1)
    b = task(size="3:2", n_variants=4, is_enhance=True, enable_fallback=True, fallback_model="GPT_IMAGE_1",
             credits=6.0)
    found = rows([a, b])
    differing = {label for label, row in found.items() if row.differs}
    assert differing == {"Aspect ratio", "Number of images", "Prompt enhancement", "Fallback", "Fallback model", "Cost"}
    assert found["Aspect ratio"].values == ["Square 1:1", "Landscape 3:2"]
    assert found["Number of images"].values == ["1", "4"]
    assert found["Fallback model"].values == ["—", "GPT Image 1"]
    assert found["Cost"].values == ["about 1.5 credits (estimate)", "6 credits"]  # as the tiles say it
    assert found["Duration"].values == ["12 s", "12 s"] and not found["Duration"].differs


def test_fallback_model_alone_is_no_difference_while_the_fallback_is_off():
    found = rows([task(fallback_model="FLUX_MAX"), task(fallback_model="GPT_IMAGE_1")])
    assert not found["Fallback model"].differs


def test_edits_count_their_source_apart_from_references():
    edit = task(files_url=("https://e.com/src.png",), mask_url="https://e.com/mask.png")
    variants = task(files_url=("https://e.com/1.png", "https://e.com/2.png"))
    found = rows([edit, variants, task()])
    assert found["Kind"].values == ["Edit", "Variants", "Text to image"]
    assert found["Reference pictures"].values == ["0", "2", "0"]
    assert found["Mask"].values == ["Yes", "No", "No"]


def test_four_tasks_state_and_duration():
    tasks = [task(state="success", completed=101.5), task(state="failed", completed=130.0),
             task(state="pending", completed=None), task(state="timed_out", completed=None)]
    found = rows(tasks)
    # As the tiles' badges say it: a pending task the service has not started yet is Queued.
    assert found["State"].values == ["Done", "Failed", "Queued", "No answer yet"] and found["State"].differs
    assert found["Duration"].values == ["1.5 s", "30 s", "—", "—"]
    assert found["Cost"].values[1] == "nothing charged"
    assert all(len(r.values) == 4 for r in compare(tasks))


def marked(words):
    return [w.text for w in words if w.differs]


def test_word_diff_marks_words_missing_elsewhere():
    a, b = word_diff(["A red fox in snow", "A grey fox in the rain"])
    assert marked(a) == ["red", "snow"]
    assert marked(b) == ["grey", "the", "rain"]
    assert "".join(w.text for w in a) == "A red fox in snow"  # the prompt comes back exactly as typed


def test_word_diff_ignores_case_and_punctuation_around_words():
    a, b = word_diff(["Sunset, over the lake.", "the LAKE over sunset"])
    assert marked(a) == [] and marked(b) == []
    assert word_key("“Sunset,”") == "sunset"


def test_word_diff_of_four_prompts_marks_what_is_not_in_all_others():
    found = word_diff(["cat on a mat", "cat on a rug", "cat on a mat", "dog on a mat"])
    assert [marked(w) for w in found] == [["cat", "mat"], ["cat", "rug"], ["cat", "mat"], ["dog", "mat"]]


def test_word_diff_handles_empty_prompts_and_punctuation_only_words():
    empty, other = word_diff(["", "a cat — sleeping"])
    assert empty == [] and marked(other) == ["a", "cat", "sleeping"]
    same = word_diff(["x — y", "x y"])
    assert [marked(w) for w in same] == [[], []]


def market_task(model: str, prompt: str = "a lighthouse", **options) -> Task:
    request = GenerateRequest.build(model, prompt, options)
    return Task(task_id=f"t-{model}", kind=request.kind, request=request, model=model, state="success",
                created_at=100.0, completed_at=130.0)


def test_tasks_of_different_models_show_each_models_own_options_and_a_dash_where_a_model_has_none():
    found = rows([task(size="3:2"), market_task("gpt-image-2", aspect_ratio="16:9", resolution="2K"),
                  market_task("nano-banana-pro", output_format="jpg")])
    assert found["Model"].values == ["GPT-4o Image", "GPT Image 2", "Nano Banana Pro"] and found["Model"].differs
    assert found["Aspect ratio"].values[0] == "Landscape 3:2" and found["Aspect ratio"].values[1] == "16:9"
    assert found["Resolution"].values[0] == "—" and found["Resolution"].values[1] == "2K"
    assert found["Prompt enhancement"].values[1:] == ["—", "—"]
    assert [label for label in found if label == "Aspect ratio"] == ["Aspect ratio"]  # one row for a shared key
