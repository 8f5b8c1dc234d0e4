"""4o Image Studio: a browser studio for kie.ai's image APIs (the 4o Image API, the Market API's models, and every
family in kie/families; the models themselves are listed in kie/catalog_entries).

`streamlit run app.py` serves everything from this one entry: the pages (navigation in navigation.py), the
studio's own routes (provider callbacks, /healthz, /metrics) and the lifespan that runs the background worker
(server.py).
"""

import logging

import streamlit as st

import page_switch_guard
import press_guard
from server import lifespan, routes

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

page_switch_guard.install()  # a page left for another is never drawn again empty by its fragments' late reruns
press_guard.install()  # a press sent inside a fragment's rerun, made outside that fragment, runs the whole page
app = st.App("navigation.py", routes=routes, lifespan=lifespan)
