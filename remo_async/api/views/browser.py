"""Browser access: the dev sign-in, the web console's files and the API reference page."""

from __future__ import annotations

import re
from importlib import resources

from aiohttp import web

from remo_async.api.auth import mint_dev_token
from remo_async.api.http import dump, read_body
from remo_async.api.problems import HttpProblem
from remo_async.api.schemas import DevTokenIn, DevTokenOut
from remo_async.keys import SETTINGS
from remo_async.settings import AuthMode

DEV_TOKEN_SECONDS = 12 * 3600
"""Lifetime of a console token minted by POST /dev/token."""
_ASSET = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(js|css|svg|png)$")
_TYPES = {
    "js": "text/javascript",
    "css": "text/css",
    "svg": "image/svg+xml",
    "png": "image/png",
}
# The console's own files only: no inline script, no other origin (the page needs none).
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


async def dev_token(request: web.Request) -> web.Response:
    """POST /dev/token: an HS256 token for any user id; dev mode only (404 in privy mode).

    Whoever can reach the server can sign in as anyone with it: serve warns when dev mode
    listens beyond loopback.
    """
    settings = request.app[SETTINGS]
    if settings.auth_mode is not AuthMode.DEV:
        raise HttpProblem(404, "no such route")
    body = await read_body(request, DevTokenIn)
    token = mint_dev_token(settings, body.user_id, expires_in=DEV_TOKEN_SECONDS)
    return dump(DevTokenOut(token=token, expires_in=DEV_TOKEN_SECONDS))


def _file(name: str) -> bytes:
    return resources.files("remo_async.web").joinpath(name).read_bytes()


async def console(request: web.Request) -> web.Response:
    """GET /: the web console (package data, no network needed); it reads the sign-in it
    offers (dev or privy) from a meta tag."""
    mode = request.app[SETTINGS].auth_mode.value
    return web.Response(
        body=_file("index.html").replace(b"{{auth_mode}}", mode.encode()),
        content_type="text/html",
        charset="utf-8",
        headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"},
    )


async def console_asset(request: web.Request) -> web.Response:
    """GET /console/{name}: one of the console's files (scripts, styles, icons); else 404."""
    name = request.match_info["name"]
    if not _ASSET.match(name):
        raise HttpProblem(404, "not found")
    try:
        body = _file(name)
    except (FileNotFoundError, IsADirectoryError):
        raise HttpProblem(404, "not found") from None
    kind = _TYPES[name.rsplit(".", 1)[1]]
    return web.Response(body=body, headers={"Content-Type": kind, "Cache-Control": "no-cache"})


async def service_worker(request: web.Request) -> web.Response:
    """GET /sw.js: the console's service worker (Web Push notifications), served at the root
    so that its scope, "/", covers the console (W3C Service Workers: a worker's scope is at
    most its own folder unless Service-Worker-Allowed widens it)."""
    return web.Response(
        body=_file("sw.js"),
        headers={"Content-Type": "text/javascript", "Cache-Control": "no-cache"},
    )


async def favicon(request: web.Request) -> web.Response:
    """GET /favicon.ico: the console's icon (an SVG; browsers take it by its type)."""
    return web.Response(
        body=_file("favicon.svg"),
        headers={"Content-Type": "image/svg+xml", "Cache-Control": "max-age=86400"},
    )
