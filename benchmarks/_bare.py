"""The HTTP floor: the service's DynamoDB calls behind bare aiohttp handlers, nothing else.

benchmarks/api.py starts this beside `remo-async serve`, on the same tables, and measures it
as a third side. A handler parses the path, reads the body as JSON (orjson), makes exactly
the DynamoDB calls the service makes for the request (benchmarks/_calls.py, with a client
configured as the service's) and answers the stored item(s) as JSON: no token check,
validation, model, log line, metrics or middleware. On uvloop, as `serve` runs. What a
request costs here beyond the raw call (the HTTP client, aiohttp's parsing and answer) is
what any aiohttp service in front of these calls pays; the service's throughput is judged
against this floor as well as against the raw calls.

Run by api.py: python benchmarks/_bare.py ENDPOINT PREFIX PORT DUE  (DUE: RFC 3339 UTC)
"""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import datetime

import orjson
import uvloop
from _calls import RawCalls
from _local import bench_settings
from aiohttp import web

from remo_async.store import Store

CALLS = web.AppKey("calls", RawCalls)


def _json(value: object, *, status: int = 200) -> web.Response:
    return web.Response(body=orjson.dumps(value), status=status, content_type="application/json")


async def create(request: web.Request) -> web.Response:
    body = await request.read()
    orjson.loads(body)
    calls, user = request.app[CALLS], request.match_info["user_id"]
    given = request.headers.get("Idempotency-Key")
    if given is None:
        item = await calls.create(user)
    else:
        item = await calls.create_idem(user, given, body=body.decode())
    return _json(item, status=201)


async def get(request: web.Request) -> web.Response:
    info = request.match_info
    return _json(await request.app[CALLS].get(info["user_id"], info["reminder_id"]))


async def list_reminders(request: web.Request) -> web.Response:
    return _json(await request.app[CALLS].list(request.match_info["user_id"]))


async def conversation(request: web.Request) -> web.Response:
    return _json(await request.app[CALLS].conversation(request.match_info["user_id"]))


async def ping(_: web.Request) -> web.Response:
    return web.Response(text="ok")


async def serve(endpoint: str, prefix: str, port: int, due: datetime) -> None:
    settings = bench_settings(endpoint, table_prefix=prefix)
    async with Store.open(settings) as store:
        app = web.Application()
        app[CALLS] = RawCalls(store, due)
        app.router.add_post("/user/{user_id}/reminders", create)
        app.router.add_get("/user/{user_id}/reminders", list_reminders)
        app.router.add_get("/user/{user_id}/reminders/{reminder_id}", get)
        app.router.add_get("/user/{user_id}/conversation", conversation)
        app.router.add_get("/ping", ping)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()


def main() -> None:
    endpoint, prefix, port, due = sys.argv[1:5]
    uvloop.run(serve(endpoint, prefix, int(port), datetime.fromisoformat(due)))


if __name__ == "__main__":
    main()
