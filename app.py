"""4o Image Studio: a browser studio for the kie.ai 4o Image API."""

import logging

import streamlit as st

from components import sidebar

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
st.set_page_config(page_title="4o Image Studio", page_icon=":material/palette:", layout="wide")

page = st.navigation([
    st.Page("app_pages/generate.py", title="Generate", icon=":material/auto_awesome:", default=True),
    st.Page("app_pages/edit.py", title="Edit", icon=":material/brush:", url_path="edit"),
    st.Page("app_pages/history.py", title="History", icon=":material/history:", url_path="history"),
])
with st.sidebar:
    st.markdown("### 4o Image Studio")
sidebar.render()
page.run()
