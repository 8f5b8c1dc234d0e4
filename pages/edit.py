"""Edit: paint a mask on a picture and change what is under it."""

import streamlit as st

st.title("Edit")
st.info("Coming soon: paint over a picture and describe the change.", icon=":material/construction:")
