"""Generate's Batch mode: many prompts from lines, a CSV file or a template; what it will make; queue it."""

from __future__ import annotations

import re

import streamlit as st

from components import session, state
from components.session import StudioSession
from components.text import literal, show_message
from kie import errors
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
from kie.prices import price_per_image

SOURCES = {"lines": "One per line", "csv": "CSV file", "template": "Template"}
MAX_ERRORS_SHOWN = 12


def _values(text: str) -> list[str]:
    """A variable's values: one per line, or comma-separated on one line."""
    parts = text.splitlines() if "\n" in text.strip() else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def batch_input(defaults: GenerateRequest) -> ParsedBatch | None:
    """The prompts of the batch, checked one by one against the form's settings; None while there are none."""
    source = st.segmented_control("Prompts from", list(SOURCES), format_func=SOURCES.get, required=True,
                                  key=state.remember("batch_source", "lines"))
    if source == "lines":
        text = st.text_area("Prompts, one per line", key=state.remember("batch_lines", ""), height=160,
                            placeholder="A lighthouse at dawn\nA fox in the snow\nA city at night, neon rain")
        state.save("batch_source", "batch_lines")
        return parse_lines(text, defaults) if text.strip() else None
    if source == "csv":
        upload = st.file_uploader("CSV file", type=["csv", "txt"], key="batch_csv",
                                  help="Columns: prompt (required), size (1:1, 3:2, 2:3), n (1, 2, 4), enhance "
                                       "(yes/no). Empty cells take the settings below.")
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


def queue_controls(conn: StudioSession, parsed: ParsedBatch, defaults: GenerateRequest) -> None:
    """What the batch will make, row errors, and the button that queues it."""
    for problem in parsed.errors[:MAX_ERRORS_SHOWN]:
        show_message(problem, "error", icon=":material/error:")
    if len(parsed.errors) > MAX_ERRORS_SHOWN:
        st.caption(f"… and {len(parsed.errors) - MAX_ERRORS_SHOWN} more rows with errors.")
    skip = False
    if parsed.errors and parsed.items:
        skip = st.checkbox(f"Skip the {len(parsed.errors)} row(s) with errors and send the other "
                           f"{len(parsed.items)}", key="batch_skip")
    if not parsed.items:
        return
    price = price_per_image(conn.store, conn.mode)
    guess = estimate(parsed.items, price.credits if price else None)
    rate = session.settings().generate_rate
    pace = sending_time(guess.tasks, rate)
    note = f" ({price.source})" if price else " (no price known yet for this account)"
    st.info(f"**{guess.describe()}**{note if guess.credits is not None or not price else ''}. Sent at most "
            f"{rate.count} every {rate.seconds:g} s: about {pace:.0f} s to send them all.", icon=":material/info:")
    if conn.team and conn.studio.budgets:
        left = conn.studio.budgets.limit_for(conn.person.id)
        if left:
            left -= conn.studio.budgets.used_today(conn.person.id)
            if guess.images > left:
                st.warning(f"You have {max(left, 0)} image(s) left today; the batch pauses when they run out and "
                           "can be resumed tomorrow.", icon=":material/warning:")
    name = st.text_input("Batch name (optional)", key="batch_name", placeholder=f"{guess.tasks} prompts")
    if st.button(f"Queue {guess.tasks} task{'s' * (guess.tasks != 1)}", type="primary", icon=":material/queue:",
                 disabled=bool(parsed.errors) and not skip):
        try:
            requests = [item.to_request(defaults) for item in parsed.to_send(skip_bad_rows=skip)]
            batch_id = queue_batch(conn.studio, name, requests)
        except errors.RequestInvalid as problem:
            show_message(problem.message, "error", icon=":material/edit:")
            return
        session.audit(conn, "batch", batch_id, f"{len(requests)} tasks")
        st.session_state["batch_open"] = batch_id
        st.toast(f"Queued {len(requests)} tasks: they are sent in the background, at the service's pace.",
                 icon=":material/queue:")
