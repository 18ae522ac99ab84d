"""Mounting the pages and their static files on the app."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tipwatch.web.pages import auth, cases, dashboard, imports, oversight, people


def install_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(packages=[("tipwatch.web", "static")]), name="static")
    for module in (auth, cases, people, dashboard, oversight, imports):
        app.include_router(module.router)
