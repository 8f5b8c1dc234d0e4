"""Generate: text to image with any model of the catalogue, many prompts at once, or one prompt to several models."""

import streamlit as st

from components import session
from components.compare_models import compare_page
from components.generate_batch import batch_mode
from components.generate_modes import mode_control
from components.generate_single import single_mode
from components.restore import restore_box

ctx = session.context()
st.title("Generate")
st.caption("Describe a picture and choose the model that paints it. Batch: many prompts at once, sent at the "
           "service's pace. Compare models: one prompt to several models, side by side.")
mode = mode_control()
restore_box()

if mode == "compare":
    compare_page(ctx)
elif mode == "batch":
    batch_mode(ctx)
else:
    single_mode(ctx)
