"""4o Image Studio: a browser studio for the kie.ai 4o Image API.

`streamlit run app.py` serves everything from this one entry: the pages (navigation in studio.py), the
studio's own routes (provider callbacks, /healthz) and the lifespan that runs the background worker (server.py).
"""

import logging

import streamlit as st

from server import lifespan, routes

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = st.App("navigation.py", routes=routes, lifespan=lifespan)
