"""Every typed key of the application's state."""

from aiohttp import web

from remo_async.settings import Settings
from remo_async.store import Store

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", Store)
