"""Issue 24 for the families added since: a hostile Midjourney (a grid of four, its addresses as {resultUrl} objects in
`resultInfoJson`), Flux Kontext (`response.resultImageUrl`) and Market models that make several pictures. Their
results pass the same guard, are checked as pictures, and are cut to the catalogue's count for the model; a task
added by ID cannot raise that count through the `paramJson` the provider sends back. An API answer that never ends
is read no further than the client's cap.

The hostile provider (tests/fixtures/hostile_provider.py) over real HTTP, the real client, workspace and store, and
a simulated clock (as in tests/unit/test_hostile_provider.py, whose fixtures these are).
"""

from __future__ import annotations

import pytest

from kie import catalog, results
from kie.client import MAX_ANSWER_BYTES
from kie.models import GenerateRequest, Task
from tests.unit import test_hostile_provider as hostile
from tests.unit.test_hostile_provider import follow, nothing_asked_after_the_end, stored_files, submit

# The hostile provider's fixtures, shared with tests/unit/test_hostile_provider.py.
provider, clock, workspace, no_traceback = hostile.provider, hostile.clock, hostile.workspace, hostile.no_traceback

# model, options, how many pictures the catalogue says one such task makes
FAMILIES = [
    ("midjourney", {"speed": "fast"}, 4),  # a grid of four
    ("flux-kontext-pro", {}, 1),
    ("imagen-4", {"num_images": "3"}, 3),  # a Market model that makes several
    ("seedream-4.0", {"max_images": "6"}, 6),
]


def _options(model: str, options: dict) -> dict:
    spec = catalog.get(model)
    if spec.images_option and spec.images_option in options:  # the option's own value type (an int or a word)
        wanted = str(options[spec.images_option])
        value = next(v for v in spec.option(spec.images_option).values if str(v) == wanted)
        return {**options, spec.images_option: value}
    return options


@pytest.mark.parametrize("model, options, most", FAMILIES)
def test_forty_addresses_bring_at_most_the_catalogue_s_count(workspace, clock, provider, caplog, model, options, most):
    assert catalog.get(model).images_for(_options(model, options)) == most  # what the catalogue documents
    task = follow(workspace, clock, submit(workspace, "many40", model, **_options(model, options)).task_id)
    assert task.state == "success" and len(task.images) == most and len(task.result_urls) == most
    assert len(provider.task_requests(task.task_id, "/files/")) == most
    assert stored_files(workspace, task.task_id) == sorted(f"{i}.png" for i in range(most))
    assert len([r for r in caplog.records if "the rest are left out" in r.getMessage()]) == 1
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("model", ["midjourney", "flux-kontext-pro", "imagen-4"])
@pytest.mark.parametrize("scenario", ["loopback", "cgnat", "sixtofour", "redirect", "file"])
def test_an_address_into_the_server_s_network_is_never_fetched(workspace, clock, provider, model, scenario):
    task = follow(workspace, clock, submit(workspace, scenario, model).task_id)
    assert provider.listener.received == 0 and provider.listener.paths == []
    assert task.state == "failed" and task.error_code == results.DOWNLOAD_FAILED
    assert task.error_message.startswith("Could not download the picture: the service named an address")
    assert stored_files(workspace, task.task_id) == []
    assert len(provider.task_requests(task.task_id, "/files/")) == (1 if scenario == "redirect" else 0)
    assert [line.target for line in workspace.store.audit_log() if line.action == "result_refused"] == [task.task_id]
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("model", ["midjourney", "flux-kontext-pro", "imagen-4"])
@pytest.mark.parametrize("scenario, words", [
    ("html", "The service sent something that is not a picture."),
    ("bomb144", "The service sent a picture too large to show safely."),
])
def test_a_result_that_is_not_a_picture_is_not_kept(workspace, clock, provider, model, scenario, words):
    task = follow(workspace, clock, submit(workspace, scenario, model).task_id)
    assert task.state == "failed" and task.error_message.startswith(words)
    assert task.images == [] and stored_files(workspace, task.task_id) == []
    assert [line.target for line in workspace.store.audit_log() if line.action == "result_refused"] == [task.task_id]
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("model", ["midjourney", "flux-kontext-pro"])
@pytest.mark.parametrize("scenario, words", [
    ("notjson", "its result could not be read (not JSON)"), ("notstrings", "named no picture to download"),
])
def test_a_result_naming_no_usable_address_fails_with_a_sentence(workspace, clock, provider, model, scenario, words):
    task = follow(workspace, clock, submit(workspace, scenario, model).task_id)
    assert task.state == "failed" and task.error_code == results.DOWNLOAD_FAILED
    assert words in task.error_message and task.result_urls == []
    assert provider.task_requests(task.task_id, "/files/") == []
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("forged, most", [({"nVariants": 5000}, 4), ({"nVariants": "5000"}, 4),
                                          ({"nVariants": "many"}, 1)])
def test_a_task_added_by_id_cannot_raise_the_count_through_its_param_json(workspace, clock, provider, forged, most):
    """The provider's paramJson becomes the added task's request: a forged count there is held to the catalogue's
    most for the model (4 for GPT-4o Image), not 5,000; a word the option does not take is dropped (the default,
    one)."""
    task_id = workspace.client.generate(GenerateRequest(prompt="[hostile:many5000] made by a script"))
    provider.tasks[task_id]["body"].update(forged)
    added = workspace.add_by_id(task_id)
    assert added.model == "gpt-4o-image"
    done = follow(workspace, clock, task_id)
    assert done.state == "success" and len(done.images) == most and len(done.result_urls) == most
    assert len(provider.task_requests(task_id, "/files/")) == most


def test_the_count_is_the_request_s_within_the_catalogue_s_most():
    def count(model: str, **options) -> int:
        task = Task(task_id="t", kind="text", request=GenerateRequest(model=model, prompt="p",
                                                                      options=catalog.freeze(options)))
        return results.most_results(task)

    assert count("gpt-4o-image", n_variants=2) == 2 and count("gpt-4o-image") == 1
    assert count("gpt-4o-image", n_variants=5000) == 4 and count("gpt-4o-image", n_variants=-3) == 1
    assert count("midjourney") == 4 and count("midjourney-upscale") == 1 and count("flux-kontext-max") == 1
    assert count("seedream-4.0", max_images=6) == 6 and count("imagen-4", num_images=40) == 4


@pytest.mark.parametrize("model", ["gpt-4o-image", "midjourney", "imagen-4"])
def test_an_endless_answer_is_read_no_further_than_the_cap(workspace, clock, provider, model):
    """A record-info answer that never ends: the client reads MAX_ANSWER_BYTES (8 MB) of it, then stops; the task
    stays pending with the unreadable answer's words (asked again later, until its deadline), no traceback."""
    task = submit(workspace, "hugebody", model)
    for _ in range(8):
        clock.now += 1.0
        workspace.poll_due()
    kept = workspace.store.get(task.task_id)
    assert kept.state == "pending" and kept.polls >= 1
    assert kept.error_message.startswith("The service sent an answer the app cannot read")
    asked = len(provider.task_requests(task.task_id, "ecord"))
    assert asked >= 1
    assert provider.endless_sent < asked * (MAX_ANSWER_BYTES + 16 * 1024 * 1024)  # never read to its 64 MB end
