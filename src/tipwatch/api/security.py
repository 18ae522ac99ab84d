"""Security headers on every response, and the API docs page without inline scripts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def install_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def add_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def install_docs(app: FastAPI, docs_url: str, openapi_url: str, static_url: str) -> None:
    """Swagger UI from the installed fastapi-offline files, started by a script file of ours
    (the content security policy allows no inline script)."""

    @app.get(docs_url, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<title>tipwatch API</title>"
            f'<link rel=stylesheet href="{static_url}/swagger-ui.css"></head>'
            '<body><div id="swagger-ui"></div>'
            f'<script src="{static_url}/swagger-ui-bundle.js"></script>'
            f'<script src="{docs_url}/start.js"></script></body></html>'
        )

    @app.get(f"{docs_url}/start.js", include_in_schema=False)
    def docs_start() -> Response:
        script = (
            f'window.ui = SwaggerUIBundle({{url: "{openapi_url}", dom_id: "#swagger-ui", '
            "deepLinking: true});\n"
        )
        return Response(script, media_type="text/javascript")
