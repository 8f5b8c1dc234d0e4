"""Generate's Batch mode: many prompts from lines, a CSV file or a template; what it will make; queue it."""

from __future__ import annotations

import re

import streamlit as st

from components import session, state
from components.session import SessionContext
from components.text import literal, show_message
from components.workspace_actions import audit
from kie import catalog, errors, figures
from kie.batch import (
    MAX_CSV_BYTES,
    ParsedBatch,
    combination_count,
    estimate,
    expand_template,
    items_from_prompts,
    parse_csv,
    parse_lines,
    sending_time,
    variables_in,
)
from kie.batch_queue import queue_batch
from kie.models import GenerateRequest

SOURCES = {"lines": "One per line", "csv": "CSV file", "template": "Template"}
MAX_ERRORS_SHOWN = 12
LAST_QUEUED = "batch_last_queued"  # what the boxes held when the last batch was queued: a way back to the text
QUEUED_MESSAGE = "batch_queued_message"


def _values(text: str) -> list[str]:
    """A variable's values: one per line, or comma-separated on one line."""
    parts = text.splitlines() if "\n" in text.strip() else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def _put_back() -> None:
    """Fill the boxes again with what the last queued batch was made from."""
    for key, value in (st.session_state.pop(LAST_QUEUED, None) or {}).items():
        state.set_value(key, value)


def _boxes() -> list[str]:
    """The keys of the text boxes that hold the current batch's prompts (emptied once it is queued)."""
    source = st.session_state.get("batch_source", "lines")
    if source == "lines":
        return ["batch_lines"]
    if source == "template":
        return [k for k in st.session_state if k.startswith("batch_var_")]
    return []


def batch_input(defaults: GenerateRequest) -> ParsedBatch | None:
    """The prompts of the batch, checked one by one against the form's settings; None while there are none."""
    if any(st.session_state.get(k) for k in _boxes()):  # a new batch is being written: the notice has done its job
        st.session_state.pop(QUEUED_MESSAGE, None)
    if found := st.session_state.get(QUEUED_MESSAGE):
        st.success(found, icon=":material/queue:")
    if st.session_state.get(LAST_QUEUED):
        st.button("Put the last batch's prompts back", key="batch_put_back", icon=":material/undo:",
                  on_click=_put_back, help="The boxes were emptied when the batch was queued, so it is not sent twice")
    source = st.segmented_control("Prompts from", list(SOURCES), format_func=SOURCES.get, required=True,
                                  key=state.remember("batch_source", "lines"))
    if source == "lines":
        text = st.text_area("Prompts, one per line", key=state.remember("batch_lines", ""), height=160,
                            placeholder="A lighthouse at dawn\nA fox in the snow\nA city at night, neon rain")
        state.save("batch_source", "batch_lines")
        return parse_lines(text, defaults) if text.strip() else None
    if source == "csv":
        columns = ("Columns: prompt (required); optionally model (an id or name), size (the aspect ratio), n and "
                   "enhance (GPT-4o only). Empty cells take the settings above.")
        upload = st.file_uploader("CSV file", type=["csv", "txt"], help=columns,
                                  key=f"batch_csv_{st.session_state.get('_csv_rev', 0)}")
        state.save("batch_source")
        if upload is None:
            return None
        if upload.size > MAX_CSV_BYTES:
            st.error(f"{literal(upload.name)} is {upload.size / 1024 / 1024:.1f} MB; a batch file can be 5 MB at most.")
            return None
        parsed = parse_csv(upload.getvalue(), defaults)
        if parsed.ignored_columns:
            st.caption(f"Columns not used: {literal(', '.join(parsed.ignored_columns))}.")
        return parsed
    template = st.text_input("Template", key=state.remember("batch_template", "A {animal} in the {place}"),
                             help="Write {name} where a value goes; {{ and }} are literal braces.")
    state.save("batch_source", "batch_template")
    try:
        names = variables_in(template)
    except errors.RequestInvalid as problem:
        show_message(problem.message, "error", icon=":material/edit:")
        return None
    values = {}
    for name in names:
        key = "batch_var_" + re.sub(r"\W", "_", name)
        values[name] = _values(st.text_area(f"Values of {literal('{' + name + '}')}", key=state.remember(key, ""),
                                            height=68,
                                            placeholder="comma-separated, or one per line"))
        state.save(key)
    if not names:
        st.caption("Add a {variable} to the template to make one prompt per value.")
        return None
    count = combination_count(template, values)
    st.caption(f"{' × '.join(str(len(v)) for v in values.values())} = **{count} prompt{'s' * (count != 1)}**")
    if count == 0:
        return None
    try:
        return items_from_prompts(expand_template(template, values), defaults)
    except errors.RequestInvalid as problem:
        show_message(problem.message, "error", icon=":material/edit:")
        return None


def _queue(ctx: SessionContext, parsed: ParsedBatch, defaults: GenerateRequest, skip: bool) -> None:
    """Queue the batch (a callback: the boxes can be emptied before they are drawn again)."""
    try:
        requests = [item.to_request(defaults) for item in parsed.to_send(skip_bad_rows=skip)]
        template = st.session_state.get("batch_template") if st.session_state.get("batch_source") == "template" \
            else None
        batch_id = queue_batch(ctx.workspace, st.session_state.get("batch_name", ""), requests, template=template)
    except errors.RequestInvalid as problem:
        st.session_state["batch_queue_error"] = problem.message
        return
    audit(ctx, "batch", batch_id, f"{len(requests)} tasks, {defaults.spec.name}")
    st.session_state["batch_open"] = batch_id
    st.session_state[LAST_QUEUED] = {k: st.session_state.get(k, "") for k in _boxes()}
    for key in _boxes():
        state.set_value(key, "")
    st.session_state["_csv_rev"] = st.session_state.get("_csv_rev", 0) + 1  # empties the file box too
    st.session_state["batch_name"] = ""
    st.session_state[QUEUED_MESSAGE] = (f"Queued {len(requests)} tasks for {defaults.spec.name}: they are sent in "
                                        "the background, at the service's pace. The boxes are empty so the same "
                                        "batch is not sent twice.")


def queue_controls(ctx: SessionContext, parsed: ParsedBatch, defaults: GenerateRequest) -> None:
    """What the batch will make, row errors, and the button that queues it."""
    for problem in parsed.errors[:MAX_ERRORS_SHOWN]:
        show_message(problem, "error", icon=":material/error:")
    if len(parsed.errors) > MAX_ERRORS_SHOWN:
        st.caption(f"… and {len(parsed.errors) - MAX_ERRORS_SHOWN} more rows with errors.")
    skip = False
    if parsed.errors and parsed.items:
        skip = st.checkbox(f"Skip the {figures.count_words(len(parsed.errors), 'row')} with errors and send the "
                           f"other {len(parsed.items)}", key="batch_skip")
    if message := st.session_state.pop("batch_queue_error", None):
        show_message(message, "error", icon=":material/edit:")
    if not parsed.items:
        return
    spec = defaults.spec
    guess = estimate(parsed.items, spec.price_per_image, spec.id)  # rows naming another model: its own price
    rate = session.settings().generate_rate
    pace = sending_time(guess.tasks, rate)
    when = f"about {pace:.0f} s to send them all" if pace >= 1 else "all sent at once"
    st.info(f"**{guess.describe()}** with {spec.name} ({catalog.PRICE_NOTE}). Sent at most {rate.count} every "
            f"{rate.seconds:g} s: {when}.", icon=":material/info:")
    if ctx.team and ctx.workspace.budgets:
        left = ctx.workspace.budgets.limit_for(ctx.person.id)
        if left:
            left -= ctx.workspace.budgets.used_today(ctx.person.id)
            if guess.images > left:
                st.warning(f"You have {figures.count_words(max(left, 0), 'image')} left today; the batch pauses "
                           "when they run out and can be resumed tomorrow.", icon=":material/warning:")
    st.text_input("Batch name (optional)", key="batch_name", placeholder=f"{guess.tasks} prompts")
    st.button(f"Queue {guess.tasks} task{'s' * (guess.tasks != 1)}", type="primary", icon=":material/queue:",
              disabled=bool(parsed.errors) and not skip, on_click=_queue, args=(ctx, parsed, defaults, skip))
