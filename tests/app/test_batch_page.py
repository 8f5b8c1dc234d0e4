"""Generate's Batch mode (AppTest, demo mode): lines, CSV errors per row, a template, what it makes, queueing."""

from __future__ import annotations

from tests.app.conftest import run_until


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def batch_mode(at):
    at.segmented_control(key="gen_mode").set_value("batch").run()
    assert not at.exception


def test_lines_show_what_they_make_then_run_to_the_end(app):
    batch_mode(app)
    app.text_area(key="batch_lines").input("a red fox\n\na blue whale\na green frog").run()
    assert "3 tasks, 3 images, about 4.5 credits (estimate)" in texts(app.info)
    next(b for b in app.button if b.label == "Queue 3 tasks").click().run()
    assert not app.exception
    run_until(app, lambda a: any("Done" in str(m.value) for m in a.markdown), timeout=30)
    assert "All 3 ended: 3 done." in " ".join(str(p.proto.text) for p in app.get("progress"))
    from kie.service import service
    from kie.store import TaskStore

    store: TaskStore = service().server_workspace().store
    batch = store.batches()[0]
    assert batch.sent == 3 and [i.request["prompt"] for i in store.batch_items(batch.id)] == [
        "a red fox", "a blue whale", "a green frog"]


def test_a_template_shows_its_count_before_anything_is_sent(app):
    batch_mode(app)
    app.segmented_control(key="batch_source").set_value("template").run()
    app.text_input(key="batch_template").input("A {animal} at {time}").run()
    app.text_area(key="batch_var_animal").input("cat, dog, owl").run()
    app.text_area(key="batch_var_time").input("dawn\nnoon").run()
    assert "3 × 2 = **6 prompts**" in texts(app.caption)
    assert "6 tasks, 6 images" in texts(app.info)
    next(b for b in app.button if b.label == "Queue 6 tasks").click().run()
    assert not app.exception
    from kie.service import service

    batch = service().server_workspace().store.batches()[0]
    assert (batch.total, batch.template) == (6, "A {animal} at {time}")  # kept for the library's recent prompts


def test_bad_lines_are_named_and_nothing_is_queued_unless_skipped(app):
    batch_mode(app)
    app.text_area(key="batch_lines").input("fine prompt\n" + "x" * 6000).run()
    assert "Line 2" in texts(app.error) or "Row 2" in texts(app.error)
    queue = next(b for b in app.button if b.label == "Queue 1 task")
    assert queue.disabled
    app.checkbox(key="batch_skip").check().run()
    next(b for b in app.button if b.label == "Queue 1 task").click().run()
    assert not app.exception
    from kie.service import service

    assert service().server_workspace().store.batches()[0].total == 1


def test_the_box_empties_after_queueing_and_the_text_can_come_back(app):
    batch_mode(app)
    app.text_area(key="batch_lines").input("a red kite\na blue kite").run()
    next(b for b in app.button if b.label == "Queue 2 tasks").click().run()
    assert not app.exception
    assert app.text_area(key="batch_lines").value == ""  # not sent twice by a second press
    assert "Queued 2 tasks" in texts(app.success)
    assert not any(b.label.startswith("Queue ") for b in app.button)
    next(b for b in app.button if b.label == "Put the last batch's prompts back").click().run()
    assert app.text_area(key="batch_lines").value == "a red kite\na blue kite"


def test_a_batch_can_target_another_model(app):
    from kie import catalog
    from kie.service import service

    batch_mode(app)
    app.selectbox(key="gen_model").set_value("seedream-4.5").run()
    app.radio(key="gen_seedream-4.5_quality").set_value("high").run()
    app.text_area(key="batch_lines").input("a tall ship\na short ship").run()
    price = catalog.get("seedream-4.5").price_per_image
    assert f"2 tasks, 2 images, about {2 * price:g} credits (estimate)" in texts(app.info)
    assert "with Seedream 4.5" in texts(app.info)
    next(b for b in app.button if b.label == "Queue 2 tasks").click().run()
    assert not app.exception
    store = service().server_workspace().store
    from kie.library import field

    items = store.batch_items(field(store.batches()[0], "id"))
    assert [(field(i, "request")["model"], field(i, "request")["options"]["quality"]) for i in items] == [
        ("seedream-4.5", "high"), ("seedream-4.5", "high")]


def test_a_batch_is_one_line_in_recent_tasks_beside_your_own_work(app):
    app.text_area(key="gen_prompt").input("my own picture").run()
    next(b for b in app.button if b.label == "Generate").click().run()
    batch_mode(app)
    app.text_area(key="batch_lines").input("\n".join(f"batch item {n}" for n in range(8))).run()
    next(b for b in app.button if b.label == "Queue 8 tasks").click().run()
    run_until(app, lambda a: "All 8 ended" in " ".join(str(p.proto.text) for p in a.get("progress")), timeout=40)
    app.segmented_control(key="gen_mode").set_value("single").run()
    shown = texts(app.markdown)
    assert "my own picture" in shown  # not crowded out by the eight
    assert "batch item" not in shown.replace("8 tasks: 8 done", "")
    lines = [m.value for m in app.markdown if "tasks: " in str(m.value)]
    assert len(lines) == 1 and "8 tasks: 8 done" in lines[0]
    next(b for b in app.button if b.key and b.key.startswith("gen-batch-")).click().run()
    assert app.segmented_control(key="gen_mode").value == "batch"
