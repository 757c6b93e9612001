"""The FastAPI application: routes of the four areas, security headers, a cap on request bodies,
Chinese error pages, static files (CSS and a little JavaScript, no build step) and the worker."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store.database import Store
from . import auth, region_data, routes_account, routes_admin, routes_region, routes_school
from .context import Service, login_redirect, render
from .worker import Worker

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class BodyLimit:
    """Refuses a request body larger than the limit as it streams in (the upload cap cannot be
    dodged by leaving out Content-Length)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            return await PlainTextResponse("上传内容过大。", status_code=413)(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise StarletteHTTPException(413, "上传内容过大。")
            return message
        return await self.app(scope, limited, send)


def create_app(store: Store, data_dir: Path, *, max_upload: int = 50 * 1024 * 1024, setup_token: str | None = None,
               background: bool = True) -> FastAPI:
    """``background``: run the worker thread (tests drive it with app.state.worker.run_pending())."""
    svc = Service(store, Path(data_dir), max_upload, setup_token)
    worker = Worker(svc, after_job=lambda: region_data.refresh(svc))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if background:
            worker.start()
        yield
        worker.stop()

    app = FastAPI(title="nianbao", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.service, app.state.worker = svc, worker
    for module in (routes_account, routes_school, routes_region, routes_admin):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("nianbao.web").joinpath("static"))), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        wants_html = "text/html" in request.headers.get("accept", "")
        if isinstance(exc, auth.LoginRequired) and wants_html and request.method == "GET":
            return login_redirect(request)
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else "页面不存在或您无权查看。"
        if not wants_html:
            return JSONResponse({"detail": message}, status_code=exc.status_code)
        return render(svc, request, "error.html.j2", exc.status_code, user=auth.viewer_of(store, request), message=message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        return render(svc, request, "error.html.j2", 404, user=None, message="页面不存在或您无权查看。")

    app.add_middleware(BodyLimit, limit=max_upload + 1024 * 1024)
    return app
