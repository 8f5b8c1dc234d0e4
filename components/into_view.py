"""A new task's card brought into the window: after Generate, Vary or Run again the card of the task just sent is
scrolled into view when it is drawn, and again when its pictures arrive if they would end below the window's edge,
so nobody scrolls after every press.

The page asks once (`bring_into_view`); the card draws a hidden marker with a few lines of script (`into_view`),
once while the task is being made and once when it has ended. The script moves the window only when the card is
not whole in it; when its pictures arrive it does so only while the card's top is in view (someone who scrolled
away is left where they are).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from components.layout import key_class
from kie.models import Task

WANTED = "_into_view"  # the task whose card is to be brought into view, and the stages it was brought in at

# Scroll the card named by the marker into the window if it is not whole in it: at "sent" always, at "ended" only
# while its top is in view. Pictures still loading grow the card after it is drawn, and a rerun may draw the card
# afresh (a new element), so the card is looked up by its name at each check, and the check runs again whenever the
# page changes size (a redraw of the card, or of what is above it, can move it after its pictures arrived): until
# the person scrolls, clicks or types (the page never moves under their pointer), or 20 s have passed. The header
# Streamlit draws over the page's top is left clear.
SCRIPT = """(() => {
  const marker = document.currentScript && document.currentScript.previousElementSibling;
  if (!marker) return;
  const stage = marker.dataset.stage, name = marker.dataset.card;
  const cardOf = () => Array.from(document.querySelectorAll('[class*="st-key-card-"]')).find(
    (e) => Array.from(e.classList).some((c) => c.startsWith('st-key-card-') && c.endsWith(name)));
  const header = () => { const h = document.querySelector('[data-testid=stHeader]');
    return h ? h.getBoundingClientRect().bottom : 0; };
  const inputs = ['wheel', 'touchstart', 'keydown', 'mousedown'];
  let watch = null;
  const stop = () => {
    if (watch) watch.disconnect();
    watch = null;
    inputs.forEach((kind) => window.removeEventListener(kind, stop, true));
  };
  const fit = (behavior = 'smooth') => {
    const card = cardOf();
    if (!card) return;
    const box = card.getBoundingClientRect(), top = header(), bottom = window.innerHeight;
    if (box.top >= top - 1 && box.bottom <= bottom + 1) return;  // whole (a redraw may still grow it: keep watching)
    if (stage === 'ended' && (box.top < top - 1 || box.top > bottom)) return;
    const tall = box.height > bottom - top;
    card.scrollIntoView({block: tall || box.top < top ? 'start' : 'end', behavior});
    // A smooth scroll can be cut short (the page redrawn under it): look again once it should have ended.
    if (behavior === 'smooth') setTimeout(() => watch && fit('auto'), 800);
  };
  requestAnimationFrame(() => fit());
  if (!window.ResizeObserver) return;
  watch = new ResizeObserver(() => requestAnimationFrame(() => watch && fit()));
  watch.observe(document.querySelector('[data-testid=stMainBlockContainer]') || document.body);
  inputs.forEach((kind) => window.addEventListener(kind, stop, true));
  setTimeout(stop, 20000);
})();"""


def bring_into_view(task_id: str) -> None:
    """Ask for the card of `task_id` (just sent) to be brought into the window where it is drawn next."""
    st.session_state[WANTED] = {"task": task_id, "done": []}


def into_view(task: Task) -> None:
    """Inside a task's card: if this session asked for it, the marker that brings the card into the window (once
    while it is being made, once when it has ended; then the ask is forgotten)."""
    wanted = st.session_state.get(WANTED)
    if not wanted or wanted["task"] != task.task_id:
        return
    stage = "sent" if task.needs_polling else "ended"
    if stage in wanted["done"]:
        return
    if stage == "ended":
        st.session_state.pop(WANTED, None)  # drawn once more now: nothing to bring in after this
    else:
        wanted["done"].append(stage)
    # Hidden, and the room kept clear above and below the card, by components/layout.py's rules.
    card = "-" + key_class(task.task_id).removeprefix("st-key-")  # how every card of this task's class ends
    st.html(f'<span class="studio-into-view" hidden data-stage="{stage}" data-card="{escape(card, quote=True)}">'
            f'</span><script>{SCRIPT}</script>', unsafe_allow_javascript=True)
