"""The prompt library and Compare under AppTest, each drawn by a small script over the real session connection."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.text import literal
from kie.library import field
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import ROOT
from tests.fixtures import pictures

HEAD = f"""
import dataclasses, sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from components import session, state
ctx = session.context()
if owner := st.session_state.get("as_person"):  # what a signed-in person's "Mine" store sees
    ctx = dataclasses.replace(ctx, view=ctx.workspace.store.scoped(owner))
"""

LIBRARY = HEAD + """
from components.prompt_library import prompt_library
prompt_library(ctx)
st.text_area("Prompt", key=state.remember("gen_prompt", ""))
state.save("gen_prompt")
from components import model_form
model_form.model_form("gen")
"""

COMPARE = HEAD + """
from components.task_diff_view import compare_bar, compare_picker, compare_view, ids_from_url
if ids := st.query_params.get("compare"):
    compare_view(ctx, ids_from_url(ids))
else:
    compare_bar(ctx)
    for task in ctx.store.query(limit=10):
        st.markdown(task.prompt)
        compare_picker(ctx, task, "gallery")
"""


def script(tmp_path: Path, body: str) -> AppTest:
    path = tmp_path / "component_app.py"
    path.write_text(body)
    return AppTest.from_file(str(path), default_timeout=30)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def button(at: AppTest, key: str):
    return at.button(key=key)


def seed(data_dir: Path, tasks: list[Task]) -> TaskStore:
    store = TaskStore(data_dir, "demo")
    for task in tasks:
        store.add(task)
    return store


def finished(task_id: str, prompt: str, *, owner=None, created=0.0, **request) -> Task:
    return Task(task_id=task_id, kind=GenerateRequest.from_dict({"prompt": prompt, **request}).kind,
                request=GenerateRequest.from_dict({"prompt": prompt, **request}), state="success", owner=owner,
                created_at=time.time() - 600 + created, completed_at=time.time() - 590 + created,
                result_urls=["https://e.com/a.png"])


def with_image(store: TaskStore, task: Task, colour) -> Task:
    task.images = [store.save_image(task.task_id, 0, pictures.png((40, 40), colour))]
    store.save(task)
    return task


# -- the prompt library -----------------------------------------------------------------------

@pytest.fixture
def library(app_env, tmp_path):
    at = ok(script(tmp_path, LIBRARY).run())
    return at, app_env


def test_saving_refuses_an_empty_prompt_and_a_missing_name(library):
    at, data = library
    at.text_input(key="lib_name").input("Lake").run()
    ok(button(at, "lib_save").click().run())
    assert [e.value for e in at.error] == ["Write a prompt first: an empty prompt cannot be saved."]
    at.text_area(key="gen_prompt").input("A misty lake").run()
    at.text_input(key="lib_name").input("  ").run()
    ok(button(at, "lib_save").click().run())
    assert [e.value for e in at.error] == ["Give the prompt a name to find it by."]
    assert TaskStore(data, "demo").prompts() == []


def test_saving_past_a_limit_says_the_limit_and_keeps_nothing(library):
    at, data = library
    at.text_area(key="gen_prompt").input("x" * 20_000).run()
    at.text_input(key="lib_name").input("Huge").run()
    ok(button(at, "lib_save").click().run())
    assert any("up to 5,000 characters" in e.value for e in at.error)
    at.text_area(key="gen_prompt").input("A misty lake").run()
    at.text_input(key="lib_tags").input("t" * 50_000).run()
    ok(button(at, "lib_save").click().run())
    assert any("tags may have up to 40 characters" in e.value for e in at.error)
    assert TaskStore(data, "demo").prompts() == []


SIZE, N, ENHANCE, FALLBACK, FALLBACK_MODEL = (f"gen_gpt-4o-image_{k}" for k in (
    "size", "n_variants", "is_enhance", "enable_fallback", "fallback_model"))


def test_save_a_prompt_with_its_settings_then_use_it(library):
    at, data = library
    at.text_area(key="gen_prompt").input("A misty lake at dawn").run()
    at.radio(key=SIZE).set_value("3:2").run()
    at.segmented_control(key=N).set_value(4).run()
    at.toggle(key=ENHANCE).set_value(True).run()
    at.toggle(key=FALLBACK).set_value(True).run()
    at.radio(key=FALLBACK_MODEL).set_value("GPT_IMAGE_1").run()
    at.text_input(key="lib_name").input("Lake").run()
    at.text_input(key="lib_tags").input("nature, dawn , nature,").run()
    ok(button(at, "lib_save").click().run())
    assert "Saved “Lake” with GPT-4o Image and its settings." in [s.value for s in at.success]
    [saved] = TaskStore(data, "demo").prompts()
    assert (saved.name, saved.tags) == ("Lake", "nature, dawn")
    assert GenerateRequest.from_dict(saved.request) == GenerateRequest.build(
        "gpt-4o-image", "A misty lake at dawn",
        {"enable_fallback": True, "fallback_model": "GPT_IMAGE_1", "is_enhance": True, "n_variants": 4, "size": "3:2"})
    assert at.text_input(key="lib_name").value == ""  # ready for the next one

    # Change the form, then use the saved prompt: prompt and every setting come back.
    at.text_area(key="gen_prompt").input("something else").run()
    at.radio(key=SIZE).set_value("1:1").run()
    at.segmented_control(key=N).set_value(1).run()
    at.toggle(key=ENHANCE).set_value(False).run()
    at.toggle(key=FALLBACK).set_value(False).run()
    picker = at.selectbox(key="lib_pick")
    assert picker.options == ["Lake · nature, dawn"]
    picker.select_index(0).run()
    ok(button(at, "lib_use").click().run())
    assert at.text_area(key="gen_prompt").value == "A misty lake at dawn"
    assert at.radio(key=SIZE).value == "3:2"
    assert at.segmented_control(key=N).value == 4
    assert at.toggle(key=ENHANCE).value is True
    assert at.toggle(key=FALLBACK).value is True
    assert at.radio(key=FALLBACK_MODEL).value == "GPT_IMAGE_1"
    assert at.session_state["_remembered"][SIZE] == "3:2"  # mirrored: survives a page switch (10805)


def test_the_library_brings_the_model_back(library):
    at, data = library
    at.selectbox(key="gen_model").set_value("seedream-4.5").run()
    at.text_area(key="gen_prompt").input("A glass city").run()
    at.radio(key="gen_seedream-4.5_quality").set_value("high").run()
    at.selectbox(key="gen_seedream-4.5_aspect_ratio").set_value("21:9").run()
    at.text_input(key="lib_name").input("City").run()
    ok(button(at, "lib_save").click().run())
    [saved] = TaskStore(data, "demo").prompts()
    request = GenerateRequest.from_dict(field(saved, "request"))  # a dict or the store's typed row
    assert request.model == "seedream-4.5" and dict(request.options)["quality"] == "high"
    at.selectbox(key="gen_model").set_value("gpt-4o-image").run()
    at.selectbox(key="lib_pick").select_index(0).run()
    ok(button(at, "lib_use").click().run())
    assert at.selectbox(key="gen_model").value == "seedream-4.5"
    assert at.radio(key="gen_seedream-4.5_quality").value == "high"
    assert at.selectbox(key="gen_seedream-4.5_aspect_ratio").value == "21:9"


def test_saving_under_a_used_name_replaces_it_and_delete_removes_it(library):
    at, data = library
    for prompt in ("first version", "second version"):
        at.text_area(key="gen_prompt").input(prompt).run()
        at.text_input(key="lib_name").input("Fox").run()
        ok(button(at, "lib_save").click().run())
    [saved] = TaskStore(data, "demo").prompts()
    assert saved.request["prompt"] == "second version"
    at.selectbox(key="lib_pick").select_index(0).run()
    ok(button(at, "lib_delete").click().run())
    assert "Deleted “Fox”." in [s.value for s in at.success]
    assert TaskStore(data, "demo").prompts() == [] and at.selectbox(key="lib_pick").value is None
    assert button(at, "lib_use").disabled


def test_recent_prompts_are_the_last_distinct_ones_and_use_fills_the_prompt_only(library):
    at, data = library
    tasks = [finished(f"t{n}", f"prompt {n % 22}", created=n) for n in range(30)]  # 22 distinct, some twice
    seed(data, tasks)
    at.radio(key=SIZE).set_value("2:3").run()
    ok(at.run())
    recent = [t.value for t in at.text]
    assert len(recent) == 20 and recent[0] == "prompt 7" and "prompt 8" not in recent[:1]
    assert len(set(recent)) == 20
    ok(button(at, "lib_recent_0").click().run())
    assert at.text_area(key="gen_prompt").value == "prompt 7"
    assert at.radio(key=SIZE).value == "2:3"  # settings untouched


def test_recent_prompts_show_a_batch_once(library):
    at, data = library
    store = TaskStore(data, "demo")
    store.add_batch("batch-1", "Animals", [GenerateRequest(prompt=f"A {a} in the snow").to_dict()
                                          for a in ("cat", "dog", "owl")], time.time())
    tasks = [finished("own", "my own prompt", created=0)]
    for n, animal in enumerate(("cat", "dog", "owl")):
        task = finished(f"b{n}", f"A {animal} in the snow", created=n + 1)
        task.batch_id = "batch-1"
        tasks.append(task)
    seed(data, tasks)
    ok(at.run())
    recent = [t.value for t in at.text]
    assert recent == ["A owl in the snow", "from the batch “Animals”", "my own prompt"]


def test_recent_prompts_show_a_template_once_however_many_batches_it_made(library):
    """Two batches of 60 from one template, after three prompts of my own: one line for the template, mine
    below it, and Use opens the template in Batch mode."""
    at, data = library
    store = TaskStore(data, "demo")
    template = "A {animal} in the {place}"
    tasks = [finished(f"own{n}", f"my own prompt {n}", created=n) for n in range(3)]
    for b in range(2):
        prompts = [f"A {a} in the {p}" for a in (f"cat{n}" for n in range(12)) for p in "abcde"]
        store.add_batch(f"batch-{b}", f"Zoo {b}", [GenerateRequest(prompt=p).to_dict() for p in prompts],
                        time.time(), template=template)
        for n, prompt in enumerate(prompts):
            task = finished(f"b{b}-{n}", prompt, created=10 + b * 100 + n)
            task.batch_id = f"batch-{b}"
            tasks.append(task)
    seed(data, tasks)
    ok(at.run())
    recent = [t.value for t in at.text]
    assert recent == [template, "template of the batch “Zoo 1”", "my own prompt 2", "my own prompt 1",
                      "my own prompt 0"]
    ok(button(at, "lib_recent_0").click().run())
    assert (at.session_state["gen_mode"], at.session_state["batch_source"]) == ("batch", "template")
    assert at.session_state["batch_template"] == template


def test_prompts_belong_to_the_person_under_sign_in(app_env):
    mine, theirs = TaskStore(app_env, "demo", owner="ann@example.com"), TaskStore(app_env, "demo", owner="bob@x.org")
    mine.save_prompt("p1", "Ann's", "", GenerateRequest(prompt="ann").to_dict(), 1.0)
    theirs.save_prompt("p2", "Bob's", "", GenerateRequest(prompt="bob").to_dict(), 2.0)
    assert [p.name for p in mine.prompts()] == ["Ann's"]
    assert [p.name for p in TaskStore(app_env, "demo").prompts()] == ["Ann's", "Bob's"]


# -- Compare ----------------------------------------------------------------------------------

@pytest.fixture
def three(app_env):
    store = TaskStore(app_env, "demo")
    tasks = [
        finished("task_a", "A red fox in *snow*", owner="ann@example.com", created=1),
        finished("task_b", "A grey fox in the rain", owner="ann@example.com", created=2, size="3:2", n_variants=2),
        finished("task_c", "A red fox at :orange[night]", owner="bob@example.com", created=3, is_enhance=True),
    ]
    for n, task in enumerate(tasks):
        store.add(task)
        with_image(store, task, (60 * n, 100, 0))
    return app_env


def compare_app(tmp_path, ids: str, person: str | None = None) -> AppTest:
    at = script(tmp_path, COMPARE)
    at.query_params["compare"] = ids
    if person:
        at.session_state["as_person"] = person
    return ok(at.run())


def table(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("| |"))


def test_compare_view_shows_three_tasks_with_differences_highlighted(three, tmp_path):
    at = compare_app(tmp_path, "task_a,task_b,task_c")
    assert len(at.get("image")) == 3
    prompts = [m.value for m in at.markdown if "fox" in m.value]
    assert prompts[0] == r"A :orange-background[red] fox :orange-background[in] :orange-background[\*snow\*]"
    assert prompts[1] == ("A :orange-background[grey] fox :orange-background[in] :orange-background[the] "
                          ":orange-background[rain]")
    # Markdown in a prompt is shown as typed, not obeyed (escaped inside and outside the highlight).
    assert f":orange-background[{literal(':orange[night]')}]" in prompts[2]  # components.text escapes it
    rows = {line.split(" | ")[0].strip("| "): line for line in table(at).splitlines()[2:]}
    assert rows["**Aspect ratio** :material/compare_arrows:"].count(":orange-background[") == 3
    assert "Landscape 3:2" in rows["**Aspect ratio** :material/compare_arrows:"]
    assert "**Prompt enhancement** :material/compare_arrows:" in rows
    assert "Kind" in rows and "orange" not in rows["Kind"]  # all text to image: not highlighted
    assert rows["Model"].count("GPT-4o Image") == 3  # each task's model, the same here: not highlighted
    assert all("GPT-4o Image" in m.value for m in at.markdown if m.value.startswith("**Task "))
    at.toggle(key="cmp_only_diff").set_value(True).run()
    assert "Kind" not in table(at) and "Aspect ratio" in table(at)


def test_compare_view_leaves_out_a_colleagues_task(three, tmp_path):
    at = compare_app(tmp_path, "task_a,task_c,task_b", person="ann@example.com")
    assert "1 task left out: not in this history, or not yours to see." in [c.value.split("visibility_off: ")[-1]
                                                                           for c in at.caption]
    assert "night" not in " ".join(m.value for m in at.markdown)
    assert table(at).splitlines()[0] == "| | Task 1 | Task 2 |"


def test_compare_view_with_fewer_than_two_visible_tasks_says_how_to_pick(three, tmp_path):
    at = compare_app(tmp_path, "task_a,nope", person="ann@example.com")
    assert "tick **Compare** on their tiles in History" in at.info[0].value
    ok(button(at, "cmp_back").click().run())
    assert "compare" not in at.query_params


def test_pick_up_to_four_then_open_the_comparison(app_env, tmp_path):
    seed(app_env, [finished(f"task_{n}", f"prompt {n}", created=n) for n in range(5)])
    at = ok(script(tmp_path, COMPARE).run())
    boxes = [c for c in at.checkbox if c.label == "Compare"]
    assert len(boxes) == 5
    boxes[0].check().run()
    assert "1 task picked to compare" in at.caption[0].value
    for n in (1, 2, 3):
        [c for c in at.checkbox if c.label == "Compare"][n].check().run()
    assert at.session_state["compare_ids"] == ["task_4", "task_3", "task_2", "task_1"]
    ok([c for c in at.checkbox if c.label == "Compare"][4].check().run())
    assert [t.value for t in at.toast] == ["At most 4 tasks can be compared: untick one first."]
    assert at.checkbox(key="gallery-cmp-task_0").value is False and len(at.session_state["compare_ids"]) == 4
    at.checkbox(key="gallery-cmp-task_3").uncheck().run()
    assert at.session_state["compare_ids"] == ["task_4", "task_2", "task_1"]
    assert button(at, "cmp_open").label == "Compare 3 tasks"
    ok(button(at, "cmp_open").click().run())
    assert at.query_params["compare"] == "task_4,task_2,task_1"
    assert table(at).splitlines()[0] == "| | Task 1 | Task 2 | Task 3 |"


def test_clear_unticks_everything(app_env, tmp_path):
    seed(app_env, [finished(f"task_{n}", f"prompt {n}", created=n) for n in range(3)])
    at = ok(script(tmp_path, COMPARE).run())
    at.checkbox(key="gallery-cmp-task_0").check().run()
    at.checkbox(key="gallery-cmp-task_1").check().run()
    ok(button(at, "cmp_clear").click().run())
    assert at.session_state["compare_ids"] == []
    assert not any(c.value for c in at.checkbox if c.label == "Compare")


def test_compare_shows_each_tasks_model(app_env, tmp_path):

    store = TaskStore(app_env, "demo")
    for n, model in enumerate(("gpt-image-2", "seedream-4.5")):
        request = GenerateRequest.build(model, "A lighthouse", {})
        task = Task(task_id=f"m{n}", kind="text", request=request, state="success", model=model,
                    created_at=time.time() - 60 + n, completed_at=time.time() - 50 + n)
        store.add(task)
        with_image(store, task, (40 * n, 90, 90))
    at = compare_app(tmp_path, "m0,m1")
    heads = [m.value for m in at.markdown if m.value.startswith("**Task ")]
    assert "GPT Image 2" in heads[0] and "Seedream 4.5" in heads[1]
    model_row = next(line for line in table(at).splitlines() if line.startswith("| **Model**"))
    assert model_row.count(":orange-background[") == 2  # they differ: highlighted


def test_compare_links_a_task_to_its_model_comparison(app_env, tmp_path):

    store = TaskStore(app_env, "demo")
    for n, model in enumerate(("gpt-image-2", "nano-banana-pro")):
        task = Task(task_id=f"c{n}", kind="text", request=GenerateRequest.build(model, "A kite", {}), state="success",
                    model=model, comparison_id="cmp-abc", created_at=time.time() - 60 + n)
        store.add(task)
    at = compare_app(tmp_path, "c0,c1")
    links = [c.value for c in at.caption if "model comparison" in c.value]
    assert len(links) == 2 and all("(/?comparison=cmp-abc)" in link for link in links)


def test_the_library_holds_a_prompt_to_its_models_own_limit(library):
    at, data = library
    at.selectbox(key="gen_model").set_value("gpt-image-2").run()
    at.text_area(key="gen_prompt").input("y" * 12_000).run()  # over GPT-4o's 5,000, within GPT Image 2's 20,000
    at.text_input(key="lib_name").input("Long").run()
    ok(button(at, "lib_save").click().run())
    assert not at.error
    [saved] = TaskStore(data, "demo").prompts()
    assert len(field(saved, "request")["prompt"]) == 12_000 and field(saved, "request")["model"] == "gpt-image-2"
