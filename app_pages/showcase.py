"""Showcase: a full-width slideshow of favourite (or chosen) tasks, for demos to stakeholders."""

import streamlit as st

from components import session
from components.showcase import presenting, showcase

ctx = session.context()
if not presenting():
    st.title("Showcase")
showcase(ctx)
