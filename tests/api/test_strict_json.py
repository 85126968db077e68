"""Strict JSON in, encodable JSON out: bad bodies are 4xx, never 5xx, and store nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp import ClientResponse

from remo_async.api.middleware import MAX_BODY_BYTES
from remo_async.keys import STORE
from remo_async.store import Store
from remo_async.userdata import export_user
from tests.api.conftest import ALICE, Api

U = f"/user/{ALICE}"
R, T, P = f"{U}/reminders", f"{U}/todos", f"{U}/preferences"
JSON = {"Content-Type": "application/json"}
READS = (P, f"{U}/data", R, T, f"{U}/conversation")


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


@pytest.mark.parametrize(
    "raw",
    [
        b'{"x": NaN}',
        b'{"x": Infinity}',
        b'{"x": -Infinity}',
        b'{"x": 1e400}',
        b'{"x": ' + b"1" * 400 + b"}",
        b'{"\\udc80x": 1}',
        b'{"x": "\\udc80"}',
        b'{"x": "\\ud800\\u0041"}',
        b'{"x": "\xed\xb2\x80"}',
        b'{"x": "\xff"}',
        b'\xef\xbb\xbf{"x": 1}',
        b'{"x": 1} trailing',
    ],
    ids=[
        "nan",
        "infinity",
        "minus-infinity",
        "float-overflow",
        "huge-int",
        "surrogate-key",
        "surrogate-value",
        "high-surrogate",
        "utf8-surrogate",
        "invalid-utf8",
        "bom",
        "trailing",
    ],
)
async def test_not_rfc_8259_is_400_and_stores_nothing(api: Api, raw: bytes) -> None:
    problem = await _problem(await _post_raw(api, P, raw), 400)
    assert problem["title"] == "Malformed JSON"
    saved = (await api.ok("GET", P))["preferences"]
    assert saved == {"timezone": "UTC", "language": "en"}
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
