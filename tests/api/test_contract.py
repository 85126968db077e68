"""API.md route by route, as a client written from it would use the service."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from remo_async.api import idempotency
from remo_async.keys import STORE
from remo_async.store import StoreUnavailable
from tests.api.conftest import ALICE, BOB, Api

R = f"/user/{ALICE}/reminders"
T = f"/user/{ALICE}/todos"


async def test_profile(api: Api) -> None:
    missing = await api.call("GET", f"/user/{ALICE}")
    assert missing.status == 404
    assert missing.headers["Content-Type"].startswith("application/problem+json")
    created = await api.ok(
        "PUT", f"/user/{ALICE}", 201, json={"email": "a@example.com", "first_name": "Alice"}
    )
    assert created["privy_id"] == ALICE
    assert created["created_at"].endswith("Z")
    api.clock.advance(minutes=5)
    updated = await api.ok("PUT", f"/user/{ALICE}", 200, json={"last_name": "Liddell"})
    assert updated["created_at"] == created["created_at"]
    assert updated["updated_at"] != created["updated_at"]
    assert (updated["first_name"], updated["last_name"]) == ("Alice", "Liddell")
    assert await api.ok("GET", f"/user/{ALICE}") == updated


async def test_profile_validation_names_fields(api: Api) -> None:
    response = await api.call(
        "PUT",
        f"/user/{ALICE}",
        json={"email": "nope", "wallet": "0x12", "phone_number": "12345", "age": 3},
    )
    assert response.status == 422
    body = await response.json()
    assert {e["field"] for e in body["errors"]} == {"email", "wallet", "phone_number", "age"}
    ok = await api.ok(
        "PUT",
        f"/user/{ALICE}",
        201,
        json={
            "wallet": "0x" + "ab" * 20,
            "phone_number": "+447700900123",
            "last_name": "x" * 100,
        },
    )
    assert ok["wallet"] == "0x" + "ab" * 20
    solana = await api.ok(
        "PUT", f"/user/{ALICE}", json={"wallet": "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"}
    )
    assert solana["wallet"].startswith("7Ec")


async def test_preferences(api: Api) -> None:
    defaults = await api.ok("GET", f"/user/{ALICE}/preferences")
    assert defaults == {"user_id": ALICE, "preferences": {"timezone": "UTC", "language": "en"}}
    merged = await api.ok(
        "POST", f"/user/{ALICE}/preferences", json={"timezone": "Asia/Kolkata", "theme": "dark"}
    )
    assert merged["preferences"] == {"timezone": "Asia/Kolkata", "language": "en", "theme": "dark"}
    again = await api.ok("POST", f"/user/{ALICE}/preferences", json={"language": "de"})
    assert again["preferences"]["theme"] == "dark"
    assert await api.ok("GET", f"/user/{ALICE}/preferences") == again
    bad = await api.call("POST", f"/user/{ALICE}/preferences", json={"timezone": "Mars/Base"})
    assert bad.status == 422
    assert (await bad.json())["errors"][0]["field"] == "timezone"
    big = await api.call("POST", f"/user/{ALICE}/preferences", json={"notes": "x" * 5000})
    assert big.status == 422
    not_object = await api.call("POST", f"/user/{ALICE}/preferences", json=[1, 2])
    assert not_object.status == 422


async def test_webhook_url_must_be_https_and_gets_a_secret(api: Api) -> None:
    http = await api.call(
        "POST", f"/user/{ALICE}/preferences", json={"webhook_url": "http://example.com/hook"}
    )
    assert http.status == 422
    first = await api.ok(
        "POST", f"/user/{ALICE}/preferences", json={"webhook_url": "https://example.com/a"}
    )
    secret = first["preferences"]["webhook_secret"]
    assert secret.startswith("whsec_")
    second = await api.ok(
        "POST", f"/user/{ALICE}/preferences", json={"webhook_url": "https://example.com/b"}
    )
    assert second["preferences"]["webhook_secret"] == secret
    forged = await api.call("POST", f"/user/{ALICE}/preferences", json={"webhook_secret": "x"})
    assert forged.status == 422


async def test_reminder_lifecycle(api: Api) -> None:
    created = await api.call(
        "POST",
        R,
        json={"title": "call mum", "reminding_time": "2026-12-02T10:00:00+01:00"},
    )
    assert created.status == 201
    reminder = await created.json()
    assert (
        created.headers["Location"]
        == f"/user/did%3Aprivy%3Aalice/reminders/{reminder['reminder_id']}"
    )
    assert reminder["reminding_time"] == "2026-12-02T09:00:00Z"
    assert reminder["status"] == "pending"
    assert reminder["fired_at"] is None
    assert reminder["timezone"] == "UTC"
    assert "ttl" not in reminder
    assert "due_shard" not in reminder
    path = f"{R}/{reminder['reminder_id']}"
    assert await api.ok("GET", path) == reminder
    patched = await api.ok("PATCH", path, json={"title": "call mum and dad", "status": "done"})
    assert (patched["title"], patched["status"]) == ("call mum and dad", "done")
    fired = await api.call("PATCH", path, json={"status": "fired"})
    assert fired.status == 422
    refused = await api.call("PATCH", path, json={"status": "cancelled"})
    assert refused.status == 409
    assert await api.ok("DELETE", path, 204) is None
    assert (await api.call("GET", path)).status == 404
    assert await api.ok("DELETE", path, 204) is None


async def test_reminder_times_in_the_users_zone_and_plain_english(api: Api) -> None:
    await api.ok("POST", f"/user/{ALICE}/preferences", json={"timezone": "America/New_York"})
    naive = await api.ok(
        "POST", R, 201, json={"title": "a", "reminding_time": "2026-12-02T10:00:00"}
    )
    assert naive["reminding_time"] == "2026-12-02T15:00:00Z"
    assert naive["timezone"] == "America/New_York"
    # The test clock says 2026-11-25 09:00 UTC, 04:00 in New York.
    english = await api.ok("POST", R, 201, json={"title": "b", "reminding_time": "tomorrow 10am"})
    assert english["reminding_time"] == "2026-11-26T15:00:00Z"
    kolkata = await api.ok(
        "POST",
        R,
        201,
        json={"title": "c", "reminding_time": "in 2 hours", "timezone": "Asia/Kolkata"},
    )
    assert kolkata["reminding_time"] == "2026-11-25T11:00:00Z"
    bad = await api.call("POST", R, json={"title": "d", "reminding_time": "when pigs fly"})
    assert bad.status == 422
    assert (await bad.json())["errors"][0]["field"] == "reminding_time"


async def test_recurrence_is_validated(api: Api) -> None:
    ok = await api.ok(
        "POST",
        R,
        201,
        json={
            "title": "standup",
            "reminding_time": "tomorrow 9am",
            "recurrence": "FREQ=WEEKLY;BYDAY=MO",
        },
    )
    assert ok["recurrence"] == "FREQ=WEEKLY;BYDAY=MO"
    bad = await api.call(
        "POST", R, json={"title": "x", "reminding_time": "tomorrow", "recurrence": "EVERY DAY"}
    )
    assert bad.status == 422
    assert (await bad.json())["errors"][0]["field"] == "recurrence"


async def test_reminder_list_pages_and_status(api: Api) -> None:
    made = []
    for i in range(5):
        made.append(
            await api.ok("POST", R, 201, json={"title": f"r{i}", "reminding_time": "in 1 hour"})
        )
    await api.ok("PATCH", f"{R}/{made[1]['reminder_id']}", json={"status": "cancelled"})
    page = await api.ok("GET", f"{R}?limit=2")
    assert [r["title"] for r in page["items"]] == ["r0", "r1"]
    rest = await api.ok("GET", R, params={"limit": 10, "cursor": page["next_cursor"]})
    assert [r["title"] for r in rest["items"]] == ["r2", "r3", "r4"]
    assert rest["next_cursor"] is None
    pending = await api.ok("GET", f"{R}?status=pending")
    assert [r["title"] for r in pending["items"]] == ["r0", "r2", "r3", "r4"]
    for bad in ("limit=0", "limit=101", "limit=x", "status=asleep", "color=red"):
        response = await api.call("GET", f"{R}?{bad}")
        assert response.status == 422, bad
    tampered = page["next_cursor"][:-3] + (
        "AAA" if not page["next_cursor"].endswith("AAA") else "BBB"
    )
    assert (await api.call("GET", R, params={"cursor": tampered})).status == 400
    foreign = await api.call(
        "GET", f"/user/{BOB}/reminders", params={"cursor": page["next_cursor"]}, user=BOB
    )
    assert foreign.status == 400
    todo_cursor = await api.call("GET", T, params={"cursor": page["next_cursor"]})
    assert todo_cursor.status == 400


async def test_snooze(api: Api) -> None:
    reminder = await api.ok(
        "POST", R, 201, json={"title": "oven", "reminding_time": "in 5 minutes"}
    )
    path = f"{R}/{reminder['reminder_id']}"
    snoozed = await api.ok("POST", f"{path}/snooze", json={"minutes": 10})
    assert snoozed["reminding_time"] == "2026-11-25T09:10:00Z"
    assert snoozed["status"] == "pending"
    for minutes in (0, 10081, "ten"):
        assert (await api.call("POST", f"{path}/snooze", json={"minutes": minutes})).status == 422
    await api.ok("PATCH", path, json={"status": "done"})
    assert (await api.call("POST", f"{path}/snooze", json={"minutes": 5})).status == 409
    assert (await api.call("POST", f"{R}/rem_nope/snooze", json={"minutes": 5})).status == 404


async def test_todo_lifecycle(api: Api) -> None:
    created = await api.call(
        "POST",
        T,
        json={"title": "taxes", "priority": "high", "category": "home", "due_date": "2027-04-15"},
    )
    assert created.status == 201
    todo = await created.json()
    assert created.headers["Location"].endswith(todo["todo_id"])
    assert (todo["due_date"], todo["status"], todo["completed_at"]) == (
        "2027-04-15",
        "pending",
        None,
    )
    path = f"{T}/{todo['todo_id']}"
    done = await api.ok("PATCH", path, json={"status": "done"})
    assert done["completed_at"] == "2026-11-25T09:00:00Z"
    english = await api.ok("POST", T, 201, json={"title": "call", "due_date": "tomorrow 3pm"})
    assert english["due_date"] == "2026-11-26T15:00:00Z"
    dated = await api.ok("POST", T, 201, json={"title": "plan", "due_date": "tomorrow"})
    assert dated["due_date"] == "2026-11-26"
    assert (await api.call("POST", T, json={"title": "x", "priority": "whenever"})).status == 422
    assert (await api.call("POST", T, json={"title": "x", "category": "c" * 51})).status == 422
    high = await api.ok("GET", f"{T}?priority=high&status=done")
    assert [t["title"] for t in high["items"]] == ["taxes"]
    assert await api.ok("DELETE", path, 204) is None
    assert (await api.call("GET", path)).status == 404


async def test_conversation(api: Api) -> None:
    for i in range(3):
        api.clock.advance(seconds=1)
        created = await api.call(
            "POST", f"/user/{ALICE}/conversation", json={"role": "user", "content": f"m{i}"}
        )
        assert created.status == 201
        assert created.headers["Location"]
    page = await api.ok("GET", f"/user/{ALICE}/conversation?limit=2")
    assert [m["content"] for m in page["items"]] == ["m1", "m2"]
    older = await api.ok(
        "GET", f"/user/{ALICE}/conversation", params={"cursor": page["next_cursor"]}
    )
    assert [m["content"] for m in older["items"]] == ["m0"]
    assert (
        await api.call(
            "POST", f"/user/{ALICE}/conversation", json={"role": "system", "content": "x"}
        )
    ).status == 422
    assert await api.ok("DELETE", f"/user/{ALICE}/conversation", 204) is None
    assert (await api.ok("GET", f"/user/{ALICE}/conversation"))["items"] == []


async def test_all_data_and_delete_by_type(api: Api) -> None:
    await api.ok("PUT", f"/user/{ALICE}", 201, json={"first_name": "Alice"})
    for i in range(60):
        await api.ok("POST", R, 201, json={"title": f"r{i}", "reminding_time": "in 1 day"})
    await api.ok("POST", T, 201, json={"title": "t"})
    await api.ok("POST", "/chat", json={"message": "hello"})
    data = await api.ok("GET", f"/user/{ALICE}/data")
    assert data["user_id"] == ALICE
    assert data["user"]["first_name"] == "Alice"
    assert data["preferences"]["timezone"] == "UTC"
    assert len(data["reminders"]) == 60
    assert len(data["todos"]) == 1
    assert [m["role"] for m in data["conversation"]] == ["user", "assistant"]
    deleted = await api.ok("DELETE", f"/user/{ALICE}/data?data_type=reminders")
    assert deleted == {"deleted": {"reminders": 60}}
    assert (await api.ok("GET", R))["items"] == []
    assert (await api.call("DELETE", f"/user/{ALICE}/data?data_type=everything")).status == 422
    everything = await api.ok("DELETE", f"/user/{ALICE}/data")
    assert everything == {
        "deleted": {
            "reminders": 0,
            "todos": 1,
            "conversations": 2,
            "push_subscriptions": 0,
            "calendar_feed": 0,
            "user": 1,
        }
    }
    assert (await api.call("GET", f"/user/{ALICE}")).status == 404


async def test_chat_stores_each_turn_once(api: Api) -> None:
    history: list[dict[str, Any]] = [{"role": "user", "content": "earlier"}] * 5
    answer = await api.ok(
        "POST",
        "/chat",
        json={"message": "hello", "conversation_history": history, "user_id": ALICE},
    )
    assert answer["success"] is True
    assert answer["user_id"] == ALICE
    assert answer["actions"] == []
    assert answer["response"]
    form = await api.ok(
        "POST", "/chat", data={"message": "from a form", "conversation_history": "[]"}
    )
    assert form["success"] is True
    stored = await api.ok("GET", f"/user/{ALICE}/conversation")
    assert [m["content"] for m in stored["items"]][::2] == ["hello", "from a form"]
    assert len(stored["items"]) == 4
    other = await api.call("POST", "/chat", json={"message": "hi", "user_id": BOB})
    assert other.status == 403
    empty = await api.call("POST", "/chat", json={"message": ""})
    assert empty.status == 422


async def test_idempotent_creates(api: Api) -> None:
    body = {"title": "once", "reminding_time": "in 1 hour"}
    key = {"Idempotency-Key": "k-1"}
    first = await api.call("POST", R, json=body, headers=key)
    second = await api.call("POST", R, json=body, headers=key)
    assert (first.status, second.status) == (201, 201)
    assert await first.json() == await second.json()
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers["Idempotent-Replayed"] == "true"
    other = await api.call("POST", R, json={**body, "title": "twice"}, headers=key)
    assert other.status == 409
    # The same key on another route or for another user is another key.
    todo = await api.call("POST", T, json={"title": "once"}, headers=key)
    assert todo.status == 201
    listed = await api.ok("GET", R)
    assert [r["title"] for r in listed["items"]] == ["once"]
    assert (
        await api.call("POST", R, json=body, headers={"Idempotency-Key": "x" * 256})
    ).status == 400


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_concurrent_retries_create_once(api: Api) -> None:
    body = {"title": "race", "reminding_time": "in 1 hour"}
    responses = await asyncio.gather(
        *(api.call("POST", R, json=body, headers={"Idempotency-Key": "race"}) for _ in range(5))
    )
    assert [r.status for r in responses] == [201] * 5
    ids = {(await r.json())["reminder_id"] for r in responses}
    assert len(ids) == 1
    assert len((await api.ok("GET", R))["items"]) == 1


async def test_create_stands_when_its_idempotent_answer_cannot_be_stored(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reminder was made: its 201 is the answer, not a 503 that invites a second one."""
    keys = api.client.app[STORE].idempotency

    async def unavailable(**_: Any) -> None:
        raise StoreUnavailable("DynamoDB is unreachable")

    monkeypatch.setattr(keys, "complete", unavailable)
    key = {"Idempotency-Key": "answer-lost"}
    body = {"title": "made once", "reminding_time": "in 1 hour"}
    made = await api.call("POST", R, json=body, headers=key)
    assert made.status == 201
    monkeypatch.undo()
    monkeypatch.setattr(idempotency, "WAIT_FOR_FIRST", 0.2)
    retry = await api.call("POST", R, json=body, headers=key)
    assert retry.status == 409  # still claimed by the first: never a second create
    assert [r["title"] for r in (await api.ok("GET", R))["items"]] == ["made once"]


async def test_failed_create_releases_the_key(api: Api) -> None:
    key = {"Idempotency-Key": "retry-after-fix"}
    bad = await api.call(
        "POST", R, json={"title": "x", "reminding_time": "never ever"}, headers=key
    )
    assert bad.status == 422
    fixed = await api.call(
        "POST", R, json={"title": "x", "reminding_time": "in 1 hour"}, headers=key
    )
    assert fixed.status == 201


async def test_chat_acts_through_the_engine(api: Api) -> None:
    await api.ok("POST", f"/user/{ALICE}/preferences", json={"timezone": "Asia/Kolkata"})
    answer = await api.ok(
        "POST", "/chat", json={"message": "remind me to call mum tomorrow at 10am"}
    )
    (action,) = answer["actions"]
    assert action["type"] == "reminder.created"
    # 10:00 in Kolkata (+05:30) is 04:30 UTC; the test clock is 2026-11-25 09:00 UTC.
    assert action["reminder"]["reminding_time"] == "2026-11-26T04:30:00Z"
    assert "10:00 AM" in answer["response"]
    listed = await api.ok("GET", R)
    assert [r["title"] for r in listed["items"]] == [action["reminder"]["title"]]
    nothing = await api.ok("POST", "/chat", json={"message": "what is the airspeed of a swallow"})
    assert nothing["actions"] == []
    assert nothing["response"]
    stored = await api.ok("GET", f"/user/{ALICE}/conversation")
    assert len(stored["items"]) == 4
