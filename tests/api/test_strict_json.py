"""Strict JSON in, encodable JSON out: bad bodies are 4xx, never 5xx, and store nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from aiohttp import ClientResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from remo_async.api.middleware import MAX_BODY_BYTES
from remo_async.api.schemas import ChatIn, ReminderIn, TodoPatch
from remo_async.domain import (
    MessageCreate,
    ReminderCreate,
    ReminderUpdate,
    TodoCreate,
    TodoUpdate,
    UserUpdate,
)
from remo_async.keys import STORE
from remo_async.store import Store
from remo_async.userdata import export_user
from tests.api.conftest import ALICE, Api
from tests.conftest import EXAMPLES

U = f"/user/{ALICE}"
R, T, P = f"{U}/reminders", f"{U}/todos", f"{U}/preferences"
JSON = {"Content-Type": "application/json"}
READS = (P, f"{U}/data", R, T, f"{U}/conversation")
# Tests of the HTTP layer alone (refused before the store is reached) run on one backend.
HTTP_ONLY = pytest.mark.parametrize("backend", ["moto"], indirect=True)


async def _problem(response: ClientResponse, status: int) -> dict[str, Any]:
    text = await response.text()
    assert response.status == status, text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body: dict[str, Any] = json.loads(text)
    assert body["status"] == status
    assert "Traceback" not in text
    return body


async def _post_raw(api: Api, path: str, raw: bytes, method: str = "POST") -> ClientResponse:
    return await api.call(method, path, data=raw, headers=JSON)


async def _reads_answer(api: Api) -> dict[str, Any]:
    """Every read of the user answers 200 with strict JSON; the data document is returned."""
    data: dict[str, Any] = {}
    for path in READS:
        response = await api.call("GET", path)
        raw = await response.read()
        assert response.status == 200, (path, raw[:300])
        assert json.loads(raw)  # parseable
        if path.endswith("/data"):
            data = json.loads(raw)
    return data


def _nested(levels: int, inner: bytes = b"1") -> bytes:
    return b"[" * levels + inner + b"]" * levels


@HTTP_ONLY
async def test_thousands_of_levels_are_400_not_500(api: Api) -> None:
    for raw in (_nested(5000), b'{"a":' * 5000 + b"1" + b"}" * 5000):
        for path in (R, P, "/chat"):
            problem = await _problem(await _post_raw(api, path, raw), 400)
            assert problem["title"] == "Malformed JSON"
    await _reads_answer(api)


async def test_nesting_is_limited_to_32_levels(api: Api) -> None:
    # The body object is level 1: {"deep": [[...]]} with 31 lists is 32 levels.
    ok = b'{"deep": ' + _nested(31) + b"}"
    await api.ok("POST", P, data=ok, headers=JSON)
    too_deep = b'{"deeper": ' + _nested(32) + b"}"
    problem = await _problem(await _post_raw(api, P, too_deep), 400)
    assert "32" in problem["detail"]
    objects = b'{"a":' * 33 + b"1" + b"}" * 33
    await _problem(await _post_raw(api, P, objects), 400)
    saved = (await api.ok("GET", P))["preferences"]
    assert "deep" in saved
    assert "deeper" not in saved
    assert "a" not in saved


NOT_RFC_8259 = {
    "nan": b'{"x": NaN}',
    "infinity": b'{"x": Infinity}',
    "minus-infinity": b'{"x": -Infinity}',
    "float-overflow": b'{"x": 1e400}',
    "huge-int": b'{"x": ' + b"1" * 400 + b"}",
    "surrogate-key": b'{"\\udc80x": 1}',
    "surrogate-value": b'{"x": "\\udc80"}',
    "high-surrogate": b'{"x": "\\ud800\\u0041"}',
    "utf8-surrogate": b'{"x": "\xed\xb2\x80"}',
    "invalid-utf8": b'{"x": "\xff"}',
    "bom": b'\xef\xbb\xbf{"x": 1}',
    "trailing": b'{"x": 1} trailing',
}


async def test_not_rfc_8259_is_400_and_stores_nothing(api: Api) -> None:
    for name, raw in NOT_RFC_8259.items():
        problem = await _problem(await _post_raw(api, P, raw), 400)
        assert problem["title"] == "Malformed JSON", name
        saved = (await api.ok("GET", P))["preferences"]
        assert saved == {"timezone": "UTC", "language": "en"}, name
    await _reads_answer(api)


async def test_surrogates_are_400_on_every_write_route(api: Api) -> None:
    reminder = await api.ok("POST", R, 201, json={"title": "x", "reminding_time": "in 1 hour"})
    todo = await api.ok("POST", T, 201, json={"title": "x"})
    writes = [
        ("PUT", U, b'{"first_name": "\\udc80"}'),
        ("POST", R, b'{"title": "\\udc80", "reminding_time": "in 1 hour"}'),
        ("PATCH", f"{R}/{reminder['reminder_id']}", b'{"title": "\\udc80"}'),
        ("POST", T, b'{"title": "a\\ud800"}'),
        ("PATCH", f"{T}/{todo['todo_id']}", b'{"description": "\\udfff"}'),
        ("POST", f"{U}/conversation", b'{"role": "user", "content": "\\udc80"}'),
        ("POST", "/chat", b'{"message": "remind me \\udc80 tomorrow"}'),
    ]
    for method, path, raw in writes:
        await _problem(await _post_raw(api, path, raw, method=method), 400)
    data = await _reads_answer(api)
    assert [r["title"] for r in data["reminders"]] == ["x"]
    assert [t["title"] for t in data["todos"]] == ["x"]
    assert data["conversation"] == []
    assert data["user"] is None


@HTTP_ONLY
async def test_a_body_the_route_does_not_take_is_415(api: Api) -> None:
    body = json.dumps({"title": "x", "reminding_time": "in 1 hour"}).encode()
    for content_type in (
        "text/plain",
        "application/x-www-form-urlencoded",  # what curl -d sends
        "multipart/form-data; boundary=x",
        "application/xml",
        "application/json; charset=latin-1",
        "application/jsonx",
    ):
        response = await api.call("POST", R, data=body, headers={"Content-Type": content_type})
        problem = await _problem(response, 415)
        assert "application/json" in problem["detail"]
        assert response.headers["Accept-Post"] == "application/json"
    patch = await api.call(
        "PATCH", f"{R}/rem_01M88EK9508Z3YTB3NZ7R8DVJT", data=b"{}", headers={"Content-Type": "x/y"}
    )
    await _problem(patch, 415)
    assert patch.headers["Accept-Patch"] == "application/json"
    chat = await api.call("POST", "/chat", data=b"hi", headers={"Content-Type": "text/plain"})
    assert "application/x-www-form-urlencoded" in (await _problem(chat, 415))["detail"]
    assert (await api.ok("GET", R))["items"] == []


@HTTP_ONLY
async def test_json_types_and_no_content_type_are_read_as_json(api: Api) -> None:
    body = json.dumps({"title": "x", "reminding_time": "in 1 hour"}).encode()
    for headers in (
        {"Content-Type": "application/json; charset=utf-8"},
        {"Content-Type": "Application/JSON"},
        {"Content-Type": "application/vnd.remo+json"},
        {},  # older clients send JSON without a content type
    ):
        response = await api.call(
            "POST", R, data=body, headers=headers, skip_auto_headers=["Content-Type"]
        )
        assert response.status == 201, (headers, await response.text())
    made = (await api.ok("GET", R))["items"]
    merge = await api.call(
        "PATCH",
        f"{R}/{made[0]['reminder_id']}",
        data=b'{"title": "y"}',
        headers={"Content-Type": "application/merge-patch+json"},
    )
    assert merge.status == 200, await merge.text()


@HTTP_ONLY
async def test_forms_never_500(api: Api) -> None:
    for raw, content_type in (
        (b"message=%ED%B2%80", "application/x-www-form-urlencoded"),
        (b"message=\xed\xb2\x80", "application/x-www-form-urlencoded"),
        (b"message=hi%00there%01", "application/x-www-form-urlencoded"),
        (b"message=hi", "application/x-www-form-urlencoded; charset=bogus"),
        (b"message=%FF%FE", "application/x-www-form-urlencoded; charset=utf-16"),
        (b"message=hi&conversation_history=[NaN]", "application/x-www-form-urlencoded"),
        (b'message=hi&conversation_history=["\\udc80"]', "application/x-www-form-urlencoded"),
        (b"message=hi&conversation_history=" + _nested(3000), "application/x-www-form-urlencoded"),
    ):
        response = await api.call("POST", "/chat", data=raw, headers={"Content-Type": content_type})
        text = await response.text()
        assert response.status < 500, (raw, content_type, response.status, text)
    for value, part_type in (
        (b"\xed\xb2\x80", "text/plain; charset=utf-8"),
        (b"hi", "text/plain; charset=nope"),
        (b"\x00\xdc", "text/plain; charset=utf-16-le"),
        (b"hi\x00\x1b", "text/plain"),
    ):
        raw = (
            b'--b\r\nContent-Disposition: form-data; name="message"\r\nContent-Type: '
            + part_type.encode()
            + b"\r\n\r\n"
            + value
            + b"\r\n--b--\r\n"
        )
        headers = {"Content-Type": "multipart/form-data; boundary=b"}
        response = await api.call("POST", "/chat", data=raw, headers=headers)
        assert response.status < 500, (value, part_type, await response.text())
    await _reads_answer(api)


@HTTP_ONLY
async def test_64_kib_is_the_limit(api: Api) -> None:
    def body(size: int) -> bytes:
        start = b'{"title": "x", "reminding_time": "in 1 hour", "description": "'
        return start + b"x" * (size - len(start) - 2) + b'"}'

    at_limit = await _post_raw(api, R, body(MAX_BODY_BYTES))
    assert len(body(MAX_BODY_BYTES)) == MAX_BODY_BYTES
    await _problem(at_limit, 422)  # read, then refused by the schema: description too long
    await _problem(await _post_raw(api, R, body(MAX_BODY_BYTES + 1)), 413)

    async def chunks() -> Any:
        for _ in range(80):
            yield b" " * 1024
        yield b"{}"

    chunked = await api.call("POST", R, data=chunks(), headers=JSON)
    await _problem(chunked, 413)
    assert (await api.ok("GET", R))["items"] == []


async def _raw_set(store: Store, table: str, key: dict[str, Any], name: str, value: str) -> None:
    await store.dynamo.call(
        "update_item",
        TableName=table,
        Key=key,
        UpdateExpression="SET #n = :v",
        ExpressionAttributeNames={"#n": name},
        ExpressionAttributeValues={":v": {"S": value}},
    )


WHEN = datetime(2026, 12, 2, 10, tzinfo=UTC)
# (model, a valid body, the field given a value that must be refused, that value)
REFUSED: list[tuple[type[BaseModel], dict[str, Any], str, str]] = [
    (ReminderCreate, {"title": "x", "reminding_time": WHEN}, "title", "\udc80"),
    (ReminderCreate, {"title": "x", "reminding_time": WHEN}, "description", "a\ud800"),
    (ReminderCreate, {"title": "x", "reminding_time": WHEN}, "recurrence", "FREQ=DAILY\udc80"),
    (ReminderUpdate, {}, "title", "x\udfff"),
    (TodoCreate, {"title": "x"}, "category", "\udc80"),
    (TodoUpdate, {}, "description", "\udc80"),
    (MessageCreate, {"role": "user", "content": "x"}, "content", "\udc80"),
    (UserUpdate, {}, "first_name", "\udc80"),
    (ChatIn, {"message": "hi"}, "message", "hi \udc80"),
    (ChatIn, {"message": "hi"}, "user_id", "\udc80"),
    # Labels: no control characters but tab, CR and LF.
    (ReminderIn, {"title": "x", "reminding_time": "in 1 hour"}, "title", "a\x00b"),
    (TodoPatch, {}, "category", "\x1b[31mred"),
    (UserUpdate, {}, "last_name", "x\x7f"),
    (ChatIn, {"message": "hi"}, "message", "hi\x08"),
]


def test_the_models_the_store_writes_refuse_what_cannot_be_answered() -> None:
    """Whoever builds them (a route, the chat engine, import): refused before any write."""
    for model, valid, field, value in REFUSED:
        model.model_validate(valid)
        with pytest.raises(ValidationError) as raised:
            model.model_validate({**valid, field: value})
        assert [e["loc"][0] for e in raised.value.errors()] == [field], (model, field)
    title = ReminderCreate(title="tab\tand\r\nnewline", reminding_time=WHEN).title
    assert title == "tab\tand\r\nnewline"


# moto's server cannot take a lone surrogate (it answers 500); DynamoDB Local keeps it.
@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_stored_text_that_cannot_be_encoded_is_answered_replaced(api: Api) -> None:
    """What the old bug stored (a lone surrogate) never makes a read 500."""
    store: Store = api.client.app[STORE]
    reminder = await api.ok("POST", R, 201, json={"title": "ok", "reminding_time": "in 1 hour"})
    todo = await api.ok("POST", T, 201, json={"title": "ok"})
    await api.ok("PUT", U, 201, json={"first_name": "Alice"})
    await api.ok("POST", f"{U}/conversation", 201, json={"role": "user", "content": "hi"})
    await api.ok("POST", P, json={"theme": "dark"})
    rid = reminder["reminder_id"]
    await _raw_set(
        store,
        store.reminders.table,
        {"user_id": {"S": ALICE}, "reminder_id": {"S": rid}},
        "title",
        "bad \udc80 title",
    )
    await _raw_set(
        store,
        store.todos.table,
        {"user_id": {"S": ALICE}, "todo_id": {"S": todo["todo_id"]}},
        "description",
        "\ud800",
    )
    await _raw_set(store, store.users.table, {"privy_id": {"S": ALICE}}, "first_name", "Al\udc80ce")
    # The old bug: json.dumps wrote the key escaped into the preferences' JSON string.
    await _raw_set(
        store,
        store.users.table,
        {"privy_id": {"S": ALICE}},
        "preferences",
        json.dumps({"timezone": "UTC", "\udc80x": "v\udfff"}),
    )
    data = await _reads_answer(api)
    assert data["reminders"][0]["title"] == "bad \ufffd title"
    assert data["todos"][0]["description"] == "\ufffd"
    assert data["user"]["first_name"] == "Al\ufffdce"
    assert data["preferences"]["\ufffdx"] == "v\ufffd"
    exported = json.loads((await export_user(store, user_id=ALICE)).model_dump_json())
    assert exported == data  # what `remo-async export` writes
    one = await api.ok("GET", f"{R}/{rid}")
    assert one["title"] == "bad \ufffd title"
    assert (await api.ok("GET", U))["first_name"] == "Al\ufffdce"
    # Overwriting the key mends it; other keys are kept.
    await api.ok("POST", P, json={"theme": "light"})
    await _reads_answer(api)


# --- Property: whatever the body, never a 5xx, and the user's reads still answer -------

FIELDS = (
    "title", "description", "reminding_time", "timezone", "recurrence", "status", "minutes",
    "priority", "category", "due_date", "role", "content", "message", "conversation_history",
    "user_id", "email", "wallet", "first_name", "last_name", "phone_number", "language",
    "webhook_url", "webhook_secret",
)  # fmt: skip
ODD_TEXT = ("\udc80", "a\ud800b", "\x00", "\x1b[31m", "\u2028", "\ufeff", "\x7f", "\r\n\t")
PLAUSIBLE = ("x", "in 1 hour", "tomorrow 10am", "UTC", "FREQ=DAILY", "done", "user", "high")
text = st.lists(st.text(max_size=12) | st.sampled_from(ODD_TEXT + PLAUSIBLE), max_size=3).map(
    "".join
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**30), 2**64, 2**63, 0, 1, 10080, 10081])
    | st.floats(allow_nan=True, allow_infinity=True)
    | text
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=10,
)
objects = st.dictionaries(st.sampled_from(FIELDS) | text, values, max_size=5)


@st.composite
def json_ish(draw: st.DrawFn) -> bytes:
    """Mostly JSON, some of it beyond RFC 8259 (NaN, \\u escapes of lone surrogates, ...)."""
    value = draw(objects | values)
    ascii_only = draw(st.booleans())  # else lone surrogates go out as (invalid) UTF-8
    return json.dumps(value, allow_nan=True, ensure_ascii=ascii_only).encode(
        "utf-8", "surrogatepass"
    )


def _padded(size: int) -> bytes:
    body = b'{"title": "x", "reminding_time": "in 1 hour", "content": "x", "minutes": 5}'
    return body + b" " * (size - len(body))


bodies = st.one_of(
    json_ish(),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.integers(1, 40).map(lambda n: b'{"title": ' + b"[" * n + b"]" * n + b"}"),
    st.binary(max_size=64),
    st.sampled_from([MAX_BODY_BYTES - 1, MAX_BODY_BYTES, MAX_BODY_BYTES + 1]).map(_padded),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json",
        None,
        "application/merge-patch+json",
        "application/json; charset=latin-1",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ]
)
WRITES = (
    ("PUT", U),
    ("POST", P),
    ("POST", R),
    ("PATCH", "{reminder}"),
    ("POST", "{reminder}/snooze"),
    ("POST", T),
    ("PATCH", "{todo}"),
    ("POST", f"{U}/conversation"),
    ("POST", "/chat"),
)


@pytest.fixture
async def items(api: Api) -> dict[str, str]:
    """A reminder and a todo for the PATCH routes to change."""
    reminder = await api.ok("POST", R, 201, json={"title": "r", "reminding_time": "in 1 day"})
    todo = await api.ok("POST", T, 201, json={"title": "t"})
    return {"reminder": f"{R}/{reminder['reminder_id']}", "todo": f"{T}/{todo['todo_id']}"}


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
@settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(write=st.sampled_from(WRITES), body=bodies, content_type=content_types)
async def test_no_body_makes_a_5xx_or_breaks_a_read(
    api: Api,
    items: dict[str, str],
    write: tuple[str, str],
    body: bytes,
    content_type: str | None,
) -> None:
    EXAMPLES["strict JSON: bodies sent to the write routes"] += 1
    method, path = write[0], write[1].format(**items)
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = await api.call(
        method, path, data=body, headers=headers, skip_auto_headers=["Content-Type"]
    )
    raw = await response.read()
    assert response.status < 500, (response.status, raw[:300])
    orjson.loads(raw)  # every answer is strict JSON
    if response.status >= 400:
        assert response.headers["Content-Type"].startswith("application/problem+json")
    await _reads_answer(api)
