"""Issue 18: people's and the API's text is shown literally on every page, never obeyed as Markdown.

The hostile corpus goes in where it really arrives (the store's tasks, batches, library and audit; a PNG's text
chunks read by Restore; an image error naming a file; a taskId typed into *Add a task by ID*; a signed-in
person's name) and every page is drawn: Generate (single and batch, library, references, restore), Edit, History
(gallery, each task's detail, Compare), Showcase (every slide), the batch view and the sign-in sidebar. Then every
string in every element the page sent is checked: where Streamlit renders Markdown, no corpus construct is left
unescaped; and each corpus entry is shown (read back through `components.text.unescape`).
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from components.text import code, identity, unescape
from kie.images import ImageError, load_picture
from kie.models import GenerateRequest, Task
from kie.pngmeta import read_settings, tag_png
from kie.store import TaskStore
from tests.app.conftest import ROOT
from tests.fixtures import pictures
from tests.unit.test_text import CORPUS, LONG_WORD

# Elements and fields that show their string as it is (no Markdown): raw corpus text is expected there.
PLAIN_ELEMENTS = {"Text", "Code", "Json", "TextArea", "TextInput", "Selectbox", "MultiSelect", "Arrow", "Html",
                  "BidiComponent",
                  "DownloadButton.url", "ImageList.url"}
PLAIN_FIELDS = {"id", "key", "form_id", "url", "value", "default", "placeholder", "code_text", "data",
                "file_name", "deprecated_id", "widget_id", "fragment_id", "page_script_hash", "options"}

# A construct Markdown would obey, left unescaped in a Markdown string (an escape is an odd run of backslashes).
UNESCAPED = r"(?<!\\)(?:\\\\)*"
OBEYED = {
    "image": re.compile(UNESCAPED + r"!\[t\]"),
    "link": re.compile(UNESCAPED + r"\]\((?:http|javascript)"),
    "math": re.compile(UNESCAPED + r"\$"),
    "colour": re.compile(UNESCAPED + r":red\[x"),
    "icon": re.compile(r":material/home:"),
    "html": re.compile(UNESCAPED + r"<img src=x"),
    "heading": re.compile(r"(?m)^\s{0,3}#{1,6} heading"),
    "autolink": re.compile(r"(?:http|javascript):(?!&#8288;)"),
}
# An inline code span (an unescaped run of backticks to the same run) shows its content as typed.
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def strings(message: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (field path, string) in a protobuf message as a dict."""
    found: list[tuple[str, str]] = []
    if isinstance(message, dict):
        for name, value in message.items():
            found += strings(value, f"{path}.{name}" if path else name)
    elif isinstance(message, list):
        for value in message:
            found += strings(value, path)
    elif isinstance(message, str):
        found.append((path, message))
    return found


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def markdown_strings(at: AppTest) -> list[tuple[str, str, str]]:
    """(element type, field, string) of every string Streamlit renders as Markdown on the page just drawn."""
    out = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = type(proto).__name__
        for path, value in strings(MessageToDict(proto, preserving_proto_field_name=True)):
            field = path.rsplit(".", 1)[-1]
            if kind in PLAIN_ELEMENTS or field in PLAIN_FIELDS or f"{kind}.{field}" in PLAIN_ELEMENTS:
                continue
            out.append((kind, path, value))
    return out


def all_strings(at: AppTest) -> str:
    return "\n".join(v for node in walk(at._tree) if getattr(node, "proto", None) is not None
                     for _, v in strings(MessageToDict(node.proto, preserving_proto_field_name=True)))


def assert_literal(at: AppTest, expect: list[str] = ()) -> None:
    """Nothing on the page obeys the corpus, and each text in `expect` is shown (escaped where Markdown)."""
    assert not at.exception, at.exception
    shown = markdown_strings(at)
    problems = [(kind, path, name, value[:160]) for kind, path, value in shown
                for name, pattern in OBEYED.items() if pattern.search(CODE_SPAN.sub("`code`", value))]
    assert problems == [], problems
    readable = "\n".join(unescape(v) for _, _, v in shown) + "\n" + all_strings(at)
    for text in expect:
        assert text[:60] in readable, f"not shown: {text[:60]!r}"


def click(at: AppTest, label: str, n: int = 0) -> None:
    [b for b in at.button if b.label == label][n].click().run()
    assert not at.exception, at.exception


SHORT = [t for t in CORPUS if t != LONG_WORD]


@pytest.fixture
def store(app_env) -> TaskStore:
    """The corpus as prompts, API failure messages, batch names and messages, library names and tags."""
    store = TaskStore(app_env, "demo")
    now = time.time() - 600
    for n, text in enumerate(CORPUS):
        done = Task(task_id=f"task_hostile_{n}", kind="text", request=GenerateRequest(prompt=text), state="success",
                    created_at=now + n, result_urls=[f"https://e.com/{n}.png"])
        done.images = [store.save_image(done.task_id, 0, pictures.png((32, 32), (n * 20, 40, 90)))]
        store.add(done)
        store.set_favourite(done.task_id, True)
        store.set_showcase(done.task_id, True)
        # Failures in the provider's words: once with a code (quoted after the app's sentence), once without.
        store.add(Task(task_id=f"task_failed_{n}", kind="text", request=GenerateRequest(prompt=f"failed {n}"),
                       state="failed", created_at=now + 20 + n, error_code=None if n % 2 else 400,
                       error_message=text))
    for n, text in enumerate(SHORT[:3]):
        source = store.save_input(pictures.png((48, 32), (0, 90, 200)))
        edit = Task(task_id=f"task_edit_{n}", kind="edit", request=GenerateRequest(prompt=text), state="success",
                    created_at=now + 40 + n, inputs={"source": source}, result_urls=["https://e.com/e.png"])
        edit.images = [store.save_image(edit.task_id, 0, pictures.png((48, 32), (200, 90, 0)))]
        store.add(edit)
    for n, text in enumerate(CORPUS):
        batch_id = f"batch-hostile-{n}"
        store.add_batch(batch_id, text, [GenerateRequest(prompt=p).to_dict() for p in SHORT], now + 60 + n)
        # As the sender does: the first item sent as the hostile task, the second refused in the API's words.
        for _ in range(2):
            item = store.take_batch_item(now)
            assert item is not None and item.batch_id == batch_id
        store.finish_batch_item(batch_id, 0, "sent", task_id=f"task_hostile_{n}")
        store.finish_batch_item(batch_id, 1, "failed", error=text)
        store.set_batch_state(batch_id, "paused", text)
        store.save_prompt(f"prompt-{n}", text, text, GenerateRequest(prompt=text).to_dict(), now + n)
    return store


def page(path: str, query: dict[str, str] | None = None, state: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=60)
    at.run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(path)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def test_generate_shows_prompts_library_references_and_errors_literally(store):
    picture_error = ""
    try:
        load_picture(b"not a picture", name=SHORT[0])
    except ImageError as error:
        picture_error = str(error)
    assert SHORT[0] in picture_error  # the file's name is in the message
    refs = [{"name": store.save_input(pictures.png((32, 32), (n, 9, 9))), "width": 32, "height": 32,
             "label": text} for n, text in enumerate(SHORT[:5])]
    at = page("app_pages/generate.py", state={"gen_refs": refs, "gen_ref_pick_error": picture_error})
    # Recent tasks (6 newest: the edits and failures), the library popover (names, tags, recent prompts).
    assert_literal(at, SHORT[:5] + [picture_error])
    recent = " ".join(t.value for t in at.text)
    assert all(text[:40] in recent for text in SHORT)  # recent prompts drawn with st.text: as typed
    assert any(e.label.startswith("Reference pictures") for e in at.expander)


def test_a_refused_reference_names_the_task_literally(store):
    """Five references already: "Use as reference" on a hostile task says which picture did not fit."""
    refs = [{"name": store.save_input(pictures.png((32, 32), (n, 9, 9))), "width": 32, "height": 32,
             "label": f"ref {n}"} for n in range(5)]
    at = page("app_pages/history.py", query={"task": "task_hostile_0"}, state={"gen_refs": refs})
    click(at, "Use as reference")
    at.switch_page("app_pages/generate.py").run()
    errors = [e.value for e in at.error]
    assert any("At most 5 reference pictures" in e for e in errors), errors
    assert_literal(at, [CORPUS[0][:30]])


def test_restore_reads_a_crafted_png_and_shows_its_text_literally(store):
    crafted = Task(task_id=SHORT[2] + " " + SHORT[0], kind="text", request=GenerateRequest(prompt=" ".join(SHORT)),
                   state="success")
    png = tag_png(pictures.png((32, 32), (1, 2, 3)), crafted, 0)
    found = read_settings(png)
    assert found is not None and found.prompt == " ".join(SHORT)
    at = page("app_pages/generate.py", state={"gen_ref_pick_restorable": found})
    info = " ".join(i.value for i in at.info)
    assert "made by the studio" in info
    assert_literal(at, [" ".join(SHORT)[:60]])
    click(at, "Restore its settings")
    assert at.text_area(key="gen_prompt").value == " ".join(SHORT)  # a widget value: shown as typed
    toasts = [t.value for t in at.toast]
    assert any("Settings restored from" in t for t in toasts), toasts
    assert_literal(at, [SHORT[2][:30]])


def test_generate_batch_view_shows_names_messages_and_items_literally(store):
    at = page("app_pages/generate.py", state={"batch_open": "batch-hostile-0"})
    at.segmented_control(key="gen_mode").set_value("batch").run()
    assert_literal(at, SHORT)
    names = [m.value for m in at.markdown if m.value.startswith("**") and "tasks" in m.value]
    assert len(names) == len(CORPUS)
    warnings = " ".join(unescape(w.value) for w in at.warning)
    assert all(text[:40] in warnings for text in SHORT)  # each paused batch's message
    # The open batch: its items in a table (drawn on a canvas, as typed) and its finished task's prompt below.
    captions = [unescape(c.value) for c in at.caption]
    assert CORPUS[0] in captions, captions


def test_edit_shows_the_source_name_and_edits_literally(store):
    source = {"name": store.save_input(pictures.png((48, 32), (0, 90, 200))), "width": 48, "height": 32,
              "label": SHORT[6]}
    at = page("app_pages/edit.py", state={"edit_source": source, "edit_pick_error": SHORT[4]})
    assert_literal(at, SHORT[:3] + [SHORT[4]])
    assert any(unescape(e.label).startswith(f"Picture: {SHORT[6]}") for e in at.expander)


def test_history_gallery_and_every_detail_show_text_literally(store):
    at = page("app_pages/history.py")
    assert_literal(at, [t[:80] for t in SHORT])
    ids = [f"task_hostile_{n}" for n in range(len(CORPUS))] + [f"task_failed_{n}" for n in range(len(CORPUS))]
    for task_id in ids:
        at.query_params["task"] = task_id
        at.run()
        assert_literal(at, [store.get(task_id).prompt, store.get(task_id).error_message or ""])
    at.query_params["task"] = "task_hostile_0"
    at.run()
    click(at, "Delete")
    assert_literal(at)


def test_compare_shows_prompts_and_failures_literally(store):
    ids = [f"task_hostile_{n}" for n in range(len(CORPUS))] + [f"task_failed_{n}" for n in range(len(CORPUS))]
    for start in range(0, len(ids), 4):
        at = page("app_pages/history.py", query={"compare": ",".join(ids[start:start + 4])})
        assert_literal(at)


def test_adding_a_hostile_task_id_shows_the_answer_literally(store):
    at = page("app_pages/history.py")
    for typed in SHORT:
        at.text_input(key="adopt_id").input(typed).run()
        click(at, "Add task")
        assert at.error, "a refusal is shown"
        assert_literal(at)


def test_showcase_shows_every_slide_literally(store):
    for number in range(1, len(CORPUS) + 1):
        at = page("app_pages/showcase.py", query={"slide": str(number)})
        heading = [m.value for m in at.markdown if m.value.startswith("#### ")]
        assert len(heading) == 1
        assert_literal(at)
        assert " ".join(unescape(heading[0].removeprefix("#### ")).split()) in [" ".join(t.split()) for t in CORPUS]


def test_a_toast_for_an_ended_task_shows_its_prompt_literally(store):
    at = page("app_pages/edit.py", state={"_ended": [f"task_hostile_{n}" for n in range(len(CORPUS))]})
    toasts = [t.value for t in at.toast]
    assert len(toasts) == len(CORPUS), toasts
    assert_literal(at, [text[:40] for text in SHORT])


@pytest.mark.parametrize(("name", "ident"), [(CORPUS[0], CORPUS[1]), (CORPUS[3], CORPUS[6]), ("", CORPUS[4]),
                                             ("Alice", "alice@example.com"), ("", CORPUS[0] + "@example.com")])
def test_a_signed_in_persons_name_and_e_mail_are_shown_literally(name, ident):
    def sidebar(name: str, ident: str) -> None:
        from components import sign_in
        from kie.team import Person

        sign_in.sidebar(Person(id="https://issuer.example|sub-1", name=name, is_admin=True, email=ident), 2, 10)

    at = AppTest.from_function(sidebar, args=(name, ident), default_timeout=30)
    at.run()
    assert_literal(at, [name, ident])
    if "@" in ident:  # an e-mail in a code span: no mailto link, and the exact address to search for
        assert code(ident) in at.markdown[0].value


def test_admin_shows_people_and_audit_details_literally(app_env):
    """The Admin parts over the real server workspace: usage, budgets and the audit log (tables, drawn on a canvas,
    hold the text as typed) and the budget form's confirmation (Markdown) with a hostile e-mail."""

    def admin() -> None:
        from components import admin_view, session
        from components.session import SessionContext
        from kie.team import Budgets, Person
        from tests.unit.test_text import CORPUS

        shared = session.service().server_workspace()
        who = Person(id="admin@example.com", name="Admin", is_admin=True)
        workspace = shared.for_person(who.id, Budgets(shared.store.scoped(None)))
        ctx = SessionContext(mode="demo", label="Demo", workspace_id="demo", workspace=workspace, person=who)
        if not shared.store.scoped(None).audit_log(limit=1):
            for text in CORPUS:
                shared.store.scoped(None).audit(text, "delete", text[:40], text, 0.0)
        admin_view.usage_table(ctx)
        admin_view.budget_editor(ctx)
        admin_view.audit_table(ctx)

    at = AppTest.from_function(admin, default_timeout=30)
    at.run()
    assert_literal(at)
    for typed in (SHORT[0], f"{SHORT[0]}@Example.com"):
        at.text_input[0].input(typed)  # inside the form: sent with its submit button
        [b for b in at.button if b.label == "Save budget"][0].click().run()
        assert_literal(at, [typed.lower()])
        assert [s.value for s in at.success] == [f"Saved: {identity(typed.lower())}."]


def test_batch_lines_and_their_row_errors_are_shown_literally(store):
    """Prompts typed one per line (the 10,000-character one is refused, its row named) in Batch mode."""
    at = page("app_pages/generate.py")
    at.segmented_control(key="gen_mode").set_value("batch").run()
    at.text_area(key="batch_lines").input("\n".join(CORPUS)).run()
    assert at.error, "the over-long line is refused with a message"
    assert_literal(at)
    at.checkbox(key="batch_skip").check().run()
    at.text_input(key="batch_name").input(SHORT[0]).run()
    [b for b in at.button if b.label.startswith("Queue ")][0].click().run()
    assert_literal(at, [SHORT[0]])
    queued = [b for b in store.batches() if b.name == SHORT[0] and not b.id.startswith("batch-hostile")]
    assert len(queued) == 1 and queued[0].total == len(SHORT)
