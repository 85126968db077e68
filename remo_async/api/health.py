"""Public operational routes: liveness, readiness, metrics, the OpenAPI document."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from remo_async.api.problems import problem
from remo_async.keys import DISPATCHER, METRICS, OPENAPI, STORE
from remo_async.store import StoreUnavailable


async def healthz(request: web.Request) -> web.Response:
    """200 while the process runs."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """200 when DynamoDB answers and every table and index is ACTIVE; else 503."""
    try:
        states = await request.app[STORE].table_states()
    except StoreUnavailable as exc:
        return problem(
            503,
            str(exc),
            title="Not ready",
            headers={"Retry-After": "1"},
            checks={"dynamodb": "unreachable"},
        )
    checks = {"dynamodb": "ok", **states}
    dispatcher = request.app.get(DISPATCHER)
    stalled = None if dispatcher is None else dispatcher.stalled_for()
    if stalled is not None:
        return problem(
            503,
            f"the reminder dispatcher has not completed a poll for {stalled:.0f} s",
            title="Not ready",
            headers={"Retry-After": "5"},
            checks={**checks, "dispatcher": "stalled"},
        )
    if dispatcher is not None:
        checks["dispatcher"] = "ok"
    if any(state != "ACTIVE" for state in states.values()):
        missing = ", ".join(name for name, state in states.items() if state != "ACTIVE")
        return problem(
            503,
            f"tables not ready: {missing}",
            title="Not ready",
            headers={"Retry-After": "5"},
            checks=checks,
        )
    return web.json_response({"status": "ready", "checks": checks})


async def openapi_view(request: web.Request) -> web.Response:
    """GET /openapi.json."""
    return web.json_response(request.app[OPENAPI])


async def metrics_view(request: web.Request) -> web.Response:
    """GET /metrics: Prometheus text format."""
    body = generate_latest(request.app[METRICS].registry)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
