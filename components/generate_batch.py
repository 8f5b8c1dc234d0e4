"""Generate's Batch mode: a model and its options as every line's defaults, the prompts (lines or a CSV), queueing
them, and the batches below."""

from __future__ import annotations

import streamlit as st

from components import batch_form, batch_view, model_form, state
from components.session import SessionContext
from kie.models import GenerateRequest

FORM = "gen"  # the model form's prefix: gen_model, gen_<model>_<option> (shared with Single)


def batch_mode(ctx: SessionContext) -> None:
    """The batch form with the chosen model's options as defaults, then the batches."""
    spec = model_form.model_control(FORM)
    st.caption(model_form.model_facts(spec))
    options = model_form.option_controls(FORM, spec)
    with st.expander("Advanced"):
        callback = st.text_input("Callback URL", key=state.remember("gen_callback", ""),
                                 placeholder="https://example.com/kie-callback",
                                 help="The service POSTs each result there when its task ends. Optional.")
    state.save("gen_callback")
    defaults = GenerateRequest.build(spec.id, "", options, callback_url=callback or None)
    parsed = batch_form.batch_input(defaults)
    if parsed is not None:
        batch_form.queue_controls(ctx, parsed, defaults)
    st.subheader("Batches")
    batch_view.batches(ctx)
