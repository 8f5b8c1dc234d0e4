"""Compare: pick 2–4 tasks in History, then see them side by side with what differs highlighted."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.credits import price
from components.pages import comparison_url
from components.session import SessionContext
from components.task_status import show_pending
from components.task_words import state_badge
from components.text import code, literal, task_href
from components.thumbs import picture, thumbnail
from kie import catalog, figures
from kie.models import KIND_LABELS, Task
from kie.task_diff import Word, compare, word_diff

PICKED = "compare_ids"
MAX_TASKS = 4
CHANGED = "_compare_changed"
REFUSED = "_compare_refused"
HIGHLIGHT = "orange-background"


def one_line(text: str) -> str:
    """A highlighted word or a table cell, shown as typed on one line."""
    return literal(text, one_line=True)


def marked_prompt(words: list[Word]) -> str:
    """A prompt as Markdown with its differing words highlighted; line breaks kept, other spaces single."""
    out = []
    for word in words:
        if word.is_space:
            out.append("  \n" if "\n" in word.text else " ")
        else:
            out.append(f":{HIGHLIGHT}[{one_line(word.text)}]" if word.differs else one_line(word.text))
    return "".join(out)


def _toggle(task_id: str, key: str) -> None:
    picked: list[str] = st.session_state.setdefault(PICKED, [])
    if st.session_state.get(key):
        if len(picked) >= MAX_TASKS:
            st.session_state[key] = False
            st.session_state[REFUSED] = True  # said by the picker: a callback's toast in a fragment is unsupported
            return
        if task_id not in picked:
            picked.append(task_id)
    elif task_id in picked:
        picked.remove(task_id)
    st.session_state[CHANGED] = True


def compare_picker(ctx: SessionContext, task: Task, key: str) -> None:
    """A "Compare" box for a History tile; up to four ticked tasks are kept in `st.session_state["compare_ids"]`."""
    box = f"{key}-cmp-{task.task_id}"
    st.session_state[box] = task.task_id in st.session_state.get(PICKED, [])  # the list is the truth
    st.checkbox("Compare", key=box, on_change=_toggle, args=(task.task_id, box))
    if st.session_state.pop(REFUSED, False):
        st.toast(f"At most {MAX_TASKS} tasks can be compared: untick one first.", icon=":material/block:")
    ctx = get_script_run_ctx()
    # Tiles sit in a polling fragment: the bar outside it must see the change, so the whole page reruns once.
    if ctx and ctx.fragment_ids_this_run and st.session_state.pop(CHANGED, False):
        st.rerun(scope="app")


def _open(ids: list[str]) -> None:
    st.query_params["compare"] = ",".join(ids)


def _clear() -> None:
    st.session_state[PICKED] = []


def compare_bar(ctx: SessionContext) -> None:
    """With two or more tasks picked: "Compare N tasks" (opens `?compare=id1,id2,…`) and "Clear"."""
    st.session_state.pop(CHANGED, None)
    picked = st.session_state.get(PICKED, [])
    if not picked:
        return
    if len(picked) == 1:
        st.caption("1 task picked to compare: tick one to three more.")
        return
    go, clear, _ = st.columns([2, 1, 4])
    go.button(f"Compare {len(picked)} tasks", key="cmp_open", type="primary", icon=":material/compare:",
              on_click=_open, args=(list(picked),))
    clear.button("Clear", key="cmp_clear", icon=":material/close:", on_click=_clear)


def ids_from_url(value: str | None) -> list[str]:
    """The task IDs of `?compare=…`, in order, without blanks or repeats."""
    return list(dict.fromkeys(i.strip() for i in (value or "").split(",") if i.strip()))


def _close() -> None:
    st.query_params.pop("compare", None)


def _results(ctx: SessionContext, task: Task) -> None:
    if task.images:
        cells = st.columns(2) if len(task.images) > 1 else [st.container()]
        for index, name in enumerate(task.images):
            with cells[index % len(cells)]:
                picture(thumbnail(ctx.store, task, name, 512), width="stretch")
    elif task.state == "failed":
        st.caption(f":red[{literal(figures.failure_words(task), 200, one_line=True)}]")
    elif task.state == "timed_out":
        st.caption(":orange[No answer in time.]")
    else:
        show_pending(ctx, task)


def _table(ctx: SessionContext, tasks: list[Task], only_differences: bool) -> str:
    head = "| | " + " | ".join(f"Task {n}" for n in range(1, len(tasks) + 1)) + " |"
    lines = [head, "|---" * (len(tasks) + 1) + "|"]
    rows = compare(tasks, price(ctx))[1:]  # the prompt is shown above, marked; costs read as on the tiles
    for row in rows:
        if only_differences and not row.differs:
            continue
        values = [f":{HIGHLIGHT}[{one_line(v)}]" if row.differs else one_line(v) for v in row.values]
        label = f"**{one_line(row.label)}** :material/compare_arrows:" if row.differs else one_line(row.label)
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def compare_view(ctx: SessionContext, task_ids: list[str]) -> None:
    """2–4 tasks side by side: results, prompts with differing words highlighted, and their parameters."""
    st.button("Back to all tasks", key="cmp_back", icon=":material/arrow_back:", on_click=_close)
    wanted = ids_from_url(",".join(task_ids))
    tasks = [t for t in (ctx.store.get(i) for i in wanted[:MAX_TASKS]) if t is not None]
    hidden = len(wanted[:MAX_TASKS]) - len(tasks)
    if hidden:
        st.caption(f":material/visibility_off: {hidden} task{'s' if hidden > 1 else ''} left out: not in this "
                   "history, or not yours to see.")
    if len(wanted) > MAX_TASKS:
        st.caption(f"Only the first {MAX_TASKS} tasks are compared.")
    if len(tasks) < 2:
        st.info("Pick two to four tasks to compare: tick **Compare** on their tiles in History, then press "
                "**Compare N tasks**.", icon=":material/compare:")
        return
    prompts = word_diff([t.prompt for t in tasks])
    for number, (column, task, words) in enumerate(zip(st.columns(len(tasks)), tasks, prompts, strict=True), 1):
        with column, st.container(border=True):
            st.markdown(f"**Task {number}** · {one_line(catalog.name_of(task.model))} · "
                        f"{KIND_LABELS.get(task.kind, task.kind)}  \n"
                        f"{state_badge(task)}")
            _results(ctx, task)
            st.markdown(marked_prompt(words) if task.prompt else f":grey[{literal(figures.title(ctx.store, task))}]")
            st.caption(f"[{code(task.task_id)}]({task_href(task.task_id)})")
            if task.comparison_id:  # made by Compare models: its comparison reopens on Generate
                st.caption(f":material/compare: [The model comparison it was made in]"
                           f"({comparison_url(task.comparison_id)})")
    only = st.toggle("Only what differs", key="cmp_only_diff")
    st.markdown(_table(ctx, tasks, only))
