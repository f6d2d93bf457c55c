"""The review web app (FastAPI, server-rendered templates, htmx) and the REST API."""
