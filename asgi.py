"""The app server of the dashboard: app.py served by Streamlit's Starlette server (st.App), plus the
route that sets and clears the log-in cookie (ucj_oversight/web/session.py).

Started by `python -m ucj_oversight.server` (the documented command, which also preloads the heavy
modules) or `streamlit run asgi.py`: Streamlit finds `app` below and serves it with uvicorn. It
lives next to app.py so that both read the same .streamlit/config.toml and secrets.toml.
`streamlit run app.py` still works, without the cookie (a reload then means logging in again).
"""

from pathlib import Path

import streamlit as st

from ucj_oversight.web import session

app = st.App(Path(__file__).with_name("app.py"), routes=session.routes())
