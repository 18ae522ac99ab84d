"""The web application: the REST API under /api/v1 (later issues add the pages)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi_offline import FastAPIOffline

from tipwatch import __version__
from tipwatch.api import (
    accounts,
    analytics,
    audit,
    cases,
    imports,
    law,
    oversight,
    people,
    units,
)
from tipwatch.api.errors import install_error_handlers
from tipwatch.api.security import install_docs, install_security_headers
from tipwatch.services.context import Context
from tipwatch.web.app import install_web

API_PREFIX = "/api/v1"


def create_app(context: Context) -> FastAPI:
    # The docs page's scripts come from the installed fastapi-offline package, never a CDN.
    app = FastAPIOffline(
        title="tipwatch",
        version=__version__,
        description="Case tracking and accountability for human-trafficking cases in Pakistan.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        static_url="/static/api-docs",
    )
    app.state.context = context
    api = APIRouter(prefix=API_PREFIX)
    for module in (accounts, cases, people, units, law, oversight, audit, analytics, imports):
        api.include_router(module.router)
    app.include_router(api)
    install_error_handlers(app)
    install_security_headers(app)
    install_docs(app, f"{API_PREFIX}/docs", f"{API_PREFIX}/openapi.json", "/static/api-docs")
    install_web(app)
    return app
