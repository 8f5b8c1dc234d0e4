"""History: every task of this workspace."""

import streamlit as st

st.title("History")
st.info("Coming soon: every task, searchable and reusable.", icon=":material/construction:")
