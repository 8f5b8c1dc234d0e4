"""Edit: paint over the part of a picture to change, and say what should be there."""

import streamlit as st

from components import edit_form, session
from components.recent_edits import recent_edits_panel

ctx = session.context()
st.title("Edit")
st.caption("Pick a picture, paint over what should change, and say what should be there.")
source = edit_form.source_picker(ctx)
spec, keep = edit_form.model_choice()  # a model that can edit: a mask, or a picture to work from
painted = edit_form.mask_painter(ctx, source)
edit_form.prompt_and_apply(ctx, source, spec, keep, painted)
recent_edits_panel(ctx)
