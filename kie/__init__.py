"""Core of 4o Image Studio: the kie.ai 4o Image API client, models, store and simulator.

Plain Python: nothing in this package imports Streamlit.
"""
