"""Every route × adversarial requests, against a real `remo-async serve` on DynamoDB Local.

For each route of the app's own route table (a new route is fuzzed without a change here),
hypothesis generates requests: raw JSON texts (nesting 1..5000 deep, lone surrogate
escapes, NaN and Infinity, 10**400, -0, 1e999, wrong types for every field, control
characters, bodies a few bytes either side of 64 KiB, invalid UTF-8, BOMs, duplicate
keys, empty bodies), forms, other content types, odd query strings (repeated keys, huge
limits, forged cursors, percent-encoded surrogates and NUL), odd headers (huge
Idempotency-Key, bad X-Request-ID), bad tokens, other methods, and path ids that are the
user's own, made up, garbage, or another user's. Each answer must be < 500; each error
problem+json without a traceback; another user's path or item never answers with data; an
error stores nothing (GET /data before and after every write). Every few examples, and at
the end of each route, every read of the user answers 200 with strict JSON, and the
user's GET /data is imported with `remo-async import` (into the same user, and into a
fresh one whose GET /data must then equal it).

Seed 0 by default; `--hypothesis-seed=N` explores others; REMO_FUZZ_EXAMPLES=N sets the
examples per route (the terminal summary prints how many requests were sent).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from remo_async.api.routes import ROUTES, Route
from tests.faults.conftest import token as mint
from tests.fuzz.conftest import TALLY, FuzzServer, examples_per_route
from tests.fuzz.raw import Answer, Request, send
from tests.fuzz.strategies import (
    IDEMPOTENCY_KEYS,
    PARAM,
    REQUEST_IDS,
    bodies,
    mostly,
    queries,
)

OWN = "did:privy:fuzz"
OTHER = "did:privy:fuzz-other"
SECRET = "fuzz-other-secret"
"""In every title of the other user: it must never appear in an answer to OWN's requests."""
READ_EVERY = 10
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# The own user's id, as given and percent-encoded (the same user to the server).
OWN_IDS = [OWN, "did%3Aprivy%3Afuzz"]
FOREIGN_IDS = [
    OTHER,
    "did:privy:nobody",
    "%ED%B2%80",
    "%00",
    "did:privy:fuzz%00",
    "x" * 300,
    "%2e%2e",
    "did:privy:FUZZ",
    "%20did:privy:fuzz",
]
GARBAGE_IDS = ["x", "%00", "%ED%B2%80", "a" * 2000, "%2e%2e", "null", "%F0%9F%98%80", "-1"]


@functools.cache
def token(user_id: str) -> str:
    """A token of user_id, minted once (valid an hour: longer than any run)."""
    return mint(user_id)


CONSOLE_NAMES = ["app.js", "style.css", "favicon.svg", "index.html", "nope.js", "..%2Fcli.py"]


def route_id(route: Route) -> str:
    return f"{route.method} {route.path}"


def _strict(answer: Answer, what: str) -> Any:
    assert answer.content_type in ("application/json", "application/problem+json"), (
        what,
        answer.describe(),
    )
    try:
        return answer.json()
    except ValueError as exc:
        raise AssertionError(f"{what}: not strict JSON ({exc}): {answer.describe()}") from None


class World:
    """The fuzzed user, the other user whose data must stay out of reach, and the server."""

    def __init__(self, server: FuzzServer) -> None:
        self.server = server
        self.examples = 0
        self.reminders: list[str] = []
        self.todos: list[str] = []
        self.other: dict[str, Any] = {}

    # -- plain requests, for setup and checks -------------------------------------------
    def call(
        self, method: str, target: str, *, user: str = OWN, body: Any = None
    ) -> tuple[int, Any]:
        headers = [("Authorization", f"Bearer {token(user)}")]
        raw = None
        if body is not None:
            raw = json.dumps(body).encode()
            headers.append(("Content-Type", "application/json"))
        answer = send(self.server.port, Request(method, target, headers, raw))
        return answer.status, _strict(answer, f"{method} {target}") if answer.body else None

    def data(self, user: str = OWN) -> dict[str, Any]:
        status, data = self.call("GET", f"/user/{user}/data", user=user)
        assert status == 200, (status, data)
        assert isinstance(data, dict)
        return data

    def setup(self) -> None:
        """Gives the other user a profile and items, once; gives OWN some items to aim at."""
        other = self.data(OTHER)
        if not other["reminders"]:
            self.call("PUT", f"/user/{OTHER}", user=OTHER, body={"first_name": SECRET})
            body = {"title": f"{SECRET} r", "reminding_time": "2099-01-01T10:00:00Z"}
            assert self.call("POST", f"/user/{OTHER}/reminders", user=OTHER, body=body)[0] == 201
            body = {"title": f"{SECRET} t"}
            assert self.call("POST", f"/user/{OTHER}/todos", user=OTHER, body=body)[0] == 201
            body = {"role": "user", "content": SECRET}
            status = self.call("POST", f"/user/{OTHER}/conversation", user=OTHER, body=body)[0]
            assert status == 201
            other = self.data(OTHER)
        self.other = other
        self.refresh(self.data())

    def refresh(self, data: dict[str, Any]) -> None:
        """Keeps ids to aim at; when the fuzzing deleted them all, makes new ones."""
        self.reminders = [r["reminder_id"] for r in data["reminders"]]
        self.todos = [t["todo_id"] for t in data["todos"]]
        if not self.reminders:
            body = {"title": "aim", "reminding_time": "2099-01-01T10:00:00Z"}
            status, made = self.call("POST", f"/user/{OWN}/reminders", body=body)
            assert status == 201, made
            self.reminders = [made["reminder_id"]]
        if not self.todos:
            status, made = self.call("POST", f"/user/{OWN}/todos", body={"title": "aim"})
            assert status == 201, made
            self.todos = [made["todo_id"]]

    # -- generated requests ------------------------------------------------------------
    def requests(self, route: Route) -> st.SearchStrategy[Request]:
        return _requests(route, self)

    def fill(self, draw: st.DrawFn, path: str) -> tuple[str, bool]:
        """path with its parameters filled; True when it names another user's data."""
        foreign = False
        filled = path
        for name in PARAM.findall(path):
            if name in ("subscription_id", "secret"):
                # A push subscription id or a calendar secret: made up, or garbage.
                value = draw(st.sampled_from([*GARBAGE_IDS, "push_" + "0" * 32, "A" * 43]))
            elif name == "user_id":
                value = draw(mostly(OWN, [OWN_IDS[1], *FOREIGN_IDS], weight=80))
                foreign = foreign or value not in OWN_IDS
            elif name == "name":  # a file of the web console
                value = draw(st.sampled_from(CONSOLE_NAMES))
            else:
                # Fixed choices, then an index: what is drawn must not depend on the state.
                own = self.reminders if name == "reminder_id" else self.todos
                theirs = self.other["reminders" if name == "reminder_id" else "todos"]
                kind = draw(mostly("own", ["theirs", "made up", "garbage"], weight=10))
                if kind == "own":
                    value = own[draw(st.integers(0, 15)) % len(own)]
                elif kind == "theirs":
                    value = theirs[0][name]
                elif kind == "made up":
                    value = draw(
                        st.sampled_from([str(uuid.UUID(int=7)), "0" * 32, "rem_0", "todo_0"])
                    )
                else:
                    value = draw(st.sampled_from(GARBAGE_IDS))
            filled = filled.replace("{" + name + "}", value, 1)
        return filled, foreign

    # -- the property ------------------------------------------------------------------
    def example(self, route: Route, request: Request, foreign: bool) -> None:
        self.examples += 1
        writes = request.method in WRITES
        before = self.data() if writes else None
        answer = send(self.server.port, request, stream=True)
        TALLY.count(route_id(route), answer.status)
        what = f"{request.describe()}\n -> {answer.describe()}"
        assert answer.status < 500, what
        if answer.status >= 400:
            _check_problem(answer, what)
        elif answer.body and answer.content_type.endswith("json"):
            _strict(answer, what)
        if foreign:
            assert not 200 <= answer.status < 300, f"another user's path answered: {what}"
        assert SECRET.encode() not in answer.body, f"another user's data in the answer: {what}"
        if before is not None:
            after = self.data()
            if answer.status >= 400:
                assert _comparable(after) == _comparable(before), (
                    f"an error stored something: {what}\n"
                    f"before: {_short(before)}\n after: {_short(after)}"
                )
            self.refresh(after)
        if self.examples % READ_EVERY == 0:
            self.check_reads()

    # -- checks between and after the examples -----------------------------------------
    def check_reads(self) -> dict[str, Any]:
        """Every read of OWN answers 200 with strict JSON; the data document is returned."""
        data = self.data()
        for target in (
            f"/user/{OWN}/preferences",
            f"/user/{OWN}/reminders",
            f"/user/{OWN}/todos",
            f"/user/{OWN}/conversation",
            f"/user/{OWN}/reminders?limit=100",
            *(f"/user/{OWN}/reminders/{i}" for i in self.reminders[:5]),
            *(f"/user/{OWN}/todos/{i}" for i in self.todos[:5]),
        ):
            status, body = self.call("GET", target)
            assert status == 200, (target, status, body)
        status, body = self.call("GET", f"/user/{OWN}")
        # 404 only while there is no profile (none was PUT, or DELETE /data removed it).
        assert status == 200 or (status == 404 and data["user"] is None), (status, body)
        return data

    def check_other_untouched(self) -> None:
        assert self.data(OTHER) == self.other, "another user's data changed"

    def check_log(self) -> None:
        """No traceback, unhandled error or 5xx in what the server logged."""
        for record in self.server.new_log_records():
            assert "Traceback" not in json.dumps(record), record
            assert record.get("event") != "unhandled error", record
            assert record.get("level") not in ("error", "critical"), record
            status = record.get("status")
            assert not (isinstance(status, int) and status >= 500), record

    def check_round_trip(self, tmp: Path) -> None:
        """GET /data imports with the CLI: into OWN again (nothing changes), and into a
        fresh user, whose GET /data must then be the same document."""
        data = self.check_reads()
        exported = tmp / "own.json"
        exported.write_text(json.dumps(data))
        self._import(exported)
        assert _comparable(self.data()) == _comparable(data), "importing into OWN changed it"
        fresh = f"did:privy:fuzz-copy-{uuid.uuid4().hex[:8]}"
        copy = tmp / "copy.json"
        copy.write_text(json.dumps(_moved(data, fresh)))
        self._import(copy)
        restored = self.data(fresh)
        assert _comparable(restored) == _comparable(_moved(data, fresh)), (
            f"the import into {fresh} differs from the export"
        )

    def _import(self, path: Path) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "remo_async", "import", str(path)],
            check=False,
            env=self.server.env,
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (
            f"remo-async import of GET /data exited {done.returncode}: "
            f"{done.stderr[-2000:]}{done.stdout[-500:]}\nfile: {path.read_text()[:2000]}"
        )


@st.composite
def _requests(draw: st.DrawFn, route: Route, world: World) -> Request:
    path, foreign = world.fill(draw, route.path)
    method = draw(mostly(route.method, METHODS, weight=60))
    body, content_type = draw(bodies(route))
    headers: list[tuple[str, str]] = []
    own, other = f"Bearer {token(OWN)}", f"Bearer {token(OTHER)}"
    # OTHER's token only on user paths: elsewhere (POST /chat) it would write OTHER's data.
    others = [other] if "{user_id}" in route.path else []
    auth = draw(
        mostly(own, [None, "Bearer garbage", "Bearer ", "Basic Zm9vOmJhcg==", *others], weight=60)
    )
    if auth is not None:
        headers.append(("Authorization", auth))
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    key = draw(mostly(None, IDEMPOTENCY_KEYS, weight=25))
    if key is not None:
        headers.append(("Idempotency-Key", key))
    request_id = draw(mostly(None, REQUEST_IDS, weight=25))
    if request_id is not None:
        headers.append(("X-Request-ID", request_id))
    target = path + draw(queries(route))
    # A user path answered with data is foreign only when the token is OWN's.
    foreign_token = auth == other and not foreign
    return Request(
        method, target, headers, body, path_user="foreign" if foreign or foreign_token else None
    )


def _check_problem(answer: Answer, what: str) -> None:
    assert answer.content_type == "application/problem+json", f"not problem+json: {what}"
    problem = _strict(answer, what)
    assert isinstance(problem, dict), what
    for name in ("type", "title", "detail"):
        assert isinstance(problem.get(name), str), f"no {name}: {what}"
    assert problem.get("status") == answer.status, f"status differs: {what}"
    text = answer.body.decode("utf-8", "replace")
    assert "Traceback" not in text, f"a traceback: {what}"
    assert 'File "' not in text, f"a traceback: {what}"


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The data document; lists sorted by id (an order is not what is stored)."""
    copy = dict(data)
    for name, key in (("reminders", "reminder_id"), ("todos", "todo_id")):
        copy[name] = sorted(data[name], key=lambda item: str(item[key]))
    return copy


def _moved(data: dict[str, Any], user_id: str) -> dict[str, Any]:
    """The document as if it were user_id's (each record's owner changed)."""
    moved: dict[str, Any] = json.loads(json.dumps(data))
    moved["user_id"] = user_id
    if moved["user"] is not None:
        moved["user"]["privy_id"] = user_id
    for name in ("reminders", "todos", "conversation"):
        for item in moved[name]:
            item["user_id"] = user_id
    return moved


def _short(data: dict[str, Any]) -> str:
    text = json.dumps(data)
    return text if len(text) < 1500 else text[:1500] + "..."


@pytest.mark.slow
@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_no_adversarial_request_breaks_a_route(route: Route, fuzz_server: FuzzServer) -> None:
    world = World(fuzz_server)
    world.setup()
    fuzz_server.new_log_records()  # this route's log only

    @seed(TALLY.seed)
    @settings(
        max_examples=examples_per_route(),
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        request = data.draw(world.requests(route), label="request")
        world.example(route, request, foreign=request.path_user == "foreign")

    fuzz()
    world.check_reads()
    world.check_other_untouched()
    world.check_log()


def test_the_fuzzed_data_round_trips_through_import(
    fuzz_server: FuzzServer, tmp_path: Path
) -> None:
    """After every route was fuzzed (this test runs last): GET /data imports with the CLI."""
    world = World(fuzz_server)
    world.setup()
    world.check_round_trip(tmp_path)
    world.check_log()
